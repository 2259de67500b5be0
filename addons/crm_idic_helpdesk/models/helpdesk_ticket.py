"""The customer's segment, level and service level on a ticket, its complaint type and
rating, and what closing a ticket tells crm_idic."""

from collections import defaultdict

from odoo import api, fields, models

from ..helpdesk_core import service

IDIC_USER = "crm_idic.group_idic_user"
RATINGS = [
    ("0", "Not rated"),
    ("1", "Very unhappy"),
    ("2", "Unhappy"),
    ("3", "Neither happy nor unhappy"),
    ("4", "Happy"),
    ("5", "Very happy"),
]
# what the helpdesk link computes, and the closing time helpdesk_mgmt writes on a stage
# change: never written by a client's create or write (crm.idic.system.fields.mixin)
SYSTEM_FIELDS = (
    "idic_segment_id",
    "idic_service_hours",
    "idic_deadline",
    "idic_resolution_hours",
    "idic_within_sla",
    "closed_date",
)


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "crm.idic.system.fields.mixin"]

    idic_complaint_type_id = fields.Many2one(
        "crm.idic.complaint.type",
        string="Complaint type",
        check_company=True,
        index="btree_not_null",
        tracking=True,
    )
    idic_is_complaint = fields.Boolean(
        string="Complaint",
        compute="_compute_idic_is_complaint",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        help="An open complaint marks the customer as needing attention at the next scoring.",
    )
    idic_segment_id = fields.Many2one(
        "crm.idic.segment",
        string="Segment at opening",
        compute="_compute_idic_segment",
        store=True,
        index="btree_not_null",
        copy=False,
        groups=IDIC_USER,
        help="The customer's segment when the ticket was opened: it decided the deadline.",
    )
    idic_current_segment_id = fields.Many2one(
        related="commercial_partner_id.idic_segment_id",
        string="Current segment",
        groups=IDIC_USER,
    )
    idic_relationship_level = fields.Selection(
        related="commercial_partner_id.idic_relationship_level",
        string="Relationship level",
        groups=IDIC_USER,
    )
    idic_service_hours = fields.Float(
        string="Service level (hours)",
        compute="_compute_idic_service_hours",
        store=True,
        copy=False,
        digits=(16, 1),
        help="Hours the segment's policy gives to resolve the ticket; 0: no deadline.",
    )
    idic_deadline = fields.Datetime(
        string="Resolution deadline",
        compute="_compute_idic_deadline",
        store=True,
        copy=False,
        index="btree_not_null",
    )
    idic_resolution_hours = fields.Float(
        string="Resolution time (hours)",
        compute="_compute_idic_resolution",
        store=True,
        copy=False,
        digits=(16, 2),
        aggregator="avg",
        help="Hours from opening to closing, for closed tickets.",
    )
    idic_within_sla = fields.Boolean(
        string="Resolved in time",
        compute="_compute_idic_resolution",
        store=True,
        copy=False,
        help="Closed by its resolution deadline.",
    )
    idic_rating = fields.Selection(
        RATINGS,
        string="Customer rating",
        copy=False,
        tracking=True,
        help="How satisfied the customer is with the handling of the ticket (1 to 5 stars).",
    )
    idic_rating_comment = fields.Text(string="Rating comment", copy=False)

    # ============================================================== computes

    @api.depends("idic_complaint_type_id")
    def _compute_idic_is_complaint(self):
        for ticket in self:
            ticket.idic_is_complaint = ticket.idic_is_complaint or bool(
                ticket.idic_complaint_type_id
            )

    @api.model
    def _idic_policy_segment(self, partner, company):
        """The segment whose policy applies to a ticket of ``partner`` in ``company``."""
        # sudo: the segment is an assessment behind the IDIC groups; a helpdesk user who
        # is not in them still gets its service level, never sees the segment itself
        segment = partner.commercial_partner_id.sudo().idic_segment_id
        return segment if segment.company_id == company else segment.browse()

    @api.depends("commercial_partner_id", "company_id")
    def _compute_idic_segment(self):
        for ticket in self:
            ticket.idic_segment_id = self._idic_policy_segment(
                ticket.commercial_partner_id, ticket.company_id
            )

    @api.depends("idic_segment_id")
    def _compute_idic_service_hours(self):
        # the hours of the segment as the ticket opened: a later policy change keeps deadlines
        for ticket in self:
            ticket.idic_service_hours = ticket.idic_segment_id.helpdesk_service_hours

    @api.depends("create_date", "idic_service_hours")
    def _compute_idic_deadline(self):
        for ticket in self:
            ticket.idic_deadline = service.deadline(ticket.create_date, ticket.idic_service_hours)

    @api.depends("create_date", "closed_date", "stage_id.closed", "idic_deadline")
    def _compute_idic_resolution(self):
        for ticket in self:
            closed = ticket.closed_date if ticket.stage_id.closed else None
            ticket.idic_resolution_hours = (
                service.resolution_hours(ticket.create_date, closed) or 0.0
            )
            ticket.idic_within_sla = bool(
                service.within_service_level(closed, ticket.idic_deadline)
            )

    @api.onchange("partner_id", "company_id")
    def _onchange_idic_priority(self):
        """A new ticket takes its customer's segment priority until its creator picks one."""
        default = self._fields["priority"].default(self)
        if self._origin.id or self.priority not in (default, False):
            return
        segment = self._idic_policy_segment(self.partner_id, self.company_id)
        if segment.helpdesk_priority:
            self.priority = segment.helpdesk_priority

    # ================================================================= guard

    @api.model
    def _idic_system_fields(self):
        return super()._idic_system_fields() | set(SYSTEM_FIELDS)

    @api.model
    def _idic_system_fields_message(self, labels):
        return self.env._(
            "These ticket values are computed from the stage and the segment's "
            "service level; they cannot be written directly: %s.",
            labels,
        )

    # ================================================================== CRUD

    @api.model_create_multi
    def create(self, vals_list):
        if "default_priority" not in self.env.context:
            self._idic_default_priorities([v for v in vals_list if "priority" not in v])
        tickets = super().create(vals_list)
        closed = tickets.filtered("stage_id.closed")
        # a ticket entered closed (an import) was closed when it was entered
        closed.filtered(lambda t: not t.closed_date)._idic_system().write(
            {"closed_date": fields.Datetime.now()}
        )
        closed._idic_log_closed()
        return tickets

    def _idic_default_priorities(self, vals_list):
        """Fill the priority of new tickets from the segment of their customer."""
        vals_list = [vals for vals in vals_list if vals.get("partner_id")]
        if not vals_list:
            return
        Partner = self.env["res.partner"]
        Team = self.env["helpdesk.ticket.team"].sudo()  # only its company is read
        for vals in vals_list:
            company_id = (
                (Team.browse(vals["team_id"]).company_id.id if vals.get("team_id") else False)
                or vals.get("company_id")
                or self.env.company.id
            )
            segment = self._idic_policy_segment(
                Partner.browse(vals["partner_id"]), self.env["res.company"].browse(company_id)
            )
            vals["priority"] = service.default_priority(
                None, segment.helpdesk_priority, self._fields["priority"].default(self)
            )

    def write(self, vals):
        if "stage_id" in vals and not self._idic_is_system():
            # a stage change is the system's: helpdesk_mgmt adds its closing time (a system
            # field) to it. The client's other values stay the client's, checked as such;
            # only the stage goes through as the system.
            vals = dict(vals)
            stage = vals.pop("stage_id")
            if vals:
                self.write(vals)
            return self._idic_system().write({"stage_id": stage})
        was_open = self.filtered(lambda t: not t.stage_id.closed) if "stage_id" in vals else None
        result = super().write(vals)
        if was_open:
            closed = was_open.filtered("stage_id.closed")
            self.env["crm.idic.action"]._idic_done_by(closed, self.env._("Ticket closed"))
            closed._idic_log_closed()
        return result

    def _idic_backdate_closing(self, closed_at):
        """Record that the closed tickets ``self`` were closed at ``closed_at``, and date
        their closing in the interaction log so: for tickets entered after the fact (the
        demo data, tickets taken over from an earlier helpdesk). System code: a private
        method, no client calls it."""
        self._idic_system().write({"closed_date": closed_at})
        # sudo: the log is the helpdesk link's own (see _idic_log_closed)
        logs = (
            self.env["crm.idic.interaction"]
            .sudo()
            .search([("source_ref", "in", [f"helpdesk.ticket,{ticket.id}" for ticket in self])])
        )
        logs.write({"date": closed_at})

    def _idic_log_closed(self):
        """Log each closed ticket in crm_idic's interaction log, in one create."""
        vals_list = []
        # the person who closed it, unless a customer closed it from the portal
        closer = self.env.user if not self.env.user.share else self.env.user.browse()
        for ticket in self:
            partner = ticket.partner_id or ticket.commercial_partner_id
            if not partner or partner.company_id not in (
                ticket.company_id,
                ticket.company_id.browse(),
            ):
                continue  # the log of a company holds only the customers it may see
            vals_list.append(
                {
                    "partner_id": partner.id,
                    "company_id": ticket.company_id.id,
                    "user_id": (ticket.user_id or closer).id,
                    "date": ticket.closed_date or fields.Datetime.now(),
                    "channel": "helpdesk",
                    "interaction_type": "complaint" if ticket.idic_is_complaint else "other",
                    "summary": self.env._(
                        "Ticket %(number)s closed: %(title)s",
                        number=ticket.number,
                        title=ticket.name,
                    ),
                    "outcome": ticket.stage_id.name,
                    "source_ref": f"helpdesk.ticket,{ticket.id}",
                }
            )
        if vals_list:
            # the helpdesk link writes the log: whoever closes a ticket (a helpdesk user, a
            # customer from the portal) need not have the right to edit the log
            self.env["crm.idic.interaction"].sudo().create(vals_list)

    # ============================================================== measures

    @api.model
    def _idic_closed_rows(self, domain):
        """{commercial partner id: [ClosedTicket]} of the closed tickets of ``domain``, in
        one query (each customer's ticket values as arrays)."""
        rows = defaultdict(list)
        groups = self.sudo()._read_group(  # measures only: totals leave this method
            [*domain, ("stage_id.closed", "=", True), ("closed_date", "!=", False)],
            ["commercial_partner_id"],
            [
                "idic_resolution_hours:array_agg",
                "idic_within_sla:array_agg",
                "idic_deadline:array_agg",
                "idic_rating:array_agg",
            ],
        )
        for partner, hours, within, deadlines, ratings in groups:
            rows[partner.id] = [
                service.ClosedTicket(
                    hours=h,
                    within=(w if due else None),
                    rating=int(r) if r and r != "0" else None,
                )
                for h, w, due, r in zip(hours, within, deadlines, ratings, strict=True)
            ]
        return rows
