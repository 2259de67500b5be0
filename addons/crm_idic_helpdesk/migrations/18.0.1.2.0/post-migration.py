"""18.0.1.2.0: the customer's rating of a ticket is Odoo's ``rating.rating``.

The ratings staff recorded on tickets (``idic_rating``, 1 to 5 stars, "0" not rated,
and ``idic_rating_comment``) become ratings of the ticket as a customer gives them from
the rating email: consumed, given by the ticket's customer to the ticket's assignee,
dated when the ticket was closed. The value is kept as it was: Odoo stores a rating as
a number from 0 to 5 and reads it by thresholds (4 and 5 satisfied, 3 okay, 1 and 2
dissatisfied), so the averages stay what they were and the satisfied share reads the
old 4 and 5 stars. A ticket that already has a consumed rating (helpdesk_mgmt_rating
used before, the demo data) keeps it.

Created with the ORM in batches, so that Odoo's stored figures of a rating (its name,
its text) and of a ticket (the last rating, the positive share, the customer rating of
crm_idic_helpdesk) are computed as for any rating. The old columns go with the fields:
Odoo drops them at the end of the update.
"""

import logging

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL
from odoo.tools.sql import column_exists

_logger = logging.getLogger(__name__)
BATCH = 1000


def migrate(cr, version):
    if not version or not column_exists(cr, "helpdesk_ticket", "idic_rating"):
        return
    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
    # what the update created is in the database (the demo's ratings, whose model is a
    # stored related field computed at the flush), for the query to see it
    env.flush_all()
    comment = (
        SQL("t.idic_rating_comment")
        if column_exists(cr, "helpdesk_ticket", "idic_rating_comment")
        else SQL("NULL")
    )
    cr.execute(
        SQL(
            """
            SELECT t.id, t.partner_id, u.partner_id, t.idic_rating::float, %(comment)s,
                   COALESCE(t.closed_date, t.write_date, t.create_date)
              FROM helpdesk_ticket t
              LEFT JOIN res_users u ON u.id = t.user_id
             WHERE t.idic_rating IN ('1', '2', '3', '4', '5')
               AND NOT EXISTS (
                   SELECT 1 FROM rating_rating r
                    WHERE r.res_model = 'helpdesk.ticket' AND r.res_id = t.id AND r.consumed
               )
             ORDER BY t.id
            """,
            comment=comment,
        )
    )
    rows = cr.fetchall()
    if not rows:
        return
    Ticket = env["helpdesk.ticket"].with_context(active_test=False)
    Rating = env["rating.rating"]
    model_id = env["ir.model"]._get_id("helpdesk.ticket")
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        # the names of the rated tickets in one read (each rating's name is its ticket's)
        Ticket.browse([row[0] for row in batch]).mapped("display_name")
        Rating.create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": ticket_id,
                    "partner_id": partner_id,
                    "rated_partner_id": rated_partner_id,
                    "rating": value,
                    "feedback": feedback or False,
                    "consumed": True,
                    "create_date": when,
                    "write_date": when,
                }
                for ticket_id, partner_id, rated_partner_id, value, feedback, when in batch
            ]
        )
        env.flush_all()
        # Odoo's last rating of a ticket (rating.mixin) reads the ratings in SQL without
        # flushing their model, computed with them: read it again now they are stored
        Ticket.browse([row[0] for row in batch]).modified(["rating_ids"])
        env.flush_all()
        env.invalidate_all()
    _logger.info("crm_idic_helpdesk: %s ticket ratings became Odoo ratings", len(rows))
