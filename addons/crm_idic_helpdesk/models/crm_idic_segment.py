from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..helpdesk_core import service

TICKET_PRIORITIES = [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Very High")]
# the service level shipped for the four segments a company starts with
SHIPPED_POLICY = {"A": (8.0, "3"), "B": (24.0, "2"), "C": (48.0, "1"), "D": (72.0, "0")}


class CrmIdicSegment(models.Model):
    _inherit = "crm.idic.segment"

    helpdesk_service_hours = fields.Float(
        string="Resolve tickets within (hours)",
        digits=(16, 1),
        help="Service level: a ticket of a customer of this segment is due this many hours "
        "after it was opened. 0 sets no deadline.",
    )
    helpdesk_priority = fields.Selection(
        TICKET_PRIORITIES,
        string="Default ticket priority",
        help="Priority of a new ticket of a customer of this segment, unless its creator "
        "chooses one.",
    )

    @api.constrains("helpdesk_service_hours")
    def _check_helpdesk_service_hours(self):
        for segment in self:
            if not service.check_service_hours(segment.helpdesk_service_hours):
                raise ValidationError(
                    self.env._(
                        "The ticket service level of segment %s must be zero or more hours.",
                        segment.display_name,
                    )
                )

    @api.model
    def _idic_helpdesk_set_shipped_policy(self):
        """Give the segments that have no service level yet the shipped one (by code)."""
        segments = self.with_context(active_test=False).search(
            [("helpdesk_service_hours", "=", 0), ("helpdesk_priority", "=", False)]
        )
        for code, (hours, priority) in SHIPPED_POLICY.items():
            segments.filtered(lambda s, code=code: s.code == code).write(
                {"helpdesk_service_hours": hours, "helpdesk_priority": priority}
            )
