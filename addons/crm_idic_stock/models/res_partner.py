from collections import defaultdict

from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _idic_update_open_orders(self):
        """When the scoring changes customers, their open deliveries follow their
        priority too: made urgent, or back to normal when this addon made them urgent."""
        result = super()._idic_update_open_orders()
        # sudo: the scoring job updates every open delivery of its customers
        pickings = (
            self.env["stock.picking"]
            .sudo()
            .search(
                [
                    ("partner_id", "child_of", self.ids),
                    ("picking_type_code", "=", "outgoing"),
                    ("state", "not in", ("done", "cancel")),
                    ("sale_id", "!=", False),
                ]
            )
        )
        by_priority = defaultdict(lambda: self.env["stock.picking"].sudo())
        for picking in pickings:
            customer = picking.sale_id.partner_id.commercial_partner_id
            by_priority[bool(customer.idic_priority)] |= picking
        for priority, todo in by_priority.items():
            todo._idic_set_priority_supply(priority)
        return result
