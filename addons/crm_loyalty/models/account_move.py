from collections import defaultdict

from odoo import models

from ..loyalty_core import points as points_core


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
        points: the share of the order's points that everything refunded of it so far
        is of its untaxed amount, less what earlier credit notes took
        (``points_core.refund_points``: decimal, the last refund takes the remainder,
        never more than the order gave)."""
        # sudo: the accountant who posts the credit note has no right on loyalty cards;
        # the program takes the points back itself
        History = self.env["loyalty.history"].sudo()
        pending = set(self.ids)
        for move in self:
            pending.discard(move.id)
            refunded = defaultdict(float)
            for line in move.invoice_line_ids:
                for order in line.sale_line_ids.order_id:
                    refunded[order] += line.price_subtotal
            if not refunded:
                continue
            earned = History.search(
                [
                    ("order_model", "=", "sale.order"),
                    ("order_id", "in", [o.id for o in refunded]),
                    ("crm_loyalty_kind", "in", ("order", "refund")),
                    ("card_id.program_id.crm_loyalty_ranked", "=", True),
                ]
            )
            rows, cards = [], self.env["loyalty.card"]
            for order, amount in refunded.items():
                order_rows = earned.filtered(lambda h, o=order: h.order_id == o.id)
                for card in order_rows.card_id:
                    card_rows = order_rows.filtered(lambda h, c=card: h.card_id == c)
                    issued = sum(
                        card_rows.filtered(lambda h: h.crm_loyalty_kind == "order").mapped("issued")
                    )
                    taken = sum(
                        card_rows.filtered(lambda h: h.crm_loyalty_kind == "refund").mapped("used")
                    )
                    points = points_core.refund_points(
                        issued,
                        taken,
                        order.amount_untaxed,
                        order._crm_loyalty_refunded(exclude=pending | {move.id}),
                        amount,
                        expired=card._crm_loyalty_expired_of(order),
                    )
                    if points <= 0:
                        continue
                    rows.append(
                        {
                            "card_id": card.id,
                            "order_model": "sale.order",
                            "order_id": order.id,
                            "crm_loyalty_move_id": move.id,
                            "crm_loyalty_kind": "refund",
                            "crm_loyalty_lot_date": min(
                                card_rows.filtered(lambda h: h.crm_loyalty_kind == "order").mapped(
                                    "crm_loyalty_date"
                                )
                            ),
                            "description": self.env._(
                                "Refund %(move)s of %(order)s", move=move.name, order=order.name
                            ),
                            "issued": 0,
                            "used": points,
                        }
                    )
                    card._idic_system().points -= points
                    cards |= card
            if rows:
                History._idic_system().create(rows)
                cards._crm_loyalty_after_points(cards)

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
