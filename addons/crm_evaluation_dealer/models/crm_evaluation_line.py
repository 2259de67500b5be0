from odoo import fields, models

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
