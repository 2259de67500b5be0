from datetime import date, datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import EvaluationCase


@tagged("post_install", "-at_install")
class TestSalesMeasures(EvaluationCase):
    """November 2026 against October 2026:

    ========  ======================  ==================  =========================
    customer  October                 November            what it is in November
    ========  ======================  ==================  =========================
    Alpha     100 (sales1)            200 + 50 (sales1;   retained, two orders
                                      50 by a contact)
    Beta      80 (sales1)             -                   lost
    Gamma     -                       300 (sales2)        new
    Delta     40 in 2025 (sales1)     100 (sales1)        back, neither new nor kept
    Eps       -                       100 EUR = 200 USD   new, another currency
                                      (sales2)
    ========  ======================  ==================  =========================
    Not counted: a draft order, a cancelled order, another company's order, an order
    of December.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        seg_a, seg_b = cls.segments[0], cls.segments[1]
        cls.alpha = cls.customer("Alpha", "dealer", seg_a, "large")
        cls.beta = cls.customer("Beta", "dealer", seg_a, "medium")
        cls.gamma = cls.customer("Gamma", "project", seg_b, "large")
        cls.delta = cls.customer("Delta", "individual", None, "small")
        cls.eps = cls.customer("Eps", "project", seg_b)
        contact = cls.env["res.partner"].create(
            {"name": "Alpha buyer", "parent_id": cls.alpha.id, "company_id": cls.company.id}
        )
        s1, s2, t1, t2 = cls.sales1, cls.sales2, cls.team1, cls.team2
        cls.order(cls.alpha, 100, date(2026, 10, 3), s1, t1)
        cls.alpha_order = cls.order(cls.alpha, 200, date(2026, 11, 4), s1, t1)
        cls.order(contact, 50, date(2026, 11, 20), s1, t1)
        cls.order(cls.beta, 80, date(2026, 10, 31), s1, t1)
        cls.order(cls.gamma, 300, date(2026, 11, 30), s2, t2)
        cls.order(cls.delta, 40, date(2025, 6, 1), s1, t1)
        cls.order(cls.delta, 100, date(2026, 11, 1), s1, t1)
        eur = cls.env.ref("base.EUR")
        eur.active = True
        cls.env["res.currency.rate"].create(
            {"currency_id": eur.id, "company_id": cls.company.id, "name": "2026-01-01", "rate": 0.5}
        )
        pricelist = cls.env["product.pricelist"].create(
            {"name": "EUR prices", "currency_id": eur.id, "company_id": cls.company.id}
        )
        cls.order(cls.eps, 100, date(2026, 11, 15), s2, t2, pricelist=pricelist)
        # not counted
        cls.order(cls.gamma, 1000, date(2026, 11, 10), s2, t2, confirm=False)
        cancelled = cls.order(cls.gamma, 1000, date(2026, 11, 11), s2, t2, confirm=False)
        cancelled.action_cancel()
        cls.order(cls.gamma, 1000, date(2026, 12, 1), s2, t2)
        foreign = cls.customer("Foreign buyer", company=cls.other_company)
        other_user = cls.env["res.users"].create(
            {
                "name": "Other seller",
                "login": "ev_other_seller",
                "company_id": cls.other_company.id,
                "company_ids": [cls.other_company.id],
            }
        )
        cls.order(foreign, 5000, date(2026, 11, 5), other_user, company=cls.other_company)

    def test_company_totals(self):
        period = self.period()
        period.action_compute()
        self.assertEqual(self.value(period, "revenue"), 850.0)
        self.assertEqual(self.value(period, "buying_customers"), 4)
        self.assertEqual(self.value(period, "revenue_per_customer"), 212.5)
        self.assertEqual(self.value(period, "new_customers"), 2)
        self.assertEqual(self.value(period, "lapsed_customers"), 1)
        self.assertEqual(self.value(period, "retention_rate"), 50.0)
        self.assertEqual(self.value(period, "churn_rate"), 50.0)
        self.assertEqual(self.value(period, "repeat_rate"), 25.0)
        retention = self.lines(period, "retention_rate")
        self.assertEqual((retention.numerator, retention.denominator), (1, 2))

    def test_days_start_at_midnight_in_the_period_time_zone(self):
        """Hanoi is UTC+7: 16:30 UTC on 30 November is 23:30 there (November), 17:30 UTC
        is 00:30 on 1 December, and 18:00 UTC on 31 October is 01:00 on 1 November."""
        late = self.order(self.gamma, 7, date(2026, 11, 30), self.sales2, self.team2)
        late.date_order = datetime(2026, 11, 30, 16, 30)
        december = self.order(self.gamma, 1000, date(2026, 11, 30), self.sales2, self.team2)
        december.date_order = datetime(2026, 11, 30, 17, 30)
        early = self.order(self.beta, 3, date(2026, 11, 1), self.sales1, self.team1)
        early.date_order = datetime(2026, 10, 31, 18, 0)
        hanoi = self.period(tz="Asia/Ho_Chi_Minh")
        hanoi.action_compute()
        self.assertEqual(self.value(hanoi, "revenue"), 850.0 + 7 + 3)
        # the same orders cut at midnight UTC
        utc = self.period(name="November UTC", kind="yearly", tz="UTC", date_to=date(2026, 11, 30))
        utc.action_compute()
        self.assertEqual(self.value(utc, "revenue"), 850.0 + 7 + 1000)

    def test_per_salesperson_and_team(self):
        period = self.period()
        period.action_compute()
        s1, s2 = self.sales1.id, self.sales2.id
        self.assertEqual(self.value(period, "revenue", "salesperson", user_id=s1), 350.0)
        self.assertEqual(self.value(period, "revenue", "salesperson", user_id=s2), 500.0)
        self.assertEqual(self.value(period, "buying_customers", "salesperson", user_id=s1), 2)
        self.assertEqual(self.value(period, "new_customers", "salesperson", user_id=s2), 2)
        self.assertEqual(self.value(period, "new_customers", "salesperson", user_id=s1), 0)
        self.assertEqual(self.value(period, "lapsed_customers", "salesperson", user_id=s1), 1)
        self.assertEqual(self.value(period, "repeat_rate", "salesperson", user_id=s1), 50.0)
        # nobody bought from sales2 in October: no retention to measure
        kept = self.lines(period, "retention_rate", "salesperson", user_id=s2)
        self.assertEqual((kept.value, kept.denominator), (0.0, 0.0))
        self.assertEqual(self.value(period, "revenue", "team", team_id=self.team1.id), 350.0)
        self.assertEqual(self.value(period, "revenue", "team", team_id=self.team2.id), 500.0)

    def test_per_customer_attribute(self):
        period = self.period()
        period.action_compute()
        seg_a, seg_b = self.segments[0], self.segments[1]
        self.assertEqual(self.value(period, "revenue", "segment", segment_id=seg_a.id), 250.0)
        self.assertEqual(self.value(period, "lapsed_customers", "segment", segment_id=seg_a.id), 1)
        self.assertEqual(self.value(period, "revenue", "segment", segment_id=seg_b.id), 500.0)
        self.assertEqual(self.value(period, "new_customers", "segment", segment_id=seg_b.id), 2)
        self.assertEqual(self.value(period, "revenue", "segment", label="Not set"), 100.0)
        self.assertEqual(
            self.value(period, "revenue", "customer_group", customer_group="dealer"), 250.0
        )
        self.assertEqual(
            self.value(period, "retention_rate", "customer_group", customer_group="dealer"), 50.0
        )
        self.assertEqual(self.value(period, "revenue", "value_class", value_class="large"), 550.0)
        self.assertEqual(self.value(period, "revenue", "value_class", label="Not set"), 200.0)

    def test_snapshot_unchanged_after_lock(self):
        period = self.period()
        period.action_compute()
        period.with_user(self.committee).action_approve()
        period.with_user(self.committee).action_lock()
        self.alpha_order.order_line.price_unit = 9999
        self.order(self.beta, 700, date(2026, 11, 12), self.sales1, self.team1)
        self.delta.idic_customer_group = "dealer"
        period.invalidate_recordset()
        self.assertEqual(self.value(period, "revenue"), 850.0)
        self.assertEqual(self.value(period, "lapsed_customers"), 1)
        self.assertEqual(
            self.value(period, "revenue", "customer_group", customer_group="dealer"), 250.0
        )
        for user in (self.analyst, self.committee):
            with self.assertRaises(UserError):
                period.with_user(user).action_compute()
        self.assertEqual(self.value(period, "revenue"), 850.0)

    def test_recompute_of_a_draft_sees_new_orders(self):
        period = self.period()
        period.action_compute()
        self.order(self.beta, 700, date(2026, 11, 12), self.sales1, self.team1)
        period.action_compute()
        self.assertEqual(self.value(period, "revenue"), 1550.0)
        self.assertEqual(self.value(period, "lapsed_customers"), 0)

    def test_queries_do_not_grow_with_customers(self):
        period = self.period()
        period.action_compute()  # warm caches
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        period.action_compute()
        few = self.env.cr.sql_log_count - before
        for index in range(30):
            buyer = self.customer(f"Extra {index}", "project")
            self.order(buyer, 10, date(2026, 11, 2), self.sales2, self.team2)
            self.order(buyer, 10, date(2026, 10, 2), self.sales1, self.team1)
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        period.action_compute()
        many = self.env.cr.sql_log_count - before
        self.assertEqual(self.value(period, "buying_customers"), 34)
        self.assertLessEqual(many, few + 2, "computing must not query per customer")
        self.assertLess(few, 65)
