"""The evaluation's lines of the IDIC action board: about a salesperson's own work, with
no customer (a weekly report to submit, a target behind pace)."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import EvaluationCase


@tagged("post_install", "-at_install")
class TestEvaluationBoard(EvaluationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Action = cls.env["crm.idic.action"]
        cls.today = fields.Date.context_today(cls.env.user)
        cls.weekly = cls.env.ref("crm_evaluation.action_signal_weekly_report")
        cls.pace = cls.env.ref("crm_evaluation.action_signal_target_pace")

    def _lines(self, signal, user=None, states=("open",)):
        Action = self.Action.with_user(user) if user else self.Action
        return Action.search(
            [
                ("signal_id", "=", signal.id),
                ("company_id", "=", self.company.id),
                ("state", "in", list(states)),
            ]
        )

    def _close(self, actions, mode, user, **vals):
        Wizard = self.env["crm.idic.action.close.wizard"].with_user(user)
        wizard = Wizard.create({"action_ids": [Command.set(actions.ids)], "mode": mode, **vals})
        return wizard.action_apply()

    def _last_week_report(self, user):
        week = self.today - timedelta(days=self.today.weekday() + 7)
        Report = self.env["crm.evaluation.weekly.report"].with_user(user)
        return Report.with_company(self.company).create({"week_start": week})

    def test_a_weekly_report_to_submit_until_it_is_submitted(self):
        report = self._last_week_report(self.sales1)
        self.Action._idic_refresh()
        line = self._lines(self.weekly)
        self.assertEqual(len(line), 1)
        self.assertFalse(line.partner_id, "about the salesperson's own work")
        self.assertEqual((line.user_id, line.team_id), (self.sales1, self.team1))
        self.assertEqual((line.res_model, line.res_id), (report._name, report.id))
        self.assertEqual((line.date_due, line.urgency), (report.week_end, "overdue"))
        self.assertIn(self.sales1.name, line.name)
        self.assertIn(self.sales1.name, line.display_name)
        self.assertEqual(self._lines(self.weekly, self.sales1), line)
        self.assertFalse(self._lines(self.weekly, self.sales2), "another salesperson's")
        # refreshing one customer's actions leaves the salespeople's lines alone
        self.Action._idic_refresh(partner_ids=self.customer("Someone").ids)
        self.assertEqual(self._lines(self.weekly), line)
        self.Action._idic_refresh()
        self.assertEqual(
            self._lines(self.weekly), line, "one line per report, refresh after refresh"
        )
        self.assertEqual(line.with_user(self.sales1).action_do()["res_id"], report.id)
        with self.assertRaises(UserError):
            line.with_user(self.sales1).action_schedule()
        with self.assertRaises(UserError):
            line.with_user(self.sales1).action_open_partner()
        with self.assertRaises(AccessError):
            self._close(line, "dismiss", self.sales2, reason="not mine")
        report.with_user(self.sales1).action_submit()
        self.assertEqual((line.state, line.closed_by_id), ("done", self.sales1))
        self.Action._idic_refresh()
        self.assertFalse(self._lines(self.weekly), "a submitted report asks for nothing")

    def test_snoozing_a_report_leaves_a_note_on_it(self):
        report = self._last_week_report(self.sales1)
        self.Action._idic_refresh()
        line = self._lines(self.weekly)
        with self.assertRaises(UserError):
            self._close(line, "done", self.sales1)
        self._close(
            line,
            "snooze",
            self.sales1,
            reason="Waiting for the invoices of Friday",
            snooze_until=self.today + timedelta(days=2),
        )
        self.assertEqual(line.state, "snoozed")
        self.assertIn("Waiting for the invoices of Friday", report.message_ids[0].body)
        self.assertEqual(report.message_ids[0].author_id, self.sales1.partner_id)
        self._close(line, "done", self.sales1, reason="Told the manager by phone")
        self.assertEqual(line.state, "done")
        self.assertIn("Told the manager by phone", report.message_ids[0].body)

    def test_a_target_behind_its_pace(self):
        first = self.today.replace(day=1)
        period = self.period(name="This month", date_from=first)
        Target = self.env["crm.evaluation.target"].with_user(self.committee)
        for user in (self.sales1, self.sales2):
            Target.create(
                {"period_id": period.id, "user_id": user.id, "measure": "revenue", "target": 1000}
            )
        self.order(self.customer("Buyer"), 2000, self.today, self.sales2)
        period.action_compute()
        self.Action._idic_refresh()
        line = self._lines(self.pace)
        self.assertEqual(line.user_id, self.sales1, "sales2 is ahead: 2000 of 1000")
        self.assertFalse(line.partner_id)
        self.assertEqual(line.params["measure"], "revenue")
        self.assertEqual((line.params["actual"], line.params["target"]), (0, 1000))
        elapsed = ((self.today - first).days + 1) / ((period.date_to - first).days + 1)
        self.assertAlmostEqual(line.params["expected"], 1000 * elapsed, places=2)
        self.assertIn("Revenue", line.name)
        self.assertIn(period.name, line.name)
        opened = line.with_user(self.sales1).action_do()
        self.assertEqual(opened["res_model"], "crm.evaluation.scorecard")
        scorecard = self.env["crm.evaluation.scorecard"].browse(opened["res_id"])
        self.assertEqual((scorecard.user_id, scorecard.period_id), (self.sales1, period))
        # switched off: the line leaves the board
        self.pace.active = False
        self.Action._idic_refresh()
        self.assertFalse(self._lines(self.pace))

    def test_a_period_not_running_or_not_computed_asks_nothing(self):
        last_month = (self.today.replace(day=1) - timedelta(days=1)).replace(day=1)
        period = self.period(name="Last month", date_from=last_month)
        self.env["crm.evaluation.target"].with_user(self.committee).create(
            {"period_id": period.id, "user_id": self.sales1.id, "measure": "revenue", "target": 1}
        )
        self.order(self.customer("Buyer"), 5, last_month, self.sales2)
        period.action_compute()
        running = self.period(name="This month", date_from=self.today.replace(day=1))
        self.env["crm.evaluation.target"].with_user(self.committee).create(
            {"period_id": running.id, "user_id": self.sales1.id, "measure": "visits", "target": 9}
        )
        self.Action._idic_refresh()
        self.assertFalse(self._lines(self.pace), "a past period, and a running one not computed")
