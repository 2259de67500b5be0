"""The customer's segment, level and service level on a ticket, its complaint type and
the customer's rating, and what closing a ticket tells crm_idic.

The deadline counts the working hours of the ticket's team (helpdesk_mgmt_sla's
*Working Hours* of the team), else of its company (*Settings > Working Hours*); the
rating is Odoo's (``rating.rating``, helpdesk_mgmt_rating): the customer rates from
the email or the portal.
"""

from collections import defaultdict
from datetime import timedelta

from pytz import utc

from odoo import api, fields, models

from ..helpdesk_core import service

IDIC_USER = "crm_idic.group_idic_user"
# how far ahead the working time of a calendar is read for a deadline, in turn: a
# service level longer than the working time of the first span reads the next one
CALENDAR_SPANS = (timedelta(days=14), timedelta(days=92), timedelta(days=731))
# what the helpdesk link computes, and the closing time helpdesk_mgmt writes on a stage
# change: never written by a client's create or write (crm.idic.system.fields.mixin)
SYSTEM_FIELDS = (
    "idic_segment_id",
    "idic_service_hours",
    "idic_deadline",
    "idic_resolution_hours",
    "idic_within_sla",
    "idic_customer_rating",
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
        help="The opening time plus the segment's service level, counted in the working "
        "hours of the team's calendar (else the company's): a ticket opened after hours "
        "is due within the next working days.",
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
    idic_customer_rating = fields.Float(
        string="Customer rating",
        compute="_compute_idic_customer_rating",
        store=True,
        copy=False,
        digits=(16, 1),
        aggregator="avg",
        help="The customer's latest rating of the ticket, given from the rating email or "
        "the portal: 5 satisfied, 3 okay, 1 dissatisfied (from 4 up counts as satisfied); "
        "0: not rated.",
    )

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

    def _idic_calendar(self):
        """The working hours the deadline of the ticket counts: its team's, else its
        company's; none (every hour counts) when neither has a calendar."""
        return self.team_id.resource_calendar_id or self.company_id.resource_calendar_id

    @api.depends("create_date", "idic_service_hours", "team_id")
    def _compute_idic_deadline(self):
        per_calendar = defaultdict(lambda: self.browse())
        for ticket in self:
            ticket.idic_deadline = False
            if ticket.create_date and ticket.idic_service_hours > 0:
                per_calendar[ticket._idic_calendar()] |= ticket
        for calendar, tickets in per_calendar.items():
            due = tickets._idic_working_deadlines(calendar) if calendar else {}
            for ticket in tickets:
                # a calendar without working time in two years: calendar hours
                ticket.idic_deadline = due.get(ticket) or service.deadline(
                    ticket.create_date, ticket.idic_service_hours
                )

    def _idic_working_deadlines(self, calendar):
        """{ticket: deadline} of the tickets ``self`` in the working time of ``calendar``
        (its leaves left out), read once for all of them over a span that grows until
        every deadline is found."""
        due = {}
        todo = self
        for span in CALENDAR_SPANS:
            start = min(todo.mapped("create_date"))
            stop = max(todo.mapped("create_date")) + span
            intervals = [
                (
                    begin.astimezone(utc).replace(tzinfo=None),
                    end.astimezone(utc).replace(tzinfo=None),
                )
                for begin, end, _meta in calendar._work_intervals_batch(
                    utc.localize(start), utc.localize(stop)
                )[False]
            ]
            for ticket in todo:
                due[ticket] = service.working_deadline(
                    ticket.create_date, ticket.idic_service_hours, intervals
                )
            todo = todo.filtered(lambda ticket: not due[ticket])
            if not todo:
                break
        return due

    @api.depends(
        "commercial_partner_id",
        "rating_ids.rating",
        "rating_ids.consumed",
        "rating_ids.partner_id",
    )
    def _compute_idic_customer_rating(self):
        """The latest rating given by the customer (the ticket's commercial partner or one
        of its contacts), in one search: a rating an employee gave (a chatter message
        with a rating) is not the customer's word."""
        ids = [ticket._origin.id for ticket in self if ticket._origin.id]
        ratings = (
            self.env["rating.rating"]
            .sudo()
            .search(  # rating.rating's order: the latest first
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", ids),
                    ("consumed", "=", True),
                    ("rating", ">=", service.RATING_MIN),
                ]
            )
        )
        latest = {}
        for rating in ratings:
            latest.setdefault((rating.res_id, rating.partner_id.commercial_partner_id.id), rating)
        for ticket in self:
            rating = latest.get((ticket._origin.id, ticket.commercial_partner_id.id))
            ticket.idic_customer_rating = rating.rating if rating else 0.0

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
                "idic_customer_rating:array_agg",
            ],
        )
        for partner, hours, within, deadlines, ratings in groups:
            rows[partner.id] = [
                service.ClosedTicket(
                    hours=h,
                    within=(w if due else None),
                    rating=r if r and r >= service.RATING_MIN else None,
                )
                for h, w, due, r in zip(hours, within, deadlines, ratings, strict=True)
            ]
        return rows
