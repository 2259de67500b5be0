from collections import defaultdict

from odoo import models


class SaleOrder(models.Model):
    """The points of a confirmed order are the program's: one history row per order and
    card says what the order earned (``issued``) and what its rewards cost (``used``);
    the row follows the order when its lines change, and goes with it when cancelled.
    Credit notes take back their share (``crm.loyalty.refund.mixin``)."""

    _name = "sale.order"
    _inherit = ["sale.order", "crm.loyalty.refund.mixin"]

    # the refunds of a sale order: the product lines of its posted credit notes
    _crm_loyalty_refund_line_model = "account.move.line"

    def _crm_loyalty_refund_line_domain(self, exclude):
        return [
            ("sale_line_ids.order_id", "=", self.id),
            ("move_id.move_type", "=", "out_refund"),
            ("move_id.state", "=", "posted"),
            ("move_id", "not in", exclude),
            ("display_type", "=", "product"),
        ]

    def _crm_loyalty_refund_base(self):
        return self.amount_untaxed

    def _crm_loyalty_system(self):
        """``self`` as the program's own code (crm_idic's ``_idic_system()``): Odoo's
        loyalty writes the points of the member's card as rewards are claimed and the
        order confirmed or cancelled, and the client's ``default_*`` keys are dropped."""
        return self.with_env(self.env["loyalty.card"]._idic_system().env)

    def _update_programs_and_rewards(self):
        self._crm_loyalty_load_member_cards()
        return super(SaleOrder, self._crm_loyalty_system())._update_programs_and_rewards()

    def _crm_loyalty_load_member_cards(self):
        """Odoo's loyalty loads the cards with points of the order's partner itself; the
        member card is the customer's (the commercial partner): loaded here for the
        orders of its contacts."""
        for order in self:
            partner = order.partner_id
            if not order._allow_nominative_programs() or partner == partner.commercial_partner_id:
                continue
            cards = self.env["loyalty.card"]
            # the member's points are theirs to spend, whether or not this order
            # meets the rules that earn points
            for program in order._crm_loyalty_open_programs():
                cards |= cards._crm_loyalty_member_card(order.partner_id, program)
            cards = cards.filtered(
                lambda c, o=order: c.points > 0 and c not in o.applied_coupon_ids
            )
            if cards:
                order.applied_coupon_ids += cards.sudo(False)

    def action_confirm(self):
        result = super(SaleOrder, self._crm_loyalty_system()).action_confirm()
        self._crm_loyalty_sync_points()
        return result

    def _crm_loyalty_sync_points(self):
        """Bring the points of the confirmed orders of ``self`` to what they earn now:
        posted once at confirmation, adjusted by the difference when lines are added or
        changed (the multiplier of the rank held at confirmation is kept). Odoo's loyalty
        has already moved the balance for the rewards' cost; the row records it."""
        orders = self.filtered(lambda o: o.state == "sale")
        if not orders:
            return
        Card = self.env["loyalty.card"]
        History = self.env["loyalty.history"].sudo()._idic_system()
        existing = orders._crm_loyalty_rows().filtered(lambda h: h.crm_loyalty_kind == "order")
        changed, reversed_cards, new_rows = Card, Card, []
        for order in orders:
            mine = existing.filtered(lambda h, o=order: h.order_id == o.id)
            applicable = order._crm_loyalty_programs()
            cards = mine.card_id
            # the member's card is often on the order already (Odoo's loyalty loads the
            # cards with points): searched only when it is not
            customer = order.partner_id.commercial_partner_id
            loaded = order.sudo().applied_coupon_ids.filtered(
                lambda c, p=customer: c.crm_loyalty_ranked and c.partner_id == p
            )
            for program in applicable - cards.program_id:
                card = loaded.filtered(lambda c, p=program: c.program_id == p)[:1]
                cards |= card or Card._crm_loyalty_member_card(
                    order.partner_id, program, create=True
                )
            for card in cards.sudo():
                row = mine.filtered(lambda h, c=card: h.card_id == c)[:1]
                program = card.program_id
                multiplier = row.crm_loyalty_multiplier or order._crm_loyalty_multiplier(
                    program, card
                )
                due = (
                    order._crm_loyalty_points(program, card, multiplier)
                    if program in applicable
                    else 0
                )
                cost = sum(
                    order.order_line.filtered(lambda line, c=card: line.coupon_id == c).mapped(
                        "points_cost"
                    )
                )
                delta = due - int(row.issued)
                if not row:
                    if not due and not cost:
                        continue
                    new_rows.append(
                        {
                            "card_id": card.id,
                            "order_model": "sale.order",
                            "order_id": order.id,
                            "crm_loyalty_kind": "order",
                            "crm_loyalty_multiplier": multiplier,
                            "description": self.env._("Order %s", order.display_name),
                            "issued": due,
                            "used": cost,
                        }
                    )
                elif delta or row.used != cost or not row.crm_loyalty_multiplier:
                    History.browse(row.id).write(
                        {"issued": due, "used": cost, "crm_loyalty_multiplier": multiplier}
                    )
                if delta:
                    card._idic_system().points += delta
                    changed |= card
                    if delta < 0:
                        reversed_cards |= card
        if new_rows:
            History.create(new_rows)
        changed._crm_loyalty_after_points(reversed_cards)

    def _action_cancel(self):
        rows = self.filtered(lambda o: o.state == "sale")._crm_loyalty_rows()
        # Odoo drops the order's history and gives back what its rewards cost: a
        # cancelled order leaves no points behind. The program takes back what the
        # order still holds of its points (what it earned less what its credit notes
        # took back and what already expired), and the expiries give back what they
        # took of it, so that no point is taken twice and the balance stays its history
        taken, expiries = defaultdict(int), defaultdict(int)
        for (card, order_id), order_rows in rows.grouped(lambda h: (h.card_id, h.order_id)).items():
            held = sum(
                order_rows.filtered(lambda h: h.crm_loyalty_kind == "order").mapped("issued")
            )
            held -= sum(
                order_rows.filtered(lambda h: h.crm_loyalty_kind == "refund").mapped("used")
            )
            for expiry, points in card._crm_loyalty_expiries_of(self.browse(order_id)).items():
                expiries[expiry] += points
                held -= points
            taken[card] += held
        for card, points in taken.items():
            if points:
                card._idic_system().points -= points
        for expiry, points in expiries.items():
            expiry = expiry._idic_system()
            if expiry.used > points:
                expiry.used -= points
            else:
                expiry.unlink()
        cards = rows.card_id
        result = super(SaleOrder, self._crm_loyalty_system())._action_cancel()
        cards._crm_loyalty_after_points(cards)
        return result
