from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date

from ..models.crm_idic_data import CUSTOMER_GROUPS, LEVELS


class CrmIdicConferenceWizard(models.TransientModel):
    _name = "crm.idic.conference.wizard"
    _description = "Invite Customers to a Conference"

    name = fields.Char(string="Event", required=True)
    event_date = fields.Date(required=True)
    segment_ids = fields.Many2many("crm.idic.segment", string="Segments")
    relationship_level = fields.Selection(LEVELS, string="Minimum level")
    customer_group = fields.Selection(CUSTOMER_GROUPS)
    partner_ids = fields.Many2many(
        "res.partner",
        string="Invited customers",
        compute="_compute_partner_ids",
        # the filters find only the customers the inviting user may see
        compute_sudo=False,
        store=True,
        readonly=False,
    )
    invitation_count = fields.Integer(compute="_compute_invitation_count")
    create_activity = fields.Boolean(string="Plan a follow-up activity", default=True)
    mail_template_id = fields.Many2one(
        "mail.template",
        string="Email template",
        domain=[("model", "=", "crm.idic.interaction")],
        help="Send this email to each invited customer.",
    )

    @api.depends("segment_ids", "relationship_level", "customer_group")
    def _compute_partner_ids(self):
        for wizard in self:
            domain = [("parent_id", "=", False)]
            if wizard.segment_ids:
                domain.append(("idic_segment_id", "in", wizard.segment_ids.ids))
            if wizard.relationship_level:
                domain.append(("idic_relationship_level", ">=", wizard.relationship_level))
            if wizard.customer_group:
                domain.append(("idic_customer_group", "=", wizard.customer_group))
            if wizard.segment_ids or wizard.relationship_level or wizard.customer_group:
                wizard.partner_ids = self.env["res.partner"].search(domain)
            else:
                # no filter: the customers chosen by hand (or selected in a list) stay
                wizard.partner_ids = wizard.partner_ids

    @api.depends("partner_ids")
    def _compute_invitation_count(self):
        for wizard in self:
            wizard.invitation_count = len(wizard.partner_ids)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get("active_model") == "res.partner" and "partner_ids" in fields_list:
            selected = self.env["res.partner"].browse(context.get("active_ids") or [])
            values["partner_ids"] = [fields.Command.set(selected.commercial_partner_id.ids)]
        return values

    def action_invite(self):
        self.ensure_one()
        if not self.env.user.has_group("crm_idic.group_idic_user"):
            raise AccessError(self.env._("Only IDIC users can invite customers to a conference."))
        if not self.partner_ids:
            raise UserError(self.env._("Choose at least one customer to invite."))
        if self.event_date < fields.Date.context_today(self):
            raise UserError(
                self.env._(
                    "The event date %s is already past.", format_date(self.env, self.event_date)
                )
            )
        partners = self.partner_ids
        partners.check_access("read")  # only customers the inviting user may see
        foreign = partners.filtered(
            lambda p: p.company_id and p.company_id not in self.env.user.company_ids
        )
        if foreign:
            raise AccessError(
                self.env._("%s belongs to a company you do not work for.", foreign[0].display_name)
            )
        # each invitation is logged for the customer's own salesperson, who follows it
        # up; the rights of the inviting user were checked above
        Interaction = self.env["crm.idic.interaction"].sudo()
        interactions = Interaction.create(
            [
                {
                    "partner_id": partner.id,
                    "channel": "conference",
                    "interaction_type": "invitation",
                    "summary": self.env._(
                        "Invitation: %(event)s on %(date)s",
                        event=self.name,
                        date=format_date(self.env, self.event_date),
                    ),
                    "user_id": (partner.user_id or self.env.user).id,
                    "company_id": self.env.company.id,
                }
                for partner in partners
            ]
        )
        if self.create_activity:
            todo = self.env.ref("mail.mail_activity_data_todo")
            model_id = self.env["ir.model"]._get_id("crm.idic.interaction")
            deadline = max(self.event_date - timedelta(days=3), fields.Date.context_today(self))
            self.env["mail.activity"].sudo().create(  # see the invitations above
                [
                    {
                        "res_model_id": model_id,
                        "res_id": interaction.id,
                        "activity_type_id": todo.id,
                        "date_deadline": deadline,
                        "summary": self.env._("Confirm attendance: %s", self.name),
                        "user_id": interaction.user_id.id,
                    }
                    for interaction in interactions
                ]
            )
        if self.mail_template_id:
            for interaction in interactions:
                # posted by the inviting user: sudo() keeps the user, lifts the rights
                interaction.message_post_with_source(
                    self.mail_template_id, subtype_xmlid="mail.mt_comment"
                )
        action = self.env["ir.actions.act_window"]._for_xml_id("crm_idic.action_idic_interaction")
        action["domain"] = [("id", "in", interactions.ids)]
        return action
