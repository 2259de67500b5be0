from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    idic_priority_supply_label = fields.Char(
        string="Priority supply for",
        compute="_compute_idic_priority_supply_label",
        help="The order's transfers are urgent: Odoo's reservation serves them first when "
        "stock is short.",
    )

    @api.depends("picking_ids.idic_priority_supply")
    @api.depends_context("lang")
    def _compute_idic_priority_supply_label(self):
        for order in self:
            # sudo: a label; the salesperson may not read the transfers themselves
            flagged = order.picking_ids.sudo().filtered("idic_priority_supply")[:1]
            order.idic_priority_supply_label = flagged.idic_priority_supply_label or False
