"""The portal's close button closes only the customer's own tickets.

helpdesk_mgmt's ``/ticket/close`` closes any ticket by its id, as superuser; closing
logs an interaction and counts in the service-level and evaluation figures, so one
customer could close another's complaints. Here the ticket must be one of the user's
commercial partner; any other id (unknown, another customer's, not a number, out of
range, missing) is a 404, never an error page.
"""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController

# the largest id PostgreSQL's integer column holds
MAX_ID = 2**31 - 1


def record_id(value):
    """``value`` (a request parameter) as a record id, or ``None`` when it is not one."""
    if not isinstance(value, str) or not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


class IdicHelpdeskTicketController(HelpdeskTicketController):
    @http.route()
    def support_ticket_close(self, **kw):
        """Close the user's own ticket ``ticket_id`` in stage ``stage_id``, a stage
        customers may close in (as upstream; another stage changes nothing)."""
        ticket_id, stage_id = record_id(kw.get("ticket_id")), record_id(kw.get("stage_id"))
        if not ticket_id or not stage_id:
            raise NotFound()
        customer = request.env.user.partner_id.commercial_partner_id
        # sudo: customers read their tickets but may not write them; the domain keeps
        # the user's own
        ticket = (
            request.env["helpdesk.ticket"]
            .sudo()
            .search(
                [
                    ("id", "=", ticket_id),
                    ("partner_id.commercial_partner_id", "=", customer.id),
                ],
                limit=1,
            )
        )
        # sudo: only whether customers may close in the stage is read
        stage = request.env["helpdesk.ticket.stage"].sudo().browse(stage_id).exists()
        if not ticket or not stage:
            raise NotFound()
        if stage.close_from_portal:
            ticket.stage_id = stage
        return request.redirect(f"/my/ticket/{ticket.id}", code=302)
