from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestLoyaltyTour(HttpCase):
    def test_sale_order_shows_rank_and_points(self):
        company = self.env.ref("base.user_admin").company_id
        program = self.env["loyalty.program"].create(
            {
                "name": "Tour loyalty",
                "company_id": company.id,
                "program_type": "loyalty",
                "applies_on": "both",
                "trigger": "auto",
                "crm_loyalty_ranked": True,
                "crm_loyalty_amount_per_point": 10000,
                "rule_ids": [(0, 0, {"reward_point_mode": "money"})],
                "crm_loyalty_tier_ids": [
                    (0, 0, {"name": "Thành viên", "sequence": 1, "threshold": 0}),
                    (0, 0, {"name": "Vàng", "sequence": 2, "threshold": 10000, "multiplier": 1.25}),
                ],
            }
        )
        partner = self.env["res.partner"].create({"name": "Tour Member"})
        card = self.env["loyalty.card"].create({"program_id": program.id, "partner_id": partner.id})
        # the points the member earned, written by the program (balance = history)
        card._crm_loyalty_post(
            [
                {
                    "card_id": card.id,
                    "description": "Earned",
                    "issued": 12000,
                    "crm_loyalty_kind": "order",
                }
            ]
        )
        card._crm_loyalty_assess()
        product = self.env["product.product"].create({"name": "Tour router", "taxes_id": False})
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "company_id": company.id,
                "order_line": [
                    (0, 0, {"product_id": product.id, "price_unit": 12_345_000, "tax_id": False})
                ],
            }
        )
        self.start_tour(f"/odoo/sales/{order.id}", "crm_loyalty_sale_order_tour", login="admin")
