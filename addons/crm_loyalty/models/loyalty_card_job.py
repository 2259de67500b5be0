"""The nightly rank assessment as a scheduled job: runs, batches, bookmark, commits.

Its sizes live here as module globals, which the tests and the benchmark tune; the job
reads them at run time.
"""

import logging

from odoo import api, fields, models, modules
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# cards assessed (and committed) together; also the width, in card ids, of the windows
# the next batch is searched in
BATCH_SIZE = 2000
# cards per scheduler run; the scheduler runs the job again while cards remain
CRON_RUN_SIZE = 20000
# the job's bookmark (a system parameter): "<day>:<last card id done>" while a pass is
# unfinished, "<day>:done" once the pass of that day is over
ASSESS_PROGRESS = "crm_loyalty.assess_progress"
DONE = "done"


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    @api.model
    def _cron_crm_loyalty_assess(self, today=None):
        """Nightly: assess every card of the ranked programs, CRON_RUN_SIZE cards per run,
        BATCH_SIZE cards at a time.

        Cards are taken in id order from windows of ids (the primary key's index), so a
        batch costs the same wherever it is in the table. Each batch is assessed
        set-based (``_crm_loyalty_assess``: one read of the cards, one ``read_group``
        of their history, one ``UPDATE`` of the cards whose points, rank or review
        date changed) and, when the scheduler runs the job, committed together with the
        bookmark (the last card id done). A rerun after an interruption continues after
        the bookmark, so no card is assessed twice in a pass and no rank change is made
        or announced twice; once the day's pass is over, running the job again the same
        day does nothing. Returns the number of cards assessed by this run.
        """
        today = today or fields.Date.context_today(self)
        Params = self.env["ir.config_parameter"].sudo()  # the job's own bookmark
        day, _sep, last = (Params.get_param(ASSESS_PROGRESS) or "").partition(":")
        if day == str(today) and last == DONE:
            self.env["ir.cron"]._notify_progress(done=0, remaining=0)
            return 0
        # an unfinished pass (even of an earlier day) is continued after its bookmark
        last_id = int(last) if last.isdigit() else 0
        # the program's own job: every ranked card, whatever the user's companies
        Card = self.sudo().with_context(active_test=False)
        programs = (
            self.env["loyalty.program"]
            .sudo()
            .with_context(active_test=False)
            .search([("crm_loyalty_ranked", "=", True)])
        )
        total = Card.search_count([("program_id", "in", programs.ids), ("id", ">", last_id)])
        done = 0
        finished = False
        while done < CRON_RUN_SIZE:
            cards = Card._crm_loyalty_next_cards(
                programs, last_id, min(BATCH_SIZE, CRON_RUN_SIZE - done)
            )
            if not cards:
                finished = True
                break
            cards._crm_loyalty_assess_isolated(today)
            last_id = cards.ids[-1]
            done += len(cards)
            Params.set_param(ASSESS_PROGRESS, f"{today}:{last_id}")
            # an unfinished run reports one card left, so the scheduler runs it again
            self.env["ir.cron"]._notify_progress(done=done, remaining=max(total - done, 1))
            self._crm_loyalty_commit_batch()
            # the batch is written: free its records (the next batch reads its own)
            self.env.invalidate_all()
        if finished:
            Params.set_param(ASSESS_PROGRESS, f"{today}:{DONE}")
            self.env["ir.cron"]._notify_progress(done=done, remaining=0)
            _logger.info("crm_loyalty: rank assessment of %s done", today)
        return done

    @api.model
    def _crm_loyalty_next_cards(self, programs, last_id, limit):
        """The first ``limit`` cards of ``programs`` with an id above ``last_id``, by id.

        Searched a window of BATCH_SIZE card ids at a time (the bound read on the
        primary key's index), so that a batch never reads the cards of the whole
        table above the bookmark, however few of them belong to a ranked program.
        """
        found = self.browse()
        low = last_id
        while len(found) < limit:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM loyalty_card WHERE id > %s ORDER BY id OFFSET %s LIMIT 1",
                    low,
                    BATCH_SIZE - 1,
                )
            )
            row = self.env.cr.fetchone()
            high = row[0] if row else None
            window = [("id", ">", low)] + ([("id", "<=", high)] if high else [])
            found |= self.search(
                [("program_id", "in", programs.ids), *window],
                order="id",
                limit=limit - len(found),
            )
            if high is None:
                break
            low = high
        return found

    def _crm_loyalty_assess_isolated(self, today):
        """Assess ``self``; when the batch fails, assess its cards one by one and skip
        (and log) those that fail. Cards another transaction is writing right now (an
        order being confirmed, which assesses its card itself) are left alone.
        Returns the cards that failed."""
        cards = self._crm_loyalty_lock_rows()
        try:
            with self.env.cr.savepoint():
                cards._crm_loyalty_assess(today, defer=True)
            return self.browse()
        except Exception:  # noqa: BLE001 - a fault of one card must not stop the job
            _logger.info("crm_loyalty: assessing a batch failed; assessing its cards one by one")
        failed = self.browse()
        for card in cards:
            try:
                with self.env.cr.savepoint():
                    card._crm_loyalty_assess(today, defer=True)
            except Exception:
                _logger.exception("crm_loyalty: assessing card %s failed; skipped", card.id)
                failed |= card
        return failed

    def _crm_loyalty_lock_rows(self):
        """Lock the rows of ``self`` for this transaction, skipping those locked by
        another one."""
        if not self:
            return self
        self.env.cr.execute(
            SQL(
                "SELECT id FROM loyalty_card WHERE id = ANY(%s) "
                "ORDER BY id FOR NO KEY UPDATE SKIP LOCKED",
                self.ids,
            )
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _crm_loyalty_commit_batch(self):
        """Commit a finished batch of the job when the scheduler runs it (never inside a
        request's or a test's transaction, which belong to their caller)."""
        if self.env.context.get("ir_cron_progress_id") and not modules.module.current_test:
            self.env.cr.commit()  # pylint: disable=invalid-commit
