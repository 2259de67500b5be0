from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    idic_segment_id = fields.Many2one(
        related="partner_id.commercial_partner_id.idic_segment_id", string="Customer segment"
    )
    idic_segment_color = fields.Integer(related="idic_segment_id.color")
    idic_policy = fields.Text(related="idic_segment_id.policy", string="Segment policy")
    idic_priority = fields.Boolean(
        string="Priority order",
        compute="_compute_idic_priority",
        store=True,
        readonly=False,
        help="Orders of loyal (level 3) customers and of priority segments are served first.",
    )

    @api.depends("partner_id")
    def _compute_idic_priority(self):
        for order in self:
            order.idic_priority = order.partner_id.commercial_partner_id.idic_priority
