"""18.0.1.2.0: one card per customer.

The card of a ranked program belongs to the commercial partner. The cards of contacts
fold into their customer's card (history, rank history and redemptions moved, balance =
history), or become the customer's card when it has none; then the database index that
keeps one card per program and customer is created.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    Card = env["loyalty.card"]._idic_system()
    cards = Card.search(
        [("crm_loyalty_ranked", "=", True), ("partner_id", "!=", False)], order="id"
    )
    for card in cards:
        if not card.exists():
            continue
        customer = card.partner_id.commercial_partner_id
        target = Card.search(
            [
                ("id", "!=", card.id),
                ("program_id", "=", card.program_id.id),
                ("partner_id", "=", customer.id),
            ],
            order="id",
            limit=1,
        )
        if target:
            card._crm_loyalty_fold(target)
        elif card.partner_id != customer:
            card.partner_id = customer
    Card.init()
