from odoo import api, fields, models
from odoo.tools.misc import format_amount


class LoyaltyRule(models.Model):
    """In a ranked program the points come from the program's own rule (whole points
    per amount, the rank's multiplier), not from the rule's "grant": its card on the
    program form says so, in the reader's language and money."""

    _inherit = "loyalty.rule"

    crm_loyalty_ranked = fields.Boolean(related="program_id.crm_loyalty_ranked")
    crm_loyalty_rule_text = fields.Char(
        string="Points Rule", compute="_compute_crm_loyalty_rule_text"
    )

    @api.depends(
        "program_id.crm_loyalty_ranked",
        "program_id.crm_loyalty_amount_per_point",
        "program_id.currency_id",
    )
    @api.depends_context("lang")
    def _compute_crm_loyalty_rule_text(self):
        for rule in self:
            program = rule.program_id
            if not program.crm_loyalty_ranked or not program.currency_id:
                rule.crm_loyalty_rule_text = False
                continue
            rule.crm_loyalty_rule_text = self.env._(
                "1 point per %(amount)s, times the member's rank multiplier",
                amount=format_amount(
                    self.env, program.crm_loyalty_amount_per_point, program.currency_id
                ),
            )
