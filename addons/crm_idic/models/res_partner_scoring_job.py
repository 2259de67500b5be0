"""Differentiate: the nightly scoring job (runs, batches, bookmark, locks, commits).

Its sizes and bookmark key live in res_partner_scoring, where the tests and the
benchmark tune them; they are read from there at run time."""

import logging

from odoo import api, fields, models, modules
from odoo.tools import SQL, split_every

from . import res_partner_scoring as sizes

# the job logs as part of the scoring, under its name
_logger = logging.getLogger(sizes.__name__)


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _cron_idic_recompute(self):
        """Nightly: score every customer, CRON_RUN_SIZE customers per run, a batch at a time.

        While a pass is unfinished, the last partner id done is kept as a bookmark
        (a system parameter) and the scheduler reruns the job until the pass is
        done; a finished pass removes the bookmark, so running the job again
        scores everyone again. Each batch is committed with its bookmark when the
        scheduler runs the job, so a failure loses at most one batch; a partner
        whose scoring fails is skipped and logged, and the others are scored.
        Customers whose results did not change are not written at all.
        """
        today = fields.Date.context_today(self)
        Params = self.env["ir.config_parameter"].sudo()  # the job's own bookmark
        last_id = int(Params.get_param(sizes.RECOMPUTE_PROGRESS) or 0)
        partners = self._idic_next_customers(last_id, sizes.CRON_RUN_SIZE + 1)
        finished = len(partners) <= sizes.CRON_RUN_SIZE
        partners = partners[: sizes.CRON_RUN_SIZE]
        done = 0
        for ids in split_every(sizes.BATCH_SIZE, partners.ids):
            failed = self.browse(ids)._idic_recompute_isolated(today)
            done += len(ids)
            Params.set_param(sizes.RECOMPUTE_PROGRESS, str(ids[-1]))
            self.env["ir.cron"]._notify_progress(
                done=done - len(failed), remaining=len(partners) - done + (0 if finished else 1)
            )
            self._idic_commit_batch()
        if finished:
            Params.set_param(sizes.RECOMPUTE_PROGRESS, False)
            self._idic_flag_duplicates()
            self.env["ir.cron"]._notify_progress(done=done, remaining=0)

    @api.model
    def _idic_next_customers(self, last_id, limit):
        """The first ``limit`` customers (_idic_customer_domain) above ``last_id``, by id.

        Searched a window of CRON_RUN_SIZE partner ids at a time, with the window also
        inside the domain's one2many conditions (_idic_window_domain): a run reads the
        partners, orders and opportunities of its windows, never of every partner
        above the bookmark, so a pass costs the same whatever its length.
        """
        domain = self._idic_customer_domain()
        found = self.browse()
        low = last_id
        while len(found) < limit:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM res_partner WHERE id > %s ORDER BY id OFFSET %s LIMIT 1",
                    low,
                    sizes.CRON_RUN_SIZE - 1,
                )
            )
            row = self.env.cr.fetchone()
            high = row[0] if row else None
            window = [("id", ">", low)] + ([("id", "<=", high)] if high else [])
            found |= self.search(
                [*self._idic_window_domain(domain, low, high), *window],
                order="id",
                limit=limit - len(found),
            )
            if high is None:
                break
            low = high
        return found

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

    def _idic_recompute_isolated(self, today):
        """Score ``self``; when the batch fails, score its partners one by one and skip
        those that fail. Rows another transaction is writing are left for the next run.
        Returns the partners that failed."""
        partners = self._idic_lock_rows()
        try:
            with self.env.cr.savepoint():
                partners._idic_recompute(today)
            return self.browse()
        except Exception:  # noqa: BLE001 - a fault of one customer must not stop the job
            _logger.info("IDIC scoring of a batch failed; scoring its customers one by one")
        failed = self.browse()
        for partner in partners:
            try:
                with self.env.cr.savepoint():
                    partner._idic_recompute(today)
            except Exception:
                _logger.exception("IDIC scoring of partner %s failed; skipped", partner.id)
                failed |= partner
        return failed

    def _idic_lock_rows(self):
        """Lock the rows of ``self`` for this transaction, skipping those a user is
        writing right now (they are scored by the user's own recompute or next run)."""
        if not self:
            return self
        self.env.cr.execute(
            SQL(
                """SELECT id FROM res_partner WHERE id = ANY(%s)
                ORDER BY id FOR NO KEY UPDATE SKIP LOCKED""",
                self.ids,
            )
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _idic_commit_batch(self):
        """Commit a finished batch of a job the scheduler runs (never inside a request or
        a test, whose transaction belongs to their caller)."""
        if self.env.context.get("ir_cron_progress_id") and not modules.module.current_test:
            self.env.cr.commit()  # pylint: disable=invalid-commit
