from odoo import models

from .stock_picking import NORMAL


class StockMove(models.Model):
    _inherit = "stock.move"

    def _assign_picking_post_process(self, new=False):
        """A transfer the moves of a priority customer's order go in is urgent: the new
        one made for them, or an open one of the order still at normal priority (a line
        added after the confirmation, the next step of a two- or three-step delivery)."""
        result = super()._assign_picking_post_process(new=new)
        moves = self.filtered(lambda m: m.sale_line_id and m.picking_id.priority == NORMAL)
        if moves:
            moves.picking_id._idic_raise_priority_supply(moves.sale_line_id.order_id)
        return result
