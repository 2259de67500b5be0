from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _action_confirm(self):
        """A priority order's deliveries are urgent from its confirmation on: the flag
        follows the customer's priority (level, segment) when the order is confirmed."""
        result = super()._action_confirm()
        for order in self:
            # the customer's priority at confirmation, whatever the quotation said
            priority = order.partner_id.commercial_partner_id.idic_priority
            # sudo: the salesperson confirming the order may not write deliveries
            order.picking_ids.sudo()._idic_set_priority_supply(priority)
        return result
