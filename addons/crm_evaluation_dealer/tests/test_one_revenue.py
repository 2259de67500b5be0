"""One revenue: a dealer's revenue of the last 12 months is the same number on its IDIC
tab, in an evaluation period covering those months, in the dealer review and in the
rebate report, computed here from the definition (untaxed confirmed sales net of the
credit notes issued against them, in the company currency at the order's rate)."""

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.crm_evaluation.tests.common import EvaluationCase


@tagged("post_install", "-at_install")
class TestOneRevenue(EvaluationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company, install_demo=False
        )
        cls.product.invoice_policy = "order"
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        eur = cls.env.ref("base.EUR")
        eur.active = True
        cls.env["res.currency.rate"].create(
            {
                "currency_id": eur.id,
                "company_id": cls.company.id,
                "name": cls.today - relativedelta(years=3),
                "rate": 0.5,  # 1 USD = 0.5 EUR
            }
        )
        cls.eur_prices = cls.env["product.pricelist"].create(
            {"name": "EUR", "currency_id": eur.id, "company_id": cls.company.id}
        )

    def days_ago(self, days):
        return self.today - relativedelta(days=days)

    def refund(self, order, price):
        invoice = order.with_company(self.company)._create_invoices()
        invoice.action_post()
        credit = invoice._reverse_moves()
        credit.invoice_line_ids.price_unit = price
        credit.action_post()

    def test_a_dealers_12_months_are_one_number_everywhere(self):
        dealer = self.customer("One revenue dealer")
        refunded = self.order(dealer, 1000, self.days_ago(10), self.sales1)
        self.refund(refunded, 300)
        self.order(dealer, 100, self.days_ago(60), self.sales1, pricelist=self.eur_prices)
        old = self.order(dealer, 5000, self.days_ago(400), self.sales1)
        self.refund(old, 1000)  # posted today, against an order of the year before
        loose = (
            self.env["account.move"]
            .with_company(self.company)
            .create(
                {
                    "move_type": "out_refund",
                    "partner_id": dealer.id,
                    "invoice_line_ids": [
                        Command.create(
                            {"product_id": self.product.id, "quantity": 1, "price_unit": 50}
                        )
                    ],
                }
            )
        )
        loose.action_post()  # issued against no order: not revenue
        expected = (1000 - 300) + 100 / 0.5

        # the customer's IDIC tab
        seen = dealer.with_user(self.sales1).with_company(self.company)
        self.assertAlmostEqual(seen.idic_revenue_12m, expected)
        # a yearly period covering those 12 months
        period = self.period(
            name="Last 12 months",
            kind="yearly",
            date_from=self.today - relativedelta(years=1) + relativedelta(days=1),
            tz="UTC",
        )
        self.assertEqual(period.date_to, self.today)
        period.action_compute()
        self.assertAlmostEqual(self.value(period, "revenue"), expected)
        # the dealer review
        Review = self.env["crm.dealer.review"]
        last, prior, _major = Review._measure(self.company, dealer, self.today)[dealer.id]
        self.assertAlmostEqual(last, expected)
        self.assertAlmostEqual(prior, 5000 - 1000)
        # the network's 12 months, as a dealer manager reads them
        self.assertAlmostEqual(dealer.with_company(self.company).dealer_sales_12m, expected)
