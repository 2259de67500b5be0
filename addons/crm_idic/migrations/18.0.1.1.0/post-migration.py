"""Completeness rules: delete the rules whose field no longer exists. Segment history:
keep the customer's name on each row, so the row outlives the customer, and the
direction of each move (idic_core.scoring.move_direction, the same rule in SQL).

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
        UPDATE crm_idic_segment_history h
           SET partner_name = p.name
          FROM res_partner p
         WHERE p.id = h.partner_id AND h.partner_name IS NULL
        """
    )
    cr.execute(
        """
        UPDATE crm_idic_segment_history h
           SET direction = CASE
                 WHEN h.old_segment_id IS NULL AND h.new_segment_id IS NULL THEN 'same'
                 WHEN h.old_segment_id IS NULL THEN 'new'
                 WHEN h.new_segment_id IS NULL OR n.min_score < o.min_score THEN 'down'
                 WHEN n.min_score > o.min_score THEN 'up'
                 WHEN COALESCE(h.new_level, '0') > COALESCE(h.old_level, '0') THEN 'up'
                 WHEN COALESCE(h.new_level, '0') < COALESCE(h.old_level, '0') THEN 'down'
                 ELSE 'same'
               END
          FROM crm_idic_segment_history h2
     LEFT JOIN crm_idic_segment o ON o.id = h2.old_segment_id
     LEFT JOIN crm_idic_segment n ON n.id = h2.new_segment_id
         WHERE h2.id = h.id AND h.direction IS NULL
        """
    )
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
