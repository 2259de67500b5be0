"""Priority supply (seed 000, 3.1.3.1): the deliveries of priority customers (level 3,
and the segments whose policy says so) are urgent, so that Odoo's reservation, which
serves the highest priority first, serves them first when stock is short."""

from odoo import api, fields, models

URGENT = "1"
NORMAL = "0"


class StockPicking(models.Model):
    _name = "stock.picking"
    _inherit = ["stock.picking", "crm.idic.system.fields.mixin"]

    idic_priority_supply = fields.Boolean(
        string="Priority supply",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Made urgent because the customer is served first: a loyal (level 3) customer "
        "or a segment whose policy gives priority. Follows the customer when the nightly "
        "scoring changes it, as long as the delivery is open.",
    )
    idic_priority_reason = fields.Char(
        string="Why priority supply", compute="_compute_idic_priority_reason"
    )

    @api.model
    def _idic_system_fields(self):
        return super()._idic_system_fields() | {"idic_priority_supply"}

    @api.depends("idic_priority_supply", "sale_id")
    def _compute_idic_priority_reason(self):
        for picking in self:
            if not picking.idic_priority_supply:
                picking.idic_priority_reason = False
                continue
            # sudo: the reason (level, segment) is shown to whoever handles the delivery
            why = picking.sale_id.sudo().idic_priority_reason
            picking.idic_priority_reason = self.env._(
                "Priority supply for %(why)s: reserved before other deliveries when stock is "
                "short.",
                why=why or self.env._("a priority customer"),
            )

    def _idic_set_priority_supply(self, priority):
        """Make the open deliveries of ``self`` urgent (``priority``) or, for the ones this
        addon made urgent, normal again: one write per value, by the system."""
        todo = self.filtered(
            lambda p: p.state not in ("done", "cancel") and p.picking_type_code == "outgoing"
        )
        if priority:
            todo = todo.filtered(lambda p: not p.idic_priority_supply)
            todo._idic_system().write({"priority": URGENT, "idic_priority_supply": True})
        else:
            todo = todo.filtered("idic_priority_supply")
            todo._idic_system().write({"priority": NORMAL, "idic_priority_supply": False})
        return todo
