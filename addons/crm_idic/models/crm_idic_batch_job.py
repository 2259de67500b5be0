"""Batch jobs: one loop for every job that runs over many records of a model (the scoring,
the profile completeness, the rank assessment, points expiry, anniversary gifts, rank
announcements, the dealer review).

A model whose records a job runs over inherits ``crm.idic.batch.job.mixin`` (an existing
model: ``_name = "x"`` and ``_inherit = ["x", "crm.idic.batch.job.mixin"]``). A job is
described by a ``BatchJob`` (below) and run by ``model._idic_job_run(job)``, on the
model with the environment the job runs in (``sudo()``, ``active_test``...). A model
may run several jobs (``loyalty.card`` runs three), so a job plugs in by its arguments,
not by overriding methods of the model:

- ``work``: a function of a batch of records, the job's own work. It gets the batch's
  rows locked and runs in a savepoint; what it returns is collected in
  ``BatchRun.results`` (for the job's totals). It must stay set-based: the same few
  queries whatever the batch holds.
- ``domain``: the records the job runs over, a domain, or a function ``(low, high)``
  returning the domain of the records with an id in ``(low, high]`` (``high`` None: no
  upper bound), for a domain whose costly parts can be narrowed to the window too
  (``res.partner._idic_window_domain``).
- ``bookmark``: the key of the system parameter that holds the last id done while a
  pass is unfinished. Without ``pass_key``, a finished pass removes it: the next run
  starts a new pass. With ``pass_key`` (the day, for a nightly pass), it holds
  ``"<pass_key>:<last id>"``, then ``"<pass_key>:done"`` once the pass is over: running
  the job again with the same ``pass_key`` does nothing; an unfinished pass, even of
  another key, is continued after its bookmark. Without a bookmark, every run is a whole
  pass from the first record (``run_size`` must then be None).
- ``batch_size`` records per batch; ``run_size`` records at most per run (None: all);
  ``window``, the width in ids of the windows the records are searched in (default
  ``batch_size``; 0: no windows, for a domain an index answers alone, such as a flag few
  records have).
- ``name`` and ``label`` for the log (``"IDIC scoring: partner 42 failed; skipped"``),
  written to ``logger`` (the job's module logger).
- ``invalidate``: empty the cache between batches (memory stays bounded; default).
- ``lock``: lock the batch's rows first (default); a job that writes nothing on them
  (the dealer review creates proposals) leaves them to their users.

A run (``_idic_job_run``) reads the bookmark, takes the next ``run_size`` records in id
order (``_idic_job_next``: windows of ``window`` ids bound by the primary key's index,
the domain searched inside each, so a run costs the same wherever it is in the table),
and for each batch of ``batch_size`` (``_idic_job_batch``): locks its rows
(``FOR NO KEY UPDATE SKIP LOCKED``: rows another transaction is writing are left to it,
and its own work or the next run does them),
runs the work in a savepoint and, when it fails, runs it again one record at a time,
logging and skipping the records that fail; then moves the bookmark, reports the
progress to the scheduler (``ir.cron._notify_progress``: records done, failed ones
included, and the run's remaining ones plus one while the pass is unfinished, so that
the scheduler runs the job again) and, under the scheduler only (``ir_cron_progress_id``
in the context, not in a test), commits: an interruption loses one batch at most, and
the rerun continues after the bookmark.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from odoo import api, models, modules
from odoo.tools import SQL, split_every

_logger = logging.getLogger(__name__)

# the bookmark of a finished pass that has a pass key: "<pass key>:done"
DONE = "done"


@dataclass(frozen=True)
class BatchJob:
    """What a batch job does, over which records, in which sizes (see the module)."""

    name: str
    work: Callable[[Any], Any]
    domain: list | tuple | Callable[[int, int | None], list] = ()
    bookmark: str | None = None
    pass_key: str | None = None
    batch_size: int = 1000
    run_size: int | None = None
    window: int | None = None
    label: str = "record"
    logger: logging.Logger = _logger
    invalidate: bool = True
    lock: bool = True

    def __post_init__(self):
        if self.batch_size < 1 or (self.run_size is not None and self.run_size < 1):
            raise ValueError("a batch job's batch and run sizes are positive")
        if not self.bookmark and (self.run_size is not None or self.pass_key):
            raise ValueError("a batch job that stops after run_size records needs a bookmark")

    def window_domain(self, low, high):
        """The domain of the job's records with an id in ``(low, high]``."""
        return list(self.domain(low, high) if callable(self.domain) else self.domain)


class BatchRun(NamedTuple):
    """What a run did: ``done`` records handed to the work (failed ones included),
    ``failed`` the records skipped, ``finished`` whether this run finished the pass,
    ``results`` what the work returned (per batch, or per record of a failed batch)."""

    done: int
    failed: Any
    finished: bool
    results: list


class CrmIdicBatchJobMixin(models.AbstractModel):
    _name = "crm.idic.batch.job.mixin"
    _description = "IDIC batch job"

    @api.model
    def _idic_job_run(self, job):
        """Run ``job`` (a BatchJob) over the records of this model: one run of at most
        ``job.run_size`` records, from its bookmark. Returns a BatchRun."""
        Params = self.env["ir.config_parameter"].sudo()  # the job's own bookmark
        Cron = self.env["ir.cron"]
        last_id, over = self._idic_job_bookmark(job)
        if over:
            Cron._notify_progress(done=0, remaining=0)
            return BatchRun(0, self.browse(), False, [])
        limit = None if job.run_size is None else job.run_size + 1
        ids = self._idic_job_next(job, last_id, limit).ids
        finished = job.run_size is None or len(ids) <= job.run_size
        ids = ids[: job.run_size]
        done, failed, results = 0, self.browse(), []
        for batch in split_every(job.batch_size, ids):
            batch_failed, batch_results = self.browse(batch)._idic_job_batch(job)
            failed |= batch_failed
            results += batch_results
            done += len(batch)
            if job.bookmark:
                mark = f"{job.pass_key}:{batch[-1]}" if job.pass_key else str(batch[-1])
                Params.set_param(job.bookmark, mark)
            # an unfinished run reports one record left, so the scheduler runs it again
            Cron._notify_progress(done=done, remaining=len(ids) - done + (0 if finished else 1))
            self._idic_commit_batch()
            if job.invalidate:
                # the batch is written: free its records (the next batch reads its own)
                self.env.invalidate_all()
        if finished:
            if job.bookmark:
                Params.set_param(job.bookmark, job.pass_key and f"{job.pass_key}:{DONE}")
            Cron._notify_progress(done=done, remaining=0)
        return BatchRun(done, failed, finished, results)

    @api.model
    def _idic_job_bookmark(self, job):
        """(the last id done of the unfinished pass or 0, whether the pass of
        ``job.pass_key`` is already over)."""
        if not job.bookmark:
            return 0, False
        value = self.env["ir.config_parameter"].sudo().get_param(job.bookmark) or ""
        key, _sep, last = value.rpartition(":") if job.pass_key else ("", "", value)
        if job.pass_key and last == DONE:
            return 0, key == job.pass_key
        return (int(last) if last.isdigit() else 0), False

    @api.model
    def _idic_job_next(self, job, last_id, limit=None):
        """The first ``limit`` records of ``job`` (None: all) with an id above
        ``last_id``, by id.

        Searched a window of ``job.window`` ids at a time (its upper bound read on the
        primary key's index), so that a run never reads the records of the whole table
        above the bookmark, however few of them belong to the job.
        """
        width = job.batch_size if job.window is None else job.window
        ids, low = [], last_id
        while limit is None or len(ids) < limit:
            high = None
            if width:
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM %s WHERE id > %s ORDER BY id OFFSET %s LIMIT 1",
                        SQL.identifier(self._table),
                        low,
                        width - 1,
                    )
                )
                row = self.env.cr.fetchone()
                high = row and row[0]
            window = [("id", ">", low)] + ([("id", "<=", high)] if high else [])
            ids += self.search(
                [*job.window_domain(low, high), *window],
                order="id",
                limit=None if limit is None else limit - len(ids),
            ).ids
            if not high:
                break
            low = high
        return self.browse(ids)

    def _idic_job_batch(self, job):
        """Run ``job.work`` on ``self`` (a batch); when it fails, on its records one by
        one, skipping (and logging) those that fail. Rows another transaction is writing
        are left alone. Returns (the records that failed, what the work returned)."""
        records = self._idic_lock_rows() if job.lock else self
        if not records:
            return self.browse(), []
        try:
            with self.env.cr.savepoint():
                result = job.work(records)
            return self.browse(), [result]
        except Exception:  # noqa: BLE001 - a fault of one record must not stop the job
            job.logger.info("%s: a batch failed; its %ss run one by one", job.name, job.label)
        failed, results = self.browse(), []
        for record in records:
            try:
                with self.env.cr.savepoint():
                    results.append(job.work(record))
            except Exception:
                job.logger.exception("%s: %s %s failed; skipped", job.name, job.label, record.id)
                failed |= record
        return failed, results

    def _idic_lock_rows(self):
        """Lock the rows of ``self`` for this transaction, skipping those another
        transaction is writing right now (a user's own write, which does the work itself,
        or the next run does)."""
        if not self:
            return self
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE id = ANY(%s) ORDER BY id FOR NO KEY UPDATE SKIP LOCKED",
                SQL.identifier(self._table),
                list(self.ids),
            )
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _idic_commit_batch(self):
        """Commit a finished batch of a job the scheduler runs (never inside a request or
        a test, whose transaction belongs to their caller)."""
        if self.env.context.get("ir_cron_progress_id") and not modules.module.current_test:
            self.env.cr.commit()  # pylint: disable=invalid-commit
