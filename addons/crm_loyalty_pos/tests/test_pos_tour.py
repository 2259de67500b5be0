from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.crm_idic.tests.vietnamese import vietnamese_company
from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon

# the Vietnamese the cashier reads: Odoo's point of sale and loyalty, and ours
VI_MODULES = ["point_of_sale", "pos_loyalty", "loyalty", "crm_loyalty", "crm_loyalty_pos"]


class CashierTourCase(TestPointOfSaleHttpCommon):
    """The cashier's round (static/tests/tours/cashier_steps.js): a Silver member with
    3,000 points (x1.1, 7,000 to Gold) buys a product the ranked program counts and one
    it does not; the server counts the points of the order in the card's history."""

    def run_cashier_tour(self, tour, member, products, ranks, per_point, history_text):
        """``products``: ((name, price) counted, (name, price) not counted); ``ranks``:
        the names of the program's three ranks; ``per_point``: the amount of a point;
        ``history_text``: how the history row of the order begins."""
        self.env["loyalty.program"].search([]).write({"active": False})
        counted = self.env["product.product"].create(
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
                for name, price in products
            ]
        )[:1]
        base, silver, gold = ranks
        program = self.env["loyalty.program"].create(
            {
                "name": "Tour ranks",
                "company_id": self.env.company.id,
                "program_type": "loyalty",
                "applies_on": "both",
                "trigger": "auto",
                "crm_loyalty_ranked": True,
                "crm_loyalty_amount_per_point": per_point,
                # the program counts the first product only: the second earns nothing
                "rule_ids": [
                    Command.create(
                        {"reward_point_mode": "money", "product_ids": [Command.set(counted.ids)]}
                    )
                ],
                "crm_loyalty_tier_ids": [
                    Command.create({"name": base, "sequence": 1, "threshold": 0}),
                    Command.create(
                        {"name": silver, "sequence": 2, "threshold": 2000, "multiplier": 1.1}
                    ),
                    Command.create(
                        {"name": gold, "sequence": 3, "threshold": 10000, "multiplier": 1.25}
                    ),
                ],
            }
        )
        partner = self.env["res.partner"].create({"name": member})
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
        self.assertEqual(card.crm_loyalty_tier_id.name, silver)
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour(tour)
        # the back office card has the order in its history: 100 points x 1.1
        order = self.env["pos.order"].search([("partner_id", "=", partner.id)])
        self.assertEqual(len(order), 1)
        self.assertEqual(order.amount_total, sum(price for _name, price in products))
        row = self.env["loyalty.history"].search(
            [("card_id", "=", card.id), ("order_model", "=", "pos.order")]
        )
        self.assertRecordValues(row, [{"order_id": order.id, "issued": 110, "used": 0}])
        self.assertTrue(row.description.startswith(history_text), row.description)
        self.assertEqual(order.crm_loyalty_pos_points, 110)
        # balance = history
        self.env.invalidate_all()
        self.assertEqual(card.points, 3110)
        self.assertEqual(
            card.points,
            sum(card.history_ids.mapped("issued")) - sum(card.history_ids.mapped("used")),
        )


@tagged("post_install", "-at_install")
class TestPosTour(CashierTourCase):
    def test_cashier_sees_rank_points_and_new_balance(self):
        self.run_cashier_tour(
            "crm_loyalty_pos_tour",
            "Tour Silver Member",
            (("Tour Router", 100), ("Tour Gift Wrap", 50)),
            ("Member", "Silver", "Gold"),
            per_point=1,
            history_text="Point of sale",
        )


@tagged("post_install", "-at_install")
class TestPosTourVi(CashierTourCase):
    """The same round by a cashier who reads Vietnamese, in a company that works in
    đồng."""

    @classmethod
    def setup_independent_company(cls, **kwargs):
        # the company the point of sale common builds its shop in: Vietnamese loaded, in
        # đồng, with the chart of accounts a shop needs (the generic chart is the United
        # States': the company keeps its đồng)
        company = vietnamese_company(cls.env(su=True), VI_MODULES, **kwargs)
        cls.env.user.company_ids = [Command.link(company.id)]
        cls._use_chart_template(company, cls.chart_template)
        company.currency_id = cls.env.ref("base.VND")
        return company

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pos_user.write({"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"})
        cls.bank_payment_method.name = "Chuyển khoản"

    def test_cashier_reads_rank_points_and_receipt_in_vietnamese(self):
        self.assertEqual(self.main_pos_config.currency_id, self.env.ref("base.VND"))
        self.run_cashier_tour(
            "crm_loyalty_pos_vi_tour",
            "Chị Lan",
            (("Bộ phát wifi", 1_000_000), ("Giấy gói quà", 50_000)),
            ("Thành viên", "Bạc", "Vàng"),
            per_point=10_000,
            history_text="Bán lẻ tại quầy",
        )
