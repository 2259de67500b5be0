from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmLoyaltyPartnerReward(models.Model):
    _name = "crm.loyalty.partner.reward"
    _description = "Partner Reward"
    _order = "sequence, points_cost, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    program_id = fields.Many2one(
        "loyalty.program",
        required=True,
        ondelete="cascade",
        domain="[('crm_loyalty_ranked', '=', True)]",
        check_company=True,
    )
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    supplier_id = fields.Many2one(
        "res.partner",
        string="Partner Company",
        required=True,
        help="The company that supplies the reward (airline, travel agency, hotel, "
        "restaurant, supermarket).",
    )
    category = fields.Selection(
        [
            ("airline", "Airline"),
            ("travel", "Travel"),
            ("hotel", "Hotel"),
            ("restaurant", "Restaurant"),
            ("supermarket", "Supermarket"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
    )
    points_cost = fields.Integer(string="Points", required=True)
    description = fields.Text(translate=True)

    @api.constrains("points_cost")
    def _check_points_cost(self):
        for reward in self:
            if reward.points_cost <= 0:
                raise ValidationError(
                    self.env._(
                        "The partner reward %(reward)s must cost at least one point.",
                        reward=reward.name,
                    )
                )
