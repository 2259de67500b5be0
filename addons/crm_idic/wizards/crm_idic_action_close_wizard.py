from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.crm_idic_interaction import CHANNELS, INTERACTION_TYPES


class CrmIdicActionCloseWizard(models.TransientModel):
    _name = "crm.idic.action.close.wizard"
    _description = "Close Board Actions"

    action_ids = fields.Many2many("crm.idic.action", string="Actions", required=True)
    mode = fields.Selection(
        [("done", "Done"), ("snooze", "Snooze"), ("dismiss", "Dismiss")],
        required=True,
        default="done",
    )
    channel = fields.Selection(CHANNELS, default="phone")
    interaction_type = fields.Selection(INTERACTION_TYPES, string="Type", default="other")
    snooze_until = fields.Date(string="Until")
    reason = fields.Text(help="What was done, or why the action waits or is dismissed.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "snooze_until" in fields_list and not values.get("snooze_until"):
            values["snooze_until"] = fields.Date.add(fields.Date.context_today(self), days=7)
        return values

    def action_apply(self):
        """Close the actions as the current user: done leaves an interaction per action,
        snooze and dismiss a note with the reason on the customer."""
        self.ensure_one()
        actions = self.action_ids
        actions._idic_check_actor()
        actions._idic_check_open()
        today = fields.Date.context_today(self)
        reason = (self.reason or "").strip()
        if self.mode == "done":
            self.env["crm.idic.interaction"].create(
                [
                    {
                        "partner_id": action.partner_id.id,
                        "company_id": action.company_id.id,
                        "channel": self.channel or "phone",
                        "interaction_type": self.interaction_type or "other",
                        "summary": action.name,
                        "outcome": reason or False,
                        "action_id": action.id,
                    }
                    for action in actions
                ]
            )
        elif not reason:
            raise UserError(self.env._("Say why the action waits or is dismissed."))
        elif self.mode == "snooze":
            if not self.snooze_until or self.snooze_until <= today:
                raise UserError(self.env._("Snooze the action until a day after today."))
            actions._idic_close("snoozed", reason=reason, snooze_until=self.snooze_until)
        else:
            actions._idic_close("dismissed", reason=reason)
        return {"type": "ir.actions.act_window_close"}
