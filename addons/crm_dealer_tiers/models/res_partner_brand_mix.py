"""Brand mix of a dealer: last 24 months' revenue and the share of major and minor brands."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"

    dealer_revenue_24m = fields.Monetary(
        string="Revenue, last 24 months",
        compute="_compute_dealer_brand_mix",
        currency_field="dealer_currency_id",
        groups="crm_dealer_tiers.group_dealer_user",
        help="The dealer's revenue of the last 24 months: untaxed confirmed sales net of the "
        "credit notes issued against them, in the company currency.",
    )
    dealer_major_pct = fields.Float(
        string="Major brands (%)",
        compute="_compute_dealer_brand_mix",
        digits=(16, 1),
        groups="crm_dealer_tiers.group_dealer_user",
        help="Share of the last 24 months' revenue from products of a major brand.",
    )
    dealer_minor_pct = fields.Float(
        string="Minor brands (%)",
        compute="_compute_dealer_brand_mix",
        digits=(16, 1),
        groups="crm_dealer_tiers.group_dealer_user",
        help="Share of the last 24 months' revenue from products of a brand that is not "
        "major; products without a brand count in neither share.",
    )

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_dealer_brand_mix(self):
        """One query for every partner in ``self`` whose figures the user may see (the
        dealer's salesperson and the dealer managers, see _dealer_figures_shown)."""
        mix = {}
        partners = self._dealer_figures_shown().filtered("id")
        if partners:
            since = fields.Date.context_today(self) - relativedelta(years=2)
            self.env["sale.order"]._idic_revenue_flush()
            self.env["product.product"].flush_model(["product_tmpl_id"])
            self.env["product.template"].flush_model(["dealer_brand_id"])
            self.env["crm.dealer.brand"].flush_model(["major"])
            self.env.cr.execute(
                SQL(
                    """
                    SELECT rp.commercial_partner_id,
                           SUM(%(amount)s),
                           SUM(CASE WHEN brand.major THEN %(amount)s ELSE 0 END),
                           SUM(CASE WHEN brand.id IS NOT NULL AND NOT COALESCE(brand.major, FALSE)
                                    THEN %(amount)s ELSE 0 END)
                      FROM sale_order_line sol
                      JOIN sale_order so ON so.id = sol.order_id
                      JOIN res_partner rp ON rp.id = so.partner_id
                 LEFT JOIN product_product pp ON pp.id = sol.product_id
                 LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
                 LEFT JOIN crm_dealer_brand brand ON brand.id = pt.dealer_brand_id
                     WHERE so.state = 'sale'
                       AND sol.display_type IS NULL
                       AND so.date_order >= %(since)s
                       AND so.company_id = ANY(%(companies)s)
                       AND rp.commercial_partner_id = ANY(%(partners)s)
                  GROUP BY rp.commercial_partner_id
                    """,
                    since=since,
                    companies=self.env.companies.ids,
                    partners=partners.ids,
                    amount=self.env["sale.order"]._idic_revenue_sql(line="sol"),
                )
            )
            mix = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for partner in self:
            revenue, major, minor = mix.get(partner.id, (0.0, 0.0, 0.0))
            revenue = revenue or 0.0
            partner.dealer_revenue_24m = revenue
            partner.dealer_major_pct = 100.0 * (major or 0.0) / revenue if revenue else 0.0
            partner.dealer_minor_pct = 100.0 * (minor or 0.0) / revenue if revenue else 0.0
