from odoo import models
from odoo.exceptions import AccessError, ValidationError

from ..models.guard import system


class LoyaltyCardUpdateBalance(models.TransientModel):
    _inherit = "loyalty.card.update.balance"

    def action_update_card_point(self):
        ranked = self.filtered(lambda w: w.card_id.sudo().program_id.crm_loyalty_ranked)
        if not ranked:
            return super().action_update_card_point()
        if not self.env.user.has_group("crm_loyalty.group_loyalty_manager"):
            raise AccessError(
                self.env._("Only loyalty managers can adjust the points of a member.")
            )
        for wizard in self:
            if len((wizard.description or "").strip()) < 3:
                raise ValidationError(
                    self.env._("Give the reason for the adjustment (at least 3 characters).")
                )
            if wizard.new_balance != int(wizard.new_balance):
                raise ValidationError(self.env._("Loyalty points are whole numbers."))
        old = {w.id: w.card_id.points for w in self}
        result = super(LoyaltyCardUpdateBalance, system(self)).action_update_card_point()
        for wizard in self:
            wizard.card_id.sudo().message_post(
                body=self.env._(
                    "Points adjusted by %(user)s: %(old)s → %(new)s. Reason: %(reason)s",
                    user=self.env.user.name,
                    old=old[wizard.id],
                    new=wizard.new_balance,
                    reason=wizard.description,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return result
