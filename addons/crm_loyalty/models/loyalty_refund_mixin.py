from collections import defaultdict

from odoo import api, models

from ..loyalty_core import points as points_core

KINDS = ("order", "refund")


class CrmLoyaltyRefundMixin(models.AbstractModel):
    """The points an order earned in the ranked programs and what its refunds take back,
    once for every channel that sells: sale orders (crm_loyalty), refunded by credit
    notes, and point of sale orders (crm_loyalty_pos), refunded by refund orders. Both
    order models inherit it, so that the rule two addons use lives once.

    An order model says what differs between channels, and nothing else:

    - ``_crm_loyalty_refund_line_model`` and ``_crm_loyalty_refund_line_domain(exclude)``:
      the lines of the refunds of an order that count as refunded (posted credit notes'
      product lines; paid point of sale refunds' lines), but those of the documents
      ``exclude`` (the refund being settled, and the ones settled after it);
    - ``_crm_loyalty_refund_sign``: the sign of such a line's untaxed subtotal (positive
      on a credit note, negative on a point of sale refund), so that a refunded amount is
      positive;
    - ``_crm_loyalty_refund_base()``: the untaxed amount the order earned its points on,
      in the order's currency as its refunds' lines (neither side converts).
    """

    _name = "crm.loyalty.refund.mixin"
    _description = "Loyalty points taken back by refunds"

    _crm_loyalty_refund_line_model = None
    _crm_loyalty_refund_sign = 1

    def _crm_loyalty_refund_line_domain(self, exclude):
        raise NotImplementedError

    def _crm_loyalty_refund_base(self):
        raise NotImplementedError

    def _crm_loyalty_rows(self, kinds=KINDS):
        """The rows of ``kinds`` of the orders of ``self`` on ranked cards."""
        # sudo: the program's ledger, whoever sells, changes or refunds the order
        return (
            self.env["loyalty.history"]
            .sudo()
            .search(
                [
                    ("order_model", "=", self._name),
                    ("order_id", "in", self.ids),
                    ("crm_loyalty_kind", "in", kinds),
                    ("card_id.crm_loyalty_ranked", "=", True),
                ]
            )
        )

    def _crm_loyalty_refunded(self, exclude=()):
        """Untaxed amount of the order refunded by its refunds, other than the documents
        of ids ``exclude``."""
        self.ensure_one()
        # sudo: the refunded amount decides the points taken back, whoever refunds;
        # only a sum leaves this method
        lines = (
            self.env[self._crm_loyalty_refund_line_model]
            .sudo()
            .search(self._crm_loyalty_refund_line_domain(list(exclude)))
        )
        return self._crm_loyalty_refund_sign * sum(lines.mapped("price_subtotal"))

    @api.model
    def _crm_loyalty_take_back_rows(self, lines, exclude, source, describe):
        """The rows by which one refund document takes back, from each order it refunds
        and each ranked card, that order's share of its own points
        (``points_core.refund_points``: the share of the order's points that everything
        refunded of it so far is of its untaxed base, less what its refund rows already
        took, never what of them expired, never more than the order gave). Each card's
        balance moves by the points at once; returns ``(row values, cards)``, for
        ``_crm_loyalty_post_take_back``.

        - ``lines``: ``(order, untaxed subtotal)`` of the document's lines, in the
          document's own sign (``_crm_loyalty_refund_sign``);
        - ``exclude``: ids of the documents not counted as refunded before (this one, and
          those the caller settles after it);
        - ``source``: the values naming the document on each row (its credit note, its
          point of sale refund); each row also names its order (``order_model``,
          ``order_id``), so that every point keeps one source;
        - ``describe(order)``: the row's description.

        The points already taken are those of the order's refund rows that exist when
        this is called: the caller decides when the rows are created (after each
        document, or after all of them)."""
        refunded = defaultdict(float)
        for order, subtotal in lines:
            refunded[order] += self._crm_loyalty_refund_sign * subtotal
        rows, cards = [], self.env["loyalty.card"]
        if not refunded:
            return rows, cards
        earned = self.browse([order.id for order in refunded])._crm_loyalty_rows()
        for order, amount in refunded.items():
            order_rows = earned.filtered(lambda h, o=order: h.order_id == o.id)
            for card in order_rows.card_id:
                card_rows = order_rows.filtered(lambda h, c=card: h.card_id == c)
                issued = card_rows.filtered(lambda h: h.crm_loyalty_kind == "order")
                taken = card_rows.filtered(lambda h: h.crm_loyalty_kind == "refund")
                points = points_core.refund_points(
                    sum(issued.mapped("issued")),
                    sum(taken.mapped("used")),
                    order._crm_loyalty_refund_base(),
                    order._crm_loyalty_refunded(exclude),
                    amount,
                    expired=card._crm_loyalty_expired_of(order),
                )
                if points <= 0:
                    continue
                rows.append(
                    {
                        "card_id": card.id,
                        "order_model": self._name,
                        "order_id": order.id,
                        **source,
                        "crm_loyalty_kind": "refund",
                        "crm_loyalty_lot_date": min(issued.mapped("crm_loyalty_date")),
                        "description": describe(order),
                        "issued": 0,
                        "used": points,
                    }
                )
                card._idic_system().points -= points
                cards |= card
        return rows, cards

    @api.model
    def _crm_loyalty_post_take_back(self, rows, cards):
        """Create the refund rows ``_crm_loyalty_take_back_rows`` built, and let their
        ``cards`` (whose balances already moved) reassess their ranks at once."""
        if rows:
            # sudo: whoever refunds (an accountant, a cashier) has no right on loyalty
            # cards; the program takes the points back itself
            self.env["loyalty.history"].sudo()._idic_system().create(rows)
            cards._crm_loyalty_after_points(cards)
