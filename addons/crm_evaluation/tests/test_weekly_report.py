from datetime import datetime, timedelta

from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestWeeklyReport(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Weekly Co"})
        cls.env["account.chart.template"].try_loading("generic_coa", company=cls.company)
        common = {"company_id": cls.company.id, "company_ids": [cls.company.id]}
        cls.seller = new_test_user(
            cls.env, "weekly_seller", groups="sales_team.group_sale_salesman", **common
        )
        cls.colleague = new_test_user(
            cls.env, "weekly_colleague", groups="sales_team.group_sale_salesman", **common
        )
        cls.manager = new_test_user(
            cls.env, "weekly_manager", groups="sales_team.group_sale_manager", **common
        )
        other = cls.env["res.company"].create({"name": "Other Co"})
        cls.outsider = new_test_user(
            cls.env,
            "weekly_outsider",
            groups="sales_team.group_sale_manager",
            company_id=other.id,
            company_ids=[other.id],
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "North",
                "company_id": cls.company.id,
                "user_id": cls.manager.id,
                "member_ids": [Command.link(cls.seller.id), Command.link(cls.colleague.id)],
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Router", "list_price": 100, "invoice_policy": "order"}
        )
        cls.today = fields.Date.context_today(cls.env.user)
        cls.week = cls.today - timedelta(days=cls.today.weekday())
        cls.new_one = cls._customer("New customer", cls.seller)
        cls.old_one = cls._customer("Old customer", cls.seller)
        cls.others = cls._customer("Colleague's customer", cls.colleague)

    @classmethod
    def _customer(cls, name, user):
        return cls.env["res.partner"].create(
            {"name": name, "is_company": True, "company_id": cls.company.id, "user_id": user.id}
        )

    def _order(self, partner, amount, when, user):
        order = (
            self.env["sale.order"]
            .with_company(self.company)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": self.company.id,
                    "user_id": user.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "product_uom_qty": 1,
                                "price_unit": amount,
                                "tax_id": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        order.action_confirm()
        order.date_order = when  # set-up: back-dating is not something users do
        return order

    def _invoice(self, partner, amount, days_due=30):
        move = (
            self.env["account.move"]
            .with_company(self.company)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_date": self.week,
                    "invoice_date_due": self.week + timedelta(days=days_due),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        move.action_post()
        return move

    def _report(self, user):
        Report = self.env["crm.evaluation.weekly.report"].with_user(user)
        return Report.with_company(self.company).create({"week_start": self.today})

    def test_figures_from_real_orders_and_invoices(self):
        monday = datetime.combine(self.week, datetime.min.time())
        self._order(self.old_one, 500, monday - timedelta(days=20), self.seller)
        self._order(self.old_one, 300, monday + timedelta(hours=10), self.seller)
        self._order(self.new_one, 1200, monday + timedelta(hours=11), self.seller)
        self._order(self.others, 7000, monday + timedelta(hours=12), self.colleague)
        self._order(self.new_one, 999, monday + timedelta(days=7, hours=1), self.seller)
        self._invoice(self.new_one, 1000)
        self._invoice(self.old_one, 400, days_due=-10)
        self._invoice(self.others, 5000)
        self.env["crm.idic.interaction"].with_user(self.seller).with_company(self.company).create(
            {
                "partner_id": self.new_one.id,
                "summary": "Visit",
                "channel": "visit",
                "company_id": self.company.id,
            }
        )
        report = self._report(self.seller)
        self.assertEqual(report.week_start, self.week)
        self.assertEqual(report.order_count, 2)
        self.assertEqual(report.sales_amount, 1500)
        self.assertEqual(report.new_customer_ids, self.new_one)
        self.assertEqual(report.new_customer_count, 1)
        self.assertEqual(report.receivable_amount, 1400)
        self.assertEqual(report.overdue_amount, 400)
        self.assertEqual(report.interaction_count, 1)
        colleague = self._report(self.colleague)
        self.assertEqual(colleague.sales_amount, 7000)
        self.assertEqual(colleague.receivable_amount, 5000)
        self.assertEqual(colleague.new_customer_ids, self.others)

    def test_workflow_and_manager_comment(self):
        report = self._report(self.seller)
        report.write({"competitor_news": "<p>Rival cut prices by 5%</p>"})
        with self.assertRaises(AccessError):
            report.write({"manager_comment": "<p>Fine</p>"})
        with self.assertRaises(AccessError):
            report.action_review()
        report.action_submit()
        self.assertEqual(report.state, "submitted")
        self.assertEqual(report.manager_id, self.manager)
        activity = report.activity_ids
        self.assertEqual(activity.user_id, self.manager)
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            report.write({"competitor_news": "<p>Changed</p>"})
        with self.assertRaises(AccessError):
            report.write({"manager_comment": "<p>I approve myself</p>"})
        as_manager = report.with_user(self.manager)
        as_manager.write({"manager_comment": "<p>Follow the rival's prices.</p>"})
        as_manager.action_review()
        self.assertEqual(report.state, "reviewed")
        self.assertEqual(report.reviewed_by_id, self.manager)
        self.assertFalse(report.activity_ids)
        with self.assertRaisesRegex(UserError, "kept as history"):
            as_manager.unlink()

    def test_figures_and_state_refused_over_rpc(self):
        report = self._report(self.seller)
        for user in (self.seller, self.manager):
            with self.assertRaises(AccessError):
                report.with_user(user).write({"sales_amount": 1e9})
            with self.assertRaises(AccessError):
                report.with_user(user).write({"state": "reviewed"})
        with self.assertRaises(AccessError):
            self.env["crm.evaluation.weekly.report"].with_user(self.seller).create(
                {"week_start": self.week - timedelta(days=7), "order_count": 99}
            )
        with self.assertRaises(AccessError):
            self.env["crm.evaluation.weekly.report"].with_user(self.seller).create(
                {"week_start": self.week - timedelta(days=7), "user_id": self.colleague.id}
            )
        with self.assertRaisesRegex(UserError, "cannot change"):
            report.write({"user_id": self.colleague.id})

    def test_sudo_and_default_keys_are_no_way_past(self):
        """Figures, state and review are the system's: being superuser lets none through."""
        report = self._report(self.seller)
        for user in (self.seller, self.manager):
            as_user = report.with_user(user)
            with self.assertRaises(AccessError):
                as_user.sudo().write({"sales_amount": 1e9})
            with self.assertRaises(AccessError):
                as_user.sudo().write({"state": "reviewed", "reviewed_by_id": user.id})
        Report = (
            self.env["crm.evaluation.weekly.report"]
            .with_user(self.seller)
            .with_company(self.company)
        )
        last_week = self.week - timedelta(days=7)
        for key, value in (
            ("default_state", "reviewed"),
            ("default_order_count", 99),
            ("default_reviewed_by_id", self.manager.id),
            ("default_manager_comment", "<p>Perfect week</p>"),
        ):
            with self.subTest(key=key), self.assertRaises(AccessError):
                Report.with_context(**{key: value}).create({"week_start": last_week})
        # a colleague's report, even as superuser
        with self.assertRaises(AccessError):
            Report.sudo().create({"week_start": last_week, "user_id": self.colleague.id})
        self.assertFalse(
            self.env["crm.evaluation.weekly.report"].search(
                [("week_start", "=", last_week), ("company_id", "=", self.company.id)]
            )
        )
        self.assertEqual((report.state, report.sales_amount), ("draft", 0))
        # the buttons write them, as the system
        report.action_submit()
        report.with_user(self.manager).action_review()
        self.assertEqual((report.state, report.reviewed_by_id), ("reviewed", self.manager))

    def test_one_report_per_week(self):
        self._report(self.seller)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._report(self.seller)

    def test_visibility(self):
        mine = self._report(self.seller)
        theirs = self._report(self.colleague)
        Report = self.env["crm.evaluation.weekly.report"]
        self.assertEqual(
            Report.with_user(self.seller).search([("id", "in", (mine | theirs).ids)]), mine
        )
        with self.assertRaises(AccessError):
            theirs.with_user(self.seller).read(["sales_amount"])
        self.assertEqual(
            Report.with_user(self.manager).search([("id", "in", (mine | theirs).ids)]),
            mine | theirs,
        )
        self.assertFalse(
            Report.with_user(self.outsider).search([("id", "in", (mine | theirs).ids)])
        )

    def test_generate_in_one_batch(self):
        self._report(self.seller)
        Report = self.env["crm.evaluation.weekly.report"]
        created = Report._weekly_generate(self.today)
        self.assertIn(self.colleague, created.user_id)
        self.assertNotIn(self.seller, created.user_id)
        self.assertFalse(Report._weekly_generate(self.today))
        with self.assertRaises(AccessError):
            Report.with_user(self.seller).action_generate_all()
        action = Report.with_user(self.seller).with_company(self.company).action_generate_mine()
        self.assertEqual(Report.browse(action["res_id"]).user_id, self.seller)
