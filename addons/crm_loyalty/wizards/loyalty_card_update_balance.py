from odoo import models
from odoo.exceptions import AccessError, ValidationError


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
        # the manager's own cards only (the company rules of the cards they can read)
        self.card_id.check_access("read")
        old = {w.id: w.card_id.points for w in self}
        # the program writes the row and the balance (crm_idic's _idic_system(), which also
        # drops the client's default_* keys: no forged date, kind or author on the row);
        # sudo: a Loyalty Manager needs no Sales right on cards and their history for it
        program = self.with_env(self.env["loyalty.card"].sudo()._idic_system().env)
        result = super(LoyaltyCardUpdateBalance, program).action_update_card_point()
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
