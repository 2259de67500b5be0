"""Targets of an evaluation period: what the company, a salesperson or a sales team
should reach on one measure. Only the CRM committee sets them (access rights), and
nobody changes the targets of an approved or locked period (checked here for everyone
but the system's own code, ``_idic_system()`` of crm_idic's system-fields mixin).
Computing the period turns each target into an achievement line
(``target_achievement``): the actual, the target, and the percentage reached.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .crm_evaluation_line import TARGET_MEASURES

SCOPES = [
    ("company", "Whole company"),
    ("salesperson", "Salesperson"),
    ("team", "Sales team"),
]
# the line dimension an achievement of each scope is measured on
SCOPE_DIMENSION = {"company": "total", "salesperson": "salesperson", "team": "team"}


class CrmEvaluationTarget(models.Model):
    _name = "crm.evaluation.target"
    _description = "Evaluation target"
    # the period's own order: the latest period first
    _order = "period_id, scope, user_id, team_id, measure"
    _check_company_auto = True

    period_id = fields.Many2one(
        "crm.evaluation.period",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        domain="[('state', 'in', ('draft', 'computed'))]",
    )
    company_id = fields.Many2one(
        related="period_id.company_id", store=True, index=True, string="Company"
    )
    period_state = fields.Selection(related="period_id.state", string="Period state")
    scope = fields.Selection(SCOPES, required=True, default="salesperson")
    user_id = fields.Many2one("res.users", string="Salesperson", index=True, ondelete="cascade")
    team_id = fields.Many2one(
        "crm.team", string="Sales team", index=True, ondelete="cascade", check_company=True
    )
    measure = fields.Selection(TARGET_MEASURES, required=True, default="revenue")
    target = fields.Float(required=True, help="The value to reach over the period.")
    currency_id = fields.Many2one(related="period_id.currency_id")

    _sql_constraints = [
        (
            "target_unique",
            "unique (period_id, scope, user_id, team_id, measure)",
            "A period has one target per measure for the company, a salesperson or a team.",
        ),
    ]

    @api.depends("period_id", "scope", "user_id", "team_id", "measure")
    def _compute_display_name(self):
        measures = dict(self._fields["measure"]._description_selection(self.env))
        for target in self:
            who = target.user_id.name or target.team_id.name or target.company_id.name or ""
            target.display_name = f"{target.period_id.name or ''} · {who} · " + (
                measures.get(target.measure) or ""
            )

    @api.onchange("scope")
    def _onchange_scope(self):
        if self.scope != "salesperson":
            self.user_id = False
        if self.scope != "team":
            self.team_id = False

    @api.constrains("target", "scope", "user_id", "team_id")
    def _check_target(self):
        for target in self:
            if target.target < 0:
                raise ValidationError(
                    self.env._("A target cannot be negative (%s).", target.target)
                )
            if target.scope == "salesperson" and (not target.user_id or target.team_id):
                raise ValidationError(
                    self.env._("A salesperson's target names the salesperson, and only them.")
                )
            if target.scope == "team" and (not target.team_id or target.user_id):
                raise ValidationError(
                    self.env._("A sales team's target names the team, and only the team.")
                )
            if target.scope == "company" and (target.user_id or target.team_id):
                raise ValidationError(
                    self.env._("A target of the whole company names no salesperson or team.")
                )

    def _check_period_open(self, periods):
        if periods._idic_is_system():
            return
        frozen = periods.filtered(lambda period: period.state in ("approved", "locked"))
        if frozen:
            raise UserError(
                self.env._(
                    "The targets of period %s cannot change: it is approved or locked.",
                    ", ".join(frozen.mapped("name")),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        period_ids = {vals.get("period_id") for vals in vals_list if vals.get("period_id")}
        self._check_period_open(self.env["crm.evaluation.period"].browse(period_ids))
        return super().create(vals_list)

    def write(self, vals):
        periods = self.period_id
        if vals.get("period_id"):
            periods |= self.env["crm.evaluation.period"].browse(vals["period_id"])
        self._check_period_open(periods)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_open_periods_only(self):
        self._check_period_open(self.period_id)
