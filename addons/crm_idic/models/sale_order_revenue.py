"""Revenue, the one definition every figure of the suite reads.

Revenue is the untaxed amount of confirmed sales (orders in state ``sale``, dated by
their confirmation: Odoo sets ``date_order`` when an order is confirmed) net of the posted
credit notes issued against them, in the company currency at the order's own rate. A
credit note counts against the order it reverses, whatever its own date, so a period's
revenue is that of the orders confirmed in it. The IDIC current value, the evaluation's
measures, the weekly reports, the dealer review, the rebates, the network and the brand
mix all read it through ``sale.order._idic_revenue_sql``.
"""

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import column_exists

REFUNDED_HELP = (
    "Untaxed amount of the posted credit notes issued against it, in the order's currency."
)


def _add_refunded_column(cr, table):
    """Create the refunded amount column of ``table`` at 0 without rewriting the table,
    so that Odoo does not recompute it record by record when the addon is installed into
    (or updated in) a database with years of orders; the credit notes already posted are
    then counted in one statement (``_idic_fill_refunded_amounts``). The column keeps
    its default of 0: orders that other code inserts in SQL have refunded nothing."""
    if column_exists(cr, table, "idic_refunded_amount"):
        return False
    cr.execute(
        SQL(
            "ALTER TABLE %s ADD COLUMN idic_refunded_amount numeric DEFAULT 0",
            SQL.identifier(table),
        )
    )
    return True


class SaleOrderLine(models.Model):
    _name = "sale.order.line"
    _inherit = ["sale.order.line", "crm.idic.system.fields.mixin"]

    idic_refunded_amount = fields.Monetary(
        string="Refunded",
        compute="_compute_idic_refunded_amount",
        store=True,
        help=REFUNDED_HELP,
    )

    @api.model
    def _idic_system_fields(self):
        # counted from the posted credit notes, never written by a client
        return super()._idic_system_fields() | {"idic_refunded_amount"}

    def _auto_init(self):
        if _add_refunded_column(self.env.cr, self._table):
            self._idic_fill_refunded_amounts()
        return super()._auto_init()

    def _idic_fill_refunded_amounts(self):
        """Count the posted credit notes of existing orders, lines and orders, in two
        statements (same rule as ``_compute_idic_refunded_amount``)."""
        cr = self.env.cr
        cr.execute(
            """
            UPDATE sale_order_line sol
               SET idic_refunded_amount = refund.amount
              FROM (SELECT rel.order_line_id,
                           SUM(CASE WHEN am.currency_id = so.currency_id THEN aml.price_subtotal
                                    ELSE aml.balance * COALESCE(NULLIF(so.currency_rate, 0), 1.0)
                               END) AS amount
                      FROM sale_order_line_invoice_rel rel
                      JOIN account_move_line aml ON aml.id = rel.invoice_line_id
                      JOIN account_move am ON am.id = aml.move_id
                      JOIN sale_order_line l ON l.id = rel.order_line_id
                      JOIN sale_order so ON so.id = l.order_id
                     WHERE am.move_type = 'out_refund' AND am.state = 'posted'
                  GROUP BY rel.order_line_id) refund
             WHERE refund.order_line_id = sol.id
            """
        )
        if column_exists(cr, "sale_order", "idic_refunded_amount"):
            self.env["sale.order"]._idic_fill_refunded_amounts()

    @api.depends(
        "invoice_lines.move_id.state",
        "invoice_lines.move_id.move_type",
        "invoice_lines.price_subtotal",
        "invoice_lines.balance",
    )
    def _compute_idic_refunded_amount(self):
        for line in self:
            refunded = 0.0
            for invoice_line in line.invoice_lines:
                move = invoice_line.move_id
                if move.move_type != "out_refund" or move.state != "posted":
                    continue
                if move.currency_id == line.order_id.currency_id:
                    refunded += invoice_line.price_subtotal
                else:
                    refunded += invoice_line.balance * (line.order_id.currency_rate or 1.0)
            line.idic_refunded_amount = refunded


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "crm.idic.system.fields.mixin"]

    idic_refunded_amount = fields.Monetary(
        string="Refunded",
        compute="_compute_idic_refunded_amount",
        store=True,
        help=REFUNDED_HELP,
    )

    @api.model
    def _idic_system_fields(self):
        # counted from the posted credit notes, never written by a client
        return super()._idic_system_fields() | {"idic_refunded_amount"}

    def _auto_init(self):
        if _add_refunded_column(self.env.cr, self._table):
            self._idic_fill_refunded_amounts()
        return super()._auto_init()

    def _idic_fill_refunded_amounts(self):
        if not column_exists(self.env.cr, "sale_order_line", "idic_refunded_amount"):
            return
        self.env.cr.execute(
            """
            UPDATE sale_order so
               SET idic_refunded_amount = line.amount
              FROM (SELECT order_id, SUM(idic_refunded_amount) AS amount
                      FROM sale_order_line
                     WHERE idic_refunded_amount <> 0
                  GROUP BY order_id) line
             WHERE line.order_id = so.id
            """
        )

    @api.depends("order_line.idic_refunded_amount")
    def _compute_idic_refunded_amount(self):
        for order in self:
            order.idic_refunded_amount = sum(order.order_line.mapped("idic_refunded_amount"))

    @api.model
    def _idic_revenue_sql(self, order="so", line=None):
        """SQL of the revenue (see this module's docstring) of the order aliased
        ``order``, or of its line aliased ``line``. The caller selects the orders:
        ``state = 'sale'``, company, and the window on ``date_order``."""
        if line:
            amount = SQL(
                "(%s - %s)",
                SQL.identifier(line, "price_subtotal"),
                SQL.identifier(line, "idic_refunded_amount"),
            )
        else:
            amount = SQL(
                "(%s - %s)",
                SQL.identifier(order, "amount_untaxed"),
                SQL.identifier(order, "idic_refunded_amount"),
            )
        return self._idic_company_amount_sql(amount, order)

    @api.model
    def _idic_revenue_flush(self):
        """Write the pending changes ``_idic_revenue_sql``'s callers read: orders, lines
        and the refunded amounts the credit notes posted since."""
        self.env["sale.order.line"].flush_model(
            ["order_id", "price_subtotal", "idic_refunded_amount", "display_type", "product_id"]
        )
        self.flush_model(
            [
                "state",
                "date_order",
                "partner_id",
                "company_id",
                "user_id",
                "team_id",
                "amount_untaxed",
                "idic_refunded_amount",
                "currency_rate",
            ]
        )

    @api.model
    def _idic_company_amount_sql(self, amount, order="so"):
        """SQL of ``amount`` (an SQL expression in the currency of the order aliased
        ``order``) in the company currency at the order's own rate: ``currency_rate``,
        as sale.order stores it (the order's currency per unit of the company's; 0 or
        empty counts as 1). The one spelling of this conversion in the suite."""
        return SQL(
            "(%s / COALESCE(NULLIF(%s, 0), 1.0))",
            amount,
            SQL.identifier(order, "currency_rate"),
        )
