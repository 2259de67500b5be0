"""Dealer tiers: distributor, level-1 and level-2 agents, their criteria and benefits."""

from odoo import api, fields, models

from ..dealer_core import tiers as core
from .rule_errors import raise_dealer_problem


class CrmDealerTier(models.Model):
    _name = "crm.dealer.tier"
    _description = "Dealer tier"
    _order = "rank, id"

    name = fields.Char(required=True, translate=True)
    rank = fields.Integer(
        required=True, default=10, help="1 is the highest tier (the distributor)."
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the tier with every company."
    )
    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_currency_id",
        help="The tier's company currency (the current company's for a shared tier).",
    )
    # criteria, in the company currency
    min_avg_revenue = fields.Monetary(
        string="Average yearly revenue",
        help="Minimum average yearly revenue over the last two years.",
    )
    min_yearly_sales = fields.Monetary(string="Yearly sales", help="Minimum yearly sales.")
    min_major_share = fields.Float(
        string="Major-brand share (%)",
        help="Minimum share of revenue from major brands, in percent.",
    )
    # benefits
    pricelist_id = fields.Many2one(
        "product.pricelist",
        help="Given to dealers of this tier when their contract is activated.",
    )
    discount_pct = fields.Float(string="Discount (%)")
    rebate_pct = fields.Float(
        string="Sales rebate (%)", help="Yearly rebate paid on the dealer's qualifying sales."
    )
    yearly_target = fields.Monetary(string="Yearly sales target")
    dealer_count = fields.Integer(string="Dealers", compute="_compute_dealer_count")

    _sql_constraints = [
        (
            "benefits_positive",
            (
                "CHECK(discount_pct >= 0 AND discount_pct <= 100 AND rebate_pct >= 0 "
                "AND rebate_pct <= 100 AND yearly_target >= 0)"
            ),
            "Discount and rebate lie between 0 and 100%, and a sales target cannot be negative.",
        ),
    ]

    @api.depends("company_id")
    @api.depends_context("company")
    def _compute_currency_id(self):
        for tier in self:
            tier.currency_id = (tier.company_id or self.env.company).currency_id

    def _compute_dealer_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("dealer_tier_id", "in", self.ids)], ["dealer_tier_id"], ["__count"]
            )
        )
        for tier in self:
            tier.dealer_count = counts.get(tier, 0)

    # ------------------------------------------------------------ rules

    def _core_tier(self):
        self.ensure_one()
        return core.Tier(
            self.id, self.rank, self.min_avg_revenue, self.min_yearly_sales, self.min_major_share
        )

    @api.model
    def _tiers_for(self, company):
        """The tiers a company uses: its own when it has any, else the shared ones."""
        tiers = self.search([("company_id", "=", company.id)])
        return tiers or self.search([("company_id", "=", False)])

    @api.constrains(
        "rank", "min_avg_revenue", "min_yearly_sales", "min_major_share", "company_id", "active"
    )
    def _check_criteria(self):
        # sudo: the order of the criteria holds over every tier of the company, including
        # those of a company the editor does not work in
        Tier = self.sudo().with_context(active_test=True)
        for company in set(self.mapped("company_id")):
            tiers = Tier.search([("company_id", "=", company.id if company else False)])
            try:
                core.check_tiers([t._core_tier() for t in tiers])
            except core.RuleProblem as problem:
                raise_dealer_problem(self.env, problem)
