from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import formatLang


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

    @api.depends("name", "points_cost")
    @api.depends_context("crm_loyalty_balance")
    def _compute_display_name(self):
        """With the member's balance in the context (``crm_loyalty_balance``, the
        redemption's reward picker), a reward shows its cost and whether the member can
        afford it."""
        balance = self.env.context.get("crm_loyalty_balance")
        if balance is None:
            return super()._compute_display_name()
        for reward in self:
            cost = formatLang(self.env, reward.points_cost, digits=0)
            if reward.points_cost > balance:
                reward.display_name = self.env._(
                    "%(reward)s · %(cost)s points · not enough points",
                    reward=reward.name,
                    cost=cost,
                )
            else:
                reward.display_name = self.env._(
                    "%(reward)s · %(cost)s points", reward=reward.name, cost=cost
                )

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
