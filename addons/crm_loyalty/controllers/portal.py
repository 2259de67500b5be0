from odoo import fields
from odoo.http import request, route

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..loyalty_core import expiry as expiry_core


class CustomerPortalLoyaltyRanks(CustomerPortal):
    @route("/my/loyalty_card/<int:card_id>/ranks", type="http", auth="user", website=True)
    def portal_my_loyalty_card_ranks(self, card_id, **kw):
        """The member's rank, balance and expiry schedule: their own card only."""
        card = (
            request.env["loyalty.card"]
            .sudo()
            .search(
                [
                    ("id", "=", int(card_id)),
                    ("partner_id", "=", request.env.user.partner_id.id),
                    ("program_id.crm_loyalty_ranked", "=", True),
                ]
            )
        )
        if not card:
            return request.redirect("/my")
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
        values = {"card": card, "schedule": schedule, "page_name": "loyalty_ranks"}
        return request.render("crm_loyalty.portal_loyalty_card_ranks", values)
