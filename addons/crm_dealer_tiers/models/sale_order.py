from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    dealer_tier_id = fields.Many2one(
        related="partner_id.commercial_partner_id.dealer_tier_id",
        string="Dealer tier",
        store=True,
        index="btree_not_null",
    )
