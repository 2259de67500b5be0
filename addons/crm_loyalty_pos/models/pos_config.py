from odoo import api, models


class PosConfig(models.Model):
    _inherit = "pos.config"

    @api.model
    def _crm_loyalty_pos_demo_shop(self, name, cash_name):
        """Demo data: the demo company's showroom, a point of sale where its members'
        ranks and points show at the counter. A point of sale needs journals: when the
        demo company has no chart of accounts, the generic one is loaded, without its
        default taxes (the demo's prices are untaxed, as everywhere else in it). ``name``
        and ``cash_name``: the shop's and its cash journal's, in the demo's language."""
        company = self.env.ref("crm_idic.demo_company_vn", raise_if_not_found=False)
        if not company or self.env.ref("crm_loyalty_pos.demo_shop", raise_if_not_found=False):
            return
        if not company.chart_template:
            currency, country = company.currency_id, company.country_id
            # demo data is loaded by the superuser, whom _load requires; try_loading would
            # warn that the registry is still loading, which it is during an install
            self.env["account.chart.template"]._load("generic_coa", company, False)
            # the generic chart is the United States': the company keeps its đồng and
            # its country, and no default taxes
            company.write(
                {
                    "currency_id": currency.id,
                    "account_fiscal_country_id": country.id,
                    "account_sale_tax_id": False,
                    "account_purchase_tax_id": False,
                }
            )
        configs = self.with_company(company)
        journal, payment_methods = configs._create_journal_and_payment_methods(
            cash_journal_vals={"name": cash_name, "show_on_dashboard": False}
        )
        shop = configs.create(
            {
                "name": name,
                "company_id": company.id,
                "journal_id": journal.id,
                "payment_method_ids": payment_methods,
            }
        )
        self.env["ir.model.data"]._update_xmlids(
            [{"xml_id": "crm_loyalty_pos.demo_shop", "record": shop, "noupdate": True}]
        )
