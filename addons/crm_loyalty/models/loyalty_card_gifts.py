import logging

from odoo import api, fields, models

from ..loyalty_core import gifts as gifts_core
from .guard import system

_logger = logging.getLogger(__name__)


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    crm_loyalty_gift_year = fields.Integer(
        string="Last Gift Year",
        readonly=True,
        help="Year of the last birthday or founding-day gift.",
    )

    def _crm_loyalty_gift_day(self):
        """The member's birthday, or the founding date of their company (crm_idic)."""
        self.ensure_one()
        partner = self.partner_id
        return (
            partner.idic_birthday
            or partner.idic_founding_date
            or partner.commercial_partner_id.idic_founding_date
        )

    @api.model
    def _cron_crm_loyalty_gifts(self, today=None):
        """Daily: the yearly birthday / founding-day bonus points of each member's rank."""
        today = today or fields.Date.context_today(self)
        cards = (
            self.sudo()
            .search(
                [
                    ("program_id.crm_loyalty_ranked", "=", True),
                    ("program_id.active", "=", True),
                    ("crm_loyalty_tier_id.birthday_points", ">", 0),
                    ("crm_loyalty_gift_year", "<", today.year),
                ]
            )
            .filtered(
                lambda c: gifts_core.gift_due(
                    c._crm_loyalty_gift_day(), today, c.crm_loyalty_gift_year
                )
            )
        )
        rows = []
        for card in cards:
            points = card.crm_loyalty_tier_id.birthday_points
            rows.append(
                {
                    "card_id": card.id,
                    "crm_loyalty_kind": "gift",
                    "crm_loyalty_date": today,
                    "description": self.env._(
                        "Anniversary gift (%(rank)s)", rank=card.crm_loyalty_tier_id.name
                    ),
                    "issued": points,
                    "used": 0,
                }
            )
            system(card).write(
                {"points": card.points + points, "crm_loyalty_gift_year": today.year}
            )
            card.message_post(
                body=self.env._(
                    "Anniversary gift: %(points)s points (%(rank)s).",
                    points=points,
                    rank=card.crm_loyalty_tier_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        if rows:
            system(self.env["loyalty.history"].sudo()).create(rows)
        _logger.info("crm_loyalty: %s anniversary gifts", len(rows))
        return len(rows)
