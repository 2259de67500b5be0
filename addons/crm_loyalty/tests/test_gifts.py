"""Birthday and founding-day gifts: once a year, per rank."""

from datetime import date, timedelta

from odoo import fields
from odoo.tests import tagged

from .common import LoyaltyCase


@tagged("post_install", "-at_install")
class TestGifts(LoyaltyCase):
    def test_yearly_gift_by_rank(self):
        self.silver.birthday_points = 100
        person = self.make_customer("Birthday", idic_birthday=date(1990, 6, 15))
        company = self.make_customer(
            "Founded", is_company=True, idic_founding_date=date(2010, 6, 1)
        )
        member = self.make_customer("No date")
        silver = self.make_card(person, [(date(2025, 5, 1), 2_500)])
        founded = self.make_card(company, [(date(2025, 5, 1), 2_500)])
        low = self.make_card(member, [(date(2025, 5, 1), 100)])
        (silver | founded | low)._crm_loyalty_assess(date(2025, 6, 1))
        Card = self.env["loyalty.card"]
        # (the job runs over every program: other members, e.g. demo data, may get gifts too)
        Card._cron_crm_loyalty_gifts(today=date(2025, 6, 14))
        self.assertEqual((founded.points, silver.points), (2_600, 2_500))
        Card._cron_crm_loyalty_gifts(today=date(2025, 6, 15))
        self.assertEqual((founded.points, silver.points), (2_600, 2_600))
        Card._cron_crm_loyalty_gifts(today=date(2025, 6, 16))
        self.assertEqual((founded.points, silver.points), (2_600, 2_600))
        gift = silver.history_ids.filtered(lambda h: h.crm_loyalty_kind == "gift")
        self.assertEqual(gift.issued, 100)
        # a gift is not a qualifying point
        silver._crm_loyalty_assess(date(2025, 6, 16))
        self.assertEqual(silver.crm_loyalty_qualifying_points, 2_500)
        self.assertEqual(low.points, 100)
        Card._cron_crm_loyalty_gifts(today=date(2026, 6, 15))
        self.assertEqual((founded.points, silver.points, low.points), (2_700, 2_700, 100))
        self.assertEqual(founded.crm_loyalty_gift_year, 2026)

    def test_a_gift_is_told_in_the_members_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["crm_loyalty"], ["vi_VN"], overwrite=True)
        self.silver.birthday_points = 1_500
        person = self.make_customer("Chị Hoa", idic_birthday=date(1990, 6, 15), lang="vi_VN")
        card = self.make_card(person, [(date(2025, 5, 1), 2_500)])
        card._crm_loyalty_assess(date(2025, 6, 1))
        # the job runs without a user's language (as the scheduler does)
        self.env["loyalty.card"].with_context(lang=None)._cron_crm_loyalty_gifts(
            today=date(2025, 6, 15)
        )
        gift = card.history_ids.filtered(lambda h: h.crm_loyalty_kind == "gift")
        self.assertEqual(gift.description, f"Quà kỷ niệm ({self.silver.name})")
        self.assertEqual(card.points, 4_000)
        bodies = " ".join(card.message_ids.mapped(lambda m: str(m.body or "")))
        self.assertIn("Quà kỷ niệm: 1.500 điểm", bodies)
        self.assertNotIn("Anniversary gift", bodies)

    def test_one_reminder_and_one_date_per_anniversary(self):
        """crm_idic's care calendar and the rank's gift agree on the date (a company's
        founding day, a person's birthday) and share one reminder."""
        today = fields.Date.context_today(self.env.user)
        day = today + timedelta(days=3)
        born = date(1984, 2, 28) if (day.month, day.day) == (2, 29) else day.replace(year=1984)
        self.silver.gift_description = "Hộp quà Tết"
        segment = self.env["crm.idic.segment"].search(
            [("company_id", "=", self.company.id), ("anniversary_gift", "=", True)], limit=1
        )
        person = self.make_customer("Chị Hoa", idic_birthday=born, user_id=self.user.id)
        person._idic_system().write({"idic_segment_id": segment.id})
        card = self.make_card(person, [(today - timedelta(days=30), 2_500)])
        card._crm_loyalty_assess(today)
        self.assertEqual(card.crm_loyalty_tier_id, self.silver)
        gift_type = self.env.ref("crm_idic.mail_activity_type_idic_gift")

        def reminders(partner):
            return self.env["mail.activity"].search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "=", partner.id),
                    ("activity_type_id", "=", gift_type.id),
                ]
            )

        self.env["res.partner"]._cron_idic_care_calendar()  # a week ahead: the reminder
        self.assertEqual(len(reminders(person)), 1)
        self.env["loyalty.card"]._cron_crm_loyalty_gifts(today=day)  # on the day: the gift
        reminder = reminders(person)
        self.assertEqual(len(reminder), 1, "the rank's gift joins the care calendar's reminder")
        self.assertIn("Hộp quà Tết", str(reminder.note))
        self.assertEqual(reminder.date_deadline, day)
        self.assertEqual(card.crm_loyalty_gift_year, day.year)
        # a company counts its founding day, not a birthday typed on its form
        company = self.make_customer(
            "Công ty Sen",
            is_company=True,
            idic_founding_date=date(2001, 9, 1),
            idic_birthday=date(1984, 5, 5),
        )
        founded = self.make_card(company, [(date(2025, 4, 1), 2_500)])
        founded._crm_loyalty_assess(date(2025, 4, 2))
        self.env["loyalty.card"]._cron_crm_loyalty_gifts(today=date(2025, 5, 5))
        self.assertFalse(reminders(company), "not on the birthday")
        self.assertEqual(founded.crm_loyalty_gift_year, 0)
        self.env["loyalty.card"]._cron_crm_loyalty_gifts(today=date(2025, 9, 1))
        self.assertEqual(reminders(company).date_deadline, date(2025, 9, 1))
        self.assertEqual(founded.crm_loyalty_gift_year, 2025)
