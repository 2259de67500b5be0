from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon


@tagged("post_install", "-at_install")
class TestPosTour(TestPointOfSaleHttpCommon):
    def test_cashier_sees_rank_points_and_new_balance(self):
        self.env["loyalty.program"].search([]).write({"active": False})
        products = self.env["product.product"].create(
            [
                {
                    "name": name,
                    "list_price": price,
                    "taxes_id": False,
                    "available_in_pos": True,
                    "pos_categ_ids": [
                        Command.set(self.main_pos_config.iface_available_categ_ids.ids)
                    ],
                }
                for name, price in (("Tour Router", 100), ("Tour Gift Wrap", 50))
            ]
        )
        program = self.env["loyalty.program"].create(
            {
                "name": "Tour ranks",
                "company_id": self.env.company.id,
                "program_type": "loyalty",
                "applies_on": "both",
                "trigger": "auto",
                "crm_loyalty_ranked": True,
                "crm_loyalty_amount_per_point": 1,
                # the program counts the router only: the gift wrap earns nothing
                "rule_ids": [
                    Command.create(
                        {
                            "reward_point_mode": "money",
                            "product_ids": [Command.set(products[:1].ids)],
                        }
                    )
                ],
                "crm_loyalty_tier_ids": [
                    Command.create({"name": "Member", "sequence": 1, "threshold": 0}),
                    Command.create(
                        {"name": "Silver", "sequence": 2, "threshold": 2000, "multiplier": 1.1}
                    ),
                    Command.create(
                        {"name": "Gold", "sequence": 3, "threshold": 10000, "multiplier": 1.25}
                    ),
                ],
            }
        )
        partner = self.env["res.partner"].create({"name": "Tour Silver Member"})
        card = self.env["loyalty.card"].create({"program_id": program.id, "partner_id": partner.id})
        card._crm_loyalty_post(
            [
                {
                    "card_id": card.id,
                    "description": "Earned",
                    "issued": 3000,
                    "crm_loyalty_kind": "order",
                    "crm_loyalty_date": fields.Date.today(),
                }
            ]
        )
        card._crm_loyalty_assess()
        self.assertEqual(card.crm_loyalty_tier_id.name, "Silver")
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("crm_loyalty_pos_tour")
        # the back office card has the order in its history
        order = self.env["pos.order"].search([("partner_id", "=", partner.id)])
        self.assertEqual(len(order), 1)
        row = self.env["loyalty.history"].search(
            [("card_id", "=", card.id), ("order_model", "=", "pos.order")]
        )
        self.assertRecordValues(row, [{"order_id": order.id, "issued": 110, "used": 0}])
        self.assertEqual(card.points, 3110)
