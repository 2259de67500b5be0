"""Dealer sales over the last 12 months, rolled up the network, and the yearly rebate."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .crm_dealer_application import DEALER_MANAGER, DEALER_USER


class ResPartner(models.Model):
    _inherit = "res.partner"

    # a dealer's figures are for the dealer users (groups), and among them for the
    # dealer's own salesperson and the dealer managers (_dealer_figures_shown): like the
    # yearly rebate report, whose rows follow the same rules
    dealer_sales_12m = fields.Monetary(
        string="Sales, last 12 months",
        compute="_compute_dealer_sales",
        currency_field="dealer_currency_id",
        groups=DEALER_USER,
        help="The dealer's revenue of the last 12 months: untaxed confirmed sales net of the "
        "credit notes issued against them, in the company currency. Shown to the dealer's "
        "salesperson and the dealer managers.",
    )
    dealer_network_sales_12m = fields.Monetary(
        string="Network sales, last 12 months",
        compute="_compute_dealer_sales",
        currency_field="dealer_currency_id",
        groups=DEALER_USER,
        help="The dealer's sales plus those of every dealer under it. Shown to the dealer's "
        "salesperson and the dealer managers.",
    )
    dealer_rebate_amount = fields.Monetary(
        string="Yearly sales rebate",
        compute="_compute_dealer_sales",
        currency_field="dealer_currency_id",
        groups=DEALER_USER,
        help="The tier's sales-rebate percentage of the last 12 months' sales. Shown to the "
        "dealer's salesperson and the dealer managers.",
    )
    dealer_currency_id = fields.Many2one("res.currency", compute="_compute_dealer_currency")

    dealer_in_scope = fields.Boolean(
        string="In my dealers",
        compute="_compute_dealer_in_scope",
        search="_search_dealer_in_scope",
        help="The salesperson's own dealers; every dealer for a dealer manager.",
    )

    @api.depends("user_id")
    @api.depends_context("uid")
    def _compute_dealer_in_scope(self):
        everyone = self._dealer_sees_all()
        for partner in self:
            partner.dealer_in_scope = everyone or partner.user_id == self.env.user

    def _dealer_sees_all(self):
        return self.env.su or self.env.user.has_group(DEALER_MANAGER)

    def _search_dealer_in_scope(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search the dealers in scope with True or False only."))
        positive = (operator == "=") == value
        if self._dealer_sees_all():
            return [(1, "=", 1)] if positive else [(0, "=", 1)]
        mine = [("user_id", "=", self.env.uid)]
        return mine if positive else ["!", *mine]

    def _dealer_figures_shown(self):
        """The partners of ``self`` whose sales figures the current user may see: every
        one for a dealer manager, else those whose salesperson they are."""
        if self._dealer_sees_all():
            return self
        return self.filtered(lambda partner: partner.user_id == self.env.user)

    def _compute_dealer_currency(self):
        for partner in self:
            partner.dealer_currency_id = (partner.company_id or self.env.company).currency_id

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_dealer_sales(self):
        shown = self._dealer_figures_shown()
        (self - shown).update(
            {"dealer_sales_12m": 0.0, "dealer_network_sales_12m": 0.0, "dealer_rebate_amount": 0.0}
        )
        if not shown:
            return
        today = fields.Date.context_today(self)
        since = today - relativedelta(years=1)
        # the whole network below the partners, found level by level (a few queries);
        # sudo: the network's sales count every dealer under it, whoever its salesperson
        # or company (only the sums are shown)
        network = shown.sudo()
        level = network
        while level:
            level = level.search([("dealer_parent_id", "in", level.ids)]) - network
            network |= level
        own = {}
        stored = network.filtered("id")
        if stored:
            self.env["sale.order"]._idic_revenue_flush()
            self.env["res.partner"].flush_model(["commercial_partner_id"])
            self.env.cr.execute(
                SQL(
                    """
                    SELECT rp.commercial_partner_id,
                           SUM(%(amount)s)
                      FROM sale_order so
                      JOIN res_partner rp ON rp.id = so.partner_id
                     WHERE so.state = 'sale'
                       AND so.date_order >= %(since)s
                       AND so.company_id = ANY(%(companies)s)
                       AND rp.commercial_partner_id = ANY(%(partners)s)
                  GROUP BY rp.commercial_partner_id
                    """,
                    since=since,
                    companies=self.env.companies.ids,
                    partners=stored.ids,
                    amount=self.env["sale.order"]._idic_revenue_sql(),
                )
            )
            own = dict(self.env.cr.fetchall())

        def rolled(partner, seen):
            if partner.id in seen:
                return 0.0
            seen.add(partner.id)
            return own.get(partner.id, 0.0) + sum(
                rolled(child, seen) for child in partner.dealer_child_ids
            )

        for partner in shown:
            sales = own.get(partner.id, 0.0)
            partner.dealer_sales_12m = sales
            partner.dealer_network_sales_12m = rolled(partner.sudo(), set())
            partner.dealer_rebate_amount = sales * partner.dealer_tier_id.rebate_pct / 100.0
