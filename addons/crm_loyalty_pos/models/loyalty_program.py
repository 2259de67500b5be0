from odoo import api, models


class LoyaltyProgram(models.Model):
    _inherit = "loyalty.program"

    @api.model
    def _load_pos_data_fields(self, config_id):
        # the rule of a ranked program, for the preview of the points an order earns
        return [
            *super()._load_pos_data_fields(config_id),
            "crm_loyalty_ranked",
            "crm_loyalty_amount_per_point",
            "crm_loyalty_rounding",
        ]
