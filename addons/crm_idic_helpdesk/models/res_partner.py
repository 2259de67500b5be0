"""Tickets on the customer: open complaints flag the customer at the scoring; the
customer-side service measures of the last twelve months."""

from dateutil.relativedelta import relativedelta

from odoo import fields, models

from ..helpdesk_core import service

IDIC_USER = "crm_idic.group_idic_user"
OPEN_COMPLAINT = [("idic_is_complaint", "=", True), ("stage_id.closed", "=", False)]


class ResPartner(models.Model):
    _inherit = "res.partner"

    idic_open_complaint_count = fields.Integer(
        string="Open complaints", compute="_compute_idic_ticket_measures", groups=IDIC_USER
    )
    idic_complaints_opened = fields.Integer(
        string="Complaints opened (12 months)",
        compute="_compute_idic_ticket_measures",
        groups=IDIC_USER,
    )
    idic_complaints_closed = fields.Integer(
        string="Complaints closed (12 months)",
        compute="_compute_idic_ticket_measures",
        groups=IDIC_USER,
    )
    idic_tickets_closed = fields.Integer(
        string="Tickets closed (12 months)",
        compute="_compute_idic_ticket_measures",
        groups=IDIC_USER,
    )
    idic_resolution_avg = fields.Float(
        string="Average resolution (hours)",
        compute="_compute_idic_ticket_measures",
        digits=(16, 1),
        groups=IDIC_USER,
    )
    idic_resolution_p90 = fields.Float(
        string="90% resolved within (hours)",
        compute="_compute_idic_ticket_measures",
        digits=(16, 1),
        groups=IDIC_USER,
        help="Nine tickets out of ten closed in the last twelve months were resolved within "
        "this many hours.",
    )
    idic_within_sla_rate = fields.Float(
        string="Resolved in time (%)",
        compute="_compute_idic_ticket_measures",
        digits=(16, 1),
        groups=IDIC_USER,
        help="Share of the tickets with a deadline closed in the last twelve months that "
        "were resolved by their deadline.",
    )
    idic_ticket_rating = fields.Float(
        string="Ticket satisfaction (1-5)",
        compute="_compute_idic_ticket_measures",
        digits=(16, 2),
        groups=IDIC_USER,
        help="Average of the ratings the customer gave (from the rating email or the "
        "portal) to the tickets closed in the last twelve months: 5 satisfied, 3 okay, "
        "1 dissatisfied; each ticket counts with its latest rating.",
    )
    idic_ticket_satisfied_rate = fields.Float(
        string="Satisfied ratings (%)",
        compute="_compute_idic_ticket_measures",
        digits=(16, 1),
        groups=IDIC_USER,
        help="Of the tickets closed in the last twelve months that the customer rated, the "
        "share rated satisfied (4 or more out of 5).",
    )

    def _compute_idic_ticket_measures(self):
        Ticket = self.env["helpdesk.ticket"]
        partner_ids = [pid for pid in self.commercial_partner_id.ids if pid]
        since = fields.Datetime.now() - relativedelta(years=1)
        base = [
            ("commercial_partner_id", "in", partner_ids),
            ("company_id", "in", self.env.companies.ids),
        ]
        # counts only leave these queries: the reader may not be a helpdesk user
        counts = {}
        for key, domain in (
            ("open", OPEN_COMPLAINT),
            ("opened", [("idic_is_complaint", "=", True), ("create_date", ">=", since)]),
            (
                "closed",
                [
                    ("idic_is_complaint", "=", True),
                    ("stage_id.closed", "=", True),
                    ("closed_date", ">=", since),
                ],
            ),
        ):
            counts[key] = {
                partner.id: count
                for partner, count in Ticket.sudo()._read_group(
                    base + domain, ["commercial_partner_id"], ["__count"]
                )
            }
        closed = Ticket._idic_closed_rows([*base, ("closed_date", ">=", since)])
        for partner in self:
            pid = partner.commercial_partner_id.id
            measures = service.measures(
                closed.get(pid, []),
                complaints_opened=counts["opened"].get(pid, 0),
                complaints_closed=counts["closed"].get(pid, 0),
            )
            partner.idic_open_complaint_count = counts["open"].get(pid, 0)
            partner.idic_complaints_opened = measures.complaints_opened
            partner.idic_complaints_closed = measures.complaints_closed
            partner.idic_tickets_closed = measures.closed
            partner.idic_resolution_avg = measures.avg_hours or 0.0
            partner.idic_resolution_p90 = measures.p90_hours or 0.0
            partner.idic_within_sla_rate = measures.within_share or 0.0
            partner.idic_ticket_rating = measures.avg_rating or 0.0
            partner.idic_ticket_satisfied_rate = measures.satisfied_share or 0.0

    def _idic_attention_flags(self):
        """Customers with an open complaint in the scoring company: one grouped query."""
        flagged = super()._idic_attention_flags()
        if not self:
            return flagged
        # the scoring reads complaints whoever runs it; only customer ids leave the query
        groups = (
            self.env["helpdesk.ticket"]
            .sudo()
            ._read_group(
                [
                    *OPEN_COMPLAINT,
                    ("commercial_partner_id", "in", self.ids),
                    ("company_id", "=", self.env.company.id),
                ],
                ["commercial_partner_id"],
            )
        )
        return flagged | {partner.id for (partner,) in groups}
