from odoo import fields, models


class LoyaltyReward(models.Model):
    """A ranked program's rewards cost whole points: their card on the program form
    shows them so (other programs keep Odoo's decimals)."""

    _inherit = "loyalty.reward"

    crm_loyalty_ranked = fields.Boolean(related="program_id.crm_loyalty_ranked")
    crm_loyalty_required_points = fields.Float(
        related="required_points", string="Points to Spend", digits=(16, 0)
    )
