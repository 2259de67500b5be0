import logging
from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, split_every

from ..idic_core import identity, scoring
from .crm_idic_completeness_rule import CUSTOMER_GROUPS
from .crm_idic_segment_history import LEVELS

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

    # ------------------------------------------------------------ Identify
    idic_customer_group = fields.Selection(CUSTOMER_GROUPS, string="Customer group", tracking=True)
    idic_founding_date = fields.Date(
        string="Founding date", help="The company's founding day, celebrated every year."
    )
    idic_birthday = fields.Date(string="Birthday")
    idic_credit_standing = fields.Selection(
        [("good", "Good"), ("watch", "To watch"), ("poor", "Poor")], string="Credit standing"
    )
    idic_operating_status = fields.Selection(
        [
            ("active", "Operating"),
            ("suspended", "Suspended"),
            ("restructuring", "Restructuring"),
            ("closed", "Closed"),
        ],
        string="Operating status",
    )
    idic_org_culture = fields.Text(string="Organisational culture")
    idic_purchasing_behavior = fields.Text(string="Purchasing behaviour")
    idic_buying_motive = fields.Selection(
        [
            ("price", "Price"),
            ("quality", "Quality"),
            ("service", "Service"),
            ("brand", "Brand"),
            ("relationship", "Relationship"),
            ("convenience", "Convenience"),
        ],
        string="Buying motive",
        help="What mostly makes this customer buy: differentiate by needs, not only by value.",
    )
    idic_buying_role = fields.Selection(
        [
            ("decision_maker", "Decision maker"),
            ("influencer", "Influencer"),
            ("user", "User"),
            ("gatekeeper", "Gatekeeper"),
        ],
        string="Buying role",
        help="The part this contact plays in the purchases of the company.",
    )
    idic_decision_maker_id = fields.Many2one(
        "res.partner",
        string="Decision maker",
        compute="_compute_idic_decision_maker",
        store=True,
        help="The contact of this company whose buying role is decision maker.",
    )
    idic_nature = fields.Selection(
        [("production", "Production"), ("service", "Service"), ("government", "Government body")],
        string="Nature",
    )
    idic_company_size = fields.Selection(
        [("small", "Small"), ("medium", "Medium"), ("large", "Large")], string="Enterprise size"
    )
    idic_trade_role = fields.Selection(
        [("shop", "Shop"), ("wholesale", "Wholesale"), ("end_consumer", "End consumer")],
        string="Trade role",
    )
    idic_location_scope = fields.Selection(
        [
            ("local", "Local"),
            ("other_province", "Other province"),
            ("international", "International"),
        ],
        string="Location",
        compute="_compute_idic_location_scope",
        store=True,
        help="Compared with the address of the company the customer belongs to.",
    )
    idic_area_type = fields.Selection(
        [("city", "City"), ("town", "Town"), ("rural", "Rural")], string="Area"
    )
    idic_sales_stage = fields.Selection(
        [("pre_sale", "Pre-sale"), ("in_sale", "In sale"), ("after_sale", "After sale")],
        string="Sales stage",
    )
    idic_relation_scope = fields.Selection(
        [("external", "External"), ("internal", "Internal")], string="Relation", default="external"
    )
    # lapse
    idic_first_order_date = fields.Date(
        string="First order", compute="_compute_idic_order_dates", compute_sudo=True
    )
    idic_last_order_date = fields.Date(
        string="Last order",
        compute="_compute_idic_order_dates",
        search="_search_idic_last_order_date",
        compute_sudo=True,
    )
    idic_order_count = fields.Integer(
        string="Confirmed orders", compute="_compute_idic_order_dates", compute_sudo=True
    )
    idic_days_since_last_order = fields.Integer(
        string="Days since last order", compute="_compute_idic_order_dates", compute_sudo=True
    )
    idic_lapsed = fields.Boolean(
        string="Lapsed",
        compute="_compute_idic_order_dates",
        search="_search_idic_lapsed",
        compute_sudo=True,
    )
    idic_lapse_reason = fields.Selection(
        [
            ("price", "Price"),
            ("quality", "Product quality"),
            ("service", "Service"),
            ("competitor", "Went to a competitor"),
            ("no_need", "No longer needs it"),
            ("closed", "Business closed"),
            ("other", "Other"),
        ],
        string="Lapse reason",
    )
    idic_lapse_note = fields.Text(string="Lapse note")
    # competitor customers
    idic_current_supplier = fields.Char(string="Current supplier")
    idic_supplier_satisfaction = fields.Integer(
        string="Satisfaction with supplier", help="From 1 (very unhappy) to 5 (very happy)."
    )
    idic_purchase_cycle_days = fields.Integer(string="Purchase cycle (days)")
    idic_future_plans = fields.Text(string="Future plans")
    # completeness
    idic_profile_completeness = fields.Float(
        string="Profile completeness (%)", readonly=True, aggregator="avg", default=0.0
    )
    idic_missing_field_names = fields.Char(
        string="Missing fields",
        readonly=True,
        help="Technical names of the fields a complete profile still needs.",
    )
    idic_missing_fields = fields.Char(
        string="Missing information", compute="_compute_idic_missing_fields"
    )
    # duplicates
    idic_vat_key = fields.Char(compute="_compute_idic_keys", store=True, index=True)
    idic_phone_key = fields.Char(compute="_compute_idic_keys", store=True, index=True)
    idic_mobile_key = fields.Char(compute="_compute_idic_keys", store=True, index=True)
    idic_is_duplicate = fields.Boolean(string="Possible duplicate", readonly=True, index=True)
    idic_duplicate_ids = fields.Many2many(
        "res.partner", string="Possible duplicates", compute="_compute_idic_duplicate_ids"
    )

    # ------------------------------------------------------- Differentiate
    idic_currency_id = fields.Many2one("res.currency", compute="_compute_idic_currency")
    idic_potential_estimate = fields.Monetary(
        string="Yearly potential estimate",
        currency_field="idic_currency_id",
        help="What this customer could buy in a year, as the salesperson estimates it.",
    )
    idic_current_value_score = fields.Float(
        string="Current value score", readonly=True, aggregator="avg"
    )
    idic_potential_value_score = fields.Float(
        string="Potential value score", readonly=True, aggregator="avg"
    )
    idic_loyalty_score = fields.Float(string="Loyalty score", readonly=True, aggregator="avg")
    idic_total_score = fields.Float(string="Total score", readonly=True, aggregator="avg")
    idic_computed_segment_id = fields.Many2one(
        "crm.idic.segment", string="Computed segment", readonly=True
    )
    idic_segment_override_id = fields.Many2one(
        "crm.idic.segment", string="Segment set by hand", readonly=True, tracking=True
    )
    idic_override_reason = fields.Text(string="Override reason", readonly=True)
    idic_override_user_id = fields.Many2one("res.users", string="Overridden by", readonly=True)
    idic_override_date = fields.Date(string="Overridden on", readonly=True)
    idic_segment_id = fields.Many2one(
        "crm.idic.segment",
        string="Segment",
        compute="_compute_idic_segment",
        store=True,
        index=True,
        help="The segment set by hand if any, else the computed one. Changes are kept in "
        "the segment history.",
    )
    idic_segment_color = fields.Integer(related="idic_segment_id.color")
    idic_policy = fields.Text(related="idic_segment_id.policy", string="Segment policy")
    idic_value_class = fields.Selection(VALUE_CLASSES, string="Value class", readonly=True)
    idic_relationship_level = fields.Selection(LEVELS, string="Relationship level", readonly=True)
    idic_relationship_status = fields.Selection(
        STATUSES, string="Relationship status", readonly=True
    )
    idic_scored_date = fields.Date(
        string="Scores changed on",
        readonly=True,
        help="The last day the scoring changed something for this customer.",
    )
    idic_priority = fields.Boolean(
        string="Priority customer",
        compute="_compute_idic_priority",
        search="_search_idic_priority",
        help="Level 3 customers and customers of a priority segment.",
    )
    idic_history_ids = fields.One2many(
        "crm.idic.segment.history", "partner_id", string="Segment history", readonly=True
    )

    # ------------------------------------------------------------ Interact
    idic_interaction_ids = fields.One2many(
        "crm.idic.interaction", "commercial_partner_id", string="Interactions"
    )
    idic_interaction_count = fields.Integer(compute="_compute_idic_interaction_count")
    idic_care_year = fields.Integer(
        readonly=True, help="Last year an anniversary gift activity was scheduled."
    )

    # ================================================================ computes

    @api.depends("child_ids.idic_buying_role", "child_ids.active")
    def _compute_idic_decision_maker(self):
        for partner in self:
            makers = partner.child_ids.filtered(lambda c: c.idic_buying_role == "decision_maker")
            partner.idic_decision_maker_id = makers[:1]

    @api.depends("state_id", "country_id", "company_id")
    def _compute_idic_location_scope(self):
        for partner in self:
            home = (partner.company_id or self.env.company).partner_id
            if not partner.country_id or not home.country_id:
                partner.idic_location_scope = False
            elif partner.country_id != home.country_id:
                partner.idic_location_scope = "international"
            elif partner.state_id and home.state_id:
                partner.idic_location_scope = (
                    "local" if partner.state_id == home.state_id else "other_province"
                )
            else:
                partner.idic_location_scope = False

    @api.depends("vat", "phone", "mobile")
    def _compute_idic_keys(self):
        for partner in self:
            partner.idic_vat_key = identity.normalize_vat(partner.vat) or False
            partner.idic_phone_key = identity.normalize_phone(partner.phone) or False
            partner.idic_mobile_key = identity.normalize_phone(partner.mobile) or False

    def _idic_duplicate_domain(self):
        self.ensure_one()
        keys = []
        if self.idic_vat_key:
            keys.append([("idic_vat_key", "=", self.idic_vat_key)])
        if self.email_normalized:
            keys.append([("email_normalized", "=", self.email_normalized)])
        for key in {self.idic_phone_key, self.idic_mobile_key} - {False}:
            keys.append(["|", ("idic_phone_key", "=", key), ("idic_mobile_key", "=", key)])
        if not keys:
            return None
        domain = keys[0]
        for key in keys[1:]:
            domain = ["|", *domain, *key]
        return [("id", "!=", self.id), ("parent_id", "=", False), *domain]

    def _compute_idic_duplicate_ids(self):
        for partner in self:
            domain = partner.id and partner._idic_duplicate_domain()
            partner.idic_duplicate_ids = self.search(domain, limit=20) if domain else False

    def _compute_idic_currency(self):
        for partner in self:
            partner.idic_currency_id = (partner.company_id or self.env.company).currency_id

    @api.depends("idic_computed_segment_id", "idic_segment_override_id")
    def _compute_idic_segment(self):
        for partner in self:
            partner.idic_segment_id = (
                partner.idic_segment_override_id or partner.idic_computed_segment_id
            )

    @api.depends("idic_segment_id.priority_orders", "idic_relationship_level")
    def _compute_idic_priority(self):
        for partner in self:
            partner.idic_priority = (
                partner.idic_relationship_level == "3" or partner.idic_segment_id.priority_orders
            )

    def _search_idic_priority(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on priority customers."))
        domain = [
            "|",
            ("idic_relationship_level", "=", "3"),
            ("idic_segment_id.priority_orders", "=", True),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    def _compute_idic_order_dates(self):
        stats = self._idic_order_stats(fields.Date.context_today(self))
        lapse_days = self.env.company.idic_lapse_days
        for partner in self:
            first, last, count, _rev, _prev = stats.get(
                partner.commercial_partner_id.id, (None, None, 0, 0, 0)
            )
            partner.idic_first_order_date = first
            partner.idic_last_order_date = last
            partner.idic_order_count = count
            since = scoring.days_between(last, fields.Date.context_today(self))
            partner.idic_days_since_last_order = since or 0
            partner.idic_lapsed = since is not None and since > lapse_days

    def _idic_confirmed_orders_query(self):
        """The confirmed sale orders of the current company (a Query)."""
        # only dates and counts leave this query; users may not read every order
        return (
            self.env["sale.order"]
            .sudo()
            ._search([("state", "=", "sale"), ("company_id", "=", self.env.company.id)])
        )

    def _search_idic_last_order_date(self, operator, value):
        if operator not in ("<", "<=", ">", ">=", "="):
            raise UserError(self.env._("Unsupported search on the last order date."))
        orders = self._idic_confirmed_orders_query()
        sql = SQL(
            """(SELECT p.commercial_partner_id
                  FROM sale_order so JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.id IN %s
              GROUP BY p.commercial_partner_id
                HAVING MAX(so.date_order)::date %s %s)""",
            orders.subselect(),
            SQL(operator),
            fields.Date.to_date(value),
        )
        return [("id", "in", sql)]

    def _search_idic_lapsed(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on lapsed customers."))
        limit = fields.Date.context_today(self) - timedelta(days=self.env.company.idic_lapse_days)
        domain = [("idic_last_order_date", "<", limit)]
        return domain if (operator == "=") == value else ["!", *domain]

    def _compute_idic_interaction_count(self):
        counts = dict(
            self.env["crm.idic.interaction"]._read_group(
                [("commercial_partner_id", "in", self.commercial_partner_id.ids)],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.idic_interaction_count = counts.get(partner.commercial_partner_id, 0)

    # ============================================================ constraints

    @api.constrains("idic_birthday", "idic_founding_date")
    def _check_idic_dates(self):
        today = fields.Date.context_today(self)
        for partner in self:
            for field_name in ("idic_birthday", "idic_founding_date"):
                day = partner[field_name]
                if day and day > today:
                    raise ValidationError(
                        self.env._(
                            "%(field)s of %(partner)s cannot be in the future (%(date)s).",
                            field=self._fields[field_name]._description_string(self.env),
                            partner=partner.display_name,
                            date=day,
                        )
                    )

    @api.constrains(
        "idic_supplier_satisfaction", "idic_purchase_cycle_days", "idic_potential_estimate"
    )
    def _check_idic_numbers(self):
        for partner in self:
            if (
                partner.idic_supplier_satisfaction
                and not 1 <= partner.idic_supplier_satisfaction <= 5
            ):
                raise ValidationError(
                    self.env._(
                        "Satisfaction with the current supplier is rated from 1 to 5, not %s.",
                        partner.idic_supplier_satisfaction,
                    )
                )
            if partner.idic_purchase_cycle_days < 0:
                raise ValidationError(self.env._("A purchase cycle cannot be negative."))
            if partner.idic_potential_estimate < 0:
                raise ValidationError(self.env._("A potential estimate cannot be negative."))

    @api.constrains("idic_segment_override_id", "idic_override_reason")
    def _check_idic_override(self):
        for partner in self:
            if (
                partner.idic_segment_override_id
                and not (partner.idic_override_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._("A segment set by hand needs a reason (%s).", partner.display_name)
                )

    # ========================================================== score inputs

    @api.model
    def _idic_customer_domain(self):
        """Partners that are scored: top-level customers and prospects."""
        return [
            ("parent_id", "=", False),
            "|",
            "|",
            ("customer_rank", ">", 0),
            ("idic_customer_group", "!=", False),
            ("opportunity_ids", "!=", False),
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
                      FROM sale_order so
                      JOIN res_partner p ON p.id = so.partner_id
                     WHERE p.commercial_partner_id = ANY(%(ids)s)
                       AND so.state = 'sale'
                       AND so.company_id = %(company)s
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
                    ("partner_id", "child_of", self.ids),
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
        return self.company_id or self.env.company

    def action_idic_recompute(self):
        """Recompute scores and segments of the selected customers now."""
        if not self.env.user.has_group("crm_idic.group_idic_user"):
            raise UserError(self.env._("Only IDIC users can recompute customer scores."))
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
        """Score, classify and segment ``self`` (commercial partners) in batches."""
        by_company = self.with_context(active_test=False)._read_group(
            [("id", "in", self.ids)], ["company_id"], ["id:array_agg"]
        )
        for company, ids in by_company:
            company = company or self.env.company
            partners = self.browse(ids).with_company(company)
            rules = company._idic_rules()
            try:
                rules.check()
            except scoring.RuleProblem:
                _logger.warning(
                    "IDIC rules of %s are incomplete; its customers are not scored", company.name
                )
                continue
            for batch in split_every(BATCH_SIZE, sorted(partners.ids)):
                partners.browse(batch)._idic_recompute_batch(rules, today, source)

    def _idic_recompute_batch(self, rules, today, source):
        """Score a batch of partners of the current company: a few queries, grouped writes."""
        inputs = self._idic_score_inputs(today)
        completeness = self._idic_completeness_values(self.env.company)
        Segment = self.env["crm.idic.segment"]
        old_effective = {p.id: p.idic_segment_id for p in self}
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
                    ),
                    strict=True,
                )
            )
            if vals == partner._idic_scored_values():
                continue  # nothing changed: no write, the nightly run stays light
            if (
                partner.idic_computed_segment_id != segment
                or partner.idic_relationship_level != level
            ):
                history.append(
                    {
                        "partner_id": partner.id,
                        "company_id": self.env.company.id,
                        "old_segment_id": partner.idic_computed_segment_id.id,
                        "new_segment_id": segment.id,
                        "old_level": partner.idic_relationship_level,
                        "new_level": level,
                        "current_value_score": profile.current_score,
                        "potential_value_score": profile.potential_score,
                        "loyalty_score": profile.loyalty_score,
                        "total_score": profile.total_score,
                        "source": source,
                    }
                )
            groups[tuple(vals.items())].append(partner.id)
        # one write per distinct result: scores are band values, so few distinct rows;
        # changes are kept in crm.idic.segment.history, not as a chatter message each
        quiet = {"tracking_disable": True, "idic_skip_completeness": True}
        for vals, ids in groups.items():
            self.browse(ids).with_context(**quiet).write(dict(vals, idic_scored_date=today))
        if history:
            self.env["crm.idic.segment.history"]._idic_log(history)
        self._idic_apply_segment_pricelists(old_effective)

    def _idic_scored_values(self):
        """The stored results of the scoring ({field: value as written}) of one partner."""
        self.ensure_one()
        return {
            name: self._fields[name].convert_to_write(self[name], self) for name in SCORED_FIELDS
        }

    def _idic_apply_segment_pricelists(self, old_segments):
        """Give customers that changed segment the new segment's pricelist.

        ``old_segments`` maps partner ids to their previous segment. The
        previous segment's pricelist is taken back only when the customer still
        has it, so a pricelist chosen by hand stays.
        """
        Segment = self.env["crm.idic.segment"].with_context(active_test=False)
        if not Segment.search_count([("pricelist_id", "!=", False)], limit=1):
            return
        changes = defaultdict(list)
        for partner in self:
            old = old_segments.get(partner.id) or self.env["crm.idic.segment"]
            new = partner.idic_segment_id
            if old == new or not (old.pricelist_id or new.pricelist_id):
                continue
            current = partner.specific_property_product_pricelist
            if new.pricelist_id and (not current or current == old.pricelist_id):
                changes[new.pricelist_id.id].append(partner.id)
            elif not new.pricelist_id and old.pricelist_id and current == old.pricelist_id:
                changes[False].append(partner.id)
        for pricelist_id, ids in changes.items():
            self.browse(ids).with_context(tracking_disable=True).write(
                {"specific_property_product_pricelist": pricelist_id}
            )

    @api.model
    def _cron_idic_recompute(self):
        """Nightly: score every customer once a day, CRON_RUN_SIZE customers per run.

        Progress is kept as "day:last partner id" in a system parameter, so a
        run that stops half-way resumes where it was and the scheduler reruns
        the job until the day's work is done; customers whose results did not
        change are not written at all.
        """
        today = fields.Date.context_today(self)
        Params = self.env["ir.config_parameter"].sudo()  # the job's own bookmark
        day, _sep, last_id = (Params.get_param(RECOMPUTE_PROGRESS) or "").partition(":")
        last_id = int(last_id) if day == str(today) and last_id.isdigit() else 0
        domain = [*self._idic_customer_domain(), ("id", ">", last_id)]
        todo = self.search_count(domain)
        partners = self.search(domain, limit=CRON_RUN_SIZE, order="id")
        done = 0
        for ids in split_every(BATCH_SIZE, partners.ids):
            self.browse(ids)._idic_recompute(today)
            done += len(ids)
            Params.set_param(RECOMPUTE_PROGRESS, f"{today}:{ids[-1]}")
            self.env["ir.cron"]._notify_progress(done=done, remaining=todo - done)
        if len(partners) == todo:
            # the day is done: a bookmark past every id stops further runs today
            Params.set_param(RECOMPUTE_PROGRESS, f"{today}:{2**31 - 1}")
            self._idic_flag_duplicates()
            self.env["ir.cron"]._notify_progress(done=done, remaining=0)

    # ========================================================== completeness

    def _idic_completeness_values(self, company=None):
        """{partner id: (completeness %, names of the missing fields, comma separated, or False)}.

        ``company`` is the company whose rules apply to every partner of
        ``self``; by default each partner's own.
        """
        requirements = self.env["crm.idic.completeness.rule"]._idic_requirements()
        result = {}
        for partner in self:
            rules_company = company or partner._idic_scoring_company()
            required = requirements.get((rules_company.id, partner.idic_customer_group), ())
            values = {name: partner[name] for name in required}
            pct, missing = identity.completeness(values, required)
            result[partner.id] = (pct, ",".join(missing) or False)
        return result

    @api.depends("idic_missing_field_names")
    @api.depends_context("lang")
    def _compute_idic_missing_fields(self):
        for partner in self:
            names = (partner.idic_missing_field_names or "").split(",")
            labels = [
                self._fields[name]._description_string(self.env)
                for name in names
                if name in self._fields
            ]
            partner.idic_missing_fields = ", ".join(labels) or False

    def _idic_update_completeness(self):
        """Rate the profiles of ``self`` against the completeness rules."""
        groups = defaultdict(list)
        for partner_id, values in self._idic_completeness_values().items():
            groups[values].append(partner_id)
        quiet = {"tracking_disable": True, "idic_skip_completeness": True}
        for (pct, names), ids in groups.items():
            self.browse(ids).with_context(**quiet).write(
                {"idic_profile_completeness": pct, "idic_missing_field_names": names}
            )

    @api.model
    def _idic_schedule_completeness(self):
        """Rules changed: rate every profile again soon, in the background."""
        cron = self.env.ref("crm_idic.ir_cron_idic_completeness", raise_if_not_found=False)
        if cron:
            cron._trigger()

    @api.model
    def _cron_idic_completeness(self):
        """Rate every customer profile, a batch at a time."""
        partners = self.search(self._idic_customer_domain(), order="id")
        done = 0
        for ids in split_every(BATCH_SIZE, partners.ids):
            self.browse(ids)._idic_update_completeness()
            done += len(ids)
            self.env["ir.cron"]._notify_progress(done=done, remaining=len(partners) - done)

    @api.model
    def _idic_completeness_fields(self):
        return {
            name
            for names in self.env["crm.idic.completeness.rule"]._idic_requirements().values()
            for name in names
        }

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        if not self.env.context.get("idic_skip_completeness"):
            commercial = partners.commercial_partner_id
            # completeness is system data, rated on the records the user just created
            commercial.sudo()._idic_update_completeness()
        return partners

    def write(self, vals):
        result = super().write(vals)
        if not self.env.context.get("idic_skip_completeness"):
            watched = self._idic_completeness_fields() | {
                "idic_customer_group",
                "child_ids",
                "parent_id",
                "idic_buying_role",
                "is_company",
            }
            if watched & set(vals):
                # completeness is system data, rated on the records the user just changed
                self.commercial_partner_id.sudo()._idic_update_completeness()
        return result

    # ============================================================ duplicates

    @api.model
    def _idic_flag_duplicates(self):
        """Flag the top-level partners that share a tax code, an email or a phone number.

        Set-based: one query finds every partner sharing a key, two writes
        set and clear the flags.
        """
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH keys AS (
                    SELECT id, 'vat:' || idic_vat_key AS k FROM res_partner
                     WHERE idic_vat_key IS NOT NULL AND parent_id IS NULL AND active
                    UNION ALL
                    SELECT id, 'email:' || email_normalized FROM res_partner
                     WHERE email_normalized IS NOT NULL AND parent_id IS NULL AND active
                    UNION ALL
                    SELECT id, 'phone:' || idic_phone_key FROM res_partner
                     WHERE idic_phone_key IS NOT NULL AND parent_id IS NULL AND active
                    UNION ALL
                    SELECT id, 'phone:' || idic_mobile_key FROM res_partner
                     WHERE idic_mobile_key IS NOT NULL AND parent_id IS NULL AND active
                ), shared AS (
                    SELECT k FROM keys GROUP BY k HAVING COUNT(DISTINCT id) > 1
                )
                SELECT DISTINCT keys.id FROM keys JOIN shared USING (k)
                """
            )
        )
        duplicate_ids = {row[0] for row in self.env.cr.fetchall()}
        flagged = self.with_context(active_test=False).search([("idic_is_duplicate", "=", True)])
        ctx = {"idic_skip_completeness": True, "tracking_disable": True}
        (flagged - self.browse(duplicate_ids)).with_context(**ctx).write(
            {"idic_is_duplicate": False}
        )
        self.browse(duplicate_ids).with_context(**ctx).write({"idic_is_duplicate": True})
        return duplicate_ids

    def action_idic_find_duplicates(self):
        self.sudo()._idic_flag_duplicates()  # flags are system data over all partners
        action = self.env["ir.actions.act_window"]._for_xml_id("crm_idic.action_idic_duplicates")
        return action

    def action_idic_merge_duplicates(self):
        """Open Odoo's merge wizard on this partner and its possible duplicates."""
        self.ensure_one()
        partners = self | self.idic_duplicate_ids
        return {
            "type": "ir.actions.act_window",
            "res_model": "base.partner.merge.automatic.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "active_model": "res.partner",
                "active_ids": partners.ids,
                "default_partner_ids": partners.ids,
                "default_dst_partner_id": self.id,
            },
        }

    # ============================================================== override

    def _idic_set_override(self, segment, reason):
        """Place the partners in ``segment`` by hand (manager only), with a reason."""
        if not self.env.user.has_group("crm_idic.group_idic_manager"):
            raise UserError(self.env._("Only IDIC managers can set a segment by hand."))
        if not (reason or "").strip():
            raise ValidationError(self.env._("Say why the segment is set by hand."))
        foreign = self.filtered(lambda p: segment.company_id != p._idic_scoring_company())
        if foreign:
            raise ValidationError(
                self.env._(
                    "Segment %(segment)s belongs to another company than %(partners)s.",
                    segment=segment.display_name,
                    partners=", ".join(foreign.mapped("display_name")),
                )
            )
        old = {p.id: p.idic_segment_id for p in self}
        today = fields.Date.context_today(self)
        # scores and overrides are readonly for users; the manager right is checked above
        self.sudo().write(
            {
                "idic_segment_override_id": segment.id,
                "idic_override_reason": reason.strip(),
                "idic_override_user_id": self.env.uid,
                "idic_override_date": today,
            }
        )
        self._idic_log_override(old, "override", reason.strip())

    def action_idic_clear_override(self):
        if not self.env.user.has_group("crm_idic.group_idic_manager"):
            raise UserError(self.env._("Only IDIC managers can clear a segment set by hand."))
        partners = self.filtered("idic_segment_override_id")
        old = {p.id: p.idic_segment_id for p in partners}
        # see _idic_set_override
        partners.sudo().write(
            {
                "idic_segment_override_id": False,
                "idic_override_reason": False,
                "idic_override_user_id": False,
                "idic_override_date": False,
            }
        )
        partners._idic_log_override(old, "override_cleared", False)

    def _idic_log_override(self, old, source, reason):
        self.env["crm.idic.segment.history"]._idic_log(
            [
                {
                    "partner_id": p.id,
                    "company_id": p._idic_scoring_company().id,
                    "old_segment_id": old[p.id].id,
                    "new_segment_id": p.idic_segment_id.id,
                    "old_level": p.idic_relationship_level,
                    "new_level": p.idic_relationship_level,
                    "current_value_score": p.idic_current_value_score,
                    "potential_value_score": p.idic_potential_value_score,
                    "loyalty_score": p.idic_loyalty_score,
                    "total_score": p.idic_total_score,
                    "source": source,
                    "reason": reason,
                }
                for p in self
            ]
        )
        # the segment's pricelist is a company-dependent property of the partner, written
        # for the manager whose right was checked by the caller
        self.sudo()._idic_apply_segment_pricelists(old)

    # ============================================================== interact

    def action_idic_view_interactions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("crm_idic.action_idic_interaction")
        action["domain"] = [("commercial_partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def _idic_anniversary_date(self):
        self.ensure_one()
        return self.idic_founding_date if self.is_company else self.idic_birthday

    def _idic_activity_user(self):
        return self.user_id or self.env.user

    @api.model
    def _cron_idic_care_calendar(self):
        """Schedule a gift activity before each anniversary, once per customer per year."""
        today = fields.Date.context_today(self)
        activity_type = self.env.ref(
            "crm_idic.mail_activity_type_idic_gift", raise_if_not_found=False
        )
        if not activity_type:
            return
        segments = self.env["crm.idic.segment"].search([("anniversary_gift", "=", True)])
        lead = max(self.env["res.company"].search([]).mapped("idic_care_lead_days") or [7])
        partners = self.search(
            [
                ("idic_segment_id", "in", segments.ids),
                "|",
                ("idic_birthday", "!=", False),
                ("idic_founding_date", "!=", False),
            ]
        )
        dates = {p.id: p._idic_anniversary_date() for p in partners}
        due = identity.due_anniversaries(dates, today, lead)
        activities = []
        by_year = defaultdict(lambda: self.browse())
        for partner in partners.browse(list(due)):
            day = due[partner.id]
            company = partner._idic_scoring_company()
            if (
                partner.idic_care_year >= day.year
                or (day - today).days > company.idic_care_lead_days
            ):
                continue
            activities.append(
                {
                    "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "res_id": partner.id,
                    "activity_type_id": activity_type.id,
                    "date_deadline": day,
                    "summary": self.env._("Anniversary gift for %s", partner.name),
                    "user_id": partner._idic_activity_user().id,
                }
            )
            by_year[day.year] |= partner
        self.env["mail.activity"].create(activities)
        for year, done in by_year.items():
            done.with_context(idic_skip_completeness=True).write({"idic_care_year": year})
        return len(activities)

    @api.model
    def _cron_idic_visit_schedule(self):
        """Schedule a visit when the last visit of a customer is older than its segment asks."""
        today = fields.Date.context_today(self)
        activity_type = self.env.ref(
            "crm_idic.mail_activity_type_idic_visit", raise_if_not_found=False
        )
        if not activity_type:
            return 0
        segments = self.env["crm.idic.segment"].search([("visit_interval_days", ">", 0)])
        partners = self.search([("idic_segment_id", "in", segments.ids)])
        if not partners:
            return 0
        last_visits = dict(
            self.env["crm.idic.interaction"]._read_group(
                [("commercial_partner_id", "in", partners.ids), ("channel", "=", "visit")],
                ["commercial_partner_id"],
                ["date:max"],
            )
        )
        planned = {
            res_id
            for [res_id] in self.env["mail.activity"]._read_group(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", partners.ids),
                    ("activity_type_id", "=", activity_type.id),
                ],
                ["res_id"],
            )
        }
        model_id = self.env["ir.model"]._get_id("res.partner")
        activities = []
        for partner in partners:
            if partner.id in planned:
                continue
            last = last_visits.get(partner)
            interval = partner.idic_segment_id.visit_interval_days
            if last and (today - last.date()).days < interval:
                continue
            activities.append(
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": activity_type.id,
                    "date_deadline": today,
                    "summary": self.env._("Care visit (%s)", partner.idic_segment_id.display_name),
                    "user_id": partner._idic_activity_user().id,
                }
            )
        self.env["mail.activity"].create(activities)
        return len(activities)
