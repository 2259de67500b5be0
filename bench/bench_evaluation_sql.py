"""The SQL side of bench/bench_evaluation.py: the baselines a monthly period's compute is
measured against, and the check that both give the same figures."""

import time

from odoo.tools import SQL

CHECKED_MEASURES = ("revenue", "buying_customers", "new_customers")
CHECKED_DIMENSIONS = ("total", "salesperson", "segment")


def run_sql_baseline(env, period):
    """Revenue (untaxed, at each order's rate), buying customers and new customers (first
    confirmed order with the company ever in the period), in total, per salesperson of
    the orders and per segment of the customer (the commercial partner), in one
    statement."""
    company = env.ref("base.main_company")
    # the period's days, midnight to midnight in its time zone, as the compute reads them
    start_at, end_at = period._evaluation_bounds()
    start = time.perf_counter()
    env.cr.execute(
        SQL(
            """
            DROP TABLE IF EXISTS bench_sql_totals;
            CREATE TEMP TABLE bench_sql_totals AS
            WITH period_orders AS (
                SELECT so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1.0)
                           AS amount_untaxed,
                       so.user_id, p.commercial_partner_id AS customer,
                       cp.idic_segment_id AS segment_id
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                  JOIN res_partner cp ON cp.id = p.commercial_partner_id
                 WHERE so.state = 'sale' AND so.company_id = %(company)s
                   AND so.date_order >= %(start)s AND so.date_order < %(end)s
            ), earlier AS (
                SELECT DISTINCT p.commercial_partner_id AS customer
                  FROM sale_order so JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.state = 'sale' AND so.company_id = %(company)s
                   AND so.date_order < %(start)s
            ), flagged AS (
                SELECT o.*, e.customer IS NULL AS is_new FROM period_orders o
                  LEFT JOIN earlier e ON e.customer = o.customer
            )
            SELECT CASE WHEN GROUPING(user_id) = 0 THEN 'salesperson'
                        WHEN GROUPING(segment_id) = 0 THEN 'segment' ELSE 'total' END
                       AS dimension,
                   CASE WHEN GROUPING(user_id) = 0 THEN user_id
                        WHEN GROUPING(segment_id) = 0 THEN segment_id END AS key,
                   SUM(amount_untaxed) AS revenue,
                   COUNT(DISTINCT customer) AS buying_customers,
                   COUNT(DISTINCT customer) FILTER (WHERE is_new) AS new_customers
              FROM flagged
          GROUP BY GROUPING SETS ((), (user_id), (segment_id));
            """,
            company=company.id,
            start=start_at,
            end=end_at,
        )
    )
    seconds = time.perf_counter() - start
    env.cr.execute("SELECT count(*) FROM bench_sql_totals")
    return seconds, env.cr.fetchone()[0]


def run_full_sql_baseline(env, period):
    """Every sales measure the compute stores (revenue, buying, new, lapsed, previous and
    retained customers, repeat buyers: the counts behind the eight measures), in total,
    per segment, value class, customer group, salesperson and team, in one statement:
    one read of the orders of the period and of the previous one, one anti-join for the
    customers who bought before. Timed only: the figures the compute stores are checked
    against ``run_sql_baseline``."""
    start, end = period._evaluation_bounds()
    previous_start, _start = period._evaluation_previous_bounds()
    t0 = time.perf_counter()
    env.cr.execute(
        SQL(
            """
            DROP TABLE IF EXISTS bench_sql_full;
            CREATE TEMP TABLE bench_sql_full AS
            WITH orders AS (
                SELECT so.user_id, so.team_id, p.commercial_partner_id AS customer,
                       so.date_order >= %(start)s AS in_period,
                       so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1.0) AS amount
                  FROM sale_order so JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.company_id = %(company)s AND so.state = 'sale'
                   AND so.date_order >= %(previous_start)s AND so.date_order < %(end)s
            ), earlier AS (
                SELECT DISTINCT p.commercial_partner_id AS customer
                  FROM sale_order so JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.company_id = %(company)s AND so.state = 'sale'
                   AND so.date_order < %(start)s
            ), facts AS (
                SELECT GROUPING(user_id, team_id) AS level, user_id, team_id, customer,
                       bool_or(in_period) AS bought, bool_or(NOT in_period) AS bought_before,
                       count(*) FILTER (WHERE in_period) AS orders,
                       COALESCE(sum(amount) FILTER (WHERE in_period), 0) AS revenue
                  FROM orders
                 GROUP BY GROUPING SETS ((customer), (user_id, customer), (team_id, customer))
            )
            SELECT f.level, f.user_id, f.team_id, c.idic_segment_id, c.idic_value_class,
                   c.idic_customer_group,
                   GROUPING(f.user_id, f.team_id, c.idic_segment_id, c.idic_value_class,
                            c.idic_customer_group) AS grouping,
                   sum(f.revenue) AS revenue,
                   count(*) FILTER (WHERE f.bought) AS buying,
                   count(*) FILTER (WHERE f.bought AND e.customer IS NULL) AS new,
                   count(*) FILTER (WHERE f.bought_before AND NOT f.bought) AS lost,
                   count(*) FILTER (WHERE f.bought_before) AS previous,
                   count(*) FILTER (WHERE f.bought_before AND f.bought) AS retained,
                   count(*) FILTER (WHERE f.orders >= 2) AS repeat
              FROM facts f
              JOIN res_partner c ON c.id = f.customer
         LEFT JOIN earlier e ON e.customer = f.customer
             GROUP BY GROUPING SETS ((f.level), (f.level, c.idic_segment_id),
                                     (f.level, c.idic_value_class),
                                     (f.level, c.idic_customer_group),
                                     (f.level, f.user_id), (f.level, f.team_id))
            """,
            company=period.company_id.id,
            start=start,
            end=end,
            previous_start=previous_start,
        )
    )
    seconds = time.perf_counter() - t0
    # the rows that are measures: customer attributes over the company's facts (level 3),
    # salespeople over the salesperson's facts (level 1), teams over the team's (level 2)
    env.cr.execute(
        """
        SELECT count(*) FROM bench_sql_full
         WHERE (level = 3 AND grouping IN (31, 27, 29, 30))
            OR (level = 1 AND grouping = 15) OR (level = 2 AND grouping = 23)
        """
    )
    return seconds, env.cr.fetchone()[0]


def compare(env, period):
    """Figures that differ between the period's lines and the SQL baseline, per measure
    and dimension; a figure missing on one side counts as differing unless it is 0."""
    env.cr.execute(
        SQL(
            """
            WITH sql_side AS (
                SELECT dimension, key, m.measure, m.value
                  FROM bench_sql_totals,
                       LATERAL (VALUES ('revenue', revenue::float),
                                       ('buying_customers', buying_customers::float),
                                       ('new_customers', new_customers::float)) m(measure, value)
            ), odoo_side AS (
                SELECT dimension,
                       CASE dimension WHEN 'salesperson' THEN user_id
                                      WHEN 'segment' THEN segment_id END AS key,
                       measure, value
                  FROM crm_evaluation_line
                 WHERE period_id = %(period)s AND measure IN %(measures)s
                   AND dimension IN %(dimensions)s
            )
            SELECT COALESCE(s.measure, o.measure), COALESCE(s.dimension, o.dimension),
                   count(*),
                   count(*) FILTER (WHERE round(COALESCE(s.value, 0)::numeric, 2)
                                          <> round(COALESCE(o.value, 0)::numeric, 2)),
                   count(*) FILTER (WHERE o.measure IS NULL),
                   count(*) FILTER (WHERE s.measure IS NULL)
              FROM sql_side s
              FULL JOIN odoo_side o
                ON o.measure = s.measure AND o.dimension = s.dimension
               AND o.key IS NOT DISTINCT FROM s.key
          GROUP BY 1, 2 ORDER BY 1, 2
            """,
            period=period.id,
            measures=CHECKED_MEASURES,
            dimensions=CHECKED_DIMENSIONS,
        )
    )
    rows = env.cr.fetchall()
    details = {
        f"{measure}/{dimension}": {
            "figures": count,
            "differing": differing,
            "missing_in_odoo": missing_odoo,
            "only_in_odoo": only_odoo,
        }
        for measure, dimension, count, differing, missing_odoo, only_odoo in rows
    }
    env.cr.execute(
        SQL(
            "SELECT value FROM crm_evaluation_line WHERE period_id = %s AND dimension = 'total'"
            " AND measure = 'revenue'",
            period.id,
        )
    )
    total = env.cr.fetchone()
    return {
        "figures_compared": sum(d["figures"] for d in details.values()),
        "differing": sum(d["differing"] for d in details.values()),
        "by_measure": details,
        "revenue_total": total and total[0],
    }
