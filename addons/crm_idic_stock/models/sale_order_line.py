from odoo import models

from .stock_picking import URGENT


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _prepare_procurement_values(self, group_id=False):
        """The line of a priority customer asks for urgent goods: Odoo's procurement
        gives its stock moves this priority (stock.rule._get_stock_move_values)."""
        values = super()._prepare_procurement_values(group_id=group_id)
        # sudo: a boolean of the customer, whoever confirms (a portal payment, a salesman)
        if self.order_id.partner_id.commercial_partner_id.sudo().idic_priority:
            values["priority"] = URGENT
        return values
