from odoo import models
from odoo.exceptions import AccessError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    def action_crm_loyalty_enable_program(self):
        """Enable the ready loyalty program for the current company (copy the shipped one,
        ranks included, when it belongs to another company) and open it. A program that
        has no cards yet is put in the company's currency, its fixed amounts converted."""
        if not self.env.user.has_group("crm_loyalty.group_loyalty_manager"):
            raise AccessError(self.env._("Only loyalty managers can do this."))
        company = self.env.company
        Program = self.env["loyalty.program"].with_context(active_test=False)
        program = Program.search(
            [("crm_loyalty_ranked", "=", True), ("company_id", "=", company.id)], limit=1
        )
        if not program:
            template = self.env.ref(
                "crm_loyalty.program_customer_loyalty", raise_if_not_found=False
            )
            # the shipped program may belong to a company the user does not work in
            template = template.sudo() if template else template
            if template and template.company_id in (company, self.env["res.company"]):
                program = template.sudo(False)
            elif template:
                program = template.copy({"company_id": company.id, "name": template.name})
                program = program.sudo(False)
            else:
                program = Program.create(
                    {
                        "name": self.env._("Customer loyalty"),
                        "program_type": "loyalty",
                        "applies_on": "both",
                        "trigger": "auto",
                        "company_id": company.id,
                        "crm_loyalty_ranked": True,
                        "rule_ids": [(0, 0, {"reward_point_mode": "money"})],
                    }
                )
        # sudo: the cards are only counted (a loyalty manager may not read them all)
        cards = self.env["loyalty.card"].sudo().with_context(active_test=False)
        if not cards.search_count([("program_id", "=", program.id)], limit=1):
            program._crm_loyalty_set_currency(company.currency_id)
        program.active = True
        return {
            "type": "ir.actions.act_window",
            "res_model": "loyalty.program",
            "res_id": program.id,
            "view_mode": "form",
            "target": "current",
        }
