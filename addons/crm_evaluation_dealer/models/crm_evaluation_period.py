"""Dealer measures of an evaluation period (crm_dealer_tiers' tiers and compliance):

- *revenue* and *buying customers* per dealer tier: the confirmed sale orders of the
  period's company dated in the period, untaxed, converted to the company currency
  with each order's own rate (``currency_rate``), of the customers (commercial
  partners) that have a dealer tier, grouped by that tier as it is when the period
  is computed (then frozen in the lines, like crm_evaluation's customer attributes).
  Every tier the company uses gets its lines, with 0 when it sold nothing;
- *dealers* and *dealer compliance rate (%)*, in total and per tier: the dealers of
  the company (customer group ``dealer`` or a tier; the company's own and the shared
  partners, as the tier review counts them) and, of those, the share that meets the
  compliance standard when the period is computed (``numerator``: compliant dealers,
  ``denominator``: dealers).

One SQL statement for the revenue; one search of the dealers and crm_dealer_tiers'
set-based compliance check (two grouped reads) for the rate.
"""

from collections import Counter

from odoo import models
from odoo.tools import SQL

from odoo.addons.crm_evaluation.evaluation_core import measures


class CrmEvaluationPeriod(models.Model):
    _inherit = "crm.evaluation.period"

    def _evaluation_collect(self):
        lines = super()._evaluation_collect()
        lines += self._evaluation_dealer_revenue_lines()
        lines += self._evaluation_dealer_compliance_lines()
        return lines

    def _evaluation_dealer_tiers(self):
        """The tiers the period's company uses (sudo: tiers are configuration every
        dealer user reads; the period measures whatever the user computing it sees)."""
        self.ensure_one()
        return self.env["crm.dealer.tier"].sudo()._tiers_for(self.company_id)

    def _evaluation_tier_line(self, measure, value, tier, **keys):
        return self._evaluation_line(
            measure, value, "dealer_tier", dealer_tier_id=tier.id, label=tier.name, **keys
        )

    def _evaluation_dealer_revenue_lines(self):
        self.ensure_one()
        start, end = self._evaluation_bounds()
        self.env["sale.order"]._idic_revenue_flush()
        self.env["res.partner"].flush_model(["commercial_partner_id", "dealer_tier_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT dealer.dealer_tier_id,
                       SUM(%(amount)s),
                       COUNT(DISTINCT dealer.id)
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                  JOIN res_partner dealer ON dealer.id = p.commercial_partner_id
                 WHERE so.company_id = %(company)s
                   AND so.state = 'sale'
                   AND so.date_order >= %(start)s
                   AND so.date_order < %(end)s
                   AND dealer.dealer_tier_id IS NOT NULL
              GROUP BY dealer.dealer_tier_id
                """,
                company=self.company_id.id,
                start=start,
                end=end,
                amount=self.env["sale.order"]._idic_revenue_sql(),
            )
        )
        sold = {tier_id: (revenue, buyers) for tier_id, revenue, buyers in self.env.cr.fetchall()}
        Tier = self.env["crm.dealer.tier"].sudo().with_context(active_test=False)
        tiers = self._evaluation_dealer_tiers() | Tier.browse(sold)
        lines = []
        for tier in tiers.sorted("rank"):
            revenue, buyers = sold.get(tier.id, (0.0, 0))
            lines.append(self._evaluation_tier_line("revenue", revenue or 0.0, tier))
            lines.append(self._evaluation_tier_line("buying_customers", buyers, tier))
        return lines

    def _evaluation_dealer_compliance_lines(self):
        self.ensure_one()
        company = self.company_id
        # sudo: the rate counts every dealer of the company, whichever dealers the user
        # computing the period may read; only the counts are kept
        dealers = (
            self.env["res.partner"]
            .sudo()
            .search(
                [
                    "|",
                    ("idic_customer_group", "=", "dealer"),
                    ("dealer_tier_id", "!=", False),
                    ("parent_id", "=", False),
                    ("company_id", "in", [company.id, False]),
                ]
            )
        )
        missing = dealers._dealer_missing_by_partner(company)
        counted = Counter()
        compliant = Counter()
        for dealer in dealers:
            for key in {None, dealer.dealer_tier_id.id or None}:
                counted[key] += 1
                compliant[key] += not missing.get(dealer.id)
        lines = self._evaluation_compliance_lines(counted[None], compliant[None])
        Tier = self.env["crm.dealer.tier"].sudo().with_context(active_test=False)
        tiers = self._evaluation_dealer_tiers() | Tier.browse([key for key in counted if key])
        for tier in tiers.sorted("rank"):
            lines += self._evaluation_compliance_lines(counted[tier.id], compliant[tier.id], tier)
        return lines

    def _evaluation_compliance_lines(self, dealers, compliant, tier=None):
        """The *dealers* and *dealer compliance rate* lines, in total or for ``tier``."""
        rate = measures.rate(compliant, dealers)
        values = [
            ("dealers", dealers, {}),
            (
                "dealer_compliance_rate",
                rate if rate is not None else 0.0,
                {"numerator": compliant, "denominator": dealers},
            ),
        ]
        if tier:
            return [self._evaluation_tier_line(m, v, tier, **keys) for m, v, keys in values]
        return [self._evaluation_line(m, v, **keys) for m, v, keys in values]
