from odoo import api, fields, models


class LoyaltyHistory(models.Model):
    _inherit = "loyalty.history"

    crm_loyalty_pos_refund_id = fields.Many2one(
        "pos.order",
        string="POS Refund",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="On a refund row, the point of sale refund that took the points back.",
    )

    @api.model
    def _idic_system_fields(self):
        # the refund a row records is the program's, on any card
        return super()._idic_system_fields() | {"crm_loyalty_pos_refund_id"}
