from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.http import request, route

from odoo.addons.loyalty.controllers.portal import CustomerPortalLoyalty
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..loyalty_core import expiry as expiry_core

REDEEM_ERRORS = ("reward", "points")
# the largest database id: a larger number in a URL or a form is no record of ours
MAX_ID = 2**31 - 1


def _record_id(value):
    """``value`` (from a URL or a form) as a database id; a 404 when it is not one."""
    try:
        record_id = int(value)
    except (TypeError, ValueError):
        raise request.not_found() from None
    if not 0 < record_id <= MAX_ID:
        raise request.not_found()
    return record_id


class CustomerPortalLoyaltyRanks(CustomerPortalLoyalty):
    def _crm_loyalty_own_card(self, card_id):
        """The ranked card ``card_id`` of the logged-in customer; a 404 for any other id
        (read as superuser: portal users cannot read loyalty cards; the domain keeps it
        to their own)."""
        card = (
            request.env["loyalty.card"]
            .sudo()
            .search(
                [
                    ("id", "=", _record_id(card_id)),
                    ("partner_id", "=", request.env.user.partner_id.commercial_partner_id.id),
                    ("program_id.crm_loyalty_ranked", "=", True),
                ]
            )
        )
        if not card:
            raise request.not_found()
        return card

    @route("/my/loyalty_card/<int:card_id>/ranks", type="http", auth="user", website=True)
    def portal_my_loyalty_card_ranks(self, card_id, **kw):
        """The member's rank, balance, expiry schedule and partner rewards: their own
        card only."""
        card = self._crm_loyalty_own_card(card_id)
        schedule = []
        program = card.program_id
        if program.crm_loyalty_expiry:
            earnings, consumed = card._crm_loyalty_lots()
            schedule = expiry_core.schedule(
                earnings.get(card.id, []),
                consumed.get(card.id, 0),
                program.crm_loyalty_expiry_months,
                fields.Date.context_today(card),
            )
        # superuser: portal users cannot read rewards nor redemptions; the card is the
        # customer's own (checked above) and only its program's rewards and its own
        # requests are shown
        rewards = (
            request.env["crm.loyalty.partner.reward"]
            .sudo()
            .search([("program_id", "=", program.id)])
        )
        redemptions = (
            request.env["crm.loyalty.redemption"]
            .sudo()
            .search([("card_id", "=", card.id)], limit=20)
        )
        values = {
            "card": card,
            "schedule": schedule,
            "rewards": rewards,
            "redemptions": redemptions,
            "redeem_error": kw.get("error") if kw.get("error") in REDEEM_ERRORS else None,
            "redeem_done": bool(kw.get("requested")),
            "page_name": "loyalty_ranks",
        }
        return request.render("crm_loyalty.portal_loyalty_card_ranks", values)

    @route(
        "/my/loyalty_card/<int:card_id>/redeem",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_loyalty_card_redeem(self, card_id, reward_id=None, **kw):
        """Request a partner reward for the customer's own card."""
        card = self._crm_loyalty_own_card(card_id)
        page = f"/my/loyalty_card/{card.id}/ranks"
        if not reward_id:
            return request.redirect(f"{page}?error=reward")
        # superuser to read the catalogue (no portal right): only a reward of the
        # program of the customer's own card is accepted
        reward = (
            request.env["crm.loyalty.partner.reward"]
            .sudo()
            .with_context(active_test=False)
            .search([("id", "=", _record_id(reward_id)), ("program_id", "=", card.program_id.id)])
        )
        if not reward:
            raise request.not_found()
        if not reward.active:  # withdrawn since the page was shown
            return request.redirect(f"{page}?error=reward")
        try:
            with request.env.cr.savepoint():
                # superuser: portal users have no right on redemptions; the card was
                # checked above to be the customer's own and the reward to be of its
                # program, and the redemption itself checks and deducts the balance
                request.env["crm.loyalty.redemption"].sudo().create(
                    {"card_id": card.id, "reward_id": reward.id}
                )
        except (UserError, ValidationError):
            return request.redirect(f"{page}?error=points")
        return request.redirect(f"{page}?requested=1")

    # ------------------------------------------------------------ a contact's portal

    def _crm_loyalty_customer_card(self, card_id):
        """The card ``card_id`` when it is the ranked card of the customer the logged-in
        contact belongs to (Odoo's portal shows a user the cards of their own partner
        only; the member card is the customer's), else an empty recordset."""
        partner = request.env.user.partner_id
        customer = partner.commercial_partner_id
        if partner == customer:
            return request.env["loyalty.card"]
        # sudo: portal users cannot read loyalty cards; the domain keeps it to the
        # ranked card of their own customer
        return (
            request.env["loyalty.card"]
            .sudo()
            .search(
                [
                    ("id", "=", _record_id(card_id)),
                    ("partner_id", "=", customer.id),
                    ("program_id.crm_loyalty_ranked", "=", True),
                ]
            )
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        partner = request.env.user.partner_id
        customer = partner.commercial_partner_id
        if counters or partner == customer or "cards_per_programs" not in values:
            return values
        # sudo: as above, the ranked cards of the contact's own customer only
        cards = (
            request.env["loyalty.card"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", customer.id),
                    ("program_id.active", "=", True),
                    ("program_id.crm_loyalty_ranked", "=", True),
                ]
            )
        )
        shown = dict(values["cards_per_programs"])
        for card in cards:
            shown[card.program_id] = shown.get(card.program_id, card.browse()) | card
        values["cards_per_programs"] = shown
        return values

    @route()
    def portal_my_loyalty_card_history(self, card_id, page=1, sortby="date", **kw):
        card = self._crm_loyalty_customer_card(card_id)
        sortings = self._get_loyalty_searchbar_sortings()
        if sortby not in sortings:
            sortby = "date"
        if not card:
            return super().portal_my_loyalty_card_history(card_id, page=page, sortby=sortby, **kw)
        history = card.history_ids  # the card is read as superuser, see above
        pager = portal_pager(
            url=f"/my/loyalty_card/{card.id}/history",
            url_args={"sortby": sortby},
            total=len(history),
            page=page,
            step=self._items_per_page,
        )
        values = {
            "pager": pager,
            "searchbar_sortings": sortings,
            "page_name": "loyalty_history",
            "sortby": sortby,
            "history_lines": history.search(
                [("card_id", "=", card.id)],
                order=sortings[sortby]["order"],
                limit=self._items_per_page,
                offset=pager["offset"],
            ),
        }
        return request.render("loyalty.loyalty_card_history_template", values)

    @route()
    def portal_get_card_history_values(self, card_id):
        card = self._crm_loyalty_customer_card(card_id)
        if not card:
            return super().portal_get_card_history_values(card_id)
        program = card.program_id
        rewards = program.reward_ids.filtered(lambda r: r.required_points <= card.points)
        rewards = rewards.sorted("required_points", reverse=True)[:3]
        return {
            "card": {
                "id": card.id,
                "points_display": card.points_display,
                "expiration_date": card.expiration_date,
                "code": card.code,
            },
            "program": {"program_name": program.name, "program_type": program.program_type},
            "history_lines": [
                {
                    "order_id": line.order_id,
                    "description": line.description,
                    "order_portal_url": line._get_order_portal_url(),
                    "points": "{}{}".format(
                        "-" if line.issued < line.used else "+",
                        card._format_points(abs(line.issued - line.used)),
                    ),
                }
                for line in card.history_ids[:5]
            ],
            "rewards": [
                {"description": r.description, "points": card._format_points(r.required_points)}
                for r in rewards
            ],
            "img_path": f"/loyalty/static/src/img/{program.program_type}.svg",
        }
