from datetime import datetime, time, timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

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
        Partner._cron_idic_care_calendar()
        activities = self._activities(person | company | far | not_gifted, self.gift_type)
        self.assertEqual(activities.mapped("res_id"), sorted([person.id, company.id]) or [])
        mine = activities.filtered(lambda a: a.res_id == person.id)
        self.assertEqual(mine.user_id, self.user)
        self.assertEqual(mine.date_deadline, (self.today + timedelta(days=3)))
        # idempotent: running again creates nothing new, even once the activity is done
        Partner._cron_idic_care_calendar()
        self.assertEqual(len(self._activities(person | company, self.gift_type)), 2)
        mine.action_feedback(feedback="Gift sent")
        Partner._cron_idic_care_calendar()
        self.assertEqual(len(self._activities(person, self.gift_type)), 0)
        self.assertEqual(person.idic_care_year, (self.today + timedelta(days=3)).year)

    def test_visit_scheduled_when_last_visit_is_old(self):
        visited = self._partner_in(self.seg["A"])
        never = self._partner_in(self.seg["A"])
        old = self._partner_in(self.seg["B"])
        normal = self._partner_in(self.seg["D"])
        Interaction = self.env["crm.idic.interaction"]
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
        scheduled = self._activities(visited | never | old | normal, self.visit_type)
        self.assertEqual(set(scheduled.mapped("res_id")), {never.id, old.id})
        self.assertGreaterEqual(created, 2)
        self.assertEqual(self.env["res.partner"]._cron_idic_visit_schedule(), 0)


@tagged("post_install", "-at_install")
class TestConference(IdicCase, MockEmail):
    def test_invite_by_segment(self):
        a1 = self.make_customer("A1", email="a1@x.vn", user_id=self.user.id)
        a2 = self.make_customer("A2", email="a2@x.vn")
        d1 = self.make_customer("D1", email="d1@x.vn")
        for partner in a1 | a2:
            partner.with_user(self.manager)._idic_set_override(self.seg["A"], "VIP")
        self.recompute(d1)
        wizard = self.env["crm.idic.conference.wizard"].create(
            {
                "name": "Customer conference 2026",
                "event_date": self.today + timedelta(days=30),
                "segment_ids": [(6, 0, self.seg["A"].ids)],
                "mail_template_id": self.env.ref("crm_idic.mail_template_idic_conference").id,
            }
        )
        self.assertEqual(wizard.partner_ids, a1 | a2)
        with self.mock_mail_gateway():
            action = wizard.action_invite()
        interactions = self.env["crm.idic.interaction"].search(action["domain"])
        self.assertEqual(interactions.partner_id, a1 | a2)
        self.assertEqual(set(interactions.mapped("channel")), {"conference"})
        self.assertEqual(set(interactions.mapped("interaction_type")), {"invitation"})
        self.assertEqual(len(interactions.activity_ids), 2)
        self.assertEqual(
            interactions.filtered(lambda i: i.partner_id == a1).activity_ids.user_id, self.user
        )
        self.assertEqual(a1.idic_interaction_count, 1)
        customer_mails = self._new_mails.filtered(lambda m: m.recipient_ids & (a1 | a2))
        self.assertEqual(customer_mails.recipient_ids & (a1 | a2), a1 | a2)
        self.assertFalse(self._new_mails.recipient_ids & d1)

    def test_invite_needs_customers_and_a_future_date(self):
        wizard = self.env["crm.idic.conference.wizard"].create(
            {"name": "Empty", "event_date": self.today + timedelta(days=3)}
        )
        with self.assertRaises(UserError):
            wizard.action_invite()
        partner = self.make_customer(idic_customer_group="project")
        wizard = self.env["crm.idic.conference.wizard"].create(
            {
                "name": "Past",
                "event_date": self.today - timedelta(days=3),
                "customer_group": "project",
            }
        )
        self.assertIn(partner, wizard.partner_ids)
        with self.assertRaises(UserError):
            wizard.action_invite()
        self.assertFalse(self.env["crm.idic.interaction"].search([("partner_id", "=", partner.id)]))
