from odoo import api, fields, models

LOYALTY_MEASURES = [
    ("loyalty_points_issued", "Loyalty points issued"),
    ("loyalty_points_redeemed", "Loyalty points redeemed"),
    ("loyalty_points_expired", "Loyalty points expired"),
    ("loyalty_members", "Loyalty members"),
]


class CrmEvaluationLine(models.Model):
    _inherit = "crm.evaluation.line"

    measure = fields.Selection(
        selection_add=LOYALTY_MEASURES,
        ondelete={code: "cascade" for code, _label in LOYALTY_MEASURES},
    )
    dimension = fields.Selection(
        selection_add=[("loyalty_rank", "Loyalty rank")],
        ondelete={"loyalty_rank": "cascade"},
    )
    loyalty_tier_id = fields.Many2one(
        "crm.loyalty.tier",
        string="Loyalty rank",
        ondelete="set null",
        index="btree_not_null",
        help="For the loyalty-rank dimension: the rank (its name is kept in the label).",
    )

    @api.depends("loyalty_tier_id.name")
    def _compute_dimension_value(self):
        result = super()._compute_dimension_value()
        for line in self:
            if line.dimension == "loyalty_rank" and line.loyalty_tier_id:
                # the rank's name in the reader's language, as the rank column shows it
                # (sudo: its name only, which evaluation users read without the ranks'
                # group); the label keeps the name the period was computed in, for a
                # rank deleted since
                line.dimension_value = line.loyalty_tier_id.sudo().name
        return result

    @api.model
    def _evaluation_lower_is_better(self):
        return super()._evaluation_lower_is_better() | {"loyalty_points_expired"}
