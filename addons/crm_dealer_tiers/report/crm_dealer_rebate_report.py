"""Yearly rebate per dealer: qualifying sales, the tier the dealer held and its rebate.

Each order counts at the tier the dealer held on the order's day (``crm.dealer.tier.
history``: the last change on or before that day; before the first recorded change, the
tier that change replaced; a dealer with no recorded change, its current tier). A year
in which the dealer changed tier has one row per tier held, each with the sales made at
that tier; sales made without a tier earn no rebate."""

from odoo import fields, models
from odoo.tools import SQL


class CrmDealerRebateReport(models.Model):
    _name = "crm.dealer.rebate.report"
    _description = "Dealer yearly rebate"
    _auto = False
    _rec_name = "partner_id"
    _order = "year desc, partner_id"
    _depends = {
        "sale.order": [
            "state",
            "date_order",
            "partner_id",
            "company_id",
            "amount_untaxed",
            "idic_refunded_amount",
            "currency_rate",
        ],
        "crm.dealer.tier.history": ["partner_id", "date", "old_tier_id", "new_tier_id"],
        "res.partner": ["commercial_partner_id", "dealer_tier_id"],
        "crm.dealer.tier": ["rebate_pct"],
    }

    partner_id = fields.Many2one("res.partner", string="Dealer", readonly=True)
    year = fields.Char(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    tier_id = fields.Many2one(
        "crm.dealer.tier",
        string="Tier held",
        readonly=True,
        help="The tier the dealer held when it made these sales: a year with a change of "
        "tier has a row per tier.",
    )
    rebate_pct = fields.Float(string="Rebate (%)", readonly=True, aggregator="max")
    sales_amount = fields.Monetary(
        string="Qualifying sales",
        readonly=True,
        help="The dealer's revenue of the year: untaxed confirmed sales net of the credit "
        "notes issued against them, in the company currency.",
    )
    rebate_amount = fields.Monetary(string="Rebate", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            "%s %s %s %s",
            self._select(),
            self._from(),
            self._where(),
            self._group_by(),
        )

    def _select(self):
        return SQL(
            """
            SELECT MIN(so.id) AS id,
                   dealer.id AS partner_id,
                   to_char(so.date_order, 'YYYY') AS year,
                   so.company_id AS company_id,
                   company.currency_id AS currency_id,
                   %(held)s AS tier_id,
                   COALESCE(tier.rebate_pct, 0) AS rebate_pct,
                   SUM(%(amount)s) AS sales_amount,
                   SUM(%(amount)s) * COALESCE(tier.rebate_pct, 0) / 100.0 AS rebate_amount
            """,
            held=self._held_tier(),
            amount=self.env["sale.order"]._idic_revenue_sql(),
        )

    def _held_tier(self):
        """The tier the dealer held on the order's day (SQL, over ``_from``'s aliases)."""
        return SQL(
            "CASE WHEN before.id IS NOT NULL THEN before.new_tier_id "
            "WHEN after.id IS NOT NULL THEN after.old_tier_id "
            "ELSE dealer.dealer_tier_id END"
        )

    def _from(self):
        return SQL(
            """
              FROM sale_order so
              JOIN res_partner rp ON rp.id = so.partner_id
              JOIN res_partner dealer ON dealer.id = rp.commercial_partner_id
              JOIN res_company company ON company.id = so.company_id
         LEFT JOIN LATERAL (
                   SELECT h.id, h.new_tier_id
                     FROM crm_dealer_tier_history h
                    WHERE h.partner_id = dealer.id AND h.date <= so.date_order::date
                 ORDER BY h.date DESC, h.id DESC
                    LIMIT 1) before ON TRUE
         LEFT JOIN LATERAL (
                   SELECT h.id, h.old_tier_id
                     FROM crm_dealer_tier_history h
                    WHERE h.partner_id = dealer.id AND h.date > so.date_order::date
                 ORDER BY h.date, h.id
                    LIMIT 1) after ON TRUE
         LEFT JOIN crm_dealer_tier tier ON tier.id = %(held)s
            """,
            held=self._held_tier(),
        )

    def _where(self):
        return SQL(
            """
             WHERE so.state = 'sale'
               -- dealers only: a tier now or once (a customer of the dealer group that
               -- never held a tier is not in the network)
               AND (dealer.dealer_tier_id IS NOT NULL OR before.id IS NOT NULL
                    OR after.id IS NOT NULL)
            """
        )

    def _group_by(self):
        return SQL(
            """
          GROUP BY dealer.id,
                   to_char(so.date_order, 'YYYY'),
                   so.company_id,
                   company.currency_id,
                   %(held)s,
                   tier.rebate_pct
            """,
            held=self._held_tier(),
        )
