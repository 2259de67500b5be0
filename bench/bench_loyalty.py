"""Benchmark of crm_loyalty: order confirmation overhead and the nightly rank assessment.

Run by bench/run-loyalty (``python bench_loyalty.py -c odoo.conf --base-db B --loyalty-db L``),
with the Python of an installed Odoo 18. Both databases are built the same way: B has
crm_idic and sale_loyalty only (no ranked program), L has crm_loyalty with its program
"Khách hàng thân thiết" active. The script

1. fills both with the same partners and the same draft sale orders (a few lines each),
   and L with member cards and their loyalty.history rows (set-based SQL), in the state
   the previous night's assessment left them;
2. confirms the orders in both databases, interleaved (order k in B, then order k in L,
   so that the load of the machine hits both alike), one transaction per order, timing
   ``action_confirm`` (with its flush) and counting its queries;
3. runs the nightly assessment ``loyalty.card._cron_crm_loyalty_assess`` on L the way the
   scheduler would (an ``ir.cron.progress`` record in the context, run again while it
   reports records remaining), in a fresh process so that its peak memory is its own.
"""

import argparse
import cProfile
import datetime
import io
import json
import os
import pstats
import resource
import statistics
import subprocess
import sys
import time

from bench_idic_recompute import QueryProfile, machine

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

ORDER_PREFIX = "LBENCH/"
PARTNER_PREFIX = "LBench member "


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("--base-db", required=True, help="crm_idic + sale_loyalty only")
    parser.add_argument("--loyalty-db", required=True, help="crm_loyalty, program active")
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--lines-per-order", type=int, default=3)
    parser.add_argument("--customers", type=int, default=500, help="partners the orders go to")
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--json", help="write the results to this file")
    parser.add_argument("--profile", action="store_true", help="most costly queries")
    parser.add_argument("--cprofile", action="store_true", help="where the Python time goes")
    parser.add_argument(
        "--step",
        choices=["all", "assess"],
        default="all",
        help="internal: 'assess' runs the nightly assessment only (in its own process)",
    )
    return parser.parse_args()


# ------------------------------------------------------------------ data


def build_common(env, args):
    """Partners, products and draft orders: the same in both databases."""
    cr = env.cr
    company = env.ref("base.main_company")
    products = env["product.product"].create(
        [
            {"name": f"LBench router {i}", "list_price": price, "type": "consu"}
            for i, price in enumerate((1_250_000, 3_490_000, 12_345_000), 1)
        ]
    )
    env.flush_all()
    partners = args.cards + args.customers // 2
    cr.execute(
        SQL(
            """
            INSERT INTO res_partner (name, complete_name, active, is_company, type, company_id,
                                     autopost_bills, email, email_normalized, lang,
                                     customer_rank, create_uid, write_uid, create_date,
                                     write_date)
            SELECT %(prefix)s || g, %(prefix)s || g, TRUE, mod(g, 3) = 0, 'contact',
                   %(company)s, 'ask', 'member' || g || '@lbench.example',
                   'member' || g || '@lbench.example', 'en_US', 1, 1, 1, now(), now()
              FROM generate_series(1, %(n)s) g;
            UPDATE res_partner SET commercial_partner_id = id WHERE commercial_partner_id IS NULL;
            ANALYZE res_partner;
            """,
            prefix=PARTNER_PREFIX,
            company=company.id,
            n=partners,
        )
    )
    # the orders go to `customers` partners: half of them members (the last cards),
    # half new customers without a card; each buys orders / customers times
    cr.execute(
        SQL(
            "SELECT id FROM res_partner WHERE name LIKE %s ORDER BY id",
            PARTNER_PREFIX + "%",
        )
    )
    ids = [row[0] for row in cr.fetchall()]
    buyers = ids[-args.customers :]
    env["sale.order"].create(
        [
            {
                "name": f"{ORDER_PREFIX}{k:05d}",
                "partner_id": buyers[k % len(buyers)],
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": products[(k + j) % len(products)].id,
                            "product_uom_qty": 1 + (k + j) % 4,
                        },
                    )
                    for j in range(args.lines_per_order)
                ],
            }
            for k in range(args.orders)
        ]
    )
    env.flush_all()


def build_cards(env, args, today):
    """Member cards for the first ``cards`` partners with three history rows each (orders
    over the last 18 months), stored as last night's assessment left them; one card in
    200 holds a rank below its points (tonight it moves up: a rank change, a message
    and an email)."""
    program = env.ref("crm_loyalty.program_customer_loyalty")
    program.active = True
    env.flush_all()
    tiers = program._crm_loyalty_tiers()
    yesterday = today - datetime.timedelta(days=1)
    env.cr.execute(
        SQL(
            """
            CREATE TEMP TABLE lbench_tier AS
            SELECT id, threshold, row_number() OVER (ORDER BY sequence, id) AS rn
              FROM crm_loyalty_tier WHERE id = ANY(%(tiers)s);
            INSERT INTO loyalty_card (program_id, company_id, partner_id, code, points, active,
                                      create_uid, write_uid, create_date, write_date)
            SELECT %(program)s, %(company)s, p.id, 'LB-' || p.id, 0, TRUE, 1, 1, now(), now()
              FROM (SELECT id FROM res_partner WHERE name LIKE %(pattern)s
                  ORDER BY id LIMIT %(cards)s) p;
            INSERT INTO loyalty_history (card_id, description, issued, used, order_model,
                                         crm_loyalty_kind, crm_loyalty_date, crm_loyalty_user_id,
                                         create_uid, write_uid, create_date, write_date)
            SELECT c.id, 'LBench order', mod(c.id::bigint * k * 7919, 40) * mod(c.id, 23) * 25, 0,
                   'sale.order', 'order',
                   %(today)s::date - mod(c.id::bigint * k * 104729, 540)::int, 1, 1, 1, now(), now()
              FROM loyalty_card c, generate_series(1, 3) k
             WHERE c.program_id = %(program)s;
            UPDATE loyalty_card c SET points = h.issued
              FROM (SELECT card_id, sum(issued) AS issued FROM loyalty_history GROUP BY 1) h
             WHERE h.card_id = c.id AND c.program_id = %(program)s;
            -- last night's assessment (rolling 12 months, review on 31 December)
            WITH q AS (
                SELECT c.id, COALESCE(sum(h.issued) FILTER (
                           WHERE h.crm_loyalty_date BETWEEN %(ystart)s AND %(yesterday)s), 0)
                           AS points
                  FROM loyalty_card c LEFT JOIN loyalty_history h ON h.card_id = c.id
                 WHERE c.program_id = %(program)s GROUP BY c.id
            ), r AS (
                SELECT q.id, q.points,
                       (SELECT t.rn FROM lbench_tier t WHERE t.threshold <= q.points
                         ORDER BY t.rn DESC LIMIT 1) AS rn
                  FROM q
            )
            UPDATE loyalty_card c
               SET crm_loyalty_qualifying_points = r.points,
                   crm_loyalty_tier_id = (SELECT t.id FROM lbench_tier t
                                           WHERE t.rn = CASE WHEN mod(c.id, 200) = 0
                                                             THEN r.rn - 1 ELSE r.rn END),
                   crm_loyalty_tier_since = %(yesterday)s::date - mod(c.id, 300)::int,
                   crm_loyalty_review_date = %(review)s,
                   crm_loyalty_assessed_date = %(yesterday)s
              FROM r WHERE r.id = c.id;
            ANALYZE loyalty_card; ANALYZE loyalty_history;
            """,
            tiers=tiers.ids,
            program=program.id,
            company=program.company_id.id or env.company.id,
            pattern=PARTNER_PREFIX + "%",
            cards=args.cards,
            today=today,
            yesterday=yesterday,
            ystart=yesterday.replace(year=yesterday.year - 1) + datetime.timedelta(days=1),
            review=datetime.date(yesterday.year, 12, 31)
            if yesterday < datetime.date(yesterday.year, 12, 31)
            else datetime.date(yesterday.year + 1, 12, 31),
        )
    )


# ------------------------------------------------------------------ confirmations


def confirm_all(registries, args, cprofile_db=None):
    """Confirm the orders in every database, interleaved, one transaction per order."""
    ids = {}
    for name, registry in registries.items():
        with registry.cursor() as cr:
            cr.execute(
                SQL(
                    "SELECT id FROM sale_order WHERE name LIKE %s ORDER BY name",
                    ORDER_PREFIX + "%",
                )
            )
            ids[name] = [row[0] for row in cr.fetchall()]
    seconds = {name: [] for name in registries}
    queries = {name: [] for name in registries}
    profiler = cProfile.Profile() if cprofile_db else None
    for k in range(args.orders):
        for name, registry in registries.items():
            with registry.cursor() as cr:
                # the administrator (a sales and loyalty manager), not the superuser
                env = api.Environment(cr, 2, {})
                order = env["sale.order"].browse(ids[name][k])
                start_queries = odoo.sql_db.sql_counter
                start = time.perf_counter()
                if profiler and name == cprofile_db:
                    profiler.enable()
                order.action_confirm()
                env.flush_all()
                if profiler and name == cprofile_db:
                    profiler.disable()
                seconds[name].append(time.perf_counter() - start)
                queries[name].append(odoo.sql_db.sql_counter - start_queries)
                cr.commit()  # pylint: disable=invalid-commit
    if profiler:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
        stats.print_stats(45)
        print(f"cProfile of the confirmations in {cprofile_db}:")
        print(out.getvalue())
    return seconds, queries


def confirmation_stats(seconds, queries):
    return {
        "orders": len(seconds),
        "total_seconds": round(sum(seconds), 2),
        "median_ms": round(statistics.median(seconds) * 1000, 1),
        "p90_ms": round(statistics.quantiles(seconds, n=10)[-1] * 1000, 1),
        "mean_ms": round(statistics.fmean(seconds) * 1000, 1),
        "queries_median": statistics.median(queries),
        "queries_mean": round(statistics.fmean(queries), 1),
        "queries_total": sum(queries),
    }


# ------------------------------------------------------------------ nightly assessment


def run_cron(env, today):
    """Run the nightly assessment until done, as ``ir.cron._run_job`` would."""
    cron = env.ref("crm_loyalty.ir_cron_crm_loyalty_assess")
    runs = 0
    start_queries = odoo.sql_db.sql_counter
    start = time.perf_counter()
    while True:
        cron, progress = cron._add_progress()
        env.cr.commit()  # pylint: disable=invalid-commit
        env["loyalty.card"].with_context(ir_cron_progress_id=progress.id)._cron_crm_loyalty_assess(
            today=today
        )
        env.cr.commit()  # the scheduler commits after each run  # pylint: disable=invalid-commit
        env.invalidate_all()
        runs += 1
        if not progress.remaining or not progress.done:
            break
        if runs > 1000:
            raise RuntimeError("the assessment never reports that it is done")
    return time.perf_counter() - start, odoo.sql_db.sql_counter - start_queries, runs


def check_assessment(env, today):
    """Cards whose stored qualifying points or rank differ from the same rule in SQL."""
    program = env.ref("crm_loyalty.program_customer_loyalty")
    start = today.replace(year=today.year - 1) + datetime.timedelta(days=1)
    env.cr.execute(
        SQL(
            """
            WITH q AS (
                SELECT c.id, c.crm_loyalty_qualifying_points AS stored, c.crm_loyalty_tier_id,
                       c.crm_loyalty_review_date,
                       GREATEST(COALESCE(sum(CASE h.crm_loyalty_kind WHEN 'order' THEN h.issued
                                                  ELSE -h.used END)
                                         FILTER (WHERE h.crm_loyalty_kind IN ('order', 'refund')
                                                   AND h.crm_loyalty_date BETWEEN %(start)s
                                                                              AND %(today)s),
                                         0), 0)::int AS points
                  FROM loyalty_card c LEFT JOIN loyalty_history h ON h.card_id = c.id
                 WHERE c.program_id = %(program)s GROUP BY c.id
            )
            -- the rank held is at least the one the points reach (upgrades at once), and
            -- higher only until the review date (downgrades wait for it)
            SELECT count(*), count(*) FILTER (
                       WHERE q.stored IS DISTINCT FROM q.points
                          OR COALESCE(held.threshold, -1) < COALESCE(reached.threshold, -1)
                          OR (COALESCE(held.threshold, -1) > COALESCE(reached.threshold, -1)
                              AND q.crm_loyalty_review_date <= %(today)s))
              FROM q
         LEFT JOIN crm_loyalty_tier held ON held.id = q.crm_loyalty_tier_id
         LEFT JOIN LATERAL (SELECT t.threshold FROM crm_loyalty_tier t
                             WHERE t.program_id = %(program)s AND t.threshold <= q.points
                          ORDER BY t.threshold DESC LIMIT 1) reached ON TRUE
            """,
            start=start,
            today=today,
            program=program.id,
        )
    )
    return env.cr.fetchone()


def assess_step(args):
    """The nightly assessment in this (fresh) process; prints its results as JSON."""
    from odoo.addons.crm_loyalty.models import loyalty_card

    registry = odoo.modules.registry.Registry(args.loyalty_db)
    today = datetime.date.today()
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        cr.execute(
            "SELECT count(*) FROM loyalty_card c JOIN loyalty_program p ON p.id = c.program_id"
            " WHERE p.crm_loyalty_ranked"
        )
        cards = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM loyalty_history")
        history = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM crm_loyalty_tier_history")
        changes_before = cr.fetchone()[0]
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if args.profile:
            with QueryProfile() as profile:
                seconds, queries, runs = run_cron(env, today)
            profile.report("Queries of the nightly assessment (seconds, count, statement):")
        elif args.cprofile:
            profiler = cProfile.Profile()
            seconds, queries, runs = profiler.runcall(run_cron, env, today)
            print("cProfile of the nightly assessment:")
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
        else:
            seconds, queries, runs = run_cron(env, today)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        cr.execute("SELECT count(*) FROM crm_loyalty_tier_history")
        changes = cr.fetchone()[0] - changes_before
        compared, differing = check_assessment(env, today)
        batches = -(-cards // loyalty_card.BATCH)
        result = {
            "cards": cards,
            "history_rows": history,
            "batch_size": loyalty_card.BATCH,
            "batches": batches,
            "seconds": round(seconds, 1),
            "queries": queries,
            "queries_per_batch": round(queries / max(batches, 1), 1),
            "cron_runs": runs,
            "rank_changes": changes,
            "rss_before_mib": round(rss_before),
            "peak_rss_mib": round(peak),
            "compared": compared,
            "differing": differing,
        }
    print("ASSESS " + json.dumps(result))


# ------------------------------------------------------------------ main


def main():
    args = parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "--no-http"])
    if args.step == "assess":
        assess_step(args)
        return 0
    today = datetime.date.today()
    registries = {
        "without": odoo.modules.registry.Registry(args.base_db),
        "with": odoo.modules.registry.Registry(args.loyalty_db),
    }
    t0 = time.perf_counter()
    for name, registry in registries.items():
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            if name == "with":
                programs = env["loyalty.program"].with_context(active_test=False)
                if not programs.search_count([("crm_loyalty_ranked", "=", True)]):
                    sys.exit(f"{args.loyalty_db} has no ranked program: is crm_loyalty installed?")
            elif "crm.loyalty.tier" in env:
                sys.exit(f"{args.base_db} must not have crm_loyalty")
            build_common(env, args)
            if name == "with":
                build_cards(env, args, today)
            cr.commit()  # pylint: disable=invalid-commit
    build_seconds = time.perf_counter() - t0
    load_before = os.getloadavg()
    profile = QueryProfile() if args.profile else None
    if profile:
        with profile:
            seconds, queries = confirm_all(registries, args)
        profile.report("Queries of the confirmations, both databases (seconds, count, statement):")
    else:
        seconds, queries = confirm_all(
            registries, args, cprofile_db="with" if args.cprofile else None
        )
    confirm = {name: confirmation_stats(seconds[name], queries[name]) for name in registries}
    with registries["with"].cursor() as cr:
        cr.execute(
            SQL(
                "SELECT count(DISTINCT c.id), count(h.id) FROM sale_order so"
                " JOIN loyalty_history h ON h.order_id = so.id AND h.order_model = 'sale.order'"
                " JOIN loyalty_card c ON c.id = h.card_id"
                " WHERE so.name LIKE %s AND so.state = 'sale'",
                ORDER_PREFIX + "%",
            )
        )
        cards_used, history_rows = cr.fetchone()
    confirm["with"]["cards_earning"] = cards_used
    confirm["with"]["history_rows"] = history_rows
    load_after = os.getloadavg()
    # the nightly assessment, in a fresh process (its own peak memory)
    command = [sys.executable, __file__, "-c", args.config, "--step", "assess"]
    command += ["--base-db", args.base_db, "--loyalty-db", args.loyalty_db]
    command += ["--profile"] if args.profile else []
    command += ["--cprofile"] if args.cprofile else []
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = done.stdout.splitlines()
    for line in lines:
        if not line.startswith("ASSESS "):
            print(line)
    reported = [line[7:] for line in lines if line.startswith("ASSESS ")]
    if done.returncode or not reported:
        sys.stderr.write(done.stderr)
        sys.exit("the nightly assessment failed")
    assess = json.loads(reported[0])
    ratio_total = confirm["with"]["total_seconds"] / confirm["without"]["total_seconds"]
    ratio_median = confirm["with"]["median_ms"] / confirm["without"]["median_ms"]
    result = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "load_average_confirmations": {"before": load_before, "after": load_after},
        "build_seconds": round(build_seconds, 1),
        "lines_per_order": args.lines_per_order,
        "customers": args.customers,
        "confirm": confirm,
        "overhead_total": round(ratio_total - 1, 3),
        "overhead_median": round(ratio_median - 1, 3),
        "overhead_goal": 0.15,
        "assess": assess,
    }
    print(json.dumps(result, indent=2))
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(result, handle, indent=2)
    return 0 if assess["differing"] == 0 and assess["compared"] == assess["cards"] else 1


if __name__ == "__main__":
    sys.exit(main())
