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
    if not version or not sql.column_exists(cr, TABLE, "field_name"):
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
