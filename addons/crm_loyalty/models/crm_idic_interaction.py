from odoo import api, models


class CrmIdicInteraction(models.Model):
    _inherit = "crm.idic.interaction"

    @api.model
    def _selection_source_ref(self):
        return super()._selection_source_ref() + self._idic_model_selection(
            ["loyalty.card", "crm.loyalty.tier.history"]
        )
