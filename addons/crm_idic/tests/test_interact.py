"""Interact: the care calendar jobs, and the conference invitations a salesman sends."""

from datetime import datetime, time, timedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged, users

from odoo.addons.mail.tests.common import MockEmail

from .common import IdicCase


@tagged("post_install", "-at_install")
class TestCareCalendar(IdicCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gift_type = cls.env.ref("crm_idic.mail_activity_type_idic_gift")
        cls.visit_type = cls.env.ref("crm_idic.mail_activity_type_idic_visit")
        cls.company.idic_care_lead_days = 7
        # only this company's segments ask for gifts and visits: the jobs' counts are ours
        cls.env["crm.idic.segment"].with_context(active_test=False).search(
            [("company_id", "!=", cls.company.id)]
        ).write({"anniversary_gift": False, "visit_interval_days": 0})
        segments = cls.seg["A"] | cls.seg["B"]
        assert segments.mapped("anniversary_gift") == [True, True]
        assert segments.mapped("visit_interval_days") == [30, 90]
        assert not any((cls.seg["C"] | cls.seg["D"]).mapped("anniversary_gift"))
        assert not any((cls.seg["C"] | cls.seg["D"]).mapped("visit_interval_days"))

    def _partner_in(self, segment, **vals):
        partner = self.make_customer(**vals)
        partner.with_user(self.manager)._idic_set_override(segment, "test placement")
        return partner

    def _activities(self, partners, activity_type):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )

    def test_gift_activity_once_per_year(self):
        birthday = (self.today + timedelta(days=3)).replace(year=1984)
        founding = (self.today + timedelta(days=5)).replace(year=2000)
        person = self._partner_in(
            self.seg["A"], is_company=False, idic_birthday=birthday, user_id=self.user.id
        )
        company = self._partner_in(self.seg["B"], idic_founding_date=founding)
        far = self._partner_in(
            self.seg["A"],
            is_company=False,
            idic_birthday=(self.today + timedelta(days=40)).replace(year=1984),
        )
        not_gifted = self._partner_in(self.seg["D"], is_company=False, idic_birthday=birthday)
        Partner = self.env["res.partner"]
        self.assertEqual(Partner._cron_idic_care_calendar(), 2)
        activities = self._activities(person | company | far | not_gifted, self.gift_type)
        self.assertEqual(sorted(activities.mapped("res_id")), sorted([person.id, company.id]))
        mine = activities.filtered(lambda a: a.res_id == person.id)
        self.assertEqual(mine.user_id, self.user)
        self.assertEqual(mine.date_deadline, self.today + timedelta(days=3))
        # without a salesperson: the company's sales manager
        self.assertEqual(
            activities.filtered(lambda a: a.res_id == company.id).user_id, self.manager
        )
        # idempotent: running again creates nothing new, even once the activity is done
        self.assertEqual(Partner._cron_idic_care_calendar(), 0)
        self.assertEqual(len(self._activities(person | company, self.gift_type)), 2)
        # the salesman sends the gift
        mine.with_user(self.user).action_feedback(feedback="Gift sent")
        self.assertEqual(Partner._cron_idic_care_calendar(), 0)
        self.assertFalse(self._activities(person, self.gift_type))
        self.assertEqual(person.idic_care_year, (self.today + timedelta(days=3)).year)

    def test_an_anniversary_has_one_reminder(self):
        """A gift reminder another addon opened for this anniversary (the loyalty rank's
        gift, say) is the one reminder: the care calendar adds none."""
        day = self.today + timedelta(days=2)
        if (day.month, day.day) == (2, 29):
            day += timedelta(days=1)  # a birthday of 1990 cannot fall on 29 February
        person = self._partner_in(
            self.seg["A"],
            is_company=False,
            idic_birthday=day.replace(year=1990),
            user_id=self.user.id,
        )
        person.activity_schedule(
            activity_type_id=self.gift_type.id, date_deadline=day, user_id=self.user.id
        )
        self.assertEqual(self.env["res.partner"]._cron_idic_care_calendar(), 0)
        self.assertEqual(len(self._activities(person, self.gift_type)), 1)
        self.assertEqual(person.idic_care_year, day.year, "this anniversary is reminded")
        # done before its day: no second reminder for the same anniversary
        self._activities(person, self.gift_type).action_feedback(feedback="Gift sent")
        self.assertEqual(self.env["res.partner"]._cron_idic_care_calendar(), 0)

    def test_visit_scheduled_when_last_visit_is_old(self):
        visited = self._partner_in(self.seg["A"], user_id=self.user.id)
        never = self._partner_in(self.seg["A"], user_id=self.user.id)
        old = self._partner_in(self.seg["B"], user_id=self.user.id)
        normal = self._partner_in(self.seg["D"], user_id=self.user.id)
        # the salesman logs his visits
        Interaction = self.user_env(self.user)["crm.idic.interaction"]
        Interaction.create(
            [
                {
                    "partner_id": visited.id,
                    "channel": "visit",
                    "summary": "Visit",
                    "date": fields.Datetime.now() - timedelta(days=5),
                },
                {
                    "partner_id": old.id,
                    "channel": "visit",
                    "summary": "Old visit",
                    "date": datetime.combine(self.today - timedelta(days=120), time(9)),
                },
            ]
        )
        created = self.env["res.partner"]._cron_idic_visit_schedule()
        self.assertEqual(created, 2)
        scheduled = self._activities(visited | never | old | normal, self.visit_type)
        self.assertEqual(sorted(scheduled.mapped("res_id")), sorted([never.id, old.id]))
        self.assertEqual(scheduled.user_id, self.user)
        self.assertEqual(set(scheduled.mapped("date_deadline")), {self.today})
        self.assertEqual(self.env["res.partner"]._cron_idic_visit_schedule(), 0)


@tagged("post_install", "-at_install")
class TestConference(IdicCase, MockEmail):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env.ref("crm_idic.mail_template_idic_conference")

    def _partners_in_a(self, *names, **vals):
        partners = self.env["res.partner"].concat(
            *[self.make_customer(name, email=f"{name.lower()}@x.vn", **vals) for name in names]
        )
        partners.with_user(self.manager)._idic_set_override(self.seg["A"], "VIP")
        return partners

    @users("idic_user")
    def test_invite_by_segment(self):
        a1, a2 = self._partners_in_a("A1", "A2", user_id=self.user.id)
        d1 = self.make_customer("D1", email="d1@x.vn", user_id=self.user.id)
        self.score(d1)
        wizard = self.env["crm.idic.conference.wizard"].create(
            {
                "name": "Customer conference 2026",
                "event_date": self.today + timedelta(days=30),
                "segment_ids": [Command.set(self.seg["A"].ids)],
                "mail_template_id": self.template.id,
            }
        )
        self.assertEqual(wizard.partner_ids, a1 | a2)
        self.assertEqual(wizard.invitation_count, 2)
        with self.mock_mail_gateway():
            action = wizard.action_invite()
        interactions = self.env["crm.idic.interaction"].search(action["domain"])
        self.assertEqual(interactions.partner_id, a1 | a2)
        self.assertEqual(set(interactions.mapped("channel")), {"conference"})
        self.assertEqual(set(interactions.mapped("interaction_type")), {"invitation"})
        self.assertEqual(interactions.user_id, self.user)
        self.assertEqual(interactions.company_id, self.company)
        self.assertEqual(len(interactions.activity_ids), 2)
        self.assertEqual(interactions.activity_ids.user_id, self.user)
        self.assertEqual(
            set(interactions.activity_ids.mapped("date_deadline")),
            {self.today + timedelta(days=27)},
        )
        self.assertEqual(a1.with_env(self.env).idic_interaction_count, 1)
        customer_mails = self._new_mails.filtered(lambda m: m.recipient_ids & (a1 | a2))
        self.assertEqual(customer_mails.recipient_ids & (a1 | a2), a1 | a2)
        self.assertFalse(self._new_mails.recipient_ids & d1)

    @users("idic_manager")
    def test_invitations_go_to_each_customers_salesperson(self):
        (mine,) = self._partners_in_a("Mine", user_id=self.user.id)
        (nobodys,) = self._partners_in_a("Nobodys")
        wizard = self.env["crm.idic.conference.wizard"].create(
            {
                "name": "Dealer day",
                "event_date": self.today + timedelta(days=2),
                "segment_ids": [Command.set(self.seg["A"].ids)],
            }
        )
        action = wizard.action_invite()
        interactions = self.env["crm.idic.interaction"].search(action["domain"])
        self.assertEqual(interactions.filtered(lambda i: i.partner_id == mine).user_id, self.user)
        self.assertEqual(
            interactions.filtered(lambda i: i.partner_id == nobodys).user_id, self.manager
        )
        # the event is in two days: the follow-up is due today, not in the past
        self.assertEqual(set(interactions.activity_ids.mapped("date_deadline")), {self.today})

    @users("idic_user")
    def test_invite_needs_customers_and_a_future_date(self):
        Wizard = self.env["crm.idic.conference.wizard"]
        wizard = Wizard.create({"name": "Empty", "event_date": self.today + timedelta(days=3)})
        self.assertFalse(wizard.partner_ids)
        with self.assertRaisesRegex(UserError, "Choose at least one customer"):
            wizard.action_invite()
        partner = self.make_customer(user_id=self.user.id)
        wizard = Wizard.create(
            {
                "name": "Past",
                "event_date": self.today - timedelta(days=3),
                "partner_ids": [Command.set(partner.ids)],
            }
        )
        self.assertEqual(wizard.partner_ids, partner)
        with self.assertRaisesRegex(UserError, "already past"):
            wizard.action_invite()
        self.assertFalse(self.env["crm.idic.interaction"].search([("partner_id", "=", partner.id)]))
