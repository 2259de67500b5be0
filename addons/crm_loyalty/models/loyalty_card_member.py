import logging

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

# at most one card of a ranked program per customer, kept by the database itself: two
# first orders of a new customer confirmed at the same moment end on one card
MEMBER_INDEX = "loyalty_card_crm_loyalty_member_uniq"

_logger = logging.getLogger(__name__)


class LoyaltyCard(models.Model):
    """The card of a ranked program belongs to the customer: the commercial partner (the
    company, or the person without company). Orders of its contacts earn to it."""

    _inherit = "loyalty.card"

    crm_loyalty_ranked = fields.Boolean(related="program_id.crm_loyalty_ranked", store=True)

    def init(self):
        super().init()
        # cards of one customer from an earlier version are folded first by the
        # migration, which creates the index afterwards
        self.env.cr.execute(
            SQL(
                "SELECT 1 FROM loyalty_card WHERE crm_loyalty_ranked AND partner_id IS NOT NULL "
                "GROUP BY program_id, partner_id HAVING count(*) > 1 LIMIT 1"
            )
        )
        if self.env.cr.fetchone():
            _logger.info("loyalty cards to fold: the member index waits for the migration")
            return
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS %s ON loyalty_card (program_id, partner_id) "
                "WHERE crm_loyalty_ranked AND partner_id IS NOT NULL",
                SQL.identifier(MEMBER_INDEX),
            )
        )

    @api.constrains("partner_id", "program_id")
    def _check_crm_loyalty_member(self):
        # sudo: the rule holds whoever opens the card
        cards = self.sudo().filtered(lambda c: c.crm_loyalty_ranked and c.partner_id)
        for card in cards:
            customer = card.partner_id.commercial_partner_id
            if card.partner_id != customer:
                raise ValidationError(
                    self.env._(
                        "A member card belongs to the customer %(customer)s, not to its "
                        "contact %(contact)s: the contact's orders earn to the customer's card.",
                        customer=customer.display_name,
                        contact=card.partner_id.display_name,
                    )
                )
        # by the program, not the stored flag: the new card's flag is not written yet
        # (the database index would refuse it before this message could say why)
        if cards and self.sudo().search_count(
            [
                ("id", "not in", cards.ids),
                ("partner_id", "in", cards.partner_id.ids),
                ("program_id", "in", cards.program_id.ids),
            ],
            limit=1,
        ):
            raise ValidationError(
                self.env._(
                    "A customer has one card per member program; this one has a card already."
                )
            )

    @api.model
    def _crm_loyalty_member_card(self, partner, program, create=False):
        """The card of ``program`` (ranked) of ``partner``'s customer; with ``create``,
        opened when there is none. Two transactions opening the first card of one
        customer at once: the second one waits, then fails with a serialization error
        and Odoo runs it again, when it finds the card."""
        customer = partner.commercial_partner_id
        # sudo: the member's card is the program's, whoever enters the order
        Card = self.sudo().with_context(active_test=False)
        domain = [("partner_id", "=", customer.id), ("program_id", "=", program.id)]
        card = Card.search(domain, limit=1)
        if card or not create or not customer:
            return card
        # the customer's row is the lock: a concurrent opener has updated it, so this
        # update raises a serialization failure (retried) instead of a second card
        self.env.cr.execute(
            SQL("UPDATE res_partner SET write_date = write_date WHERE id = %s", customer.id)
        )
        card = Card.search(domain, limit=1)
        if not card:
            card = (
                Card._idic_system()
                .with_context(loyalty_no_mail=True, tracking_disable=True)
                .create({"program_id": program.id, "partner_id": customer.id, "points": 0})
            )
        return card
