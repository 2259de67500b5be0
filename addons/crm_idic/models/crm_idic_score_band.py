from odoo import api, fields, models

from ..idic_core import scoring
from .rule_errors import raise_rule_problem

DIMENSIONS = [
    ("current", "Current value"),
    ("potential", "Potential value"),
    ("loyalty", "Loyalty (tenure in days)"),
]


class CrmIdicScoreBand(models.Model):
    _name = "crm.idic.score.band"
    _description = "Score Band"
    _order = "company_id, dimension, threshold"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
        ondelete="cascade",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    dimension = fields.Selection(DIMENSIONS, required=True)
    threshold = fields.Float(
        required=True,
        aggregator=None,
        help="From this amount (revenue or potential, in the company currency) or this "
        "tenure in days, a customer gets this band's score.",
    )
    score = fields.Float(required=True, aggregator=None, help="Score from 0 to 100.")

    @api.depends("dimension", "threshold", "score")
    def _compute_display_name(self):
        labels = dict(self._fields["dimension"]._description_selection(self.env))
        for band in self:
            band.display_name = (
                f"{labels.get(band.dimension, '')} ≥ {band.threshold:,.0f}: {band.score:g}"
            )

    @api.constrains("company_id", "dimension", "threshold", "score")
    def _check_bands(self):
        for company, dimension in {(b.company_id, b.dimension) for b in self}:
            bands = self.search([("company_id", "=", company.id), ("dimension", "=", dimension)])
            try:
                scoring.check_bands([(b.threshold, b.score) for b in bands])
            except scoring.RuleProblem as problem:
                labels = dict(self._fields["dimension"]._description_selection(self.env))
                raise_rule_problem(self.env, problem, labels[dimension])
