"""Completeness rules: delete the rules whose field no longer exists.

The pre-migration linked each rule to its field; a rule whose technical name
matches no customer field has no field_id. Deleting it through the ORM also
drops its external id and rates the profiles again without it. This runs
before the ORM makes field_id NOT NULL (at the end of the update).
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        SELECT rule.id, company.name, rule.customer_group, rule.field_name
          FROM crm_idic_completeness_rule rule
          JOIN res_company company ON company.id = rule.company_id
         WHERE rule.field_id IS NULL
         ORDER BY rule.id
        """
    )
    orphans = cr.fetchall()
    for rule_id, company, group, name in orphans:
        _logger.info(
            "crm_idic: completeness rule %s deleted (company %s, customer group %s): "
            "customers have no field named %r any more",
            rule_id,
            company,
            group or "every group",
            name,
        )
    if orphans:
        env = api.Environment(cr, SUPERUSER_ID, {})
        rules = env["crm.idic.completeness.rule"].with_context(active_test=False)
        rules.browse([row[0] for row in orphans]).unlink()
