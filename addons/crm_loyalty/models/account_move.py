from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted.filtered(lambda m: m.move_type == "out_refund")._crm_loyalty_take_back()
        return posted

    def button_draft(self):
        self._crm_loyalty_give_back()
        return super().button_draft()

    def button_cancel(self):
        self._crm_loyalty_give_back()
        return super().button_cancel()

    def _crm_loyalty_take_back(self):
        """A credit note takes back the points of what it refunds, from that order's own
        points (``crm.loyalty.refund.mixin``, as a point of sale refund does): the credit
        notes of ``self`` one after the other, each counting those before it as refunded
        before and the rows they wrote as taken, not those after it."""
        SaleOrder = self.env["sale.order"]
        pending = set(self.ids)
        for move in self:
            pending.discard(move.id)
            rows, cards = SaleOrder._crm_loyalty_take_back_rows(
                [
                    (order, line.price_subtotal)
                    for line in move.invoice_line_ids
                    for order in line.sale_line_ids.order_id
                ],
                pending | {move.id},
                {"crm_loyalty_move_id": move.id},
                lambda order, m=move: self.env._(
                    "Refund %(move)s of %(order)s", move=m.name, order=order.name
                ),
            )
            SaleOrder._crm_loyalty_post_take_back(rows, cards)

    def _crm_loyalty_give_back(self):
        """A credit note back to draft or cancelled gives its points back."""
        # sudo: as above, the program gives the points back itself
        rows = (
            self.env["loyalty.history"]
            .sudo()
            .search([("crm_loyalty_move_id", "in", self.ids), ("crm_loyalty_kind", "=", "refund")])
        )
        if not rows:
            return
        cards = rows.card_id
        for row in rows:
            row.card_id._idic_system().points += row.used
        rows._idic_system().unlink()
        cards._crm_loyalty_after_points()
