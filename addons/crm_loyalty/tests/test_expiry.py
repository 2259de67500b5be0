"""Points expire oldest first, once, never below zero: the daily job run twice."""

from datetime import date

from odoo.tests import tagged

from .common import LoyaltyCase


@tagged("post_install", "-at_install")
class TestExpiry(LoyaltyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program.write({"crm_loyalty_expiry": True, "crm_loyalty_expiry_months": 12})

    def spend(self, card, points, day):
        self.env["loyalty.card"]._crm_loyalty_post(
            [
                {
                    "card_id": card.id,
                    "description": "Reward",
                    "used": points,
                    "crm_loyalty_kind": "adjust",
                    "crm_loyalty_date": day,
                }
            ]
        )

    def test_oldest_points_expire_once(self):
        card = self.make_card(
            self.make_customer("Expiring"),
            [(date(2024, 1, 10), 100), (date(2024, 6, 1), 50), (date(2025, 1, 5), 30)],
        )
        self.spend(card, 120, date(2024, 8, 1))
        self.assertEqual(card.points, 60)
        Card = self.env["loyalty.card"]
        # 120 spent took the 100 of January and 20 of June 2024; 30 of June expire
        self.assertEqual(Card._cron_crm_loyalty_expire(today=date(2025, 6, 15)), 30)
        self.assertEqual(card.points, 30)
        expired = card.history_ids.filtered(lambda h: h.crm_loyalty_kind == "expiry")
        self.assertEqual(expired.used, 30)
        self.assertEqual(Card._cron_crm_loyalty_expire(today=date(2025, 6, 15)), 0)
        self.assertEqual(Card._cron_crm_loyalty_expire(today=date(2025, 6, 16)), 0)
        self.assertEqual(card.points, 30)
        # expiry does not lower the qualifying points (only January 2025 is in the window)
        card._crm_loyalty_assess(date(2025, 6, 15))
        self.assertEqual(card.crm_loyalty_qualifying_points, 30)

    def test_expiry_never_makes_a_balance_negative(self):
        card = self.make_card(self.make_customer("Low"), [(date(2024, 1, 10), 100)])
        self.spend(card, 60, date(2024, 2, 1))
        self.env["loyalty.card"]._cron_crm_loyalty_expire(today=date(2025, 6, 15))
        self.assertEqual(card.points, 0)
        self.assertEqual(
            card.history_ids.filtered(lambda h: h.crm_loyalty_kind == "expiry").used, 40
        )

    def test_members_are_warned_before_points_expire(self):
        card = self.make_card(self.make_customer("Warned"), [(date(2024, 7, 1), 100)])
        Mail = self.env["mail.mail"]
        before = Mail.search_count([("model", "=", "loyalty.card"), ("res_id", "=", card.id)])
        Card = self.env["loyalty.card"]
        Card._cron_crm_loyalty_expire(today=date(2025, 6, 15))
        self.assertEqual(card.crm_loyalty_expiry_notice_date, date(2025, 7, 1))
        self.assertEqual(card.crm_loyalty_expiry_notice_points, 100)
        self.assertTrue(card.crm_loyalty_expiry_notice_pending)
        # the expiry job only marks the member; the notice job sends the email, once
        self.assertEqual(Card._cron_crm_loyalty_expiry_notices(), 1)
        self.assertFalse(card.crm_loyalty_expiry_notice_pending)
        Card._cron_crm_loyalty_expire(today=date(2025, 6, 16))
        self.assertFalse(card.crm_loyalty_expiry_notice_pending)
        self.assertEqual(Card._cron_crm_loyalty_expiry_notices(), 0)
        after = Mail.search_count([("model", "=", "loyalty.card"), ("res_id", "=", card.id)])
        self.assertEqual(after, before + 1)
        mail = Mail.search([("model", "=", "loyalty.card"), ("res_id", "=", card.id)], limit=1)
        self.assertIn("100", mail.body_html)
        self.assertEqual(card.points, 100)
