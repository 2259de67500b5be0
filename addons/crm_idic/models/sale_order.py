from odoo import api, fields, models
from odoo.tools.sql import create_index

# Confirmed orders by customer with what the scoring reads of them: the scoring job and
# its customer search read a batch's orders from this index alone. Without it each
# order is a visit to a heap page, and at a million customers the orders of one batch
# are spread over the whole table (see bench/RESULTS.md).
CONFIRMED_ORDERS_INDEX = "sale_order_idic_confirmed_net_index"
CONFIRMED_ORDERS_COLUMNS = [
    "partner_id",
    "company_id",
    "date_order",
    "amount_untaxed",
    "idic_refunded_amount",
    "currency_rate",
]


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
    idic_priority_reason = fields.Char(
        string="Why a priority order",
        compute="_compute_idic_priority_reason",
        groups="crm_idic.group_idic_user",
    )

    def init(self):
        result = super().init()
        create_index(
            self.env.cr,
            CONFIRMED_ORDERS_INDEX,
            self._table,
            CONFIRMED_ORDERS_COLUMNS,
            where="state = 'sale'",
        )
        return result

    @api.depends("partner_id")
    def _compute_idic_priority(self):
        for order in self:
            order.idic_priority = order.partner_id.commercial_partner_id.idic_priority

    @api.depends("idic_priority", "partner_id")
    def _compute_idic_priority_reason(self):
        for order in self:
            customer = order.partner_id.commercial_partner_id
            if not order.idic_priority:
                order.idic_priority_reason = False
            elif customer.idic_relationship_level == "3":
                order.idic_priority_reason = self.env._("a loyal customer (level 3)")
            elif customer.idic_segment_id.priority_orders:
                order.idic_priority_reason = self.env._(
                    "the policy of segment %s", customer.idic_segment_id.display_name
                )
            else:
                order.idic_priority_reason = self.env._("set on this order")
