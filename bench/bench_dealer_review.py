"""Benchmark of the crm_dealer_tiers yearly review against a plain SQL baseline.

Run by bench/run-dealers (``python bench_dealer_review.py -c odoo.conf -d DB``), with
the Python of an installed Odoo 18. It fills the database with N dealers (tiers,
parents, contacts) and M confirmed sale order lines over 30 months through SQL (the
fast path), times the review as the scheduler runs it (batches of BATCH_SIZE
dealers), counts its queries and peak memory, then computes the same 24-month
revenue and brand mix per dealer with one SQL statement and checks that both agree.
"""

import argparse
import collections
import json
import resource
import sys
import time

from bench_idic_recompute import QueryProfile, machine

import odoo
from odoo import SUPERUSER_ID, api, fields
from odoo.tools import SQL


def review_module():
    """crm_dealer_tiers' review module (BATCH_SIZE), importable once the registry has set
    the addons path."""
    from odoo.addons.crm_dealer_tiers.models import crm_dealer_review

    return crm_dealer_review


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--dealers", type=int, default=10_000)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--lines-per-order", type=int, default=4)
    parser.add_argument("--json", help="write the results to this file")
    parser.add_argument(
        "--profile", action="store_true", help="print the most frequent queries of the review"
    )
    return parser.parse_args()


def build_data(env, dealers, lines, lines_per_order):
    """Brands and products through the ORM; dealers, contacts, orders and lines in SQL."""
    cr = env.cr
    company = env.ref("base.main_company")
    Brand = env["crm.dealer.brand"]
    brands = [
        Brand.create({"name": f"Bench {name}", "major": major})
        for name, major in (
            ("Major A", True),
            ("Major B", True),
            ("Minor C", False),
            ("Minor D", False),
        )
    ]
    Product = env["product.product"]
    # two products per brand, and two without a brand (count in neither share)
    products = [
        Product.create({"name": f"Bench {brand.name} {i}", "dealer_brand_id": brand.id})
        for brand in brands
        for i in (1, 2)
    ] + [Product.create({"name": f"Bench unbranded {i}"}) for i in (1, 2)]
    tiers = env["crm.dealer.tier"]._tiers_for(company).sorted("rank")
    env.flush_all()
    orders = lines // lines_per_order
    params = {
        "n": dealers,
        "orders": orders,
        "per": lines_per_order,
        "company": company.id,
        "currency": company.currency_id.id,
        "products": [p.id for p in products],
        "nproducts": len(products),
        "uom": products[0].uom_id.id,
        "tiers": tiers.ids,
        "ntiers": len(tiers),
        "dealer_pattern": "Bench dealer %",
        "order_pattern": "DBENCH/%",
    }
    cr.execute(
        SQL(
            """
            -- dealers: companies of the dealer group; one in eleven without a tier, the
            -- others spread over the tiers; one in nine shared by every company
            INSERT INTO res_partner (name, complete_name, active, is_company, type, company_id,
                                     autopost_bills, idic_customer_group, dealer_tier_id,
                                     dealer_tier_since, lang, create_uid, write_uid,
                                     create_date, write_date)
            SELECT 'Bench dealer ' || g, 'Bench dealer ' || g, TRUE, TRUE, 'contact',
                   CASE WHEN mod(g, 9) <> 0 THEN %(company)s END, 'ask', 'dealer',
                   CASE WHEN mod(g, 11) <> 0
                        THEN (%(tiers)s::int[])[1 + mod(g, %(ntiers)s)] END,
                   CURRENT_DATE - 400, 'en_US', 1, 1, now(), now()
              FROM generate_series(1, %(n)s) g;
            UPDATE res_partner SET commercial_partner_id = id
             WHERE commercial_partner_id IS NULL;
            CREATE TEMP TABLE bench_dealer AS
            SELECT id, row_number() OVER (ORDER BY id) AS rn
              FROM res_partner WHERE name LIKE %(dealer_pattern)s AND parent_id IS NULL;
            CREATE UNIQUE INDEX ON bench_dealer (rn);
            -- networks: each dealer past the first twentieth has a parent dealer
            UPDATE res_partner p SET dealer_parent_id = parent.id
              FROM bench_dealer d, bench_dealer parent
             WHERE p.id = d.id AND d.rn > %(n)s / 20 AND parent.rn = 1 + d.rn / 20;
            -- a contact person for one dealer in five: its orders count for the dealer
            INSERT INTO res_partner (name, complete_name, active, is_company, type, parent_id,
                                     commercial_partner_id, company_id, autopost_bills, lang,
                                     create_uid, write_uid, create_date, write_date)
            SELECT 'Bench buyer ' || d.rn, 'Bench dealer ' || d.rn || ', Bench buyer', TRUE,
                   FALSE, 'contact', d.id, d.id, p.company_id, 'ask', 'en_US', 1, 1, now(), now()
              FROM bench_dealer d JOIN res_partner p ON p.id = d.id
             WHERE mod(d.rn, 5) = 0;
            CREATE TEMP TABLE bench_buyer AS
            SELECT d.rn, COALESCE(c.id, d.id) AS id
              FROM bench_dealer d LEFT JOIN res_partner c ON c.parent_id = d.id;
            CREATE UNIQUE INDEX ON bench_buyer (rn);
            -- confirmed orders over 30 months (some older than the 24 the review reads),
            -- half of them skewed so that some dealers buy often; a twentieth more
            -- cancelled or draft
            INSERT INTO sale_order (name, partner_id, partner_invoice_id, partner_shipping_id,
                                    company_id, currency_id, currency_rate, date_order, state,
                                    amount_untaxed, amount_tax, amount_total, create_uid,
                                    write_uid, create_date, write_date)
            SELECT 'DBENCH/' || g, b.id, b.id, b.id, %(company)s, %(currency)s, 1.0,
                   now() - mod(g::bigint * 7919, 913) * interval '1 day'
                         - mod(g, 86400) * interval '1 second',
                   CASE WHEN g <= %(orders)s THEN 'sale'
                        WHEN mod(g, 2) = 0 THEN 'cancel' ELSE 'draft' END,
                   0, 0, 0, 1, 1, now(), now()
              FROM generate_series(1, %(orders)s + %(orders)s / 20) g
              JOIN bench_buyer b
                ON b.rn = 1 + CASE WHEN mod(g, 2) = 0 THEN mod(g::bigint * g::bigint, %(n)s)
                                   ELSE mod(g::bigint * 7919, %(n)s) END;
            INSERT INTO sale_order_line (order_id, sequence, name, product_id, product_uom,
                                         price_unit, product_uom_qty, customer_lead,
                                         price_subtotal, price_total, price_tax, company_id,
                                         currency_id, order_partner_id, state, create_uid,
                                         write_uid, create_date, write_date)
            SELECT so.id, i, 'Bench phone', prod, %(uom)s, amount, 1, 0, amount, amount, 0,
                   %(company)s, %(currency)s, so.partner_id, so.state, 1, 1, now(), now()
              FROM sale_order so, generate_series(1, %(per)s) i,
                   LATERAL (SELECT (%(products)s::int[])[1 + mod(so.id * 7 + i, %(nproducts)s)],
                                   1000000 * (5 + mod(so.id * 13 + i * 31, 400))::numeric)
                        AS l(prod, amount)
             WHERE so.name LIKE %(order_pattern)s;
            UPDATE sale_order so
               SET amount_untaxed = t.amount, amount_total = t.amount
              FROM (SELECT order_id, SUM(price_subtotal) AS amount FROM sale_order_line
                     GROUP BY order_id) t
             WHERE t.order_id = so.id AND so.name LIKE %(order_pattern)s;
            ANALYZE res_partner; ANALYZE sale_order; ANALYZE sale_order_line;
            """,
            **params,
        )
    )
    cr.execute(
        """SELECT count(*) FILTER (WHERE so.state = 'sale'), count(*),
                  count(*) FILTER (WHERE so.state = 'sale'
                                     AND so.date_order >= now() - interval '2 years')
             FROM sale_order_line sol JOIN sale_order so ON so.id = sol.order_id
            WHERE so.name LIKE 'DBENCH/%'"""
    )
    return cr.fetchone()


def run_cron(env, measured):
    """Run the review as the scheduler would, keeping what each batch measured.

    Like ``ir.cron._run_job``: each run gets an ``ir.cron.progress`` record in its
    context (so the job commits after each batch), and the job runs again while it
    reports records remaining.
    """
    cron = env.ref("crm_dealer_tiers.cron_dealer_review")
    Review = env.registry["crm.dealer.review"]
    original = Review._measure
    original_batch = Review._review_batch

    def measure(self, company, partners, today):
        result = original(self, company, partners, today)
        measured.update(result)
        return result

    def review_batch(self, company, core_tiers, dealers, today, figures):
        measured.setdefault("_batches", []).append(len(dealers))
        return original_batch(self, company, core_tiers, dealers, today, figures)

    Review._measure = measure
    Review._review_batch = review_batch
    runs = 0
    start_queries = odoo.sql_db.sql_counter
    start = time.perf_counter()
    try:
        while True:
            cron, progress = cron._add_progress()
            env.cr.commit()  # pylint: disable=invalid-commit
            env["crm.dealer.review"].with_context(ir_cron_progress_id=progress.id)._run_review()
            env.cr.commit()  # pylint: disable=invalid-commit
            env.invalidate_all()
            runs += 1
            if not progress.remaining or not progress.done:
                break
            if runs > 100:
                raise RuntimeError("the review never reports that it is done")
    finally:
        Review._measure = original
        Review._review_batch = original_batch
    seconds = time.perf_counter() - start
    return seconds, odoo.sql_db.sql_counter - start_queries, runs


def run_sql_baseline(env, today):
    """The same figures per dealer, and the brand mix, in one SQL statement."""
    company = env.ref("base.main_company")
    year_ago = fields.Date.subtract(today, years=1)
    two_years_ago = fields.Date.subtract(today, years=2)
    end = fields.Date.add(today, days=1)
    start = time.perf_counter()
    env.cr.execute(
        SQL(
            """
            DROP TABLE IF EXISTS bench_sql_figures;
            CREATE TEMP TABLE bench_sql_figures AS
            WITH dealers AS (
                SELECT p.id FROM res_partner p
                 WHERE p.active AND p.idic_customer_group = 'dealer' AND p.parent_id IS NULL
                   AND (p.company_id = %(company)s OR p.company_id IS NULL)
            ), lines AS (
                SELECT rp.commercial_partner_id AS dealer, so.date_order,
                       sol.price_subtotal / COALESCE(NULLIF(so.currency_rate, 0), 1.0) AS amount,
                       brand.major
                  FROM sale_order so
                  JOIN res_partner rp ON rp.id = so.partner_id
                  JOIN sale_order_line sol ON sol.order_id = so.id
             LEFT JOIN product_product pp ON pp.id = sol.product_id
             LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
             LEFT JOIN crm_dealer_brand brand ON brand.id = pt.dealer_brand_id
                 WHERE so.state = 'sale' AND so.company_id = %(company)s
                   AND so.date_order >= %(two_years_ago)s AND so.date_order < %(end)s
            )
            SELECT d.id,
                   COALESCE(SUM(l.amount) FILTER (WHERE l.date_order >= %(year_ago)s), 0)
                       AS last_12,
                   COALESCE(SUM(l.amount) FILTER (WHERE l.date_order < %(year_ago)s), 0)
                       AS prior_12,
                   COALESCE(SUM(l.amount) FILTER (WHERE l.major), 0) AS major,
                   COALESCE(SUM(l.amount) FILTER (WHERE NOT l.major), 0) AS minor,
                   ROUND(100 * SUM(l.amount) FILTER (WHERE l.major)
                         / NULLIF(SUM(l.amount), 0), 2) AS major_share,
                   ROUND(100 * SUM(l.amount) FILTER (WHERE NOT l.major)
                         / NULLIF(SUM(l.amount), 0), 2) AS minor_share
              FROM dealers d LEFT JOIN lines l ON l.dealer = d.id
          GROUP BY d.id;
            """,
            company=company.id,
            year_ago=year_ago,
            two_years_ago=two_years_ago,
            end=end,
        )
    )
    seconds = time.perf_counter() - start
    env.cr.execute("SELECT count(*) FROM bench_sql_figures")
    return seconds, env.cr.fetchone()[0]


def compare(env, measured):
    """Dealers whose figures differ between the job and the SQL baseline: the figures the
    job measured (a dealer without orders measured as zero), and the reviews it wrote."""
    env.cr.execute(
        """
        CREATE TEMP TABLE bench_job_figures (id int PRIMARY KEY, last_12 numeric,
                                             prior_12 numeric, major numeric)
        """
    )
    rows = [(pid, *figures) for pid, figures in measured.items() if pid != "_batches"]
    for start in range(0, len(rows), 5000):
        env.cr.execute(
            SQL(
                "INSERT INTO bench_job_figures SELECT * FROM unnest(%s::int[], %s::numeric[],"
                " %s::numeric[], %s::numeric[])",
                *(list(column) for column in zip(*rows[start : start + 5000], strict=True)),
            )
        )
    env.cr.execute(
        """
        SELECT count(*),
               count(*) FILTER (WHERE round(COALESCE(j.last_12, 0), 2) <> round(s.last_12, 2)
                                   OR round(COALESCE(j.prior_12, 0), 2) <> round(s.prior_12, 2)
                                   OR round(COALESCE(j.major, 0), 2) <> round(s.major, 2)),
               count(*) FILTER (WHERE s.last_12 + s.prior_12 > 0)
          FROM bench_sql_figures s LEFT JOIN bench_job_figures j ON j.id = s.id
        """
    )
    compared, differing, with_sales = env.cr.fetchone()
    env.cr.execute(
        """
        SELECT count(*),
               count(*) FILTER (WHERE round(r.revenue_last_12::numeric, 2) <> round(s.last_12, 2)
                                   OR round(r.revenue_prior_12::numeric, 2)
                                      <> round(s.prior_12, 2)
                                   OR abs(r.major_share - COALESCE(s.major_share, 0)) > 0.01),
               count(*) FILTER (WHERE r.action = 'upgrade'),
               count(*) FILTER (WHERE r.action = 'downgrade')
          FROM crm_dealer_review r JOIN bench_sql_figures s ON s.id = r.partner_id
        """
    )
    reviews, reviews_differing, upgrades, downgrades = env.cr.fetchone()
    return {
        "dealers_compared": compared,
        "differing": differing,
        "dealers_with_sales": with_sales,
        "reviews": reviews,
        "reviews_differing": reviews_differing,
        "upgrades": upgrades,
        "downgrades": downgrades,
    }


def load():
    with open("/proc/loadavg") as loadavg:
        return loadavg.read().split()[:3]


def main():
    args = parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database, "--no-http"])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        load_before = load()
        t0 = time.perf_counter()
        confirmed_lines, all_lines, lines_24m = build_data(
            env, args.dealers, args.lines, args.lines_per_order
        )
        cr.commit()  # pylint: disable=invalid-commit
        build_seconds = time.perf_counter() - t0
        if env["res.company"].sudo().search_count([]) != 1:
            sys.exit("the SQL baseline reads the dealers of one company")
        today = fields.Date.context_today(env["crm.dealer.review"])
        measured = {}
        if args.profile:
            with QueryProfile() as profile:
                cron_seconds, cron_queries, runs = run_cron(env, measured)
            print("Queries of the review (seconds, count, statement):")
            profile.report()
        else:
            cron_seconds, cron_queries, runs = run_cron(env, measured)
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        load_after = load()
        batch_sizes = measured.get("_batches", [])
        sql_seconds, sql_rows = run_sql_baseline(env, today)
        checked = compare(env, measured)
        batches = len(batch_sizes)
        result = {
            "machine": machine(),
            "load_before": load_before,
            "load_after_review": load_after,
            "dealers": args.dealers,
            "dealers_reviewed": sum(batch_sizes),
            "order_lines_confirmed": confirmed_lines,
            "order_lines_all": all_lines,
            "order_lines_last_24_months": lines_24m,
            "build_seconds": round(build_seconds, 1),
            "review_seconds": round(cron_seconds, 2),
            "review_queries": cron_queries,
            "cron_runs": runs,
            "batch_size": review_module().BATCH_SIZE,
            "batches": batches,
            "batch_sizes": dict(collections.Counter(batch_sizes)),
            "queries_per_batch": round(cron_queries / max(1, batches), 1),
            "peak_rss_mib": round(peak_mib),
            "sql_baseline_seconds": round(sql_seconds, 2),
            "sql_baseline_rows": sql_rows,
            "ratio_to_sql": round(cron_seconds / sql_seconds, 2) if sql_seconds else None,
            **checked,
        }
        cr.rollback()
    print(json.dumps(result, indent=2))
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(result, handle, indent=2)
    ok = (
        result["differing"] == 0
        and result["reviews_differing"] == 0
        and result["dealers_compared"] == result["dealers_reviewed"]
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
