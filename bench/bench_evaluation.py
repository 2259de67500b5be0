"""Benchmark of computing a monthly crm_evaluation period against a plain SQL baseline.

Run by bench/run-evaluation (``python bench_evaluation.py -c odoo.conf -d DB``), with the
Python of an installed Odoo 18. It fills the database through SQL (the fast path) with
N customers (segments, value classes, customer groups, a salesperson and team each),
S salespeople in T teams and M confirmed sale orders over the months before and during
the period, times ``action_compute`` of one monthly period as a CRM committee user,
counts its queries, then computes the same totals (revenue, buying customers, new
customers, in total, per salesperson and per segment) with one SQL statement and checks
that both give the same figures.
"""

import argparse
import json
import resource
import sys
import time
from datetime import date

from bench_evaluation_sql import compare, run_full_sql_baseline, run_sql_baseline
from bench_idic_recompute import QueryProfile, machine
from dateutil.relativedelta import relativedelta

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import SQL


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--salespeople", type=int, default=200)
    parser.add_argument("--teams", type=int, default=20)
    parser.add_argument("--orders", type=int, default=500_000)
    parser.add_argument(
        "--months", type=int, default=6, help="months of orders, the evaluated month the last"
    )
    parser.add_argument("--lines-per-order", type=int, default=2)
    parser.add_argument("--reuse", action="store_true", help="the data is there already")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--json", help="write the results to this file")
    parser.add_argument(
        "--profile", action="store_true", help="print the most costly queries of the compute"
    )
    return parser.parse_args()


def period_month(today=None):
    """The evaluated month: the last full month before today."""
    first = (today or date.today()).replace(day=1)
    return first - relativedelta(months=1), first - relativedelta(days=1)


def build_users(env, salespeople, teams):
    """Salespeople (internal users of Sales) in teams, through the ORM: users need their
    partner, groups and settings, and 200 are quick to create."""
    company = env.ref("base.main_company")
    group = env.ref("sales_team.group_sale_salesman")
    Users = env["res.users"].with_context(no_reset_password=True, mail_create_nolog=True)
    users = Users.create(
        [
            {
                "name": f"Bench seller {i}",
                "login": f"bench_seller_{i}",
                "company_id": company.id,
                "company_ids": [(6, 0, company.ids)],
                "groups_id": [(6, 0, group.ids)],
            }
            for i in range(1, salespeople + 1)
        ]
    )
    Team = env["crm.team"].with_context(mail_create_nolog=True)
    size = -(-salespeople // teams)
    team_records = Team.create(
        [
            {
                "name": f"Bench team {t + 1}",
                "company_id": company.id,
                "member_ids": [(6, 0, users[t * size : (t + 1) * size].ids)],
            }
            for t in range(teams)
        ]
    )
    env.flush_all()
    return users, team_records


def build_data(env, args, date_from, date_to):
    """Salespeople and teams through the ORM; customers, orders and lines in SQL."""
    cr = env.cr
    company = env.ref("base.main_company")
    users, teams = build_users(env, args.salespeople, args.teams)
    segments = env["crm.idic.segment"].search([("company_id", "=", company.id)])
    if not segments:
        sys.exit("crm_idic's segments are missing")
    product = env["product.product"].create({"name": "Bench panel", "list_price": 1_000_000})
    env.flush_all()
    first_day = date_from - relativedelta(months=args.months - 1)
    days = (date_to - first_day).days + 1
    cr.execute(
        SQL(
            """
            CREATE TABLE IF NOT EXISTS bench_seller AS
            SELECT u.id AS user_id, m.crm_team_id AS team_id,
                   row_number() OVER (ORDER BY u.id) AS rn
              FROM res_users u JOIN crm_team_member m ON m.user_id = u.id
             WHERE u.login LIKE %(seller_pattern)s;
            CREATE UNIQUE INDEX IF NOT EXISTS bench_seller_rn ON bench_seller (rn);
            -- customers: companies and people of the main company, each with a segment,
            -- a value class, a customer group and the salesperson who owns it, each drawn
            -- by a hash of the number (independent of one another); one in twenty
            -- without a segment (not scored yet)
            INSERT INTO res_partner (name, complete_name, active, is_company, type,
                                     customer_rank, company_id, autopost_bills, lang, user_id,
                                     idic_segment_id, idic_value_class,
                                     idic_customer_group, create_uid, write_uid, create_date,
                                     write_date)
            SELECT 'Bench client ' || g, 'Bench client ' || g, TRUE, mod(g, 3) <> 0, 'contact',
                   1, %(company)s, 'ask', 'en_US', s.user_id,
                   CASE WHEN mod(abs(hashint4(g)::bigint), 20) <> 0
                        THEN (%(segments)s::int[])[1 + mod(abs(hashint4(g + 1000000)::bigint),
                                                           %(nseg)s)] END,
                   (ARRAY['super', 'large', 'medium', 'small', 'inactive',
                          'potential'])[1 + mod(abs(hashint4(g + 2000000)::bigint), 6)],
                   (ARRAY['individual', 'dealer', 'project'])
                       [1 + mod(abs(hashint4(g + 3000000)::bigint), 3)],
                   1, 1, now(), now()
              FROM generate_series(1, %(n)s) g
              JOIN bench_seller s ON s.rn = 1 + mod(abs(hashint4(g + 4000000)::bigint),
                                                    %(sellers)s);
            UPDATE res_partner SET commercial_partner_id = id WHERE commercial_partner_id IS NULL;
            CREATE TABLE IF NOT EXISTS bench_client AS
            SELECT p.id, p.user_id, s.team_id, row_number() OVER (ORDER BY p.id) AS rn
              FROM res_partner p JOIN bench_seller s ON s.user_id = p.user_id
             WHERE p.name LIKE %(client_pattern)s;
            CREATE UNIQUE INDEX IF NOT EXISTS bench_client_rn ON bench_client (rn);
            -- orders over the months up to the period's end, half of them skewed so that
            -- some customers buy often; one in ten sold by another salesperson than the
            -- customer's own; one in twenty cancelled, one in forty a draft quotation
            INSERT INTO sale_order (name, partner_id, partner_invoice_id, partner_shipping_id,
                                    company_id, currency_id, currency_rate, date_order, state,
                                    user_id, team_id, amount_untaxed, amount_tax,
                                    amount_total, create_uid, write_uid, create_date,
                                    write_date)
            SELECT 'EBENCH/' || g, c.id, c.id, c.id, %(company)s, %(currency)s, 1.0,
                   %(first_day)s::timestamp
                       + mod(abs(hashint4(g + 6000000)::bigint), %(days)s) * interval '1 day'
                       + mod(g, 86000) * interval '1 second',
                   CASE WHEN mod(g, 20) = 0 THEN 'cancel' WHEN mod(g, 40) = 1 THEN 'draft'
                        ELSE 'sale' END,
                   CASE WHEN mod(g, 10) = 0 THEN s.user_id ELSE c.user_id END,
                   CASE WHEN mod(g, 10) = 0 THEN s.team_id ELSE c.team_id END,
                   0, 0, 0, 1, 1, now(), now()
              FROM generate_series(1, %(orders)s) g
              JOIN bench_client c
                ON c.rn = 1 + CASE WHEN mod(g, 2) = 0 THEN mod(g::bigint * g::bigint, %(n)s)
                                   ELSE mod(abs(hashint4(g)::bigint), %(n)s) END
              JOIN bench_seller s ON s.rn = 1 + mod(abs(hashint4(g + 5000000)::bigint),
                                                    %(sellers)s);
            INSERT INTO sale_order_line (order_id, sequence, name, product_id, product_uom,
                                         price_unit, product_uom_qty, customer_lead,
                                         price_subtotal, price_total, price_tax, company_id,
                                         currency_id, order_partner_id, salesman_id, state,
                                         create_uid, write_uid, create_date, write_date)
            SELECT so.id, i, 'Bench panel', %(product)s, %(uom)s, amount, 1, 0, amount, amount,
                   0, %(company)s, %(currency)s, so.partner_id, so.user_id, so.state, 1, 1,
                   now(), now()
              FROM sale_order so, generate_series(1, %(per)s) i,
                   LATERAL (SELECT 100000 * (1 + mod(so.id * 13 + i * 31, 500))::numeric)
                        AS l(amount)
             WHERE so.name LIKE %(order_pattern)s;
            UPDATE sale_order so
               SET amount_untaxed = t.amount, amount_total = t.amount
              FROM (SELECT order_id, SUM(price_subtotal) AS amount FROM sale_order_line
                     GROUP BY order_id) t
             WHERE t.order_id = so.id AND so.name LIKE %(order_pattern)s;
            ANALYZE res_partner; ANALYZE sale_order; ANALYZE sale_order_line;
            """,
            company=company.id,
            currency=company.currency_id.id,
            segments=segments.ids,
            nseg=len(segments),
            n=args.customers,
            sellers=args.salespeople,
            orders=args.orders,
            per=args.lines_per_order,
            product=product.id,
            uom=product.uom_id.id,
            first_day=first_day,
            days=days,
            seller_pattern="bench_seller_%",
            client_pattern="Bench client %",
            order_pattern="EBENCH/%",
        )
    )
    return len(users), len(teams)


def data_facts(env, date_from, date_to):
    env.cr.execute(
        SQL(
            """
            SELECT count(*) FILTER (WHERE state = 'sale'),
                   count(*) FILTER (WHERE state = 'sale' AND date_order >= %s
                                      AND date_order < %s),
                   count(*),
                   (SELECT count(*) FROM sale_order_line WHERE name = 'Bench panel'),
                   (SELECT count(*) FROM res_partner WHERE name LIKE %s)
              FROM sale_order WHERE name LIKE %s
            """,
            date_from,
            date_to + relativedelta(days=1),
            "Bench client %",
            "EBENCH/%",
        )
    )
    confirmed, in_period, orders, lines, customers = env.cr.fetchone()
    return {
        "customers": customers,
        "orders_all": orders,
        "orders_confirmed": confirmed,
        "orders_confirmed_in_period": in_period,
        "order_lines": lines,
    }


def committee_user(env):
    """A CRM committee user of the company who is not the superuser (rules apply)."""
    admin = env.ref("base.user_admin")
    if not admin.has_group("crm_evaluation.group_evaluation_committee"):
        sys.exit("the administrator is not in the CRM committee")
    return admin


def run_compute(env, date_from, date_to):
    """Create the monthly period as the committee user and time ``action_compute``."""
    user = committee_user(env)
    Period = env["crm.evaluation.period"].with_user(user)
    Period.search([("name", "=", "Bench month")]).sudo().unlink()
    period = Period.create(
        {"name": "Bench month", "kind": "monthly", "date_from": date_from, "date_to": date_to}
    )
    env.cr.commit()  # pylint: disable=invalid-commit
    env.invalidate_all()
    start_queries = odoo.sql_db.sql_counter
    start = time.perf_counter()
    period.action_compute()
    env.flush_all()
    seconds = time.perf_counter() - start
    queries = odoo.sql_db.sql_counter - start_queries
    env.cr.commit()  # pylint: disable=invalid-commit
    return period, seconds, queries


def load():
    with open("/proc/loadavg") as loadavg:
        return loadavg.read().split()[:3]


def main():
    args = parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database, "--no-http"])
    registry = odoo.modules.registry.Registry(args.database)
    date_from, date_to = period_month()
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        load_before = load()
        t0 = time.perf_counter()
        if not args.reuse:
            build_data(env, args, date_from, date_to)
        cr.commit()  # pylint: disable=invalid-commit
        build_seconds = time.perf_counter() - t0
        facts = data_facts(env, date_from, date_to)
        if args.build_only:
            print(json.dumps({"build_seconds": round(build_seconds, 1), **facts}, indent=2))
            return 0
        if env["res.company"].sudo().search_count([]) != 1:
            sys.exit("the SQL baseline reads the orders of one company")
        if args.profile:
            with QueryProfile() as profile:
                period, seconds, queries = run_compute(env, date_from, date_to)
            print("Queries of the compute (seconds, count, statement):")
            profile.report(top=25)
        else:
            period, seconds, queries = run_compute(env, date_from, date_to)
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        load_after = load()
        sql_seconds, sql_rows = run_sql_baseline(env, period)
        full_seconds, full_rows = run_full_sql_baseline(env, period)
        checked = compare(env, period)
        env.cr.execute(
            SQL("SELECT count(*) FROM crm_evaluation_line WHERE period_id = %s", period.id)
        )
        line_count = env.cr.fetchone()[0]
        env.cr.execute(
            SQL(
                "SELECT count(*) FROM crm_evaluation_line WHERE period_id = %s"
                " AND measure = 'revenue'",
                period.id,
            )
        )
        revenue_rows = env.cr.fetchone()[0]
        result = {
            "machine": machine(),
            "load_before": load_before,
            "load_after_compute": load_after,
            "period": [str(date_from), str(date_to)],
            "salespeople": args.salespeople,
            "teams": args.teams,
            **facts,
            "build_seconds": round(build_seconds, 1),
            "compute_seconds": round(seconds, 2),
            "compute_queries": queries,
            "lines_written": line_count,
            "peak_rss_mib": round(peak_mib),
            "sql_baseline_seconds": round(sql_seconds, 2),
            "sql_baseline_rows": sql_rows,
            "ratio_to_sql": round(seconds / sql_seconds, 2) if sql_seconds else None,
            "sql_full_baseline_seconds": round(full_seconds, 2),
            "sql_full_baseline_rows": full_rows,
            "odoo_revenue_lines": revenue_rows,
            "ratio_to_full_sql": round(seconds / full_seconds, 2) if full_seconds else None,
            **checked,
        }
        cr.rollback()
    print(json.dumps(result, indent=2))
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(result, handle, indent=2)
    return 0 if result["differing"] == 0 and result["figures_compared"] else 1


if __name__ == "__main__":
    sys.exit(main())
