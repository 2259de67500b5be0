"""Qualification windows and rank timing, with frozen dates, as the nightly job runs."""

from datetime import date

from odoo.tests import tagged

from .common import LoyaltyCase


@tagged("post_install", "-at_install")
class TestRanks(LoyaltyCase):
    def test_rolling_window_edges(self):
        today = date(2025, 6, 15)
        card = self.make_card(
            self.make_customer("Window"),
            [(date(2024, 6, 15), 50_000), (date(2024, 6, 16), 2_000), (date(2025, 6, 16), 9_000)],
        )
        card._crm_loyalty_assess(today)
        # 15 June 2024 is outside the 12 months; 16 June 2025 is not yet
        self.assertEqual(card.crm_loyalty_qualifying_points, 2_000)
        self.assertEqual(card.crm_loyalty_tier_id, self.silver)
        self.program.crm_loyalty_window = "lifetime"
        card._crm_loyalty_assess(today)
        self.assertEqual(card.crm_loyalty_qualifying_points, 52_000)
        self.assertEqual(card.crm_loyalty_tier_id, self.diamond)

    def test_calendar_year_window(self):
        self.program.crm_loyalty_window = "calendar_year"
        card = self.make_card(
            self.make_customer("Calendar"), [(date(2024, 12, 31), 10_000), (date(2025, 1, 1), 10)]
        )
        card._crm_loyalty_assess(date(2025, 1, 1))
        self.assertEqual(card.crm_loyalty_qualifying_points, 10)

    def test_redemptions_do_not_lower_qualifying_points(self):
        card = self.make_card(self.make_customer("Spender"), [(date(2025, 3, 1), 12_000)], 100)
        card._crm_loyalty_assess(date(2025, 6, 15))
        self.assertEqual(card.crm_loyalty_qualifying_points, 12_000)
        self.assertEqual(card.crm_loyalty_tier_id, self.gold)

    def test_downgrade_only_at_the_review_date(self):
        card = self.make_card(self.make_customer("Falling"), [(date(2024, 3, 1), 12_000)])
        card._crm_loyalty_assess(date(2024, 3, 2))
        self.assertEqual(card.crm_loyalty_tier_id, self.gold)
        self.assertEqual(card.crm_loyalty_review_date, date(2024, 12, 31))
        # at the 2024 review the points still qualify: kept until the 2025 review
        card._crm_loyalty_assess(date(2024, 12, 31))
        self.assertEqual(card.crm_loyalty_review_date, date(2025, 12, 31))
        # the points have left the window, but the next review is on 31 Dec 2025
        card._crm_loyalty_assess(date(2025, 3, 5))
        self.assertEqual(card.crm_loyalty_qualifying_points, 0)
        self.assertEqual(card.crm_loyalty_tier_id, self.gold)
        card._crm_loyalty_assess(date(2025, 12, 30))
        self.assertEqual(card.crm_loyalty_tier_id, self.gold)
        card._crm_loyalty_assess(date(2025, 12, 31))
        self.assertEqual(card.crm_loyalty_tier_id, self.member)
        self.assertEqual(card.crm_loyalty_review_date, date(2026, 12, 31))
        changes = card.crm_loyalty_tier_history_ids.sorted("id")
        self.assertEqual(changes.mapped("change"), ["up", "down"])
        self.assertEqual(changes[-1].old_tier_id, self.gold)
        self.assertIn("Rank down", card.message_ids[0].body)

    def test_review_on_a_missed_year_rolls_forward(self):
        card = self.make_card(self.make_customer("Kept"), [(date(2024, 3, 1), 12_000)])
        card._crm_loyalty_assess(date(2024, 3, 2))
        # at the review the points still qualify: kept, next review a year on
        self.make_card(self.make_customer("Other"), [])
        card._crm_loyalty_assess(date(2024, 12, 31))
        self.assertEqual(card.crm_loyalty_tier_id, self.gold)
        self.assertEqual(card.crm_loyalty_review_date, date(2025, 12, 31))

    def test_nightly_job_is_set_based_and_runs_once_a_day(self):
        cards = self.env["loyalty.card"]
        for index, points in enumerate((0, 2_500, 11_000, 60_000)):
            cards |= self.make_card(
                self.make_customer(f"Night {index}"), [(date(2025, 5, 1), points)]
            )
        Card = self.env["loyalty.card"]
        done = Card._cron_crm_loyalty_assess(today=date(2025, 6, 15))
        self.assertGreaterEqual(done, 4)
        ranks = self.member | self.silver | self.gold | self.diamond
        self.assertEqual(cards.mapped("crm_loyalty_tier_id"), ranks)
        self.assertEqual(Card._cron_crm_loyalty_assess(today=date(2025, 6, 15)), 0)
        self.assertEqual(len(cards.crm_loyalty_tier_history_ids), 4)
        # a rank-up email follows the program's communication plan
        template = self.env.ref("crm_loyalty.mail_template_rank_change")
        self.program.communication_plan_ids = [
            (0, 0, {"trigger": "rank_up", "mail_template_id": template.id})
        ]
        card = self.make_card(self.make_customer("Mailed"), [(date(2025, 5, 1), 3_000)])
        mails = self.env["mail.mail"].search_count([("model", "=", "loyalty.card")])
        card._crm_loyalty_assess(date(2025, 6, 15))
        self.assertEqual(
            self.env["mail.mail"].search_count([("model", "=", "loyalty.card")]), mails + 1
        )

    def test_a_rank_change_is_told_in_the_members_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["crm_loyalty"], ["vi_VN"], overwrite=True)
        partner = self.make_customer("Anh Tuấn", lang="vi_VN")
        self.make_order(partner, 25_000_000)  # Silver at once
        card = self.card_of(partner)
        self.env["crm.loyalty.tier.history"]._cron_crm_loyalty_announce()
        card.invalidate_recordset()
        bodies = " ".join(card.message_ids.mapped(lambda m: str(m.body or "")))
        self.assertIn("Lên hạng", bodies)
        self.assertNotIn("Rank up", bodies)
        logged = self.env["crm.idic.interaction"].search(
            [("partner_id", "=", partner.id), ("channel", "=", "loyalty")]
        )
        self.assertIn("Lên hạng thành viên", logged.summary)

    def test_a_rank_change_by_an_order_is_announced_by_its_job(self):
        template = self.env.ref("crm_loyalty.mail_template_rank_change")
        self.program.communication_plan_ids = [
            (0, 0, {"trigger": "rank_up", "mail_template_id": template.id})
        ]
        cron = self.env.ref("crm_loyalty.ir_cron_crm_loyalty_announce")
        Trigger = self.env["ir.cron.trigger"]
        triggers = Trigger.search_count([("cron_id", "=", cron.id)])
        partner = self.make_customer("Climber")
        self.make_order(partner, 25_000_000)  # 2,500 points: Silver at once
        card = self.card_of(partner)
        self.assertEqual(card.crm_loyalty_tier_id, self.silver)
        change = card.crm_loyalty_tier_history_ids
        self.assertEqual(change.new_tier_id, self.silver)
        # confirming the order did not wait for the message and the email: the job will
        self.assertTrue(change.announce_pending)
        self.assertGreater(Trigger.search_count([("cron_id", "=", cron.id)]), triggers)

        def announced():
            return (
                len(card.message_ids.filtered(lambda m: "Rank up" in (m.body or ""))),
                self.env["mail.mail"].search_count(
                    [("model", "=", "loyalty.card"), ("res_id", "=", card.id)]
                ),
                self.env["crm.idic.interaction"].search_count(
                    [("partner_id", "=", partner.id), ("channel", "=", "loyalty")]
                ),
            )

        self.assertEqual(announced(), (0, 0, 0))
        History = self.env["crm.loyalty.tier.history"]
        self.assertGreaterEqual(History._cron_crm_loyalty_announce(), 1)
        self.assertFalse(change.announce_pending)
        card.invalidate_recordset()
        self.assertEqual(announced(), (1, 1, 1))
        # nothing is announced twice
        self.assertEqual(History._cron_crm_loyalty_announce(), 0)
        card.invalidate_recordset()
        self.assertEqual(announced(), (1, 1, 1))
