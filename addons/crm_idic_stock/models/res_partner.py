from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _idic_update_open_orders(self):
        """When the scoring (or a segment set by hand) changes customers, their open
        transfers follow their priority too, like their quotations."""
        result = super()._idic_update_open_orders()
        self.env["stock.picking"]._idic_follow_customers(self.commercial_partner_id)
        return result
