from datetime import date

from odoo.tests import HttpCase, tagged

from odoo.addons.crm_idic.tests.vietnamese import vietnamese_company, vietnamese_user


def ranked_program(env, company, name, gold_multiplier=1.0):
    """A ranked program of ``company`` at 10,000 a point, with a Member and a Gold rank
    (from 10,000 qualifying points)."""
    return (
        env["loyalty.program"]
        .with_company(company)
        .create(
            {
                "name": name,
                "company_id": company.id,
                "program_type": "loyalty",
                "applies_on": "both",
                "trigger": "auto",
                "crm_loyalty_ranked": True,
                "crm_loyalty_amount_per_point": 10000,
                "rule_ids": [(0, 0, {"reward_point_mode": "money"})],
                "crm_loyalty_tier_ids": [
                    (0, 0, {"name": "Thành viên", "sequence": 1, "threshold": 0}),
                    (
                        0,
                        0,
                        {
                            "name": "Vàng",
                            "sequence": 2,
                            "threshold": 10000,
                            "multiplier": gold_multiplier,
                        },
                    ),
                ],
            }
        )
    )


@tagged("post_install", "-at_install")
class TestLoyaltyTour(HttpCase):
    def test_sale_order_shows_rank_and_points(self):
        company = self.env.ref("base.user_admin").company_id
        program = ranked_program(self.env, company, "Tour loyalty", gold_multiplier=1.25)
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


@tagged("post_install", "-at_install")
class TestLoyaltyVietnameseTour(HttpCase):
    """The loyalty manager, in Vietnamese, in a company that works in đồng."""

    def test_manager_reads_members_and_files_a_redemption_in_vietnamese(self):
        company = vietnamese_company(self.env, ["loyalty", "crm_idic", "crm_loyalty"])
        manager = vietnamese_user(
            self.env,
            company,
            "loyalty_vi_manager",
            "crm_loyalty.group_loyalty_manager,crm_idic.group_idic_user,"
            "sales_team.group_sale_salesman",
        )
        program = ranked_program(self.env, company, "Khách hàng thân thiết")
        program.reward_ids = [
            (0, 0, {"reward_type": "discount", "discount": 5, "required_points": 1000})
        ]
        partner = self.env["res.partner"].create({"name": "Chị Lan", "company_id": company.id})
        card = self.env["loyalty.card"].create({"program_id": program.id, "partner_id": partner.id})
        self.cr.flush()  # the card exists before it earns: its chatter tracks the balance
        # what the member earned and spent, written by the program (balance = history)
        card._crm_loyalty_post(
            [
                {
                    "card_id": card.id,
                    "description": "Đơn hàng",
                    "issued": 12345,
                    "crm_loyalty_kind": "order",
                    "crm_loyalty_date": date.today(),
                },
                {
                    "card_id": card.id,
                    "description": "Đổi thưởng",
                    "used": 9195,
                    "crm_loyalty_kind": "redemption",
                    "crm_loyalty_date": date.today(),
                },
            ]
        )
        card._crm_loyalty_assess()
        self.assertEqual(card.points, 3150)
        hotel, airline = self.env["res.partner"].create(
            [
                {"name": "Khách sạn Sông Hoài", "is_company": True},
                {"name": "Hãng bay Sao Việt", "is_company": True},
            ]
        )
        self.env["crm.loyalty.partner.reward"].create(
            [
                {
                    "name": "Một đêm khách sạn",
                    "program_id": program.id,
                    "supplier_id": hotel.id,
                    "category": "hotel",
                    "points_cost": 3000,
                },
                {
                    "name": "Vé máy bay",
                    "program_id": program.id,
                    "supplier_id": airline.id,
                    "category": "airline",
                    "points_cost": 5000,
                },
            ]
        )
        self.start_tour("/odoo", "crm_loyalty_vi_tour", login=manager.login)
        redemption = self.env["crm.loyalty.redemption"].search([("card_id", "=", card.id)])
        self.assertEqual(redemption.reward_id.name, "Một đêm khách sạn")
        self.assertEqual(redemption.points, 3000)
        self.assertEqual(redemption.create_uid, manager)
