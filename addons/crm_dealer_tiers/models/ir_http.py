"""The web client's companies carry their currency, for the amounts a view shows
without a currency of their own (the rebate pivot's measures)."""

from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        result = super().session_info()
        # only an internal user's session lists its companies
        companies = result.get("user_companies", {}).get("allowed_companies", {})
        for company in self.env.user.company_ids:
            if company.id in companies:
                companies[company.id]["currency_id"] = company.currency_id.id
        return result
