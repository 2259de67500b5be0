"""The action board: crm_idic's signals, the buttons that act on them, and who sees and
acts on which line."""

from datetime import datetime, time, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import IdicCase


@tagged("post_install", "-at_install")
class TestActionBoard(IdicCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Action = cls.env["crm.idic.action"]
        cls.signal = {
            s.code: s
            for s in cls.env["crm.idic.action.signal"].with_context(active_test=False).search([])
        }
        cls.other_user = new_test_user(
            cls.env,
            login="idic_user_2",
            groups="sales_team.group_sale_salesman",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        assert cls.seg["A"].visit_interval_days == 30

    def _customer(self, segment="A", user=None, **vals):
        partner = self.make_customer(user_id=(user or self.user).id, **vals)
        partner._idic_system().write({"idic_segment_id": self.seg[segment].id})
        return partner

    def _visit(self, partner, days_ago, user=None):
        env = self.user_env(user) if user else self.env
        return env["crm.idic.interaction"].create(
            {
                "partner_id": partner.id,
                "company_id": self.company.id,
                "channel": "visit",
                "summary": "Visit",
                "date": datetime.combine(self.today - timedelta(days=days_ago), time(9)),
            }
        )

    def _board(self, partner, user=None, states=("open",)):
        Action = self.as_user(user, self.Action) if user else self.Action
        return Action.search([("partner_id", "=", partner.id), ("state", "in", list(states))])

    def _close(self, actions, mode, user=None, **vals):
        Wizard = self.as_user(user or self.user, self.env["crm.idic.action.close.wizard"])
        wizard = Wizard.create({"action_ids": [Command.set(actions.ids)], "mode": mode, **vals})
        return wizard.action_apply()

    # ------------------------------------------------------------ signals

    def test_a_visit_overdue_says_why_and_what_is_at_stake(self):
        partner = self._customer(name="Khách hàng A")
        self._visit(partner, 45)
        self.make_order(partner, 5000, days_ago=10)
        self.Action._idic_refresh()
        action = self._board(partner, self.user)
        self.assertEqual(action.signal_id, self.signal["visit"])
        self.assertEqual(action.date_due, self.today - timedelta(days=15))
        self.assertEqual((action.urgency, action.overdue_days), ("overdue", 15))
        self.assertIn("45", action.name)
        self.assertIn("30", action.name)
        self.assertIn("Khách hàng A", action.name)
        self.assertEqual(action.segment_id, self.seg["A"])
        self.assertEqual(action.revenue, 5000)
        self.assertEqual(action.user_id, self.user)
        self.assertTrue(action.escalated, "15 days overdue is past the 7 days of escalation")

    def test_lines_sort_by_segment_then_due_day(self):
        late_d = self._customer("D", name="late D")
        self.seg["D"].visit_interval_days = 30
        early_a = self._customer("A", name="early A")
        self._visit(late_d, 90)
        self._visit(early_a, 31)
        self.Action._idic_refresh()
        lines = self.as_user(self.user, self.Action).search(
            [("partner_id", "in", (late_d | early_a).ids), ("signal_id.code", "=", "visit")]
        )
        self.assertEqual(lines.partner_id.ids, [early_a.id, late_d.id])

    def test_winback_lapsing_and_lapsed(self):
        self.company.idic_lapse_days = 365
        lapsing = self._customer("C", name="lapsing")
        lapsed = self._customer("C", name="lapsed")
        long_gone = self._customer("C", name="long gone")
        self.make_order(lapsing, 100, days_ago=340)
        self.make_order(lapsed, 100, days_ago=400)
        self.make_order(long_gone, 100, days_ago=500)
        self.Action._idic_refresh()
        self.assertEqual(self._board(lapsing).urgency, "soon")
        self.assertIn("keep them buying", self._board(lapsing).name)
        self.assertIn("win them back", self._board(lapsed).name)
        self.assertFalse(self._board(long_gone), "lapsed 135 days ago, past the 90 days shown")

    def test_anniversary_gift(self):
        born = (self.today + timedelta(days=3)).replace(year=1980)
        if born.month == 2 and born.day == 29:
            born = born.replace(day=28)
        person = self._customer("A", name="Chị Lan", is_company=False, idic_birthday=born)
        self.Action._idic_refresh()
        gift = self._board(person).filtered(lambda a: a.signal_code == "gift")
        self.assertEqual(gift.key, str((self.today + timedelta(days=3)).year))
        self.assertIn("birthday", gift.name)
        self.assertEqual(gift.action_do()["context"]["default_interaction_type"], "gift")

    def test_profile_duplicate_and_segment_drop(self):
        partner = self._customer("A", name="Incomplete")
        partner._idic_system().write(
            {"idic_profile_completeness": 40.0, "idic_missing_field_names": "street,idic_birthday"}
        )
        twin = self._customer(
            "C", name="Twin", vat="0101234567", country_id=self.env.ref("base.vn").id
        )
        self._customer(
            "C", name="Twin bis", vat="0101234567", country_id=self.env.ref("base.vn").id
        )
        self.env["res.partner"]._idic_flag_duplicates()
        self.env["crm.idic.segment.history"].create(
            {
                "partner_id": partner.id,
                "company_id": self.company.id,
                "old_segment_id": self.seg["A"].id,
                "new_segment_id": self.seg["B"].id,
                "source": "cron",
                "direction": "down",
            }
        )
        self.Action._idic_refresh()
        codes = set(self._board(partner).mapped("signal_code"))
        self.assertTrue({"profile", "segment_drop"} <= codes, codes)
        profile = self._board(partner).filtered(lambda a: a.signal_code == "profile")
        self.assertIn("40%", profile.name)
        self.assertIn("Street, Birthday", profile.name, "the fields' labels, not their names")
        duplicate = self._board(twin).filtered(lambda a: a.signal_code == "duplicate")
        self.assertTrue(duplicate)
        with self.assertRaises(AccessError):
            self.as_user(self.user, duplicate).action_do()  # merging needs Contact Creation
        self.user.groups_id += self.env.ref("base.group_partner_manager")
        merge = self.as_user(self.user, duplicate).action_do()
        self.assertEqual(merge["res_model"], "base.partner.merge.automatic.wizard")

    def test_a_line_whose_reason_is_gone_leaves_and_a_signal_switched_off_empties(self):
        partner = self._customer()
        self.Action._idic_refresh()
        self.assertTrue(self._board(partner))
        self.signal["visit"].active = False
        self.Action._idic_refresh()
        self.assertFalse(self._board(partner).filtered(lambda a: a.signal_code == "visit"))
        self.signal["visit"].active = True
        self.Action._idic_refresh()
        self.assertTrue(self._board(partner).filtered(lambda a: a.signal_code == "visit"))
        self._visit(partner, 0)  # a visit today, the next one is due in 30 days
        self.assertFalse(self._board(partner).filtered(lambda a: a.signal_code == "visit"))

    # ------------------------------------------------------------ acting on a line

    def test_do_it_logs_the_visit_and_closes_the_line(self):
        partner = self._customer()
        self._visit(partner, 40)
        self.Action._idic_refresh()
        action = self._board(partner, self.user)
        todo = action.action_do()
        self.assertEqual(todo["res_model"], "crm.idic.interaction")
        Interaction = self.as_user(self.user, self.env["crm.idic.interaction"]).with_context(
            **todo["context"]
        )
        interaction = Interaction.create({"summary": "Visited the director"})
        self.assertEqual(interaction.channel, "visit")
        self.assertEqual(action.state, "done")
        self.assertEqual(action.interaction_id, interaction)
        self.assertEqual(action.closed_by_id, self.user)
        self.Action._idic_refresh()
        self.assertFalse(self._board(partner).filtered(lambda a: a.signal_code == "visit"))
        with self.assertRaises(UserError):
            interaction.write({"action_id": False})

    def test_done_snooze_dismiss_each_leave_a_trace(self):
        partner = self._customer()
        self.Action._idic_refresh()
        action = self._board(partner, self.user)
        with self.assertRaises(UserError):
            self._close(action, "snooze", reason="")
        with self.assertRaises(UserError):
            self._close(action, "snooze", reason="Away", snooze_until=self.today)
        self._close(
            action,
            "snooze",
            reason="Customer on holiday",
            snooze_until=self.today + timedelta(days=5),
        )
        self.assertEqual(action.state, "snoozed")
        self.assertIn("Customer on holiday", partner.message_ids[0].body)
        self.Action._idic_refresh()
        self.assertEqual(action.state, "snoozed", "the refresh keeps a snooze")
        action.sudo().snooze_until = self.today
        self.Action._idic_refresh()
        self.assertEqual(action.state, "open", "its day came")
        with self.assertRaises(UserError):
            self._close(action, "dismiss", reason=" ")
        self._close(action, "dismiss", reason="Customer closed its shop")
        self.assertEqual(action.state, "dismissed")
        self.Action._idic_refresh()
        self.assertEqual(self._board(partner, states=("open", "dismissed")), action, "no nagging")
        with self.assertRaises(UserError):
            self._close(action, "done")

    def test_done_through_the_wizard_logs_an_interaction(self):
        partner = self._customer()
        self.Action._idic_refresh()
        action = self._board(partner, self.user)
        self._close(action, "done", channel="phone", reason="Called, visit planned")
        self.assertEqual(action.state, "done")
        self.assertEqual(action.interaction_id.outcome, "Called, visit planned")
        self.assertEqual(action.interaction_id.user_id, self.user)

    def test_schedule_plans_an_activity_and_the_line_waits_for_its_day(self):
        partner = self._customer()
        self.Action._idic_refresh()
        action = self._board(partner, self.user)
        call = self.env.ref("mail.mail_activity_data_call")
        with self.assertRaises(UserError):
            self._close(action, "schedule", schedule_date=self.today, activity_type_id=call.id)
        self.assertEqual(action.state, "open", "nothing half-written")
        self.assertFalse(partner.activity_ids)
        day = self.today + timedelta(days=3)
        self._close(
            action, "schedule", schedule_date=day, activity_type_id=call.id, reason="Ask for Mr Hai"
        )
        activity = partner.activity_ids
        self.assertEqual(
            (activity.date_deadline, activity.activity_type_id, activity.user_id),
            (day, call, self.user),
        )
        self.assertEqual(activity.summary, action.name)
        self.assertEqual((action.state, action.snooze_until), ("snoozed", day))
        self.assertIn("Ask for Mr Hai", action.close_reason)
        # another salesman cannot plan on this customer through the board
        with self.assertRaises(AccessError):
            self._close(action, "schedule", user=self.other_user, schedule_date=day)
        action.sudo().snooze_until = self.today
        self.Action._idic_refresh()
        self.assertEqual(action.state, "open", "the planned day came and the reason is still there")

    # ------------------------------------------------------------ who sees and acts

    def test_each_user_sees_and_acts_on_their_own(self):
        mine = self._customer(name="mine")
        theirs = self._customer(name="theirs", user=self.other_user)
        self.Action._idic_refresh()
        other_action = self._board(theirs)
        self.assertFalse(self._board(theirs, self.user), "another salesman's customer")
        self.assertTrue(self._board(mine, self.user))
        self.assertEqual(self._board(theirs, self.manager), other_action)
        foreign = self.as_user(self.user, other_action)
        with self.assertRaises(AccessError):
            foreign.action_do()
        with self.assertRaises(AccessError):
            self._close(other_action, "dismiss", reason="not mine")
        with self.assertRaises(AccessError):
            self.as_user(self.user, self.env["crm.idic.interaction"]).create(
                {"partner_id": theirs.id, "summary": "x", "action_id": other_action.id}
            )
        with self.assertRaises(ValidationError):
            self.as_user(self.other_user, self.env["crm.idic.interaction"]).create(
                {"partner_id": mine.id, "summary": "x", "action_id": other_action.id}
            )
        self.assertEqual(other_action.state, "open")
        # the manager acts on anyone's line
        self._close(other_action, "dismiss", user=self.manager, reason="duplicate of a visit")
        self.assertEqual(other_action.state, "dismissed")

    def test_a_customer_without_salesperson_goes_to_the_care_user(self):
        partner = self._customer()
        partner.user_id = False
        self.company.idic_care_user_id = self.other_user
        self.Action._idic_refresh()
        self.assertEqual(self._board(partner).user_id, self.other_user)
        self.assertTrue(self._board(partner, self.other_user))
        self.company.idic_care_user_id = False
        self.Action._idic_refresh()
        fallback = self.company._idic_care_user()
        self.assertTrue(fallback, "the company's first sales manager")
        self.assertEqual(self._board(partner).user_id, fallback, "as the care activities")

    def test_a_team_leader_sees_the_team(self):
        self.env["crm.team"].create(
            {
                "name": "North",
                "user_id": self.other_user.id,
                "company_id": self.company.id,
                "member_ids": [Command.set(self.user.ids)],
            }
        )
        partner = self._customer()
        self.Action._idic_refresh()
        self.assertTrue(self._board(partner, self.other_user))
        self._close(self._board(partner), "dismiss", user=self.other_user, reason="covered")

    def test_nobody_writes_a_line_through_the_orm(self):
        partner = self._customer()
        self.Action._idic_refresh()
        action = self._board(partner, self.user)
        for user in (self.user, self.manager):
            with self.assertRaises(AccessError):
                self.as_user(user, action).write({"state": "done"})
            with self.assertRaises(AccessError):
                self.as_user(user, self.Action).with_context(default_state="done").create(
                    {
                        "signal_id": action.signal_id.id,
                        "partner_id": partner.id,
                        "company_id": self.company.id,
                        "date_due": self.today,
                    }
                )
            with self.assertRaises(AccessError):
                self.as_user(user, action).unlink()
        with self.assertRaises(AccessError):
            self.as_user(self.employee, self.Action).search([])
        with self.assertRaises(AccessError):
            self.as_user(self.user, self.Action).action_refresh_board()
        self.as_user(self.manager, self.Action).action_refresh_board()

    def test_a_second_company_sees_nothing(self):
        partner = self._customer()
        self.Action._idic_refresh()
        _company, outsider = self.make_other_company()
        self.assertFalse(self._board(partner, outsider))

    def test_settings_refuse_bad_windows(self):
        with self.assertRaises(ValidationError):
            self.as_user(self.manager, self.signal["gift"]).window_days = -1
        with self.assertRaises(ValidationError):
            self.as_user(self.manager, self.signal["profile"]).threshold = -5
        with self.assertRaises(ValidationError):
            self.company.idic_action_escalation_days = -1
        with self.assertRaises(AccessError):
            self.as_user(self.user, self.signal["gift"]).window_days = 3
