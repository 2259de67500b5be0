from odoo import api, fields, models
from odoo.exceptions import AccessError


class CrmIdicOverrideWizard(models.TransientModel):
    _name = "crm.idic.override.wizard"
    _description = "Set a Customer Segment by Hand"

    partner_ids = fields.Many2many("res.partner", string="Customers", required=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    segment_id = fields.Many2one(
        "crm.idic.segment",
        required=True,
        domain="[('company_id', '=', company_id)]",
    )
    reason = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "res.partner" and "partner_ids" in fields_list:
            partners = self.env["res.partner"].browse(self.env.context.get("active_ids", []))
            values["partner_ids"] = [fields.Command.set(partners.commercial_partner_id.ids)]
        return values

    def action_apply(self):
        self.ensure_one()
        if not self.env.user.has_group("crm_idic.group_idic_manager"):
            raise AccessError(self.env._("Only IDIC managers can set a segment by hand."))
        self.partner_ids._idic_set_override(self.segment_id, self.reason)
        return {"type": "ir.actions.act_window_close"}
