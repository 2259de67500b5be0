"""Differentiate: what the scores are computed from (revenue, pipeline), and which
company scores a customer."""

import logging
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, models
from odoo.tools import SQL

from ..idic_core import scoring

_logger = logging.getLogger(__name__)


def members_of(partner_ids):
    """SQL condition on ``res_partner p``: p is one of ``partner_ids`` or one of their
    contacts. The range on the same column lets PostgreSQL read the index in order."""
    return SQL(
        "p.commercial_partner_id = ANY(%s) AND p.commercial_partner_id BETWEEN %s AND %s",
        list(partner_ids),
        min(partner_ids),
        max(partner_ids),
    )


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ========================================================== score inputs

    @api.model
    def _idic_customer_domain(self):
        """Partners that are scored: top-level customers and prospects.

        A customer is a partner with a confirmed sale order (in any company: Odoo
        raises ``customer_rank`` only when invoices are posted), with invoices, with a
        customer group or with opportunities.
        """
        return [
            ("parent_id", "=", False),
            "|",
            "|",
            "|",
            "|",
            ("customer_rank", ">", 0),
            ("idic_customer_group", "!=", False),
            ("opportunity_ids", "!=", False),
            ("sale_order_ids.state", "=", "sale"),
            ("child_ids.sale_order_ids.state", "=", "sale"),
        ]

    def _idic_order_stats(self, today):
        """{commercial partner id: (first, last, count, revenue 12m, revenue previous 12m)}.

        One query for the whole recordset over the current company's confirmed
        orders; the amounts are revenue as ``sale.order._idic_revenue_sql`` defines it
        (net of the credit notes issued against the orders).
        """
        commercial = self._idic_columns(["commercial_partner_id"])["commercial_partner_id"]
        partner_ids = list(set(filter(None, commercial)))
        if not partner_ids:
            return {}
        company = self.env.company
        start = today - relativedelta(years=1)
        prev_start = today - relativedelta(years=2)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH orders AS (
                    SELECT p.commercial_partner_id AS partner_id,
                           so.date_order,
                           %(amount)s AS amount
                      FROM res_partner p
                      -- each partner's orders through the partner_id index (OFFSET 0 keeps
                      -- PostgreSQL from hashing every confirmed order of the database)
                      JOIN LATERAL (
                           SELECT so.date_order, so.amount_untaxed, so.idic_refunded_amount,
                                  so.currency_rate
                             FROM sale_order so
                            WHERE so.partner_id = p.id
                              AND so.state = 'sale'
                              AND so.company_id = %(company)s
                           OFFSET 0) so ON TRUE
                     WHERE %(members)s
                )
                SELECT partner_id,
                       MIN(date_order)::date,
                       MAX(date_order)::date,
                       COUNT(*),
                       COALESCE(SUM(amount) FILTER (WHERE date_order >= %(start)s), 0),
                       COALESCE(SUM(amount) FILTER (
                           WHERE date_order >= %(prev)s AND date_order < %(start)s), 0)
                  FROM orders
              GROUP BY partner_id
                """,
                start=start,
                prev=prev_start,
                members=members_of(partner_ids),
                company=company.id,
                amount=self.env["sale.order"]._idic_revenue_sql(),
            )
        )
        return {row[0]: tuple(row[1:]) for row in self.env.cr.fetchall()}

    def _idic_pipeline(self):
        """{partner id: expected revenue x probability of its open opportunities}.

        Every opportunity of the partner and its contacts counts (totals only leave
        this query), in the current company or in none.
        """
        if not self:
            return {}
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                -- each contact's opportunities through the partner_id index (OFFSET 0:
                -- not a scan of every opportunity of the database for each batch)
                SELECT p.commercial_partner_id, SUM(l.prorated_revenue)
                  FROM res_partner p
                  JOIN LATERAL (SELECT l.prorated_revenue FROM crm_lead l
                                 WHERE l.partner_id = p.id AND l.active
                                   AND l.type = 'opportunity'
                                   AND COALESCE(l.probability, 0) < 100
                                   AND (l.company_id = %(company)s OR l.company_id IS NULL)
                                OFFSET 0) l ON TRUE
                 WHERE %(members)s
              GROUP BY p.commercial_partner_id
                """,
                members=members_of(self.ids),
                company=self.env.company.id,
            )
        )
        return defaultdict(float, {pid: amount or 0.0 for pid, amount in self.env.cr.fetchall()})

    def _idic_attention_flags(self):
        """Ids of the partners that another addon wants looked at (such as open complaints).

        Override: return ``super()._idic_attention_flags() | your_ids``. Flagged
        customers get the status "needs attention".
        """
        return set()

    def _idic_score_inputs(self, today):
        """{partner id: idic_core.scoring.ScoreInputs} for the partners of ``self``.

        The extension point of the Differentiate step: override, call super and
        replace entries (``dataclasses.replace``), for example to add a loyalty
        bonus from the member's rank. Runs in the company whose rules apply
        (``self.env.company``); must stay set-based (a few queries per call).
        """
        stats = self._idic_order_stats(today)
        pipeline = self._idic_pipeline()
        flagged = self._idic_attention_flags()
        estimates = self._idic_columns(["idic_potential_estimate"])["idic_potential_estimate"]
        inputs = {}
        for partner_id, estimate in zip(self._ids, estimates, strict=True):
            first, last, count, revenue, previous = stats.get(partner_id, (None, None, 0, 0.0, 0.0))
            inputs[partner_id] = scoring.ScoreInputs(
                revenue_12m=revenue,
                revenue_prev_12m=previous,
                pipeline=pipeline.get(partner_id, 0.0),
                potential_estimate=estimate or 0.0,
                order_count=count,
                first_order=first,
                last_order=last,
                needs_attention=partner_id in flagged,
            )
        return inputs

    def _idic_scoring_company(self):
        """The company whose rules and orders score this partner (see _idic_shared_owners)."""
        return self.company_id or self.idic_scoring_company_id or self._idic_main_company()

    @api.model
    def _idic_main_company(self):
        # the first company of the database, whichever company the reader is in
        return self.env["res.company"].sudo().search([], order="sequence, id", limit=1)

    def _idic_shared_owners(self):
        """{partner id: company or None} for partners shared by all companies (no company).

        A shared partner is scored by the one company it buys from (confirmed
        orders), else by the one company that has open opportunities with it,
        else, having neither, by the main company. A partner that buys from, or
        is courted by, several companies is scored by none (None): its scores
        would show one company's sales to the users of another.
        """
        if not self:
            return {}
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                -- orders and opportunities of each partner through their partner_id
                -- index (OFFSET 0: not a hash of every order of the database)
                SELECT p.commercial_partner_id, 0, array_agg(DISTINCT so.company_id)
                  FROM res_partner p
                  JOIN LATERAL (SELECT so.company_id FROM sale_order so
                                 WHERE so.partner_id = p.id AND so.state = 'sale'
                                OFFSET 0) so ON TRUE
                 WHERE %(members)s
              GROUP BY p.commercial_partner_id
                 UNION ALL
                SELECT p.commercial_partner_id, 1, array_agg(DISTINCT l.company_id)
                  FROM res_partner p
                  JOIN LATERAL (SELECT l.company_id FROM crm_lead l
                                 WHERE l.partner_id = p.id AND l.active
                                   AND l.type = 'opportunity' AND l.company_id IS NOT NULL
                                OFFSET 0) l ON TRUE
                 WHERE %(members)s
              GROUP BY p.commercial_partner_id
                """,
                members=members_of(self.ids),
            )
        )
        found = {}
        for partner_id, _rank, company_ids in sorted(self.env.cr.fetchall(), key=lambda r: r[1]):
            found.setdefault(partner_id, company_ids)  # orders first, then opportunities
        main = self._idic_main_company()
        Company = self.env["res.company"]
        return {
            pid: (
                Company.browse(found[pid][0])
                if len(found.get(pid, ())) == 1
                else (main if pid not in found else None)
            )
            for pid in self.ids
        }
