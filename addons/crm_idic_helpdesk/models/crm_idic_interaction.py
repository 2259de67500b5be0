from odoo import api, fields, models


class CrmIdicInteraction(models.Model):
    _inherit = "crm.idic.interaction"

    channel = fields.Selection(
        selection_add=[("helpdesk", "Helpdesk ticket")], ondelete={"helpdesk": "set default"}
    )

    @api.model
    def _selection_source_ref(self):
        return super()._selection_source_ref() + self._idic_model_selection(["helpdesk.ticket"])
