from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.crm_idic_data import CHANNELS, INTERACTION_TYPES


class CrmIdicActionCloseWizard(models.TransientModel):
    _name = "crm.idic.action.close.wizard"
    _description = "Close Board Actions"

    action_ids = fields.Many2many("crm.idic.action", string="Actions", required=True)
    mode = fields.Selection(
        [("done", "Done"), ("snooze", "Snooze"), ("dismiss", "Dismiss"), ("schedule", "Schedule")],
        required=True,
        default="done",
    )
    channel = fields.Selection(CHANNELS, default="phone")
    interaction_type = fields.Selection(INTERACTION_TYPES, string="Type", default="other")
    snooze_until = fields.Date(string="Until")
    schedule_date = fields.Date(string="On", help="The day the action is planned for.")
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Activity",
        domain="[('res_model', 'in', (False, 'res.partner'))]",
        default=lambda self: self.env.ref("mail.mail_activity_data_call", raise_if_not_found=False),
    )
    reason = fields.Text(help="What was done, or why the action waits or is dismissed.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "snooze_until" in fields_list and not values.get("snooze_until"):
            values["snooze_until"] = fields.Date.add(fields.Date.context_today(self), days=7)
        if "schedule_date" in fields_list and not values.get("schedule_date"):
            values["schedule_date"] = fields.Date.add(fields.Date.context_today(self), days=1)
        return values

    def action_apply(self):
        """Close the actions as the current user: done leaves an interaction per action
        about a customer, snooze and dismiss a note with the reason on the customer;
        schedule plans an activity on the customer for the day and snoozes the line
        until then."""
        self.ensure_one()
        actions = self.action_ids
        actions._idic_check_actor()
        actions._idic_check_open()
        today = fields.Date.context_today(self)
        reason = (self.reason or "").strip()
        if self.mode == "schedule":
            return self._apply_schedule(actions, reason, today)
        if self.mode == "done":
            own_work = actions.filtered(lambda a: not a.partner_id)
            if own_work and not reason:
                raise UserError(self.env._("Say what was done."))
            own_work._idic_close("done", reason=reason)
            actions -= own_work
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

    def _apply_schedule(self, actions, reason, today):
        if actions.filtered(lambda a: not a.partner_id):
            raise UserError(self.env._("Only an action about a customer can be scheduled."))
        if not self.schedule_date or self.schedule_date <= today:
            raise UserError(self.env._("Schedule the action for a day after today."))
        if not self.activity_type_id:
            raise UserError(self.env._("Choose the kind of activity to plan."))
        for action in actions:
            # the activity is the salesperson's, on a customer they may act on (checked)
            action.partner_id.activity_schedule(
                activity_type_id=self.activity_type_id.id,
                date_deadline=self.schedule_date,
                summary=action.name,
                note=reason or False,
                user_id=(action.user_id or self.env.user).id,
            )
        planned = self.env._(
            "Planned for %(date)s: %(activity)s",
            date=fields.Date.to_string(self.schedule_date),
            activity=self.activity_type_id.name,
        )
        actions._idic_close(
            "snoozed",
            reason=f"{planned}. {reason}" if reason else planned,
            snooze_until=self.schedule_date,
        )
        return {"type": "ir.actions.act_window_close"}
