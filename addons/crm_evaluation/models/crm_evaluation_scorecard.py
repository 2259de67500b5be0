"""Staff scorecards: one per salesperson of a computed period, written by the
period's compute only (every group has read access only, like the snapshot lines).
A salesperson reads their own scorecards (record rule); evaluation users and the
committee read all those of their companies.
"""

from odoo import api, fields, models


class CrmEvaluationScorecard(models.Model):
    _name = "crm.evaluation.scorecard"
    _description = "Staff scorecard (snapshot)"
    # the period's own order: the latest period first
    _order = "period_id, rank, id"
    _rec_name = "user_id"

    period_id = fields.Many2one(
        "crm.evaluation.period",
        string="Evaluation period",
        required=True,
        ondelete="cascade",
        index=True,
    )
    # copied from the period, so a salesperson who cannot read periods sees them
    period_name = fields.Char(related="period_id.name", store=True, string="Period")
    date_from = fields.Date(related="period_id.date_from", store=True, string="From")
    date_to = fields.Date(related="period_id.date_to", store=True, string="To")
    company_id = fields.Many2one(related="period_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one("res.users", string="Salesperson", required=True, index=True)
    revenue = fields.Monetary(currency_field="currency_id", aggregator="sum")
    new_customers = fields.Integer(aggregator="sum")
    achievement = fields.Float(
        string="Achievement (%)",
        aggregator="avg",
        help="Mean achievement of the salesperson's targets (0 without targets).",
    )
    target_count = fields.Integer(string="Targets")
    interactions = fields.Integer(aggregator="sum")
    visits = fields.Integer(aggregator="sum")
    complaints_handled = fields.Integer(aggregator="sum")
    satisfaction = fields.Float(string="Satisfaction (0-100)", aggregator="avg")
    debt_collected = fields.Monetary(currency_field="currency_id", aggregator="sum")
    board_actions_done = fields.Integer(
        string="Board actions done",
        aggregator="sum",
        help="Actions of the IDIC board due in the period and done.",
    )
    board_actions_overdue = fields.Integer(
        string="Board actions overdue",
        aggregator="sum",
        help="Actions of the IDIC board due in the period and still not done.",
    )
    board_actions = fields.Float(
        string="Board actions done (%)",
        aggregator="avg",
        help="Share of the board's actions due in the period that were done (dismissed "
        "ones left out).",
    )
    score = fields.Float(aggregator="avg", help="Weighted score, 0-100.")
    rank = fields.Integer(help="Rank among the period's salespeople; equal scores share a rank.")
    rank_note = fields.Char(string="Ties")
    score_detail = fields.Text(string="Score details")
    score_rule = fields.Text(
        string="How the score is made",
        compute="_compute_score_rule",
        help="The company's weights in words, in your language.",
    )
    meets_standard = fields.Boolean(string="Meets the standard")
    shortfall_count = fields.Integer(string="Shortfalls")
    shortfall_note = fields.Text(string="Below the standard")

    _sql_constraints = [
        (
            "user_unique",
            "unique (period_id, user_id)",
            "A period has one scorecard per salesperson.",
        ),
    ]

    @api.depends("company_id")
    @api.depends_context("lang")
    def _compute_score_rule(self):
        Criterion = self.env["crm.evaluation.criterion"]
        rules = {company: Criterion._evaluation_rule_text(company) for company in self.company_id}
        for card in self:
            card.score_rule = rules.get(card.company_id, False)

    def _component_labels(self):
        return dict(
            self.env["crm.evaluation.criterion"]
            ._fields["component"]
            ._description_selection(self.env)
        )
