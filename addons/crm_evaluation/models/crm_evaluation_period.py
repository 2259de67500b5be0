"""Evaluation periods: a week, month, quarter or year of one company whose measures are
computed once into snapshot lines (``crm.evaluation.line``), then approved and locked by
the CRM committee. Reports read the lines, so they never change when data changes later.

Who may do what is decided in one place, ``_check_state_update``. The state, the lines
and the approval are system fields (``crm.idic.system.fields.mixin``): written only by
the buttons (after that check) and by the compute, through ``_idic_system()``.
"""

from datetime import datetime, time

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.base.models.res_partner import _tz_get

EVAL_USER = "crm_evaluation.group_evaluation_user"
EVAL_COMMITTEE = "crm_evaluation.group_evaluation_committee"

KINDS = [
    ("weekly", "Weekly"),
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
    ("yearly", "Yearly"),
]
KIND_LENGTH = {
    "weekly": relativedelta(weeks=1),
    "monthly": relativedelta(months=1),
    "quarterly": relativedelta(months=3),
    "yearly": relativedelta(years=1),
}
STATES = [
    ("draft", "Draft"),
    ("computed", "Computed"),
    ("approved", "Approved"),
    ("locked", "Locked"),
]
# the fields only the buttons and the compute write
SYSTEM_FIELDS = (
    "state",
    "line_ids",
    "scorecard_ids",
    "computed_date",
    "approved_by_id",
    "approved_date",
)
# the fields that decide what the lines measure: changed only in draft
SCOPE_FIELDS = ("kind", "date_from", "date_to", "company_id", "tz")


class CrmEvaluationPeriod(models.Model):
    _name = "crm.evaluation.period"
    _description = "Evaluation period"
    _inherit = ["mail.thread", "crm.idic.system.fields.mixin"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, tracking=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    kind = fields.Selection(KINDS, required=True, default="monthly", tracking=True)
    date_from = fields.Date(
        string="From", required=True, default=lambda self: self._default_date_from()
    )
    date_to = fields.Date(string="To", required=True, tracking=True)
    tz = fields.Selection(
        _tz_get,
        string="Time zone",
        required=True,
        default=lambda self: self._default_tz(),
        help="Days start at midnight in this time zone (the company's by default): an order "
        "placed late on the last evening of the period counts in it.",
    )
    state = fields.Selection(
        STATES, required=True, default="draft", readonly=True, copy=False, tracking=True
    )
    line_ids = fields.One2many(
        "crm.evaluation.line", "period_id", string="Measures", readonly=True, copy=False
    )
    total_line_ids = fields.One2many(
        "crm.evaluation.line",
        "period_id",
        string="Whole company",
        domain=[("dimension", "=", "total")],
        readonly=True,
        copy=False,
    )
    line_count = fields.Integer(compute="_compute_line_count")
    computed_date = fields.Datetime(string="Computed on", readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", string="Approved by", readonly=True, copy=False)
    approved_date = fields.Date(string="Approved on", readonly=True, copy=False)
    note = fields.Html(string="Committee conclusions")

    @api.model
    def _default_tz(self):
        """The company's time zone (its address's), else the user's, else UTC."""
        return self.env.company.partner_id.tz or self.env.user.tz or "UTC"

    @api.model
    def _default_date_from(self):
        return fields.Date.context_today(self).replace(day=1)

    @api.onchange("kind", "date_from")
    def _onchange_kind(self):
        for period in self:
            if period.kind and period.date_from:
                period.date_to = period.date_from + KIND_LENGTH[period.kind] - relativedelta(days=1)

    def _compute_line_count(self):
        counts = dict(
            self.env["crm.evaluation.line"]._read_group(
                [("period_id", "in", self.ids)], ["period_id"], ["__count"]
            )
        )
        for period in self:
            period.line_count = counts.get(period, 0)

    # ------------------------------------------------------------ checks

    @api.constrains("date_from", "date_to", "kind", "company_id")
    def _check_dates(self):
        for period in self:
            if period.date_to < period.date_from:
                raise ValidationError(self.env._("Period %s ends before it starts.", period.name))
            overlap = self.search(
                [
                    ("id", "!=", period.id),
                    ("company_id", "=", period.company_id.id),
                    ("kind", "=", period.kind),
                    ("date_from", "<=", period.date_to),
                    ("date_to", ">=", period.date_from),
                ],
                limit=1,
            )
            if overlap:
                raise ValidationError(
                    self.env._(
                        "Period %(period)s overlaps %(other)s, a period of the same kind "
                        "in the same company.",
                        period=period.name,
                        other=overlap.name,
                    )
                )

    def _check_state_update(self, state):
        """Raise unless the current user may move ``self`` to ``state``."""
        if self._idic_is_system():
            return
        user = self.env.user
        if not user.has_group(EVAL_USER):
            raise AccessError(self.env._("Only evaluation users work on evaluation periods."))
        allowed_from = {
            "computed": ("draft", "computed"),
            "approved": ("computed",),
            "locked": ("approved",),
            "draft": ("computed", "approved"),
        }
        labels = dict(self._fields["state"]._description_selection(self.env))
        for period in self:
            if period.state not in allowed_from[state]:
                if state == "approved" and period.state == "draft":
                    raise UserError(
                        self.env._(
                            "Period %s is not computed yet: compute it before approving it.",
                            period.name,
                        )
                    )
                raise UserError(
                    self.env._(
                        "Period %(name)s is %(current)s: it cannot become %(target)s.",
                        name=period.name,
                        current=labels[period.state],
                        target=labels[state],
                    )
                )
            if state in ("approved", "locked", "draft") and not user.has_group(EVAL_COMMITTEE):
                raise AccessError(
                    self.env._("Only the CRM committee approves, locks or reopens a period.")
                )

    # ------------------------------------------------------------ CRUD

    @api.model
    def _idic_system_fields(self):
        return super()._idic_system_fields() | set(SYSTEM_FIELDS)

    @api.model
    def _idic_system_fields_message(self, labels):
        return self.env._(
            "A period starts as a draft without measures; its state, measures and approval "
            "change only through its buttons: %s.",
            labels,
        )

    @api.onchange("company_id")
    def _onchange_company_tz(self):
        for period in self:
            if period.company_id.partner_id.tz:
                period.tz = period.company_id.partner_id.tz

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # the default time zone is the period's company's, not the current one's
            company = self.env["res.company"].browse(vals.get("company_id"))
            if "tz" not in vals and company.partner_id.tz:
                vals["tz"] = company.partner_id.tz
            if not vals.get("date_to"):
                start = fields.Date.to_date(vals.get("date_from")) or self._default_date_from()
                length = KIND_LENGTH[vals.get("kind") or "monthly"]
                vals["date_to"] = start + length - relativedelta(days=1)
        return super().create(vals_list)

    def write(self, vals):
        if not self._idic_is_system():
            frozen = self.filtered(lambda p: p.state in ("approved", "locked"))
            if frozen:
                raise UserError(
                    self.env._(
                        "Period %s is approved or locked: it cannot be changed.",
                        ", ".join(frozen.mapped("name")),
                    )
                )
            computed = self.filtered(lambda p: p.state == "computed")
            if computed and set(vals) & set(SCOPE_FIELDS):
                raise UserError(
                    self.env._(
                        "Period %s is computed: set it back to draft before changing its "
                        "kind, dates or company.",
                        ", ".join(computed.mapped("name")),
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        kept = self.filtered(lambda p: p.state in ("approved", "locked"))
        if kept:
            raise UserError(
                self.env._(
                    "Approved or locked periods are kept: %s.", ", ".join(kept.mapped("name"))
                )
            )

    # ------------------------------------------------------------ buttons

    def action_compute(self):
        self._check_state_update("computed")
        self.check_access("write")
        self._evaluation_compute()
        return True

    def action_approve(self):
        self._check_state_update("approved")
        self.check_access("write")
        # the state is a system field; _check_state_update decided the user may
        self._idic_system().write(
            {
                "state": "approved",
                "approved_by_id": self.env.uid,
                "approved_date": fields.Date.context_today(self),
            }
        )
        return True

    def action_lock(self):
        self._check_state_update("locked")
        self.check_access("write")
        # as in action_approve
        self._idic_system().write({"state": "locked"})
        return True

    def action_reset_draft(self):
        self._check_state_update("draft")
        self.check_access("write")
        # as in action_approve; the lines stay until the next compute replaces them
        self._idic_system().write(
            {"state": "draft", "approved_by_id": False, "approved_date": False}
        )
        return True

    def action_open_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_evaluation.action_crm_evaluation_line"
        )
        action["domain"] = [("period_id", "=", self.id)]
        # every measure of the period, by what it is measured per, then by measure
        # (a group-by's default value is its place in the grouping)
        action["context"] = {"search_default_group_dimension": 1, "search_default_group_measure": 2}
        action["view_mode"] = "list,pivot,graph"
        action["views"] = [(False, "list"), (False, "pivot"), (False, "graph")]
        action["name"] = action["display_name"] = self.env._(
            "Measures of %(period)s", period=self.display_name
        )
        return action

    # ------------------------------------------------------------ compute

    def _evaluation_compute(self):
        """Replace each period's lines by what ``_evaluation_collect`` measures now,
        plus the lines derived from them (``_evaluation_derived_lines``), and store
        what is built from all of them (``_evaluation_store_snapshot``)."""
        now = fields.Datetime.now()
        for period in self:
            lines = period._evaluation_collect()
            lines += period._evaluation_derived_lines(lines)
            # sudo: lines are snapshot values users only read (no write access); the
            # buttons calling this checked the user's right to compute the period
            period.line_ids.sudo().unlink()
            self.env["crm.evaluation.line"].sudo().create(
                [{**vals, "period_id": period.id} for vals in lines]
            )
            period._evaluation_store_snapshot(lines)
            period._idic_system().write({"state": "computed", "computed_date": now})

    def _evaluation_derived_lines(self, lines):
        """Lines computed from every collected line (e.g. the achievement of targets)."""
        self.ensure_one()
        return self._evaluation_target_lines(lines)

    def _evaluation_store_snapshot(self, lines):
        """Store the records built from the period's lines (the staff scorecards)."""
        self.ensure_one()
        self._evaluation_store_scorecards(lines)

    def _evaluation_collect(self):
        """The measures of one period, as a list of ``crm.evaluation.line`` values
        (without ``period_id``). Each concern extends it::

            def _evaluation_collect(self):
                lines = super()._evaluation_collect()
                lines.append(self._evaluation_line("my_measure", 42.0))
                return lines

        Runs as the user who computes; read what the period's company owns, set-based.
        """
        self.ensure_one()
        return []

    def _evaluation_line(self, measure, value, dimension="total", **keys):
        """Values of one line: ``keys`` are the dimension's value (``segment_id``,
        ``value_class``, ``customer_group``, ``user_id``, ``team_id`` or ``label``) and
        optionally ``numerator`` / ``denominator`` of a rate."""
        return {"measure": measure, "dimension": dimension, "value": value, **keys}

    def _evaluation_bounds(self):
        """The period as a half-open range [start, end) of UTC datetimes (as Odoo stores
        them), from midnight of its first day to midnight after its last day in the
        period's time zone."""
        self.ensure_one()
        return self._evaluation_midnight(self.date_from), self._evaluation_midnight(
            self.date_to + relativedelta(days=1)
        )

    def _evaluation_midnight(self, day):
        """Midnight starting ``day`` in the period's time zone, as a naive UTC datetime."""
        self.ensure_one()
        local = pytz.timezone(self.tz or "UTC").localize(datetime.combine(day, time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)
