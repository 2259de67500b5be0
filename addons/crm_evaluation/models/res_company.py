from odoo import models


class ResCompany(models.Model):
    _inherit = "res.company"

    def _crm_idic_demo_ready(self):
        """The demo's periods still open to a new compute are computed again as the
        administrator reads them: their scorecards' notes in his language and under his
        name (at install they were computed in the installer's English, under Odoo's demo
        name of the administrator). Approved and locked periods keep their snapshot."""
        admin = super()._crm_idic_demo_ready()
        periods = self.env["crm.evaluation.period"].search(
            [("company_id", "=", self.id), ("state", "=", "computed")]
        )
        periods.with_user(admin).with_context(
            lang=admin.lang, allowed_company_ids=self.ids
        ).action_compute()
        return admin
