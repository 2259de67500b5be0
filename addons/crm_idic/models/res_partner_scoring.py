"""Differentiate: scores, value class, level and status from the customer's data."""

import logging
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import split_every

from ..idic_core import scoring
from .crm_idic_data import LEVELS, STATUSES, VALUE_CLASSES
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
    def _idic_system_fields(self):
        return super()._idic_system_fields() | {
            *SCORED_FIELDS,
            "idic_scored_date",
        }

    def _compute_idic_currency(self):
        for partner in self:
            partner.idic_currency_id = (partner.company_id or self.env.company).currency_id

    # ============================================================= recompute

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
        self.fetch(self._idic_batch_fields())  # one query for what the scoring reads
        # partners deleted meanwhile are not fetched: left out
        gone = set(self.env.cache.get_missing_ids(self, self._fields["company_id"]))
        present = self.browse([pid for pid in self._ids if pid not in gone])
        Company = self.env["res.company"]
        by_company = defaultdict(list)
        shared = []
        companies = present._idic_columns(["company_id"])["company_id"]
        for pid, company_id in zip(present._ids, companies, strict=True):
            if company_id:
                by_company[Company.browse(company_id)].append(pid)
            else:
                shared.append(pid)
        unscored = []
        for pid, owner in self.browse(shared)._idic_shared_owners().items():
            if owner:
                by_company[owner].append(pid)
            else:
                unscored.append(pid)
        self.browse(unscored)._idic_clear_scores()
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
            scored._idic_system().with_context(tracking_disable=True).write(
                {name: False for name in SCORED_FIELDS[:8]}
                | {"idic_scoring_company_id": False, "idic_scored_date": False}
            )

    def _idic_recompute_batch(self, rules, today, source):
        """Score a batch of partners of the current company: a few queries, grouped writes.

        The stored results are read a column at a time (_idic_columns) and compared
        with the new ones in the cache's format, converted once per distinct result:
        in a nightly run few scores change, and this comparison is most of its work.
        """
        company = self.env.company
        Segment = self.env["crm.idic.segment"]
        stored = self._idic_columns([*SCORED_FIELDS, "idic_segment_id", "idic_segment_override_id"])
        inputs = self._idic_score_inputs(today)
        completeness = self._idic_completeness_values(company)
        as_cached = {}  # a result, or a row as fetched -> the same values as the cache holds them
        changed = defaultdict(list)  # a result -> the partners that get it
        history = []
        old_rows = zip(*(stored[name] for name in SCORED_FIELDS), strict=True)
        for partner, old in zip(self, old_rows, strict=True):
            profile = scoring.differentiate(inputs[partner.id], rules, today)
            result = (
                profile.current_score,
                profile.potential_score,
                profile.loyalty_score,
                profile.total_score,
                profile.segment or False,
                profile.value_class,
                str(profile.level) if profile.level else False,
                profile.status,
                *completeness[partner.id],
                company.id,
            )
            for row in (result, old):
                if row not in as_cached:
                    as_cached[row] = self._idic_cache_format(SCORED_FIELDS, row)
            if as_cached[result] == as_cached[old]:
                continue  # nothing changed: no write, the nightly run stays light
            changed[result].append(partner.id)
            segment_id, level = result[4], result[6]
            if (old[4] or False) != segment_id or (old[6] or False) != level:
                history.append(
                    partner._idic_prepare_history(
                        old_segment=Segment.browse(old[4]),
                        new_segment=Segment.browse(segment_id),
                        new_level=level,
                        scores=profile,
                        source=source,
                        company=company,
                    )
                )
        if not changed:
            return
        # one write per distinct result: scores are band values, so few distinct rows;
        # changes are kept in crm.idic.segment.history, not as a chatter message each
        quiet = {"tracking_disable": True}
        written = self.browse([pid for ids in changed.values() for pid in ids])
        # res.partner.write reads the users and the contacts of what it writes: read them
        # for the batch at once, not once per write
        written.fetch(["user_ids", "child_ids"])
        overridden = {
            pid
            for pid, override in zip(self._ids, stored["idic_segment_override_id"], strict=True)
            if override
        }
        for result, ids in changed.items():
            vals = dict(zip(SCORED_FIELDS, result, strict=True), idic_scored_date=today)
            # the segment follows the computed one unless set by hand (_compute_idic_segment):
            # written with it, each row is updated once, not a second time by the recompute
            plain = [pid for pid in ids if pid not in overridden]
            if plain:
                self.browse(plain)._idic_system().with_context(**quiet).write(
                    dict(vals, idic_segment_id=result[4])
                )
            if len(plain) < len(ids):
                overridden_ids = [pid for pid in ids if pid in overridden]
                self.browse(overridden_ids)._idic_system().with_context(**quiet).write(vals)
        if history:
            self.env["crm.idic.segment.history"]._idic_log(history)
        # only a partner whose results changed can have changed segment
        written._idic_apply_segment_pricelists(
            dict(zip(self._ids, stored["idic_segment_id"], strict=True))
        )
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
            "partner_name": self.complete_name,  # stored: no name computed per row
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

    @api.model
    def _idic_batch_fields(self):
        """The partner fields that scoring reads, fetched at once for a batch.

        Override to add the fields your _idic_score_inputs reads on the partners.
        """
        requirements = self.env["crm.idic.completeness.rule"]._idic_requirements()
        return [
            *SCORED_FIELDS,
            "company_id",
            "idic_segment_id",
            "idic_segment_override_id",
            "complete_name",
            "commercial_partner_id",
            "idic_potential_estimate",
            "idic_customer_group",
            *sorted({name for names in requirements.values() for name in names}),
        ]
