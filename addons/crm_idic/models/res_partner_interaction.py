"""Interact: interaction log, anniversary care calendar and care visits."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..idic_core import care, identity
from .res_partner import IDIC_USER


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------ Interact
    idic_interaction_ids = fields.One2many(
        "crm.idic.interaction",
        "commercial_partner_id",
        string="Interactions",
        groups=IDIC_USER,
        copy=False,
    )
    idic_interaction_count = fields.Integer(
        compute="_compute_idic_interaction_count",
        groups=IDIC_USER,
        copy=False,
    )
    idic_care_year = fields.Integer(
        readonly=True,
        help="Last year an anniversary gift activity was scheduled.",
        groups=IDIC_USER,
        copy=False,
    )

    @api.model
    def _idic_system_fields(self):
        return super()._idic_system_fields() | {"idic_care_year"}

    def _compute_idic_interaction_count(self):
        counts = dict(
            self.env["crm.idic.interaction"]._read_group(
                [("commercial_partner_id", "in", self.commercial_partner_id.ids)],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.idic_interaction_count = counts.get(partner.commercial_partner_id, 0)

    # ============================================================== interact

    def action_idic_view_interactions(self):
        self.ensure_one()
        if not self.env.user.has_group("crm_idic.group_idic_user"):
            raise AccessError(self.env._("Only IDIC users can see the interaction log."))
        action = self.env["ir.actions.act_window"]._for_xml_id("crm_idic.action_idic_interaction")
        action["domain"] = [("commercial_partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def _idic_anniversary_date(self):
        """The one date an anniversary gift celebrates, for every addon: a company's
        founding date, a person's birthday (a contact's own)."""
        self.ensure_one()
        return self.idic_founding_date if self.is_company else self.idic_birthday

    def _idic_open_gift_activities(self):
        """The anniversary gift activities still open on the partners of ``self``: the
        one reminder of an anniversary, which other addons add their gift to."""
        activity_type = self.env.ref(
            "crm_idic.mail_activity_type_idic_gift", raise_if_not_found=False
        )
        if not activity_type or not self.ids:
            return self.env["mail.activity"]
        # the reminders of these customers, whoever runs the job
        return (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        )

    def _idic_activity_user(self):
        """The salesperson, else the company's care responsible (never OdooBot)."""
        return self.user_id or self._idic_scoring_company()._idic_care_user()

    @api.model
    def _cron_idic_care_calendar(self):
        """Schedule a gift activity before each anniversary, once per customer per year."""
        today = fields.Date.context_today(self)
        activity_type = self.env.ref(
            "crm_idic.mail_activity_type_idic_gift", raise_if_not_found=False
        )
        if not activity_type:
            return
        segments = self.env["crm.idic.segment"].search([("anniversary_gift", "=", True)])
        lead = max(self.env["res.company"].search([]).mapped("idic_care_lead_days") or [7])
        partners = self.search(
            [
                ("idic_segment_id", "in", segments.ids),
                "|",
                ("idic_birthday", "!=", False),
                ("idic_founding_date", "!=", False),
            ]
        )
        dates = {p.id: p._idic_anniversary_date() for p in partners}
        due = identity.due_anniversaries(dates, today, lead)
        # an anniversary has one reminder: a gift activity already open (another addon's,
        # say the loyalty rank's gift) is that reminder
        due_partners = partners.browse(list(due))
        reminded = {
            activity.res_id
            for activity in due_partners._idic_open_gift_activities()
            if activity.date_deadline.year == due[activity.res_id].year
        }
        activities = []
        by_year = defaultdict(lambda: self.browse())
        for partner in due_partners:
            day = due[partner.id]
            company = partner._idic_scoring_company()
            if not care.gift_due(day, today, company.idic_care_lead_days, partner.idic_care_year):
                continue
            by_year[day.year] |= partner
            if partner.id in reminded:
                continue
            activities.append(
                {
                    "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "res_id": partner.id,
                    "activity_type_id": activity_type.id,
                    "date_deadline": day,
                    "summary": self.env._("Anniversary gift for %s", partner.name),
                    "user_id": partner._idic_activity_user().id,
                }
            )
        self.env["mail.activity"].create(activities)
        for year, done in by_year.items():
            done._idic_system().write({"idic_care_year": year})
        return len(activities)

    @api.model
    def _cron_idic_visit_schedule(self):
        """Schedule a visit when the last visit of a customer is older than its segment asks."""
        today = fields.Date.context_today(self)
        activity_type = self.env.ref(
            "crm_idic.mail_activity_type_idic_visit", raise_if_not_found=False
        )
        if not activity_type:
            return 0
        segments = self.env["crm.idic.segment"].search([("visit_interval_days", ">", 0)])
        partners = self.search([("idic_segment_id", "in", segments.ids)])
        if not partners:
            return 0
        last_visits = dict(
            self.env["crm.idic.interaction"]._read_group(
                [("commercial_partner_id", "in", partners.ids), ("channel", "=", "visit")],
                ["commercial_partner_id"],
                ["date:max"],
            )
        )
        planned = {
            res_id
            for [res_id] in self.env["mail.activity"]._read_group(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", partners.ids),
                    ("activity_type_id", "=", activity_type.id),
                ],
                ["res_id"],
            )
        }
        model_id = self.env["ir.model"]._get_id("res.partner")
        activities = []
        for partner in partners:
            if partner.id in planned:
                continue
            last = last_visits.get(partner)
            interval = partner.idic_segment_id.visit_interval_days
            if not care.visit_due(last and last.date(), today, interval):
                continue
            activities.append(
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": activity_type.id,
                    "date_deadline": today,
                    "summary": self.env._("Care visit (%s)", partner.idic_segment_id.display_name),
                    "user_id": partner._idic_activity_user().id,
                }
            )
        self.env["mail.activity"].create(activities)
        return len(activities)
