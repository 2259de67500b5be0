"""Completeness rules name their field by a link to ir.model.fields (field_id).

Before the new schema: fill field_id from the technical name the rules had
(field_name). The ORM then makes field_id required and links it; rules whose
field no longer exists keep no field_id and are deleted by the post-migration.
"""

import logging

from odoo.tools import sql

_logger = logging.getLogger(__name__)

TABLE = "crm_idic_completeness_rule"


def migrate(cr, version):
    if not version:
        return
    _competitor_answers_become_choices(cr)
    if not sql.column_exists(cr, TABLE, "field_name"):
        return
    if not sql.column_exists(cr, TABLE, "field_id"):
        sql.create_column(cr, TABLE, "field_id", "int4")
    cr.execute(
        """
        UPDATE crm_idic_completeness_rule rule
           SET field_id = field.id
          FROM ir_model_fields field
         WHERE field.model = %s
           AND field.name = rule.field_name
           AND rule.field_id IS NULL
        """,
        ["res.partner"],
    )
    _logger.info("crm_idic: %s completeness rules linked to their customer field", cr.rowcount)


CYCLES = (
    (10, "weekly"),
    (45, "monthly"),
    (120, "quarterly"),
    (240, "half_yearly"),
)


def _competitor_answers_become_choices(cr):
    """Satisfaction 1-5 and the purchase cycle in days become choices that stay empty
    while unknown: 0 (what an empty number was stored as) becomes empty, the days the
    nearest cycle (Odoo drops the old column at the end of the update)."""
    if sql.column_exists(cr, "res_partner", "idic_supplier_satisfaction"):
        cr.execute(
            """
            ALTER TABLE res_partner ALTER COLUMN idic_supplier_satisfaction TYPE varchar
            USING CASE WHEN idic_supplier_satisfaction BETWEEN 1 AND 5
                       THEN idic_supplier_satisfaction::varchar END
            """
        )
    if sql.column_exists(cr, "res_partner", "idic_purchase_cycle_days"):
        if not sql.column_exists(cr, "res_partner", "idic_purchase_cycle"):
            sql.create_column(cr, "res_partner", "idic_purchase_cycle", "varchar")
        cr.execute(
            """
            UPDATE res_partner
               SET idic_purchase_cycle = CASE
                     WHEN idic_purchase_cycle_days <= %s THEN %s
                     WHEN idic_purchase_cycle_days <= %s THEN %s
                     WHEN idic_purchase_cycle_days <= %s THEN %s
                     WHEN idic_purchase_cycle_days <= %s THEN %s
                     ELSE 'yearly'
                   END
             WHERE idic_purchase_cycle_days > 0
            """,
            [value for pair in CYCLES for value in pair],
        )
