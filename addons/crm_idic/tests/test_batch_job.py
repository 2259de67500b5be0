"""The batch-job mixin itself: windows, batches, bookmark, progress, failures, commits."""

import logging
from itertools import pairwise
from unittest.mock import patch

from odoo.tests import TransactionCase, tagged

from ..models.crm_idic_batch_job import BatchJob

_logger = logging.getLogger(__name__)
BOOKMARK = "crm_idic.test_batch_job"


@tagged("post_install", "-at_install")
class TestBatchJob(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partners = cls.env["res.partner"].create(
            [{"name": f"Batch job {index}"} for index in range(8)]
        )
        cls.Params = cls.env["ir.config_parameter"].sudo()

    def setUp(self):
        super().setUp()
        self.batches = []  # the ids of each batch the work was given

    def job(self, fail=None, **kwargs):
        """A job over our partners that marks them, in batches of 3, failing on
        ``fail``."""

        def work(records):
            self.batches.append(records.ids)
            records.write({"ref": "done"})
            if fail and fail in records:
                raise ValueError("broken partner")
            return len(records)

        spec = {"name": "Test job", "label": "partner", "logger": _logger, "batch_size": 3}
        spec.update(work=work, domain=[("id", "in", self.partners.ids)], bookmark=BOOKMARK)
        return BatchJob(**(spec | kwargs))

    def with_progress(self):
        """The environment of a run the scheduler starts, and its progress record."""
        cron = self.env.ref("crm_idic.ir_cron_idic_recompute")
        _cron, progress = cron._add_progress()
        return self.env(context=dict(self.env.context, ir_cron_progress_id=progress.id)), progress

    def marked(self):
        self.partners.invalidate_recordset(["ref"])
        return self.partners.filtered(lambda p: p.ref == "done")

    def test_runs_batches_bookmark_and_progress(self):
        ours = self.partners
        env, progress = self.with_progress()
        run = env["res.partner"]._idic_job_run(self.job(run_size=6))
        self.assertEqual(self.batches, [ours[0:3].ids, ours[3:6].ids])
        self.assertEqual((run.done, run.finished, run.results), (6, False, [3, 3]))
        self.assertEqual(self.Params.get_param(BOOKMARK), str(ours[5].id))
        # one left reported while the pass is unfinished: the scheduler runs it again
        self.assertEqual((progress.done, progress.remaining), (6, 1))
        self.assertEqual(self.marked(), ours[:6])

        env, progress = self.with_progress()
        run = env["res.partner"]._idic_job_run(self.job(run_size=6))
        self.assertEqual(self.batches[2:], [ours[6:].ids], "the rerun continues after the mark")
        self.assertEqual((run.done, run.finished), (2, True))
        self.assertEqual((progress.done, progress.remaining), (2, 0))
        self.assertFalse(self.Params.get_param(BOOKMARK), "a finished pass keeps no mark")
        self.assertEqual(self.marked(), ours)

        # the next run starts a new pass
        self.env["res.partner"]._idic_job_run(self.job(run_size=6))
        self.assertEqual(self.batches[3:], [ours[0:3].ids, ours[3:6].ids])

    def test_a_rerun_continues_after_the_bookmark(self):
        self.Params.set_param(BOOKMARK, str(self.partners[4].id))
        run = self.env["res.partner"]._idic_job_run(self.job(run_size=6))
        self.assertEqual(self.batches, [self.partners[5:].ids])
        self.assertTrue(run.finished)
        self.assertEqual(self.marked(), self.partners[5:])

    def test_a_failing_record_is_skipped_and_logged(self):
        bad = self.partners[4]
        env, progress = self.with_progress()
        # (Odoo names its level 25 "INFO" too: the number, for logging.info)
        with self.assertLogs(_logger.name, logging.INFO) as logs:
            run = env["res.partner"]._idic_job_run(self.job(fail=bad))
        output = "\n".join(logs.output)
        self.assertIn("Test job: a batch failed; its partners run one by one", output)
        self.assertIn(f"ERROR:{_logger.name}:Test job: partner {bad.id} failed; skipped", output)
        self.assertEqual(run.failed, bad)
        # the failed batch's work was undone, then redone one partner at a time
        self.assertEqual(self.marked(), self.partners - bad)
        self.assertEqual(self.batches[1], self.partners[3:6].ids)
        self.assertEqual(self.batches[2:5], [[p.id] for p in self.partners[3:6]])
        self.assertEqual(run.results, [3, 1, 1, 2])
        # the pass goes on past the failing partner and ends
        self.assertEqual((run.done, run.finished), (8, True))
        self.assertEqual((progress.done, progress.remaining), (8, 0))
        self.assertFalse(self.Params.get_param(BOOKMARK))

    def test_a_pass_key_runs_a_pass_once(self):
        day_one = self.job(pass_key="2025-06-15", run_size=6)
        self.env["res.partner"]._idic_job_run(day_one)
        self.assertEqual(self.Params.get_param(BOOKMARK), f"2025-06-15:{self.partners[5].id}")
        run = self.env["res.partner"]._idic_job_run(day_one)
        self.assertEqual(self.Params.get_param(BOOKMARK), "2025-06-15:done")
        self.assertTrue(run.finished)
        self.assertEqual(len(self.batches), 3)
        # the same day again: nothing
        env, progress = self.with_progress()
        run = env["res.partner"]._idic_job_run(day_one)
        self.assertEqual((run.done, run.finished, len(self.batches)), (0, False, 3))
        self.assertEqual((progress.done, progress.remaining), (0, 0))
        # the next day: a new pass; when interrupted, the day after continues it
        self.env["res.partner"]._idic_job_run(self.job(pass_key="2025-06-16", run_size=6))
        self.assertEqual(len(self.batches), 5)
        self.env["res.partner"]._idic_job_run(self.job(pass_key="2025-06-17", run_size=6))
        self.assertEqual(self.batches[5:], [self.partners[6:].ids])
        self.assertEqual(self.Params.get_param(BOOKMARK), "2025-06-17:done")

    def test_windows_find_the_same_records(self):
        Partner = self.env["res.partner"]
        ours = self.partners
        for window in (None, 2, 1000, 0):
            job = self.job(window=window)
            self.assertEqual(Partner._idic_job_next(job, 0), ours, window)
            self.assertEqual(Partner._idic_job_next(job, ours[1].id, 4), ours[2:6], window)
        # a domain given per window, for the window (low, high]
        windows = []

        def domain(low, high):
            windows.append((low, high))
            return [("id", "in", self.partners.ids)]

        job = self.job(domain=domain, window=2)
        self.assertEqual(Partner._idic_job_next(job, ours[3].id), ours[4:])
        self.assertEqual(windows[0][0], ours[3].id)
        self.assertIsNone(windows[-1][1], "the last window has no upper bound")
        self.assertTrue(all(high == next_low for (_l, high), (next_low, _h) in pairwise(windows)))

    def test_queries_per_batch_do_not_grow_with_the_batch(self):
        starts = {2: [], 4: []}
        for size, counts in starts.items():
            self.Params.set_param(BOOKMARK, False)
            env, _progress = self.with_progress()
            count = lambda _records, c=counts: c.append(self.env.cr.sql_log_count)
            env["res.partner"]._idic_job_run(self.job(work=count, batch_size=size))
        per_batch = {size: [b - a for a, b in pairwise(c)] for size, c in starts.items()}
        # the job's own: the lock, the savepoint, the bookmark, the progress
        self.assertLessEqual(max(per_batch[2] + per_batch[4]), 8, per_batch)

    def test_commits_only_under_the_scheduler(self):
        env, _progress = self.with_progress()
        with (
            patch("odoo.modules.module.current_test", None),
            patch.object(self.env.cr, "commit") as commit,
        ):
            self.env["res.partner"]._idic_job_run(self.job())
            self.assertFalse(commit.called, "a request's transaction belongs to its caller")
            env["res.partner"]._idic_job_run(self.job())
            self.assertEqual(commit.call_count, 3, "one commit per batch")

    def test_a_run_size_needs_a_bookmark(self):
        with self.assertRaises(ValueError):
            self.job(bookmark=None, run_size=6)
        with self.assertRaises(ValueError):
            self.job(batch_size=0)
