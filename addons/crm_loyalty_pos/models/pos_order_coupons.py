from odoo import models


class PosOrder(models.Model):
    """After an order is synced, the browser sends the points it computed per card
    (``confirm_coupon_programs``) and the history lines to write
    (``add_loyalty_history_lines``). On a ranked program these are only a preview: the
    server counted the order's points and the cost of its rewards when it was paid
    (``_crm_loyalty_earn``). The browser's points are dropped, a card the browser would
    open for the customer is the customer's member card (the commercial partner's), and
    the browser gets the balance back."""

    _inherit = "pos.order"

    def _crm_loyalty_ranked_cards(self, card_ids):
        ids = [cid for cid in card_ids if isinstance(cid, int) and cid > 0]
        # sudo: which cards are ranked is read whoever sells
        cards = self.env["loyalty.card"].sudo().browse(ids).exists()
        return cards.filtered("crm_loyalty_ranked")

    def confirm_coupon_programs(self, coupon_data):
        coupon_data = {int(k): dict(v) for k, v in coupon_data.items()}
        ranked_programs = set(self.env["loyalty.program"]._crm_loyalty_ranked_program_ids())
        ranked_cards = self._crm_loyalty_ranked_cards(
            [*coupon_data, *(v.get("giftCardId") for v in coupon_data.values())]
        )
        order = self[:1]
        Card = self.env["loyalty.card"]
        result = {}
        for key, vals in coupon_data.items():
            card = ranked_cards.filtered(lambda c, k=key: c.id == k)
            if vals.get("giftCardId") in ranked_cards.ids:
                # a member card is never sold nor topped up as a gift card
                continue
            if not card and vals.get("program_id") not in ranked_programs:
                result[key] = vals
                continue
            # the server's points, not the browser's
            vals["points"] = 0
            if not card and key < 0:
                program = self.env["loyalty.program"].sudo().browse(vals["program_id"])
                partner = order.partner_id or self.env["res.partner"].browse(
                    vals.get("partner_id") or []
                )
                card = Card._crm_loyalty_member_card(partner.exists(), program, create=True)
                if not card:
                    continue
                vals.pop("partner_id", None)
                key = card.id
            if key in result:
                result[key].setdefault("line_codes", []).extend(vals.get("line_codes", []))
            else:
                result[key] = vals
        return super().confirm_coupon_programs(result)

    def add_loyalty_history_lines(self, coupon_data, coupon_updates):
        mapping = {int(item["old_id"]): int(item["id"]) for item in coupon_updates}

        def card_id(line):
            return mapping.get(int(line["card_id"])) or int(line["card_id"])

        ranked = self._crm_loyalty_ranked_cards([card_id(line) for line in coupon_data])
        # the ranked cards' rows were written by the server when the order was paid
        coupon_data = [line for line in coupon_data if card_id(line) not in ranked.ids]
        return super().add_loyalty_history_lines(coupon_data, coupon_updates)
