from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .crm_idic_data import CHANNELS, INTERACTION_TYPES


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

    action_id = fields.Many2one(
        "crm.idic.action",
        string="Board action",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        help="The action of the board this interaction did: saving it marks the action done.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        interactions = super().create(vals_list)
        interactions.filtered("action_id")._idic_close_board_actions()
        # what the customers' boards show changes with their interactions (a visit made)
        self.env["crm.idic.action"].sudo()._idic_refresh(  # the board is the system's
            interactions.commercial_partner_id.ids
        )
        return interactions

    def write(self, vals):
        if "action_id" in vals and any(i.action_id.id != vals["action_id"] for i in self):
            raise UserError(self.env._("The board action an interaction did cannot be changed."))
        return super().write(vals)

    def _idic_close_board_actions(self):
        """Mark done the board actions these new interactions did, as their author: the
        action must be of the interaction's customer and open, and the author may act on
        it (the board's own check)."""
        for interaction in self:
            action = interaction.action_id
            if action.partner_id != interaction.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "The action %(action)s is not about %(customer)s.",
                        action=action.name,
                        customer=interaction.commercial_partner_id.display_name,
                    )
                )
        if not self:
            return
        self.action_id._idic_check_actor()
        self.action_id._idic_check_open()
        for interaction in self:
            interaction.action_id._idic_close(
                "done", reason=interaction.summary, interaction=interaction
            )

    @api.model
    def _selection_source_ref(self):
        """Models whose records can be the source of an interaction; addons extend it."""
        return self._idic_model_selection(["sale.order", "crm.lead"])

    @api.model
    def _idic_model_selection(self, model_names):
        IrModel = self.env["ir.model"]
        return [(name, IrModel._get(name).name) for name in model_names if name in self.env]
