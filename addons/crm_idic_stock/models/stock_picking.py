"""Priority supply (seed 000, 3.1.3.1: level-3 customers get priority supply): the
transfers of a priority customer's sale order (relationship level 3, or a segment whose
policy gives priority orders) are urgent, so that Odoo's reservation, which serves the
highest priority first, serves them first when stock is short.

The rule: this addon raises to urgent, and lowers back only what it raised, tracked by
``idic_priority_supply``. A star a user set by hand is left alone; a user who changes
the priority of a transfer this addon raised takes it over (the flag goes).
"""

from odoo import api, fields, models

URGENT = "1"
NORMAL = "0"
OPEN = [("state", "not in", ("done", "cancel"))]
# the transfers of a sale that take goods out of the company's stock: the delivery, and
# the pick and pack steps before it (not the returns, not a drop-shipment)
FROM_STOCK = [("sale_id", "!=", False), ("location_id.usage", "=", "internal")]
PRIORITY_CUSTOMER = "sale_id.partner_id.commercial_partner_id.idic_priority"


class StockPicking(models.Model):
    _name = "stock.picking"
    _inherit = ["stock.picking", "crm.idic.system.fields.mixin"]

    idic_priority_supply = fields.Boolean(
        string="Priority supply",
        readonly=True,
        copy=False,
        help="Made urgent because the customer of the order is served first: a loyal "
        "(level 3) customer or a segment whose policy gives priority orders. Follows the "
        "customer while the transfer is open; changing the priority by hand takes it over.",
    )
    idic_priority_supply_label = fields.Char(
        string="Priority supply for",
        compute="_compute_idic_priority_supply_label",
    )

    @api.model
    def _idic_system_fields(self):
        return super()._idic_system_fields() | {"idic_priority_supply"}

    @api.model
    def _idic_system_fields_message(self, labels):
        return self.env._(
            "Priority supply follows the customer's level and segment; it cannot be "
            "written directly: %s.",
            labels,
        )

    @api.depends("idic_priority_supply", "sale_id")
    @api.depends_context("lang")
    def _compute_idic_priority_supply_label(self):
        for picking in self:
            if not picking.idic_priority_supply:
                picking.idic_priority_supply_label = False
                continue
            # sudo: why, in a few words, for whoever handles the transfer
            customer = picking.sale_id.partner_id.commercial_partner_id.sudo()
            if customer.idic_relationship_level == "3":
                label = self.env._("Priority supply (level-3 customer)")
            elif customer.idic_segment_id.priority_orders:
                label = self.env._(
                    "Priority supply (segment %s policy)", customer.idic_segment_id.display_name
                )
            else:
                label = self.env._("Priority supply")
            picking.idic_priority_supply_label = label

    # ============================================================ the system

    def _idic_raise_priority_supply(self, orders):
        """Make the open transfers out of stock in ``self`` urgent when one of the sale
        ``orders`` their moves come from is a priority customer's (at creation)."""
        customers = orders.partner_id.commercial_partner_id.sudo()
        if not any(customers.mapped("idic_priority")):
            return
        todo = self.filtered_domain([*OPEN, *FROM_STOCK, ("priority", "=", NORMAL)])
        todo._idic_system().sudo().write({"priority": URGENT, "idic_priority_supply": True})

    @api.model
    def _idic_follow_customers(self, customers=None):
        """The open transfers out of stock of the sale orders of ``customers`` (commercial
        partners; all customers when None, as at install) follow their current priority:
        one search and one write per value. The moves follow their transfer
        (stock.move.priority is computed from it)."""
        # sudo: the scoring updates every open transfer of its customers
        Picking = self.sudo()._idic_system()
        base = [*OPEN, *FROM_STOCK]
        if customers is not None:
            base.append(("sale_id.partner_id.commercial_partner_id", "in", customers.ids))
        Picking.search([*base, (PRIORITY_CUSTOMER, "=", True), ("priority", "=", NORMAL)]).write(
            {"priority": URGENT, "idic_priority_supply": True}
        )
        Picking.search(
            [*base, (PRIORITY_CUSTOMER, "=", False), ("idic_priority_supply", "=", True)]
        ).write({"priority": NORMAL, "idic_priority_supply": False})

    # ================================================================= ORM

    def write(self, vals):
        result = super().write(vals)
        if "priority" in vals and not self._idic_is_system():
            # a user who lowers a transfer this addon raised takes its priority over
            # (Odoo's own reset of a done transfer's priority keeps the trace)
            self.filtered_domain(
                [*OPEN, ("idic_priority_supply", "=", True), ("priority", "=", NORMAL)]
            )._idic_system().write({"idic_priority_supply": False})
        return result

    def _create_backorder_picking(self):
        """The rest of an urgent delivery still short of stock stays urgent."""
        backorder = super()._create_backorder_picking()
        if self.idic_priority_supply and backorder.priority == URGENT:
            backorder._idic_system().write({"idic_priority_supply": True})
        return backorder
