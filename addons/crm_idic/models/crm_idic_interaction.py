from odoo import api, fields, models

CHANNELS = [
    ("visit", "Visit"),
    ("phone", "Phone"),
    ("email", "Email"),
    ("letter", "Letter"),
    ("conference", "Conference"),
    ("event", "Event"),
    ("web", "Web"),
]
INTERACTION_TYPES = [
    ("care_visit", "Care visit"),
    ("gift", "Gift"),
    ("complaint", "Complaint"),
    ("survey", "Survey"),
    ("invitation", "Invitation"),
    ("other", "Other"),
]


class CrmIdicInteraction(models.Model):
    """One contact with a customer. Every addon records contacts here."""

    _name = "crm.idic.interaction"
    _description = "Customer Interaction"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _rec_name = "summary"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        store=True,
        index=True,
        string="Commercial entity",
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True)
    channel = fields.Selection(CHANNELS, required=True, default="phone", tracking=True)
    interaction_type = fields.Selection(
        INTERACTION_TYPES, string="Type", required=True, default="other", tracking=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    summary = fields.Char(required=True)
    outcome = fields.Text()
    next_step = fields.Char()
    segment_id = fields.Many2one(related="commercial_partner_id.idic_segment_id", string="Segment")
    source_ref = fields.Reference(
        selection="_selection_source_ref",
        string="Source",
        help="The document this contact came from (a ticket, a survey answer...).",
    )

    @api.model
    def _selection_source_ref(self):
        """Models whose records can be the source of an interaction; addons extend it."""
        return self._idic_model_selection(["sale.order", "crm.lead"])

    @api.model
    def _idic_model_selection(self, model_names):
        IrModel = self.env["ir.model"]
        return [(name, IrModel._get(name).name) for name in model_names if name in self.env]
