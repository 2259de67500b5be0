"""Differentiate: scores, value class, level and status from the customer's data."""

import logging
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models, modules
from odoo.exceptions import AccessError
from odoo.tools import SQL, split_every

from ..idic_core import scoring
from .crm_idic_segment_history import LEVELS
from .res_partner import IDIC_USER

_logger = logging.getLogger(__name__)

BATCH_SIZE = 5000
CRON_RUN_SIZE = 20000
RECOMPUTE_PROGRESS = "crm_idic.recompute_progress"
# what the scoring writes on a partner, in the order _idic_recompute_batch computes it
SCORED_FIELDS = (
    "idic_current_value_score",
    "idic_potential_value_score",
    "idic_loyalty_score",
    "idic_total_score",
    "idic_computed_segment_id",
    "idic_value_class",
    "idic_relationship_level",
    "idic_relationship_status",
    "idic_profile_completeness",
    "idic_missing_field_names",
    "idic_scoring_company_id",
)

VALUE_CLASSES = [
    (scoring.SUPER, "Super"),
    (scoring.LARGE, "Large"),
    (scoring.MEDIUM, "Medium"),
    (scoring.SMALL, "Small"),
    (scoring.INACTIVE, "Inactive"),
    (scoring.POTENTIAL, "Potential"),
]
STATUSES = [
    (scoring.LOYAL, "Loyal"),
    (scoring.FAST_GROWING, "Fast growing"),
    (scoring.NO_POTENTIAL, "No potential"),
    (scoring.NEEDS_ATTENTION, "Needs attention"),
    (scoring.STABLE, "Regular"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------- Differentiate
    idic_currency_id = fields.Many2one("res.currency", compute="_compute_idic_currency")
    idic_potential_estimate = fields.Monetary(
        string="Yearly potential estimate",
        currency_field="idic_currency_id",
        help="What this customer could buy in a year, as the salesperson estimates it.",
        groups=IDIC_USER,
    )
    idic_current_value_score = fields.Float(
        string="Current value score",
        readonly=True,
        aggregator="avg",
        groups=IDIC_USER,
        copy=False,
    )
    idic_potential_value_score = fields.Float(
        string="Potential value score",
        readonly=True,
        aggregator="avg",
        groups=IDIC_USER,
        copy=False,
    )
    idic_loyalty_score = fields.Float(
        string="Loyalty score",
        readonly=True,
        aggregator="avg",
        groups=IDIC_USER,
        copy=False,
    )
    idic_total_score = fields.Float(
        string="Total score",
        readonly=True,
        aggregator="avg",
        groups=IDIC_USER,
        copy=False,
    )
    idic_computed_segment_id = fields.Many2one(
        "crm.idic.segment",
        string="Computed segment",
        readonly=True,
        groups=IDIC_USER,
        copy=False,
    )
    idic_value_class = fields.Selection(
        VALUE_CLASSES,
        string="Value class",
        readonly=True,
        groups=IDIC_USER,
        copy=False,
    )
    idic_relationship_level = fields.Selection(
        LEVELS,
        string="Relationship level",
        readonly=True,
        groups=IDIC_USER,
        copy=False,
    )
    idic_relationship_status = fields.Selection(
        STATUSES,
        string="Relationship status",
        readonly=True,
        groups=IDIC_USER,
        copy=False,
    )
    idic_scored_date = fields.Date(
        string="Scores changed on",
        readonly=True,
        help="The last day the scoring changed something for this customer.",
        groups=IDIC_USER,
        copy=False,
    )
    idic_scoring_company_id = fields.Many2one(
        "res.company",
        string="Scored for",
        readonly=True,
        groups=IDIC_USER,
        copy=False,
        help="The company whose orders and rules gave these scores: the customer's own "
        "company or, for a customer shared by every company, the one company it buys from.",
    )
    idic_history_ids = fields.One2many(
        "crm.idic.segment.history",
        "partner_id",
        string="Segment history",
        readonly=True,
        groups=IDIC_USER,
        copy=False,
    )

    @api.model
    def _idic_protected_fields(self):
        return super()._idic_protected_fields() | {
            *SCORED_FIELDS,
            "idic_scored_date",
        }

    def _compute_idic_currency(self):
        for partner in self:
            partner.idic_currency_id = (partner.company_id or self.env.company).currency_id

    # ========================================================== score inputs

    @api.model
    def _idic_customer_domain(self):
        """Partners that are scored: top-level customers and prospects.

        A customer is a partner with a confirmed sale order (in any company: Odoo
        raises ``customer_rank`` only when invoices are posted), with invoices, with a
        customer group or with opportunities.
        """
        return [
            ("parent_id", "=", False),
            "|",
            "|",
            "|",
            "|",
            ("customer_rank", ">", 0),
            ("idic_customer_group", "!=", False),
            ("opportunity_ids", "!=", False),
            ("sale_order_ids.state", "=", "sale"),
            ("child_ids.sale_order_ids.state", "=", "sale"),
        ]

    def _idic_order_stats(self, today):
        """{commercial partner id: (first, last, count, revenue 12m, revenue previous 12m)}.

        One query for the whole recordset over the current company's confirmed
        orders; amounts are untaxed, converted to the company currency at the
        order's rate, and posted credit notes are deducted from the revenue of
        their period.
        """
        partner_ids = list(set(self.commercial_partner_id.ids))
        if not partner_ids:
            return {}
        company = self.env.company
        start = today - relativedelta(years=1)
        prev_start = today - relativedelta(years=2)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH orders AS (
                    SELECT p.commercial_partner_id AS partner_id,
                           so.date_order,
                           so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1) AS amount
                      FROM res_partner p
                      -- each partner's orders through the partner_id index (OFFSET 0 keeps
                      -- PostgreSQL from hashing every confirmed order of the database)
                      JOIN LATERAL (
                           SELECT so.date_order, so.amount_untaxed, so.currency_rate
                             FROM sale_order so
                            WHERE so.partner_id = p.id
                              AND so.state = 'sale'
                              AND so.company_id = %(company)s
                           OFFSET 0) so ON TRUE
                     WHERE p.commercial_partner_id = ANY(%(ids)s)
                       AND p.commercial_partner_id BETWEEN %(low)s AND %(high)s
                )
                SELECT partner_id,
                       MIN(date_order)::date,
                       MAX(date_order)::date,
                       COUNT(*),
                       COALESCE(SUM(amount) FILTER (WHERE date_order >= %(start)s), 0),
                       COALESCE(SUM(amount) FILTER (
                           WHERE date_order >= %(prev)s AND date_order < %(start)s), 0)
                  FROM orders
              GROUP BY partner_id
                """,
                start=start,
                prev=prev_start,
                ids=partner_ids,
                low=min(partner_ids),
                high=max(partner_ids),
                company=company.id,
            )
        )
        stats = {row[0]: list(row[1:]) for row in self.env.cr.fetchall()}
        refunds = self._idic_refunds(partner_ids, start, prev_start)
        for partner_id, (recent, previous) in refunds.items():
            row = stats.setdefault(partner_id, [None, None, 0, 0.0, 0.0])
            row[3] += recent
            row[4] += previous
        return {key: tuple(value) for key, value in stats.items()}

    def _idic_refunds(self, partner_ids, start, prev_start):
        """{partner id: (refunds since start, refunds in the year before)} as negative amounts."""
        Move = self.env["account.move"].sudo()  # totals only, for scoring
        base = [
            ("move_type", "=", "out_refund"),
            ("state", "=", "posted"),
            ("company_id", "=", self.env.company.id),
            ("commercial_partner_id", "in", partner_ids),
        ]
        result = defaultdict(lambda: [0.0, 0.0])
        for index, period in enumerate(
            (
                [("invoice_date", ">=", start)],
                [("invoice_date", ">=", prev_start), ("invoice_date", "<", start)],
            )
        ):
            for partner, amount in Move._read_group(
                base + period, ["commercial_partner_id"], ["amount_untaxed_signed:sum"]
            ):
                result[partner.id][index] += amount
        return result

    def _idic_pipeline(self):
        """{partner id: expected revenue x probability of its open opportunities}."""
        # totals only leave this query: the scoring of a customer counts every opportunity
        groups = (
            self.env["crm.lead"]
            .sudo()
            ._read_group(
                [
                    ("type", "=", "opportunity"),
                    ("probability", "<", 100),
                    # the same leads as child_of, counted per commercial partner below,
                    # through the indexed commercial_partner_id instead of a path search
                    ("partner_id.commercial_partner_id", "in", self.ids),
                    ("company_id", "in", [self.env.company.id, False]),
                ],
                ["partner_id"],
                ["prorated_revenue:sum"],
            )
        )
        result = defaultdict(float)
        for partner, amount in groups:
            result[partner.commercial_partner_id.id] += amount
        return result

    def _idic_attention_flags(self):
        """Ids of the partners that another addon wants looked at (such as open complaints).

        Override: return ``super()._idic_attention_flags() | your_ids``. Flagged
        customers get the status "needs attention".
        """
        return set()

    def _idic_score_inputs(self, today):
        """{partner id: idic_core.scoring.ScoreInputs} for the partners of ``self``.

        The extension point of the Differentiate step: override, call super and
        replace entries (``dataclasses.replace``), for example to add a loyalty
        bonus from the member's rank. Runs in the company whose rules apply
        (``self.env.company``); must stay set-based (a few queries per call).
        """
        stats = self._idic_order_stats(today)
        pipeline = self._idic_pipeline()
        flagged = self._idic_attention_flags()
        inputs = {}
        for partner in self:
            first, last, count, revenue, previous = stats.get(partner.id, (None, None, 0, 0.0, 0.0))
            inputs[partner.id] = scoring.ScoreInputs(
                revenue_12m=revenue,
                revenue_prev_12m=previous,
                pipeline=pipeline.get(partner.id, 0.0),
                potential_estimate=partner.idic_potential_estimate,
                order_count=count,
                first_order=first,
                last_order=last,
                needs_attention=partner.id in flagged,
            )
        return inputs

    # ============================================================= recompute

    def _idic_scoring_company(self):
        """The company whose rules and orders score this partner (see _idic_shared_owners)."""
        return self.company_id or self.idic_scoring_company_id or self._idic_main_company()

    @api.model
    def _idic_main_company(self):
        # the first company of the database, whichever company the reader is in
        return self.env["res.company"].sudo().search([], order="sequence, id", limit=1)

    def _idic_shared_owners(self):
        """{partner id: company or None} for partners shared by all companies (no company).

        A shared partner is scored by the one company it buys from (confirmed
        orders), else by the one company that has open opportunities with it,
        else, having neither, by the main company. A partner that buys from, or
        is courted by, several companies is scored by none (None): its scores
        would show one company's sales to the users of another.
        """
        if not self:
            return {}
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                -- orders and opportunities of each partner through their partner_id
                -- index (OFFSET 0: not a hash of every order of the database)
                SELECT p.commercial_partner_id, 0, array_agg(DISTINCT so.company_id)
                  FROM res_partner p
                  JOIN LATERAL (SELECT so.company_id FROM sale_order so
                                 WHERE so.partner_id = p.id AND so.state = 'sale'
                                OFFSET 0) so ON TRUE
                 WHERE p.commercial_partner_id = ANY(%(ids)s)
                   AND p.commercial_partner_id BETWEEN %(low)s AND %(high)s
              GROUP BY p.commercial_partner_id
                 UNION ALL
                SELECT p.commercial_partner_id, 1, array_agg(DISTINCT l.company_id)
                  FROM res_partner p
                  JOIN LATERAL (SELECT l.company_id FROM crm_lead l
                                 WHERE l.partner_id = p.id AND l.active
                                   AND l.type = 'opportunity' AND l.company_id IS NOT NULL
                                OFFSET 0) l ON TRUE
                 WHERE p.commercial_partner_id = ANY(%(ids)s)
                   AND p.commercial_partner_id BETWEEN %(low)s AND %(high)s
              GROUP BY p.commercial_partner_id
                """,
                ids=self.ids,
                low=min(self.ids),
                high=max(self.ids),
            )
        )
        found = {}
        for partner_id, _rank, company_ids in sorted(self.env.cr.fetchall(), key=lambda r: r[1]):
            found.setdefault(partner_id, company_ids)  # orders first, then opportunities
        main = self._idic_main_company()
        Company = self.env["res.company"]
        return {
            pid: (
                Company.browse(found[pid][0])
                if len(found.get(pid, ())) == 1
                else (main if pid not in found else None)
            )
            for pid in self.ids
        }

    def action_idic_recompute(self):
        """Recompute scores and segments of the selected customers now."""
        if not self.env.user.has_group("crm_idic.group_idic_user"):
            raise AccessError(self.env._("Only IDIC users can recompute customer scores."))
        partners = self.commercial_partner_id
        # scores are system data: users cannot write them field by field
        partners.sudo()._idic_recompute(fields.Date.context_today(self), source="manual")
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("Scores of %s customers recomputed.", len(partners)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _idic_recompute(self, today, source="cron"):
        """Score, classify and segment ``self`` (commercial partners) in batches.

        Each partner is scored with the rules and orders of its company; a shared
        partner with those of its owner (_idic_shared_owners), whoever runs it.
        """
        by_company = defaultdict(list)
        unscored = self.browse()
        for company, ids in self.with_context(active_test=False)._read_group(
            [("id", "in", self.ids)], ["company_id"], ["id:array_agg"]
        ):
            if company:
                by_company[company].extend(ids)
                continue
            for pid, owner in self.browse(ids)._idic_shared_owners().items():
                if owner:
                    by_company[owner].append(pid)
                else:
                    unscored |= self.browse(pid)
        unscored._idic_clear_scores()
        for company, ids in by_company.items():
            partners = self.browse(ids).with_company(company)
            rules = company._idic_rules()
            try:
                rules.check()
            except scoring.RuleProblem as problem:
                # a configuration the managers see in Settings, not a fault of the job
                _logger.info(
                    "IDIC rules of %s are incomplete (%s); its customers are not scored",
                    company.name,
                    problem,
                )
                continue
            for batch in split_every(BATCH_SIZE, sorted(ids)):
                partners.browse(batch)._idic_recompute_batch(rules, today, source)

    def _idic_clear_scores(self):
        """Forget the scores of partners no company may score (see _idic_shared_owners)."""
        scored = self.filtered("idic_scoring_company_id")
        if scored:
            scored.with_context(tracking_disable=True, idic_skip_completeness=True).write(
                {name: False for name in SCORED_FIELDS[:8]}
                | {"idic_scoring_company_id": False, "idic_scored_date": False}
            )

    def _idic_recompute_batch(self, rules, today, source):
        """Score a batch of partners of the current company: a few queries, grouped writes."""
        inputs = self._idic_score_inputs(today)
        completeness = self._idic_completeness_values(self.env.company)
        Segment = self.env["crm.idic.segment"]
        old_effective = {p.id: p.idic_segment_id for p in self}
        stored = self._idic_batch_scored_values()
        groups = defaultdict(list)
        history = []
        for partner in self:
            profile = scoring.differentiate(inputs[partner.id], rules, today)
            segment = Segment.browse(profile.segment) if profile.segment else Segment
            level = str(profile.level) if profile.level else False
            vals = dict(
                zip(
                    SCORED_FIELDS,
                    (
                        profile.current_score,
                        profile.potential_score,
                        profile.loyalty_score,
                        profile.total_score,
                        segment.id,
                        profile.value_class,
                        level,
                        profile.status,
                        *completeness[partner.id],
                        self.env.company.id,
                    ),
                    strict=True,
                )
            )
            if vals == stored[partner.id]:
                continue  # nothing changed: no write, the nightly run stays light
            if (
                partner.idic_computed_segment_id != segment
                or partner.idic_relationship_level != level
            ):
                history.append(
                    partner._idic_prepare_history(
                        old_segment=partner.idic_computed_segment_id,
                        new_segment=segment,
                        new_level=level,
                        scores=profile,
                        source=source,
                        company=self.env.company,
                    )
                )
            groups[tuple(vals.items())].append(partner.id)
        # one write per distinct result: scores are band values, so few distinct rows;
        # changes are kept in crm.idic.segment.history, not as a chatter message each
        quiet = {"tracking_disable": True, "idic_skip_completeness": True}
        if groups:
            # res.partner.write reads the users and the contacts of what it writes: read
            # them for the batch at once, not once per write
            written = self.browse([pid for ids in groups.values() for pid in ids])
            written.fetch(["user_ids", "child_ids"])
        for vals, ids in groups.items():
            self.browse(ids).with_context(**quiet).write(dict(vals, idic_scored_date=today))
        if history:
            self.env["crm.idic.segment.history"]._idic_log(history)
        self._idic_apply_segment_pricelists(old_effective)
        if history:
            self.browse({row["partner_id"] for row in history})._idic_update_open_orders()

    def _idic_prepare_history(
        self,
        old_segment,
        new_segment,
        source,
        new_level=None,
        scores=None,
        reason=False,
        company=None,
    ):
        """One row of crm.idic.segment.history for this partner (see ``_idic_log``).

        ``scores`` is the new idic_core profile; by default the stored scores. The
        partner's name is kept, so the row outlives the partner.
        """
        self.ensure_one()
        new_level_value = self.idic_relationship_level if new_level is None else new_level
        return {
            "partner_id": self.id,
            "partner_name": self.display_name,
            "company_id": (company or self._idic_scoring_company()).id,
            "old_segment_id": old_segment.id,
            "new_segment_id": new_segment.id,
            "old_level": self.idic_relationship_level,
            "new_level": new_level_value,
            "current_value_score": scores.current_score
            if scores
            else self.idic_current_value_score,
            "potential_value_score": (
                scores.potential_score if scores else self.idic_potential_value_score
            ),
            "loyalty_score": scores.loyalty_score if scores else self.idic_loyalty_score,
            "total_score": scores.total_score if scores else self.idic_total_score,
            "source": source,
            "reason": reason,
            "direction": scoring.move_direction(
                old_segment.min_score if old_segment else None,
                new_segment.min_score if new_segment else None,
                self.idic_relationship_level,
                new_level_value,
            ),
        }

    def _idic_batch_scored_values(self):
        """{partner id: _idic_scored_values()} for a batch, read a field at a time from the
        cache rather than a record at a time (the same values, without the per-record
        attribute access that dominates a nightly run where few scores change)."""
        self.fetch(list(SCORED_FIELDS))
        columns = []
        for name in SCORED_FIELDS:
            field = self._fields[name]
            raw = list(self.env.cache.get_values(self, field))
            if len(raw) != len(self):  # not all in cache: the record way
                return {partner.id: partner._idic_scored_values() for partner in self}
            columns.append(
                [field.convert_to_write(field.convert_to_record(v, self), self) for v in raw]
            )
        return {
            pid: dict(zip(SCORED_FIELDS, values, strict=True))
            for pid, values in zip(self._ids, zip(*columns, strict=True), strict=True)
        }

    def _idic_scored_values(self):
        """The stored results of the scoring ({field: value as written}) of one partner."""
        self.ensure_one()
        return {
            name: self._fields[name].convert_to_write(self[name], self) for name in SCORED_FIELDS
        }

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
        last_id = int(Params.get_param(RECOMPUTE_PROGRESS) or 0)
        partners = self._idic_next_customers(last_id, CRON_RUN_SIZE + 1)
        finished = len(partners) <= CRON_RUN_SIZE
        partners = partners[:CRON_RUN_SIZE]
        done = 0
        for ids in split_every(BATCH_SIZE, partners.ids):
            failed = self.browse(ids)._idic_recompute_isolated(today)
            done += len(ids)
            Params.set_param(RECOMPUTE_PROGRESS, str(ids[-1]))
            self.env["ir.cron"]._notify_progress(
                done=done - len(failed), remaining=len(partners) - done + (0 if finished else 1)
            )
            self._idic_commit_batch()
        if finished:
            Params.set_param(RECOMPUTE_PROGRESS, False)
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
                    CRON_RUN_SIZE - 1,
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
