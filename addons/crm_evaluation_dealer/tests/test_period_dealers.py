"""An evaluation period computed from real orders, dealer tiers and compliance checks,
by an Evaluation User."""

from datetime import date

from odoo.tests import tagged

from odoo.addons.crm_evaluation.tests.common import EvaluationCase


@tagged("post_install", "-at_install")
class TestPeriodDealers(EvaluationCase):
    """November 2026, in the USD test company of crm_evaluation's tests:

    ===========  ============  ============================  ==========
    dealer       tier          November orders               compliant
    ===========  ============  ============================  ==========
    Dist         Dist E        200 (and 900 in October)      yes
    Agent A      Agent E       100 + 50 by a contact         yes
    Agent B      Agent E       100 EUR = 200 USD             no
    Applicant    none          (customer group dealer)       no
    Shop         (no dealer)   1,000                         -
    ===========  ============  ============================  ==========
    Not counted: a draft order of Agent B.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # only this test's dealers and compliance standard count
        Partner = cls.env["res.partner"]
        Partner.search(
            [
                ("idic_customer_group", "=", "dealer"),
                ("company_id", "=", False),
                ("user_ids", "=", False),
            ]
        ).active = False
        cls.env["crm.dealer.compliance.requirement"].search([]).active = False
        Tier = cls.env["crm.dealer.tier"]
        cls.dist = Tier.create(
            {"name": "Dist E", "rank": 1, "company_id": cls.company.id, "min_avg_revenue": 500}
        )
        cls.agent = Tier.create(
            {"name": "Agent E", "rank": 2, "company_id": cls.company.id, "min_avg_revenue": 100}
        )
        cls.retail = Tier.create({"name": "Retail E", "rank": 3, "company_id": cls.company.id})
        cls.premises = cls.env["crm.dealer.compliance.requirement"].create(
            {"name": "Premises E", "company_id": cls.company.id}
        )

        def dealer(name, tier=None, parent=None, compliant=False):
            partner = cls.customer(name, "dealer")
            if parent:
                partner.dealer_parent_id = parent
            if tier:
                partner._dealer_set_tier(tier, "contract", date(2026, 1, 1))
            if compliant:
                cls.env["crm.dealer.compliance.check"].create(
                    {"partner_id": partner.id, "requirement_id": cls.premises.id, "met": True}
                )
            return partner

        s1, s2 = cls.sales1, cls.sales2
        top = dealer("Dist", cls.dist, compliant=True)
        agent_a = dealer("Agent A", cls.agent, parent=top, compliant=True)
        agent_b = dealer("Agent B", cls.agent, parent=top)
        dealer("Applicant")
        shop = cls.customer("Shop", "individual")
        contact = Partner.create(
            {"name": "Agent A buyer", "parent_id": agent_a.id, "company_id": cls.company.id}
        )
        cls.order(top, 200, date(2026, 11, 5), s1)
        cls.order(top, 900, date(2026, 10, 5), s1)
        cls.order(agent_a, 100, date(2026, 11, 6), s1)
        cls.order(contact, 50, date(2026, 11, 7), s1)
        eur = cls.env.ref("base.EUR")
        eur.active = True
        cls.env["res.currency.rate"].create(
            {"currency_id": eur.id, "company_id": cls.company.id, "name": "2026-01-01", "rate": 0.5}
        )
        pricelist = cls.env["product.pricelist"].create(
            {"name": "EUR dealer prices", "currency_id": eur.id, "company_id": cls.company.id}
        )
        cls.order(agent_b, 100, date(2026, 11, 8), s2, pricelist=pricelist)
        cls.order(agent_b, 5000, date(2026, 11, 9), s2, confirm=False)
        cls.order(shop, 1000, date(2026, 11, 10), s2)

    def tier_value(self, period, measure, tier):
        return self.value(period, measure, "dealer_tier", dealer_tier_id=tier.id)

    def test_revenue_per_tier_and_compliance_rate(self):
        period = self.period()
        period.action_compute()
        self.assertEqual(period.state, "computed")
        # revenue per tier, in the company currency
        self.assertAlmostEqual(self.tier_value(period, "revenue", self.dist), 200)
        self.assertAlmostEqual(self.tier_value(period, "revenue", self.agent), 350)
        self.assertEqual(self.tier_value(period, "revenue", self.retail), 0)
        self.assertEqual(self.tier_value(period, "buying_customers", self.agent), 2)
        line = self.lines(period, "revenue", "dealer_tier", dealer_tier_id=self.agent.id)
        self.assertEqual(line.label, "Agent E")
        # the company's revenue is crm_evaluation's, untouched
        self.assertAlmostEqual(self.value(period, "revenue"), 1550)
        # 2 of 4 dealers meet the standard; per tier 1 of 1, 1 of 2, none of none
        self.assertEqual(self.value(period, "dealers"), 4)
        self.assertEqual(self.value(period, "dealer_compliance_rate"), 50)
        total = self.lines(period, "dealer_compliance_rate")
        self.assertEqual((total.numerator, total.denominator), (2, 4))
        self.assertEqual(self.tier_value(period, "dealer_compliance_rate", self.dist), 100)
        self.assertEqual(self.tier_value(period, "dealer_compliance_rate", self.agent), 50)
        retail = self.lines(period, "dealer_compliance_rate", "dealer_tier", label="Retail E")
        self.assertEqual((retail.value, retail.denominator), (0, 0))
        # users read the frozen lines; a later check does not change them
        Line = self.env["crm.evaluation.line"].with_user(self.analyst)
        found = Line.search([("period_id", "=", period.id), ("dimension", "=", "dealer_tier")])
        self.assertEqual(len(found), 3 * 4)
        self.assertEqual(set(found.mapped("dealer_tier_id")), {self.dist, self.agent, self.retail})
