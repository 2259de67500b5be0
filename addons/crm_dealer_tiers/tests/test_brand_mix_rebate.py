"""The dealer's brand mix on its form and the yearly rebate report, read as users."""

from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import DealerCase


@tagged("post_install", "-at_install")
class TestBrandMixRebate(DealerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Brand = cls.env["crm.dealer.brand"]
        major = Brand.create({"name": "Major M", "major": True})
        minor = Brand.create({"name": "Minor M"})
        Product = cls.env["product.product"]
        cls.major_product = Product.create(
            {"name": "Major tablet", "type": "consu", "dealer_brand_id": major.id}
        )
        cls.minor_product = Product.create(
            {"name": "Minor tablet", "type": "consu", "dealer_brand_id": minor.id}
        )
        cls.plain_product = Product.create({"name": "Cable", "type": "consu"})
        cls.top = cls.make_dealer("Mix distributor", cls.dist)
        cls.agent = cls.make_dealer("Mix level 1", cls.l1, parent=cls.top)

    @classmethod
    def order(cls, partner, product, amount, when, state="sale"):
        return cls.make_order(partner, product, amount, when, state)

    def months_ago(self, months):
        return datetime.combine(self.today - relativedelta(months=months), time(9))

    def test_brand_mix_last_24_months(self):
        self.order(self.top, self.major_product, 600, self.months_ago(3))
        self.order(self.top, self.minor_product, 300, self.months_ago(10))
        self.order(self.top, self.plain_product, 100, self.months_ago(20))
        # too old, or not confirmed: left out
        self.order(self.top, self.major_product, 5_000, self.months_ago(30))
        self.order(self.top, self.major_product, 7_000, self.months_ago(1), state="draft")
        self.order(self.agent, self.minor_product, 400, self.months_ago(2))
        # the salesperson of both dealers reads their figures
        (self.top | self.agent).user_id = self.sales
        self.env.invalidate_all()
        dealers = self.as_user(self.sales, self.top | self.agent)
        self.assertEqual(dealers.mapped("dealer_revenue_24m"), [1_000, 400])
        self.assertAlmostEqual(dealers[0].dealer_major_pct, 60.0)
        self.assertAlmostEqual(dealers[0].dealer_minor_pct, 30.0)
        self.assertAlmostEqual(dealers[1].dealer_major_pct, 0.0)
        self.assertAlmostEqual(dealers[1].dealer_minor_pct, 100.0)
        top = self.as_user(self.manager, self.top)
        self.assertEqual(top.dealer_revenue_24m, 1_000)
        self.assertAlmostEqual(top.dealer_major_pct, 60.0)
        # a dealer without orders
        fresh = self.make_dealer("Mix new", self.l2, parent=self.agent, user=self.sales)
        fresh = self.as_user(self.sales, fresh)
        self.assertEqual(fresh.dealer_revenue_24m, 0)
        self.assertEqual(fresh.dealer_major_pct, 0)

    def test_brand_mix_needs_dealer_group(self):
        with self.assertRaises(AccessError):
            self.as_user(self.employee, self.top).read(["dealer_revenue_24m"])

    def test_a_past_year_pays_the_tier_held_then(self):
        self.l1.rebate_pct = 1
        dealer = self.make_dealer("Rebate mover", self.l1)  # level 1 since 2024-01-01
        dealer._dealer_set_tier(self.dist, "review", date(2025, 7, 1))
        self.order(dealer, self.major_product, 8_000, datetime(2023, 6, 1, 9))  # no tier yet
        self.order(dealer, self.major_product, 10_000, datetime(2024, 5, 1, 9))
        self.order(dealer, self.major_product, 30_000, datetime(2025, 3, 1, 9))
        self.order(dealer, self.minor_product, 20_000, datetime(2025, 9, 1, 9))
        self.env.flush_all()
        Report = self.as_user(self.manager, self.env["crm.dealer.rebate.report"])
        rows = Report.search([("partner_id", "=", dealer.id)], order="year, sales_amount")
        got = [(r.year, r.tier_id, r.sales_amount, r.rebate_pct, r.rebate_amount) for r in rows]
        tier_none = self.env["crm.dealer.tier"]
        self.assertEqual(
            got,
            [
                ("2023", tier_none, 8_000, 0, 0),  # before its first tier: no rebate
                ("2024", self.l1, 10_000, 1, 100),  # level 1 then, not today's distributor
                ("2025", self.dist, 20_000, 3, 600),  # from July, as a distributor
                ("2025", self.l1, 30_000, 1, 300),  # until June, at level 1
            ],
        )
        groups = Report._read_group(
            [("partner_id", "=", dealer.id)], ["year"], ["rebate_amount:sum"]
        )
        self.assertEqual(groups, [("2023", 0), ("2024", 100), ("2025", 900)])

    def test_yearly_rebate_rows(self):
        self.order(self.top, self.major_product, 10_000, datetime(2024, 3, 1, 9))
        self.order(self.top, self.minor_product, 5_000, datetime(2024, 11, 1, 9))
        self.order(self.top, self.major_product, 20_000, datetime(2025, 5, 1, 9))
        self.order(self.top, self.major_product, 99_000, datetime(2025, 6, 1, 9), state="draft")
        self.order(self.agent, self.minor_product, 4_000, datetime(2025, 2, 1, 9))
        self.env.flush_all()
        Report = self.as_user(self.manager, self.env["crm.dealer.rebate.report"])
        rows = Report.search([("partner_id", "=", self.top.id)], order="year")
        self.assertEqual(rows.mapped("year"), ["2024", "2025"])
        self.assertEqual(rows.mapped("sales_amount"), [15_000, 20_000])
        self.assertEqual(rows.mapped("rebate_pct"), [3, 3])
        self.assertEqual(rows.mapped("rebate_amount"), [450, 600])
        self.assertEqual(rows.tier_id, self.dist)
        self.assertEqual(rows.company_id, self.company)
        agent_rows = Report.search([("partner_id", "=", self.agent.id)])
        self.assertEqual(agent_rows.mapped("sales_amount"), [4_000])
        self.assertEqual(agent_rows.rebate_amount, 0)
        groups = Report._read_group(
            [("partner_id", "in", (self.top | self.agent).ids)], ["year"], ["rebate_amount:sum"]
        )
        self.assertEqual(groups, [("2024", 450), ("2025", 600)])
        # the dealer's salesperson reads its rows, another salesperson none
        self.top.user_id = self.sales
        sales_rows = self.as_user(self.sales, self.env["crm.dealer.rebate.report"]).search(
            [("partner_id", "in", (self.top | self.agent).ids)]
        )
        self.assertEqual(sales_rows.partner_id, self.top)
        self.assertEqual(len(sales_rows), 2)
        self.assertFalse(
            self.as_user(self.sales2, self.env["crm.dealer.rebate.report"]).search(
                [("partner_id", "in", (self.top | self.agent).ids)]
            )
        )
        # a manager of another company sees none of it
        other = self.env["res.company"].create({"name": "Other Dealer Company"})
        outsider = new_test_user(
            self.env,
            login="dealer_outsider",
            groups="sales_team.group_sale_manager",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        self.assertFalse(
            self.as_user(outsider, self.env["crm.dealer.rebate.report"]).search(
                [("partner_id", "in", (self.top | self.agent).ids)]
            )
        )
