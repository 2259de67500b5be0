from odoo import api, fields, models


class CrmIdicInteraction(models.Model):
    _inherit = "crm.idic.interaction"

    channel = fields.Selection(
        selection_add=[("loyalty", "Loyalty program")], ondelete={"loyalty": "set default"}
    )

    @api.model
    def _selection_source_ref(self):
        return super()._selection_source_ref() + self._idic_model_selection(
            ["loyalty.card", "crm.loyalty.tier.history", "crm.loyalty.redemption"]
        )

    @api.model
    def _crm_loyalty_log(self, rows):
        """Log loyalty events in crm_idic's interaction log, in one create.

        ``rows`` are (partner, company, user, interaction type, summary, source record).
        The program writes the log itself (as superuser): the member or salesperson
        whose action caused the event need not have the right to edit the log.
        """
        vals_list = [
            {
                "partner_id": partner.id,
                "company_id": company.id,
                "user_id": user.id or False,
                "channel": "loyalty",
                "interaction_type": kind,
                "summary": summary,
                "source_ref": f"{source._name},{source.id}",
            }
            for partner, company, user, kind, summary, source in rows
            if partner
        ]
        return self.sudo().create(vals_list) if vals_list else self.sudo().browse()
