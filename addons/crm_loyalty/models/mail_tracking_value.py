from odoo import models


class MailTrackingValue(models.Model):
    _inherit = "mail.tracking.value"

    def _tracking_value_format_model(self, model):
        """A member card's chatter reads its balance in whole points ("8.200 → 8.500"),
        as every other screen does; Odoo tracks ``points`` as a float, which e-wallets
        and gift cards keep."""
        formatted = super()._tracking_value_format_model(model)
        if model != "loyalty.card":
            return formatted
        points = self.filtered(lambda t: t.field_id.name == "points")
        # sudo: the trackings shown were already filtered by the reader's access; their
        # card's program says only how a number is printed
        cards = self.env["loyalty.card"].sudo().browse(points.mail_message_id.mapped("res_id"))
        ranked = set(cards.filtered("program_id.crm_loyalty_ranked").ids)
        whole = {t.id for t in points if t.mail_message_id.res_id in ranked}
        for value in formatted:
            if value["id"] in whole:
                value["oldValue"]["floatPrecision"] = value["newValue"]["floatPrecision"] = (16, 0)
        return formatted
