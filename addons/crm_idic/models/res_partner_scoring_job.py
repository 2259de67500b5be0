"""Differentiate: the nightly scoring job, a batch job (crm.idic.batch.job.mixin).

Its sizes and bookmark key live in res_partner_scoring, where the tests and the
benchmark tune them; they are read from there at run time."""

import logging

from odoo import api, fields, models

from . import res_partner_scoring as sizes
from .crm_idic_batch_job import BatchJob

# the job logs as part of the scoring, under its name
_logger = logging.getLogger(sizes.__name__)


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "crm.idic.batch.job.mixin"]

    @api.model
    def _cron_idic_recompute(self):
        """Nightly: score every customer, CRON_RUN_SIZE customers per run, a batch at a time.

        While a pass is unfinished, the last partner id done is kept as a bookmark
        (a system parameter) and the scheduler reruns the job until the pass is
        done; a finished pass removes the bookmark, so running the job again
        scores everyone again. Each batch is committed with its bookmark when the
        scheduler runs the job, so a failure loses at most one batch; a partner
        whose scoring fails is skipped and logged, and the others are scored.
        Customers whose results did not change are not written at all. Once the
        pass is over, duplicates are flagged again.
        """
        run = self._idic_job_run(self._idic_recompute_job(fields.Date.context_today(self)))
        if run.finished:
            self._idic_flag_duplicates()

    @api.model
    def _idic_recompute_job(self, today):
        """The scoring of ``today`` as a batch job: BATCH_SIZE customers per batch,
        CRON_RUN_SIZE per run, searched in windows of CRON_RUN_SIZE partner ids with the
        window also inside the domain's one2many conditions (_idic_window_domain): a
        run reads the partners, orders and opportunities of its windows, never of every
        partner above the bookmark, so a pass costs the same whatever its length."""
        domain = self._idic_customer_domain()
        return BatchJob(
            name="IDIC scoring",
            label="partner",
            logger=_logger,
            work=lambda partners: partners._idic_recompute(today),
            domain=lambda low, high: self._idic_window_domain(domain, low, high),
            bookmark=sizes.RECOMPUTE_PROGRESS,
            batch_size=sizes.BATCH_SIZE,
            run_size=sizes.CRON_RUN_SIZE,
            window=sizes.CRON_RUN_SIZE,
            # the batches share the companies' rules and segments
            invalidate=False,
        )

    @api.model
    def _idic_next_customers(self, last_id, limit):
        """The first ``limit`` customers (_idic_customer_domain) above ``last_id``, by id,
        as the scoring job takes them."""
        return self._idic_job_next(self._idic_recompute_job(None), last_id, limit)

    @api.model
    def _idic_window_domain(self, domain, low, high):
        """``domain`` where each condition on a one2many of the partner (such as
        ``sale_order_ids.state`` or ``opportunity_ids != False``) only reads the lines
        of partners with an id in ``(low, high]`` (``high`` None: no upper bound).

        For partners of that window the result is the same as ``domain``: PostgreSQL
        then reads the window's orders through their index instead of every confirmed
        order of the database. Other conditions are kept as they are.
        """
        result = []
        for leaf in domain:
            if not (isinstance(leaf, (list, tuple)) and len(leaf) == 3):
                result.append(leaf)
                continue
            name, operator, value = leaf
            fname, _dot, rest = name.partition(".")
            field = self._fields.get(fname)
            comodel = field and field.type == "one2many" and self.env[field.comodel_name]
            inverse = comodel is not False and comodel._fields.get(field.inverse_name)
            if not (inverse and inverse.type == "many2one" and inverse.store and field.store):
                result.append(leaf)
                continue
            # ">= low + 1": a many2one compared with 0 would be compared with NULL
            bounds = [(inverse.name, ">=", low + 1)]
            bounds += [(inverse.name, "<=", high)] if high else []
            if rest:
                # what Odoo makes of a path: (fname, "any", [(rest, operator, value)])
                result.append((fname, "any", [(rest, operator, value), *bounds]))
            elif operator == "any" and isinstance(value, (list, tuple)):
                result.append((fname, "any", [*value, *bounds]))
            elif operator == "!=" and value is False:
                # as Odoo searches "has lines": any line, the field's domain left out
                comodel = comodel.with_context(**field.context)
                query = comodel._where_calc([(inverse.name, "!=", False), *bounds])
                sql = comodel._field_to_sql(query.table, inverse.name, query)
                result.append(("id", "in", query.subselect(sql)))
            else:
                result.append(leaf)
        return result
