from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestEvaluationPeriod(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Evaluated Co"})
        common = {"company_id": cls.company.id, "company_ids": [cls.company.id]}
        cls.analyst = new_test_user(
            cls.env, "eval_analyst", groups="crm_evaluation.group_evaluation_user", **common
        )
        cls.committee = new_test_user(
            cls.env, "eval_committee", groups="crm_evaluation.group_evaluation_committee", **common
        )
        cls.employee = new_test_user(cls.env, "eval_employee", groups="base.group_user", **common)

    def _period(self, user=None, **vals):
        values = {"name": "November", "kind": "monthly", "date_from": date(2026, 11, 1)}
        values.update(vals)
        Period = self.env["crm.evaluation.period"].with_user(user or self.analyst)
        return Period.with_company(self.company).create(values)

    def test_dates_follow_the_kind(self):
        self.assertEqual(self._period().date_to, date(2026, 11, 30))
        quarter = self._period(name="Q4", kind="quarterly", date_from=date(2026, 10, 1))
        self.assertEqual(quarter.date_to, date(2026, 12, 31))
        week = self._period(name="W48", kind="weekly", date_from=date(2026, 11, 23))
        self.assertEqual(week.date_to, date(2026, 11, 29))

    def test_days_start_in_the_company_time_zone(self):
        self.analyst.tz = "Europe/Paris"
        self.assertEqual(self._period().tz, "Europe/Paris", "no company zone: the user's")
        self.company.partner_id.tz = "Asia/Ho_Chi_Minh"
        later = self._period(name="December", date_from=date(2026, 12, 1))
        self.assertEqual(later.tz, "Asia/Ho_Chi_Minh", "the company's, not the browser's")
        # a period of another company than the current one (demo data, an import, a
        # second company's user) takes that company's time zone
        other = self.env["res.company"].create({"name": "Brussels branch"})
        other.partner_id.tz = "Europe/Brussels"
        Period = self.env["crm.evaluation.period"].with_company(other)
        kept = Period.create(
            {
                "name": "Q1",
                "kind": "quarterly",
                "date_from": date(2027, 1, 1),
                "company_id": self.company.id,
            }
        )
        self.assertEqual(kept.tz, "Asia/Ho_Chi_Minh")

    def test_bad_dates(self):
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            self._period(date_to=date(2026, 10, 31))
        self._period()
        with self.assertRaisesRegex(ValidationError, "overlaps November"):
            self._period(name="Late November", date_from=date(2026, 11, 15))
        # another kind may cover the same days
        self._period(name="Q4", kind="quarterly", date_from=date(2026, 10, 1))

    def test_workflow_as_each_user(self):
        period = self._period()
        with self.assertRaisesRegex(UserError, "not computed yet"):
            period.with_user(self.committee).action_approve()
        period.action_compute()
        self.assertEqual(period.state, "computed")
        with self.assertRaises(AccessError):
            period.action_approve()  # the analyst is not in the committee
        period.with_user(self.committee).action_approve()
        self.assertEqual(period.approved_by_id, self.committee)
        with self.assertRaisesRegex(UserError, "cannot become"):
            period.action_compute()
        period.with_user(self.committee).action_lock()
        self.assertEqual(period.state, "locked")
        with self.assertRaisesRegex(UserError, "cannot become"):
            period.with_user(self.committee).action_reset_draft()
        with self.assertRaises(AccessError):
            self.env["crm.evaluation.period"].with_user(self.employee).browse(period.id).name  # noqa: B018

    def test_system_fields_refused_over_rpc(self):
        period = self._period()
        for user in (self.analyst, self.committee):
            with self.assertRaises(AccessError):
                period.with_user(user).write({"state": "locked"})
        with self.assertRaises(AccessError):
            self._period(name="Forged", date_from=date(2026, 12, 1), state="approved")
        with self.assertRaises(AccessError):
            self.env["crm.evaluation.period"].with_user(self.analyst).with_context(
                default_state="locked"
            ).create(
                {"name": "Forged", "date_from": date(2027, 1, 1), "company_id": self.company.id}
            )
        period.action_compute()
        with self.assertRaisesRegex(UserError, "set it back to draft"):
            period.write({"date_to": date(2026, 11, 20)})
        period.with_user(self.committee).action_approve()
        with self.assertRaisesRegex(UserError, "approved or locked"):
            period.with_user(self.committee).write({"name": "Renamed"})
        with self.assertRaisesRegex(UserError, "are kept"):
            period.with_user(self.committee).unlink()

    def test_locked_period_is_read_only_on_the_form_and_the_server(self):
        period = self._period()
        period.action_compute()
        period.with_user(self.committee).action_approve()
        period.with_user(self.committee).action_lock()
        locked = Form(period.with_user(self.committee))
        # a draft period's fields are not read-only: the check can fail
        draft = Form(
            self._period(user=self.committee, name="December", date_from=date(2026, 12, 1))
        )
        for field in ("name", "kind", "date_from", "date_to", "tz", "note", "target_ids"):
            with self.subTest(field=field):
                self.assertTrue(locked._get_modifier(field, "readonly"))
                self.assertFalse(draft._get_modifier(field, "readonly"))
        with self.assertRaises(AssertionError):
            locked.name = "Renamed"
        draft.name = "December 2026"
        for vals in ({"name": "Renamed"}, {"note": "<p>Changed</p>"}, {"tz": "UTC"}):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "approved or locked"):
                period.with_user(self.committee).write(vals)
        self.assertEqual(period.name, "November")

    def test_sudo_and_default_keys_are_no_way_past(self):
        """The state, the measures and the approval are the system's: being superuser
        lets none of them through, and the frozen rule holds for it too."""
        period = self._period()
        for user in (self.analyst, self.committee):
            as_user = period.with_user(user)
            with self.assertRaises(AccessError):
                as_user.sudo().write({"state": "locked"})
            with self.assertRaises(AccessError):
                as_user.sudo().write(
                    {"approved_by_id": user.id, "approved_date": date(2026, 12, 1)}
                )
            with self.assertRaises(AccessError):
                as_user.sudo().write(
                    {"line_ids": [Command.create({"measure": "revenue", "value": 1.0})]}
                )
        Period = (
            self.env["crm.evaluation.period"].with_user(self.committee).with_company(self.company)
        )
        forged = {"name": "Forged", "date_from": date(2027, 2, 1)}
        for key, value in (
            ("default_state", "approved"),
            ("default_approved_by_id", self.committee.id),
            ("default_computed_date", "2026-12-01 08:00:00"),
        ):
            with self.subTest(key=key), self.assertRaises(AccessError):
                Period.with_context(**{key: value}).create(forged)
        with self.assertRaises(AccessError):
            Period.sudo().create({**forged, "state": "locked"})
        self.assertFalse(self.env["crm.evaluation.period"].search([("name", "=", "Forged")]))
        self.assertEqual((period.state, period.approved_by_id.id), ("draft", False))
        # the buttons write them, as the system
        period.action_compute()
        period.with_user(self.committee).action_approve()
        self.assertEqual((period.state, period.approved_by_id), ("approved", self.committee))
        with self.assertRaisesRegex(UserError, "approved or locked"):
            period.with_user(self.committee).sudo().write({"name": "Renamed"})
        self.assertEqual(period.name, "November")

    def test_lines_are_read_only_for_everyone(self):
        period = self._period()
        self.env["crm.evaluation.line"].create(
            {"period_id": period.id, "measure": "revenue", "value": 10.0}
        )
        line = period.line_ids
        for user in (self.analyst, self.committee):
            with self.assertRaises(AccessError):
                line.with_user(user).write({"value": 99.0})
            with self.assertRaises(AccessError):
                self.env["crm.evaluation.line"].with_user(user).create(
                    {"period_id": period.id, "measure": "revenue", "value": 1.0}
                )
            with self.assertRaises(AccessError):
                line.with_user(user).unlink()
        self.assertEqual(line.value, 10.0)

    def test_recompute_replaces_lines(self):
        period = self._period()
        self.env["crm.evaluation.line"].create(
            {"period_id": period.id, "measure": "revenue", "value": 10.0}
        )
        period.action_compute()
        self.assertFalse(period.line_ids.filtered(lambda line: line.value == 10.0))

    def test_lines_read_in_the_declared_order(self):
        """Revenue first and the whole company before its parts, as the measures are
        declared, not by their technical names (which put "buying customers" first)."""
        period = self._period()
        period.action_compute()
        Line = self.env["crm.evaluation.line"]
        declared = [key for key, _label in Line._fields["measure"].selection]
        measures = period.total_line_ids.mapped("measure")
        self.assertEqual(measures[0], "revenue")
        self.assertEqual(measures, sorted(measures, key=declared.index))
        # the dashboard and the trends read them in that order too
        rows = self.env["crm.evaluation.report"].search(
            [("period_id", "=", period.id), ("dimension", "=", "total")]
        )
        self.assertEqual(rows.mapped("measure"), measures)
        dimensions = [key for key, _label in Line._fields["dimension"].selection]
        revenue = period.line_ids.filtered(lambda line: line.measure == "revenue")
        self.assertEqual(revenue[:1].dimension, "total")
        self.assertEqual(
            revenue.mapped("dimension"), sorted(revenue.mapped("dimension"), key=dimensions.index)
        )

    def test_other_company_period_invisible(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        foreign = self.env["crm.evaluation.period"].create(
            {"name": "Foreign", "date_from": date(2026, 11, 1), "company_id": other.id}
        )
        Period = self.env["crm.evaluation.period"].with_user(self.committee)
        self.assertFalse(Period.search([("id", "=", foreign.id)]))

    def test_previous_period_of_the_same_length(self):
        def previous(period):
            start, end = period._evaluation_previous_bounds()
            return start.date(), end.date()

        self.assertEqual(previous(self._period()), (date(2026, 10, 1), date(2026, 11, 1)))
        quarter = self._period(name="Q1", kind="quarterly", date_from=date(2027, 1, 1))
        self.assertEqual(previous(quarter), (date(2026, 10, 1), date(2027, 1, 1)))
        # not a calendar month: the same number of days just before
        odd = self._period(
            name="Odd", date_from=date(2027, 3, 10), date_to=date(2027, 3, 19), kind="monthly"
        )
        self.assertEqual(previous(odd), (date(2027, 2, 28), date(2027, 3, 10)))
