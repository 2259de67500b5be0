from odoo import fields, models


class LoyaltyMail(models.Model):
    _inherit = "loyalty.mail"

    trigger = fields.Selection(
        selection_add=[("rank_up", "Rank up"), ("rank_down", "Rank down")],
        ondelete={"rank_up": "cascade", "rank_down": "cascade"},
    )
