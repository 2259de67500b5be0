"""18.0.1.2.0: the points of a ranked program are the program's own rows.

Before the module loads: the cards' ``crm_loyalty_ranked`` column is filled here (a
computed column would be recomputed after the member index exists); the order points
Odoo's loyalty engine kept for ranked programs are dropped (their points live in the
history rows, which the program now reads); refunds learn the day of the points they
took back.
"""

from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column


def migrate(cr, version):
    if not version:
        return
    if not column_exists(cr, "loyalty_card", "crm_loyalty_ranked"):
        create_column(cr, "loyalty_card", "crm_loyalty_ranked", "boolean")
    cr.execute(
        SQL(
            "UPDATE loyalty_card AS c "
            "SET crm_loyalty_ranked = COALESCE(p.crm_loyalty_ranked, false) "
            "FROM loyalty_program AS p WHERE p.id = c.program_id"
        )
    )
    cr.execute(
        SQL(
            "DELETE FROM sale_order_coupon_points AS e USING loyalty_card AS c "
            "WHERE c.id = e.coupon_id AND c.crm_loyalty_ranked"
        )
    )
    if not column_exists(cr, "loyalty_history", "crm_loyalty_lot_date"):
        create_column(cr, "loyalty_history", "crm_loyalty_lot_date", "date")
    cr.execute(
        SQL(
            "UPDATE loyalty_history AS r SET crm_loyalty_lot_date = o.day "
            "FROM (SELECT card_id, order_model, order_id, min(crm_loyalty_date) AS day "
            "      FROM loyalty_history WHERE crm_loyalty_kind = 'order' "
            "      GROUP BY card_id, order_model, order_id) AS o "
            "WHERE r.crm_loyalty_kind = 'refund' AND r.crm_loyalty_lot_date IS NULL "
            "AND o.card_id = r.card_id AND o.order_model = r.order_model "
            "AND o.order_id = r.order_id"
        )
    )
