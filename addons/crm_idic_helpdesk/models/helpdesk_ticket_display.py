"""How a ticket reads on screen: its name before it is saved, and whether it is overdue.

Kept apart from ``helpdesk_ticket.py`` (the service level and the closing), which is
at the size a file should stay under.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    idic_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_idic_overdue",
        search="_search_idic_overdue",
        help="Open and past its resolution deadline.",
    )

    @api.depends("number")
    def _compute_display_name(self):
        result = super()._compute_display_name()
        for ticket in self:
            # helpdesk_mgmt numbers a ticket when it is saved; before, its "number - title"
            # read "/ - False" in the breadcrumb
            if ticket.number in (False, "/"):
                ticket.display_name = ticket.name or self.env._("New ticket")
        return result

    @api.depends("idic_deadline", "stage_id.closed")
    def _compute_idic_overdue(self):
        now = fields.Datetime.now()
        for ticket in self:
            ticket.idic_overdue = bool(
                not ticket.stage_id.closed and ticket.idic_deadline and ticket.idic_deadline < now
            )

    def _search_idic_overdue(self, operator, value):
        if operator not in ("=", "!=") or value not in (True, False):
            raise UserError(self.env._("Overdue can only be searched as yes or no."))
        now = fields.Datetime.now()
        if (operator == "=") == value:
            return [("stage_id.closed", "=", False), ("idic_deadline", "<", now)]
        return [
            "|",
            "|",
            ("stage_id.closed", "=", True),
            ("idic_deadline", "=", False),
            ("idic_deadline", ">=", now),
        ]
