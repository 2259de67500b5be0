"""Company-side sales measures of an evaluation period.

Over the confirmed sale orders (state ``sale``) of the period's company whose order
date falls in the period; amounts are untaxed, converted to the company currency
with each order's own rate (``currency_rate``); a customer is the commercial partner.

- *revenue*, *buying customers*, *revenue per customer*;
- *new customers*: their first confirmed order with the company ever is in the period;
- *lost (lapsed) customers*: bought in the previous period of the same length but not
  in this one (not crm_idic's lapsed flag, which moves every day and would not match
  the period; this one is fixed by the orders' dates, so it can be frozen);
- *retention* / *churn*: of the customers who bought in the previous period, the
  share who bought again in this one / who did not;
- *repeat-purchase rate*: of the buying customers, the share with two orders or more.

In total and per segment, value class and customer group (the customer's attributes
read when the period is computed, and frozen in the lines), and per salesperson and
sales team of the orders. Per salesperson (team), the customers are those of that
salesperson's (team's) orders: a customer retained by a salesperson bought from that
salesperson in both periods. A customer buying from two salespeople counts for each.

One SQL statement in all, whatever the number of customers.
"""

from dateutil.relativedelta import relativedelta

from odoo import models
from odoo.tools import SQL

from ..evaluation_core import measures as core
from .crm_evaluation_period import KIND_LENGTH

# customer attribute dimensions: dimension -> (res_partner column, line field)
CUSTOMER_DIMENSIONS = {
    "segment": ("idic_segment_id", "segment_id"),
    "value_class": ("idic_value_class", "value_class"),
    "customer_group": ("idic_customer_group", "customer_group"),
}
# GROUPING(user_id, team_id) of the facts grouped per salesperson or team and customer
OWNER_LEVELS = {"salesperson": 1, "team": 2, "customer": 3}


class CrmEvaluationPeriod(models.Model):
    _inherit = "crm.evaluation.period"

    def _evaluation_collect(self):
        lines = super()._evaluation_collect()
        lines += self._evaluation_sales_lines()
        return lines

    def _evaluation_previous_bounds(self):
        """The previous period of the same length, as a half-open datetime range: the
        previous calendar week, month, quarter or year when the period is one, else
        the same number of days just before it."""
        self.ensure_one()
        length = KIND_LENGTH[self.kind]
        if self.date_from + length - relativedelta(days=1) == self.date_to:
            previous_from = self.date_from - length
        else:
            previous_from = self.date_from - (self.date_to - self.date_from) - relativedelta(days=1)
        start, _end = self._evaluation_bounds()
        return self._evaluation_midnight(previous_from), start

    # ------------------------------------------------------------ SQL

    def _evaluation_sales_query(self):
        """One statement: the orders of the period and of the previous one are read once
        and grouped per customer (``owner_level`` 3), per salesperson and customer (1)
        and per team and customer (2); a customer is new when it bought in the period,
        not in the previous one, and has no older order (one anti-join per such
        customer). The outer grouping sets give the whole company and each customer
        attribute over the customers' facts, each salesperson over the salespeople's
        and each team over the teams'."""
        self.ensure_one()
        start, end = self._evaluation_bounds()
        previous_start, _start = self._evaluation_previous_bounds()
        customer_columns = [
            SQL.identifier("c", column) for column, _field in CUSTOMER_DIMENSIONS.values()
        ]
        company_amount = self.env["sale.order"]._idic_revenue_sql()
        return SQL(
            """
            WITH orders AS (
                SELECT so.user_id, so.team_id, p.commercial_partner_id AS customer,
                       so.date_order >= %(start)s AS in_period, %(amount)s AS amount
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.company_id = %(company)s AND so.state = 'sale'
                   AND so.date_order >= %(previous_start)s AND so.date_order < %(end)s
            ), facts AS (
                SELECT GROUPING(user_id, team_id) AS owner_level, user_id, team_id, customer,
                       bool_or(in_period) AS bought,
                       bool_or(NOT in_period) AS bought_before,
                       count(*) FILTER (WHERE in_period) AS orders,
                       COALESCE(sum(amount) FILTER (WHERE in_period), 0) AS revenue
                  FROM orders
                 GROUP BY GROUPING SETS ((customer), (user_id, customer), (team_id, customer))
            ), newcomers AS (
                SELECT f.customer
                  FROM facts f
                 WHERE f.owner_level = 3 AND f.bought AND NOT f.bought_before
                   AND NOT EXISTS (
                       SELECT 1 FROM sale_order old
                         JOIN res_partner op ON op.id = old.partner_id
                        WHERE op.commercial_partner_id = f.customer
                          AND old.company_id = %(company)s AND old.state = 'sale'
                          AND old.date_order < %(previous_start)s
                   )
            )
            SELECT f.owner_level, f.user_id, f.team_id, %(columns)s,
                   GROUPING(f.user_id, f.team_id, %(columns)s) AS grouping,
                   COALESCE(sum(f.revenue), 0) AS revenue,
                   count(*) FILTER (WHERE f.bought) AS buying,
                   count(n.customer) AS new,
                   count(*) FILTER (WHERE f.bought_before AND NOT f.bought) AS lost,
                   count(*) FILTER (WHERE f.bought_before) AS previous,
                   count(*) FILTER (WHERE f.bought_before AND f.bought) AS retained,
                   count(*) FILTER (WHERE f.orders >= 2) AS repeat
              FROM facts f
              JOIN res_partner c ON c.id = f.customer
              LEFT JOIN newcomers n ON n.customer = f.customer AND f.bought
             GROUP BY GROUPING SETS (
                   (f.owner_level), %(customer_sets)s,
                   (f.owner_level, f.user_id), (f.owner_level, f.team_id)
             )
            HAVING (f.owner_level = 3 AND GROUPING(f.user_id, f.team_id) = 3)
                OR (f.owner_level = 1 AND GROUPING(f.user_id) = 0)
                OR (f.owner_level = 2 AND GROUPING(f.team_id) = 0)
            """,
            start=start,
            end=end,
            previous_start=previous_start,
            company=self.company_id.id,
            amount=company_amount,
            columns=SQL(", ").join(customer_columns),
            customer_sets=SQL(", ").join(
                SQL("(f.owner_level, %s)", column) for column in customer_columns
            ),
        )

    # ------------------------------------------------------------ lines

    def _evaluation_sales_flush(self):
        """Write pending ORM changes the SQL statements read."""
        self.env["sale.order"]._idic_revenue_flush()
        self.env["res.partner"].flush_model(
            ["commercial_partner_id", *(column for column, _f in CUSTOMER_DIMENSIONS.values())]
        )

    def _evaluation_sales_lines(self):
        self.ensure_one()
        self._evaluation_sales_flush()
        self.env.cr.execute(self._evaluation_sales_query())
        lines = []
        total_seen = False
        # GROUPING(user, team, customer columns...): a 0 bit for each column grouped on,
        # the first column the highest bit
        width = 2 + len(CUSTOMER_DIMENSIONS)
        for row in self.env.cr.dictfetchall():
            level, grouping = row["owner_level"], row["grouping"]
            if level == OWNER_LEVELS["salesperson"]:
                lines += self._evaluation_sales_row_lines(
                    row, "salesperson", self._evaluation_sales_keys("user_id", row["user_id"])
                )
            elif level == OWNER_LEVELS["team"]:
                lines += self._evaluation_sales_row_lines(
                    row, "team", self._evaluation_sales_keys("team_id", row["team_id"])
                )
            elif grouping == (1 << width) - 1:
                lines += self._evaluation_sales_row_lines(row, "total", {})
                total_seen = True
            else:
                for index, (dimension, (column, field)) in enumerate(
                    CUSTOMER_DIMENSIONS.items(), start=2
                ):
                    if not grouping & (1 << (width - 1 - index)):
                        keys = self._evaluation_sales_keys(field, row[column])
                        lines += self._evaluation_sales_row_lines(row, dimension, keys)
        if not total_seen:
            lines += self._evaluation_sales_row_lines({}, "total", {})
        return lines

    def _evaluation_sales_keys(self, field, value):
        if value in (None, False):
            return {"label": self.env._("Not set")}
        return {field: value}

    def _evaluation_sales_row_lines(self, row, dimension, keys):
        """The measures of one row of counts (all 0 when ``row`` is empty)."""
        revenue = row.get("revenue") or 0.0
        buying = row.get("buying") or 0
        previous = row.get("previous") or 0
        retained = row.get("retained") or 0
        repeat = row.get("repeat") or 0

        def line(measure, value, **extra):
            return self._evaluation_line(measure, value, dimension, **keys, **extra)

        def rate_line(measure, value, numerator, denominator):
            # nothing to measure (denominator 0): value 0 with denominator 0
            return line(measure, value or 0.0, numerator=numerator, denominator=denominator)

        return [
            line("revenue", revenue),
            line("buying_customers", buying),
            rate_line(
                "revenue_per_customer",
                core.revenue_per_customer(revenue, buying),
                revenue,
                buying,
            ),
            line("new_customers", row.get("new") or 0),
            line("lapsed_customers", row.get("lost") or 0),
            rate_line(
                "retention_rate", core.retention_rate(retained, previous), retained, previous
            ),
            rate_line(
                "churn_rate", core.churn_rate(retained, previous), previous - retained, previous
            ),
            rate_line("repeat_rate", core.repeat_purchase_rate(repeat, buying), repeat, buying),
        ]
