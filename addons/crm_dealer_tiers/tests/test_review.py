"""The periodic review from real confirmed orders, decided by a manager."""

from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DealerCase


class ReviewCase(DealerCase):
    """Two brands, their products, and a distributor > level-1 > level-2 network."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Brand = cls.env["crm.dealer.brand"]
        major = Brand.create({"name": "Major T", "major": True})
        minor = Brand.create({"name": "Minor T"})
        Product = cls.env["product.product"]
        cls.major_product = Product.create(
            {"name": "Major phone", "type": "consu", "dealer_brand_id": major.id}
        )
        cls.minor_product = Product.create(
            {"name": "Minor phone", "type": "consu", "dealer_brand_id": minor.id}
        )
        cls.top = cls.make_dealer("Review distributor", cls.dist)
        cls.agent = cls.make_dealer("Review level 1", cls.l1, parent=cls.top)
        cls.small = cls.make_dealer("Review level 2", cls.l2, parent=cls.agent)

    @classmethod
    def order(cls, partner, product, amount, months_ago, state="sale"):
        when = datetime.combine(cls.today - relativedelta(months=months_ago), time(9))
        return cls.make_order(partner, product, amount, when, state)


@tagged("post_install", "-at_install")
class TestReview(ReviewCase):
    def test_job_proposes_upgrades_and_downgrades_from_orders(self):
        # the level-2 agent sold 40,000 over two years, 75 % major: a distributor
        self.order(self.small, self.major_product, 15_000, 3)
        self.order(self.small, self.minor_product, 10_000, 6)
        self.order(self.small, self.major_product, 15_000, 18)
        # older than 24 months and unconfirmed orders do not count
        self.order(self.small, self.minor_product, 900_000, 30)
        self.order(self.small, self.minor_product, 900_000, 1, state="draft")
        # the distributor sold nothing: downgraded below every tier
        # the level-1 agent sold 10,000 a year, 50 % major: kept, so no review
        self.order(self.agent, self.major_product, 5_000, 2)
        self.order(self.agent, self.minor_product, 5_000, 4)
        self.order(self.agent, self.major_product, 10_000, 14)
        reviews = self.env["crm.dealer.review"]._run_review(self.company, self.today)
        by_partner = {r.partner_id: r for r in reviews}
        self.assertEqual(set(by_partner), {self.small, self.top})
        up = by_partner[self.small]
        self.assertEqual(up.action, "upgrade")
        self.assertEqual(up.proposed_tier_id, self.dist)
        self.assertEqual(up.revenue_last_12, 25_000)
        self.assertEqual(up.revenue_prior_12, 15_000)
        self.assertEqual(up.major_share, 75)
        down = by_partner[self.top]
        self.assertEqual(down.action, "downgrade")
        self.assertFalse(down.proposed_tier_id)
        self.assertEqual(down.deciding_criterion, "avg_revenue")
        # running again proposes nothing new while reviews wait for a decision
        self.assertFalse(self.env["crm.dealer.review"]._run_review(self.company, self.today))

    def test_manager_approves_salesperson_cannot(self):
        self.order(self.agent, self.major_product, 30_000, 2)
        self.order(self.agent, self.major_product, 20_000, 14)
        self.top.dealer_child_ids.dealer_parent_id = False
        review = (
            self.env["crm.dealer.review"]
            ._run_review(self.company, self.today)
            .filtered(lambda r: r.partner_id == self.agent)
        )
        self.assertEqual(review.action, "upgrade")
        with self.assertRaises(AccessError):
            self.as_user(self.sales, review).action_approve()
        with self.assertRaises(AccessError):
            self.as_user(self.manager, review).write({"state": "approved"})
        with self.assertRaises(AccessError):
            self.as_user(self.manager, self.env["crm.dealer.review"]).create(
                {"partner_id": self.agent.id, "company_id": self.company.id, "action": "keep"}
            )
        self.assertEqual(self.agent.dealer_tier_id, self.l1)
        self.as_user(self.manager, review).action_approve()
        self.assertEqual(self.agent.dealer_tier_id, self.dist)
        self.assertEqual(self.agent.dealer_history_ids[0].source, "review")
        self.assertEqual(self.agent.dealer_history_ids[0].old_tier_id, self.l1)
        with self.assertRaises(UserError):
            self.as_user(self.manager, review).action_refuse()

    def test_sales_roll_up_the_network_and_rebate(self):
        self.order(self.small, self.major_product, 1_000, 2)
        self.order(self.agent, self.major_product, 2_000, 3)
        self.order(self.top, self.major_product, 4_000, 1)
        self.order(self.top, self.major_product, 8_000, 13)  # older than 12 months
        self.order(self.top, self.major_product, 8_000, 1, state="draft")
        # the salesperson of the distributor and the level-1 agent reads their figures
        (self.top | self.agent).user_id = self.sales
        top = self.as_user(self.sales, self.top)
        self.assertEqual(top.dealer_sales_12m, 4_000)
        self.assertEqual(top.dealer_network_sales_12m, 7_000)
        self.assertEqual(top.dealer_rebate_amount, 120)  # the distributor's 3 %
        agent = self.as_user(self.sales, self.agent)
        self.assertEqual(agent.dealer_network_sales_12m, 3_000)
        self.assertEqual(agent.dealer_rebate_amount, 0)

    def test_salesperson_cannot_run_the_review(self):
        with self.assertRaises(AccessError):
            self.as_user(self.sales, self.env["crm.dealer.review"]).action_run_review()
        action = self.as_user(self.manager, self.env["crm.dealer.review"]).action_run_review()
        self.assertEqual(action["res_model"], "crm.dealer.review")


@tagged("post_install", "-at_install")
class TestReviewCurrencyAndNetwork(ReviewCase):
    def test_orders_in_another_currency_count_in_the_company_currency(self):
        usd = self.env.ref("base.USD")
        usd.active = True
        # 1 VND = 0.01 USD: 1 USD is 100 VND in the company
        self.env["res.currency.rate"].create(
            {
                "currency_id": usd.id,
                "company_id": self.company.id,
                "name": "2020-01-01",
                "rate": 0.01,
            }
        )
        pricelist = self.env["product.pricelist"].create(
            {"name": "USD prices", "currency_id": usd.id, "company_id": self.company.id}
        )
        when = datetime.combine(self.today - relativedelta(months=3), time(9))
        usd_order = self.make_order(self.small, self.major_product, 150, when, pricelist=pricelist)
        self.assertEqual(usd_order.currency_id, usd)
        self.make_order(
            self.small,
            self.major_product,
            150,
            datetime.combine(self.today - relativedelta(months=18), time(9)),
            pricelist=pricelist,
        )
        self.order(self.small, self.minor_product, 10_000, 6)  # in VND
        review = (
            self.env["crm.dealer.review"]
            ._run_review(self.company, self.today)
            .filtered(lambda r: r.partner_id == self.small)
        )
        # 150 USD = 15,000 VND: 25,000 and 15,000 VND, 75 % major: a distributor
        self.assertAlmostEqual(review.revenue_last_12, 25_000, places=2)
        self.assertAlmostEqual(review.revenue_prior_12, 15_000, places=2)
        self.assertAlmostEqual(review.major_share, 75, places=2)
        self.assertEqual(review.proposed_tier_id, self.dist)
        small = self.as_user(self.manager, self.small)
        self.assertAlmostEqual(small.dealer_sales_12m, 25_000, places=2)
        self.assertAlmostEqual(small.dealer_revenue_24m, 40_000, places=2)
        self.assertAlmostEqual(small.dealer_major_pct, 75, places=2)

    def test_tier_amounts_are_in_the_company_currency(self):
        tier = self.as_user(self.manager, self.dist)
        self.assertEqual(tier.currency_id, self.company.currency_id)
        self.assertEqual(tier._fields["min_avg_revenue"].type, "monetary")
        self.assertEqual(tier._fields["yearly_target"].type, "monetary")

    def propose(self, partner, tier, action):
        Review = self.env["crm.dealer.review"]._idic_system()
        return Review.create(
            {
                "partner_id": partner.id,
                "company_id": self.company.id,
                "current_tier_id": partner.dealer_tier_id.id,
                "proposed_tier_id": tier.id if tier else False,
                "action": action,
            }
        )

    def test_below_every_tier_with_sub_dealers_is_refused_until_they_move(self):
        review = self.as_user(self.manager, self.propose(self.top, None, "downgrade"))
        with self.assertRaisesText(UserError, "sub-dealers Review level 1"):
            review.action_approve()
        self.assertEqual(review.state, "proposed")
        self.assertEqual(self.top.dealer_tier_id, self.dist)
        self.assertEqual(len(self.top.dealer_history_ids), 1)
        # the manager moves the sub-dealer first, then approves
        self.as_user(self.manager, self.agent).dealer_parent_id = False
        review.action_approve()
        self.assertFalse(self.top.dealer_tier_id)
        self.assertEqual(review.state, "approved")

    def test_upgrade_up_to_the_parent_is_refused(self):
        review = self.as_user(self.manager, self.propose(self.small, self.l1, "upgrade"))
        with self.assertRaisesText(UserError, "parent dealer Review level 1"):
            review.action_approve()
        self.assertEqual(self.small.dealer_tier_id, self.l2)

    def test_reviews_approved_together_keep_the_network_valid(self):
        # the distributor and its level-1 agent both step down one tier, the level-2
        # agent below every tier: alone, the first would break the network; together
        # they are written from the bottom up
        reviews = (
            self.propose(self.top, self.l1, "downgrade")
            | self.propose(self.agent, self.l2, "downgrade")
            | self.propose(self.small, None, "downgrade")
        )
        with self.assertRaisesText(UserError, "sub-dealers Review level 1"):
            self.as_user(self.manager, reviews[0]).action_approve()
        self.as_user(self.manager, reviews).action_approve()
        self.assertEqual(
            (self.top | self.agent | self.small).mapped("dealer_tier_id"), self.l1 | self.l2
        )
        self.assertFalse(self.small.dealer_tier_id)
        self.assertEqual(set(reviews.mapped("state")), {"approved"})
