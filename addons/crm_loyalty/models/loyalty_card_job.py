"""The nightly rank assessment as a scheduled job: a batch job (crm_idic's
crm.idic.batch.job.mixin: runs, batches, bookmark, locks, commits).

Its sizes live here as module globals, which the tests and the benchmark tune; the job
reads them at run time.
"""

import logging

from odoo import api, fields, models

from odoo.addons.crm_idic.models.crm_idic_batch_job import BatchJob

_logger = logging.getLogger(__name__)

# cards assessed (and committed) together; also the width, in card ids, of the windows
# the cards are searched in
BATCH_SIZE = 2000
# cards per scheduler run; the scheduler runs the job again while cards remain
CRON_RUN_SIZE = 20000
# the job's bookmark (a system parameter): "<day>:<last card id done>" while a pass is
# unfinished, "<day>:done" once the pass of that day is over
ASSESS_PROGRESS = "crm_loyalty.assess_progress"


class LoyaltyCard(models.Model):
    _name = "loyalty.card"
    _inherit = ["loyalty.card", "crm.idic.batch.job.mixin"]

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
        day does nothing. A card whose assessment fails is skipped and logged. Cards an
        order is confirming right now (which assesses its card itself) are left alone.
        Returns the number of cards assessed by this run.
        """
        today = today or fields.Date.context_today(self)
        # the program's own job: every ranked card, whatever the user's companies
        Card = self.sudo().with_context(active_test=False)
        programs = (
            self.env["loyalty.program"]
            .sudo()
            .with_context(active_test=False)
            .search([("crm_loyalty_ranked", "=", True)])
        )
        run = Card._idic_job_run(
            BatchJob(
                name="crm_loyalty rank assessment",
                label="card",
                logger=_logger,
                work=lambda cards: cards._crm_loyalty_assess(today, defer=True),
                domain=[("program_id", "in", programs.ids)],
                bookmark=ASSESS_PROGRESS,
                # an unfinished pass (even of an earlier day) is continued after its bookmark
                pass_key=str(today),
                batch_size=BATCH_SIZE,
                run_size=CRON_RUN_SIZE,
            )
        )
        if run.finished:
            _logger.info("crm_loyalty: rank assessment of %s done", today)
        return run.done


class CrmLoyaltyTierHistory(models.Model):
    """The announcement of rank changes (crm_loyalty_tier_history) is a batch job too."""

    _name = "crm.loyalty.tier.history"
    _inherit = ["crm.loyalty.tier.history", "crm.idic.batch.job.mixin"]
