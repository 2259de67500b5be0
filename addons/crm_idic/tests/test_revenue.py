"""Revenue, the one definition: untaxed confirmed sales net of the credit notes issued
against them, in the company currency at the order's rate, dated by the order's
confirmation. The numbers are worked out in each test from that definition."""

from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import IdicCase


@tagged("post_install", "-at_install")
class TestRevenue(IdicCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company, install_demo=False
        )
        cls.product.invoice_policy = "order"
        cls.eur = cls.env.ref("base.EUR")
        cls.eur.active = True
        cls.env["res.currency.rate"].create(
            {
                "currency_id": cls.eur.id,
                "company_id": cls.company.id,
                "name": cls.years_ago(3, cls.today),
                "rate": 0.5,  # 1 USD = 0.5 EUR
            }
        )
        cls.eur_pricelist = cls.env["product.pricelist"].create(
            {"name": "EUR", "currency_id": cls.eur.id, "company_id": cls.company.id}
        )

    def invoice(self, order):
        invoice = order.with_company(self.company)._create_invoices()
        invoice.action_post()
        return invoice

    def credit(self, invoice, price, post=True):
        credit = invoice._reverse_moves()
        credit.invoice_line_ids.price_unit = price
        if post:
            credit.action_post()
        return credit

    def revenue_12m(self, partner):
        """The revenue on the salesman's IDIC tab, read again."""
        self.env.invalidate_all()
        return self.as_user(self.user, partner).idic_revenue_12m

    def test_a_credit_note_against_an_order_is_taken_off_its_revenue(self):
        partner = self.make_customer()
        order = self.make_order(partner, 12000, days_ago=10)
        self.credit(self.invoice(order), 3000)
        self.assertEqual(order.idic_refunded_amount, 3000)
        self.assertEqual(order.order_line.idic_refunded_amount, 3000)
        self.assertEqual(self.revenue_12m(partner), 12000 - 3000)
        scored = self.recompute(partner)
        # 9000 is in the band from 1000 (40); 12000 alone would be in the 10000 band (70)
        self.assertEqual(scored.idic_current_value_score, 40)
        self.assertEqual(scored.idic_value_class, "medium")

    def test_a_credit_note_counts_only_once_posted(self):
        partner = self.make_customer()
        order = self.make_order(partner, 5000, days_ago=3)
        credit = self.credit(self.invoice(order), 2000, post=False)
        self.assertEqual(self.revenue_12m(partner), 5000)
        credit.action_post()
        self.assertEqual(self.revenue_12m(partner), 5000 - 2000)
        credit.button_draft()
        credit.button_cancel()
        self.assertEqual(order.idic_refunded_amount, 0)
        self.assertEqual(self.revenue_12m(partner), 5000)

    def test_a_credit_note_issued_against_no_order_is_not_revenue(self):
        partner = self.make_customer()
        self.make_order(partner, 5000, days_ago=3)
        loose = (
            self.env["account.move"]
            .with_company(self.company)
            .create(
                {
                    "move_type": "out_refund",
                    "partner_id": partner.id,
                    "invoice_line_ids": [
                        Command.create(
                            {"product_id": self.product.id, "quantity": 1, "price_unit": 800}
                        )
                    ],
                }
            )
        )
        loose.action_post()
        self.assertEqual(self.revenue_12m(partner), 5000)

    def test_a_credit_note_follows_the_date_of_its_order(self):
        partner = self.make_customer()
        old = self.make_order(partner, 2000, days_ago=400)
        recent = self.make_order(partner, 1000, days_ago=20)
        # both credit notes are posted today, inside the last 12 months
        self.credit(self.invoice(old), 500)
        self.credit(self.invoice(recent), 100)
        stats = partner._idic_order_stats(self.today)[partner.id]
        self.assertEqual(stats[3], 1000 - 100, "the 12 months: the recent order, net")
        self.assertEqual(stats[4], 2000 - 500, "the year before: the old order, net")
        self.assertEqual(self.revenue_12m(partner), 900)

    def test_an_order_in_another_currency_counts_at_its_rate(self):
        partner = self.make_customer()
        order = self.make_order(partner, 600, days_ago=5, pricelist=self.eur_pricelist)
        self.assertEqual(order.currency_id, self.eur)
        self.credit(self.invoice(order), 200)
        self.assertEqual(order.idic_refunded_amount, 200, "in the order's currency")
        # (600 - 200) EUR at 0.5 EUR per USD
        self.assertAlmostEqual(self.revenue_12m(partner), 800)

    def test_a_credit_note_in_the_company_currency_counts_at_the_orders_rate(self):
        partner = self.make_customer()
        order = self.make_order(partner, 600, days_ago=5, pricelist=self.eur_pricelist)
        credit = order.with_company(self.company)._create_invoices()
        credit.action_post()
        credit = credit._reverse_moves()
        credit.currency_id = self.usd
        credit.invoice_line_ids.price_unit = 100
        credit.action_post()
        # 100 USD is 50 EUR at the order's rate: (600 - 50) EUR = 1100 USD
        self.assertAlmostEqual(order.idic_refunded_amount, 50)
        self.assertAlmostEqual(self.revenue_12m(partner), 1100)

    def test_installing_counts_the_credit_notes_already_posted(self):
        """Installed into a database with refunded orders, the refunded amounts are
        filled in one statement with the same result as the ORM's computation."""
        partner = self.make_customer()
        order = self.make_order(partner, 600, days_ago=5, pricelist=self.eur_pricelist)
        other = self.make_order(partner, 4000, days_ago=5)
        self.credit(self.invoice(order), 200)
        self.credit(self.invoice(other), 1500)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE sale_order_line SET idic_refunded_amount = 0 WHERE order_id IN %s",
            [(order.id, other.id)],
        )
        self.env.cr.execute(
            "UPDATE sale_order SET idic_refunded_amount = 0 WHERE id IN %s",
            [(order.id, other.id)],
        )
        self.env.invalidate_all()
        self.assertEqual(self.revenue_12m(partner), 1200 + 4000)
        self.env["sale.order.line"]._idic_fill_refunded_amounts()
        self.env.invalidate_all()
        self.assertEqual((order | other).mapped("idic_refunded_amount"), [200, 1500])
        self.assertEqual(self.revenue_12m(partner), (600 - 200) / 0.5 + 4000 - 1500)

    def test_revenue_is_dated_by_confirmation(self):
        partner = self.make_customer()
        order = self.make_order(partner, 700, days_ago=0, state="draft")
        order.with_env(self.env).date_order = datetime.combine(
            self.today - relativedelta(months=14), time(9)
        )
        self.assertEqual(self.revenue_12m(partner), 0, "a quotation is no revenue")
        order.action_confirm()
        self.assertEqual(order.date_order.date(), self.today)
        self.assertEqual(self.revenue_12m(partner), 700)

    def test_nobody_writes_the_refunded_amount(self):
        """The refunded amount is counted from the credit notes: a salesman's (or the
        administrator's) RPC write, create or default_* key is refused."""
        partner = self.make_customer()
        order = self.make_order(partner, 1000, days_ago=1)
        admin = self.env.ref("base.user_admin")
        admin.company_ids = [Command.link(self.company.id)]
        # the refusal names the field (not a company the user cannot reach)
        for user in (self.user, admin):
            Order = self.env["sale.order"].with_user(user).with_company(self.company)
            with self.assertRaisesRegex(AccessError, "Refunded"):
                Order.browse(order.id).write({"idic_refunded_amount": 400})
            with self.assertRaises(AccessError):
                Order.browse(order.id).order_line.write({"idic_refunded_amount": 400})
            with self.assertRaises(AccessError):
                Order.create({"partner_id": partner.id, "idic_refunded_amount": 400})
            with self.assertRaises(AccessError):
                Order.with_context(default_idic_refunded_amount=400).create(
                    {"partner_id": partner.id}
                )
        self.assertEqual(order.idic_refunded_amount, 0)
        self.assertEqual(self.revenue_12m(partner), 1000)
