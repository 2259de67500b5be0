"""The nightly rank assessment as the scheduler runs it: batches, bookmark, reruns."""

from datetime import date, timedelta
from itertools import pairwise
from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.crm_loyalty.models import loyalty_card_job as job

from .common import LoyaltyCase

DAY = date(2025, 6, 15)
# qualifying points in the window of DAY (the earnings of 1 June 2024 have left it)
POINTS = (0, 300, 1_999, 2_000, 2_500, 9_999, 10_000, 11_000, 49_999, 50_000, 60_000)


@tagged("post_install", "-at_install")
class TestAssessJob(LoyaltyCase):
    @classmethod
    def make_set(cls, label):
        """Cards for POINTS, plus a Gold member at her review date without points (she
        goes down) and one a month before it (she stays)."""
        cards = cls.env["loyalty.card"]
        for index, points in enumerate(POINTS):
            cards |= cls.make_card(
                cls.make_customer(f"{label} {index}"),
                [(date(2025, 5, 1), points), (date(2024, 6, 1), 5_000)],
            )
        for index, review in enumerate((DAY, DAY + timedelta(days=30))):
            card = cls.make_card(cls.make_customer(f"{label} gold {index}"), [])
            card._idic_system().write(
                {
                    "crm_loyalty_tier_id": cls.gold.id,
                    "crm_loyalty_review_date": review,
                    "crm_loyalty_tier_since": date(2024, 3, 1),
                }
            )
            cards |= card
        return cards

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.once = cls.make_set("Once")
        cls.batched = cls.make_set("Batched")

    def state(self, cards):
        cards.invalidate_recordset()
        return [
            (
                card.crm_loyalty_tier_id,
                card.crm_loyalty_qualifying_points,
                card.crm_loyalty_review_date,
                card.crm_loyalty_tier_since,
                [
                    (h.old_tier_id, h.new_tier_id, h.change, h.qualifying_points)
                    for h in card.crm_loyalty_tier_history_ids
                ],
            )
            for card in cards
        ]

    def run_job(self, day, batch, run_size=None, progress=None):
        """Run the job for ``day`` with batches of ``batch`` cards; returns what it
        assessed: (card ids, queries since the previous batch started) per batch."""
        Card = type(self.env["loyalty.card"])
        # the batch job's step per batch (crm_idic's crm.idic.batch.job.mixin)
        original = Card._idic_job_batch
        batches = []

        def spy(records, batch_job):
            batches.append((records.ids, self.env.cr.sql_log_count))
            return original(records, batch_job)

        env = self.env
        if progress:
            env = env(context=dict(env.context, ir_cron_progress_id=progress.id))
        with (
            patch.object(Card, "_idic_job_batch", spy),
            patch.object(job, "BATCH_SIZE", batch),
            patch.object(job, "CRON_RUN_SIZE", run_size or job.CRON_RUN_SIZE),
        ):
            done = env["loyalty.card"]._cron_crm_loyalty_assess(today=day)
        self.assertEqual(done, sum(len(ids) for ids, _count in batches))
        return batches

    def test_batches_give_the_result_of_one_batch(self):
        self.once._crm_loyalty_assess(DAY)  # every card at once
        batches = self.run_job(DAY, batch=3)
        ours = [ids for ids, _count in batches if set(ids) & set(self.batched.ids)]
        self.assertGreaterEqual(len(ours), 4, "the cards are assessed in several batches")
        self.assertTrue(all(len(ids) <= 3 for ids, _count in batches))
        self.assertEqual(self.state(self.batched), self.state(self.once))
        expected = [self.member, self.member, self.member, self.silver, self.silver]
        expected += [self.silver, self.gold, self.gold, self.gold, self.diamond, self.diamond]
        expected += [self.member, self.gold]
        self.assertEqual([card.crm_loyalty_tier_id for card in self.batched], expected)
        changes = self.batched.crm_loyalty_tier_history_ids
        self.assertEqual(len(changes), len(POINTS) + 1)
        self.assertEqual(changes.filtered(lambda h: h.change == "down").card_id, self.batched[-2])
        # the job leaves the messages and emails to the announcement job
        self.assertTrue(all(changes.mapped("announce_pending")))
        self.assertFalse(any(self.once.crm_loyalty_tier_history_ids.mapped("announce_pending")))

    def test_queries_per_batch_do_not_grow_with_the_batch(self):
        self.run_job(DAY, batch=50)
        # the next night: windows slide by a day, no rank changes
        for batch in (2, 8):
            self.env["ir.config_parameter"].set_param(job.ASSESS_PROGRESS, False)
            counts = self.run_job(DAY + timedelta(days=1), batch=batch)
            per_batch = [b[1] - a[1] for a, b in pairwise(counts)]
            self.assertTrue(per_batch)
            # about 13 whatever the batch: the next window and its search, the lock, the
            # savepoint, the cards, the ranks, the history's read_group, the bookmark
            self.assertLessEqual(max(per_batch), 16, f"queries per batch of {batch}: {per_batch}")
        self.assertEqual(len(self.batched.crm_loyalty_tier_history_ids), len(POINTS) + 1)

    def test_a_rerun_continues_and_does_nothing_twice(self):
        cron = self.env.ref("crm_loyalty.ir_cron_crm_loyalty_assess")
        total = (
            self.env["loyalty.card"]
            .with_context(active_test=False)
            .search_count([("program_id.crm_loyalty_ranked", "=", True)])
        )
        seen, runs = [], 0
        while True:
            cron, progress = cron._add_progress()
            batches = self.run_job(DAY, batch=2, run_size=6, progress=progress)
            seen += [card_id for ids, _count in batches for card_id in ids]
            runs += 1
            if not progress.remaining:
                break
            # the scheduler runs it again: as after an interruption, from the bookmark
            self.assertLessEqual(len(batches), 3)
            self.assertGreater(progress.done, 0)
            self.assertLessEqual(runs, total)
        self.assertGreater(runs, 2)
        self.assertEqual(len(seen), len(set(seen)), "no card is assessed twice")
        self.assertEqual(len(seen), total)
        self.assertEqual(seen, sorted(seen))
        self.assertEqual(len(self.batched.crm_loyalty_tier_history_ids), len(POINTS) + 1)
        # the day's pass is over: the job does nothing more that day
        self.assertEqual(self.run_job(DAY, batch=2), [])
        self.assertEqual(
            self.env["ir.config_parameter"].get_param(job.ASSESS_PROGRESS), f"{DAY}:done"
        )
        # the next day is a new pass
        self.assertEqual(
            len([i for ids, _c in self.run_job(DAY + timedelta(days=1), batch=50) for i in ids]),
            total,
        )

    def test_a_failing_card_is_skipped(self):
        Card = type(self.env["loyalty.card"])
        original = Card._crm_loyalty_assess
        bad = self.batched[4]

        def assess(records, today=None, defer=False):
            if bad in records:
                raise ValueError("broken card")
            return original(records, today, defer=defer)

        with (
            patch.object(Card, "_crm_loyalty_assess", assess),
            self.assertLogs(job.__name__, level="INFO") as logs,
        ):
            self.run_job(DAY, batch=50)
        self.assertIn(f"card {bad.id} failed", "\n".join(logs.output))
        self.assertFalse(bad.crm_loyalty_tier_id)
        self.assertEqual(self.batched[3].crm_loyalty_tier_id, self.silver)
        self.assertEqual(self.batched[5].crm_loyalty_tier_id, self.silver)
