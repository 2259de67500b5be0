from odoo import api, fields, models

DEALER_MEASURES = [
    ("dealers", "Dealers"),
    ("dealer_compliance_rate", "Dealer compliance rate (%)"),
]


class CrmEvaluationLine(models.Model):
    _inherit = "crm.evaluation.line"

    measure = fields.Selection(
        selection_add=DEALER_MEASURES,
        ondelete={code: "cascade" for code, _label in DEALER_MEASURES},
    )
    dimension = fields.Selection(
        selection_add=[("dealer_tier", "Dealer tier")],
        ondelete={"dealer_tier": "cascade"},
    )
    dealer_tier_id = fields.Many2one(
        "crm.dealer.tier",
        string="Dealer tier",
        ondelete="set null",
        index="btree_not_null",
        help="For the dealer-tier dimension: the tier (its name is kept in the label).",
    )

    @api.depends("dealer_tier_id.name")
    def _compute_dimension_value(self):
        result = super()._compute_dimension_value()
        for line in self:
            if line.dimension == "dealer_tier" and line.dealer_tier_id:
                # the tier's name in the reader's language, as the tier column shows it
                # (sudo: its name only, which evaluation users read without the tiers'
                # group); the label keeps the name the period was computed in, for a
                # tier deleted since
                line.dimension_value = line.dealer_tier_id.sudo().name
        return result
