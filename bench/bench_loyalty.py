"""Benchmark of crm_loyalty: order confirmation overhead and the nightly rank assessment.

Run by bench/run-loyalty (``python bench_loyalty.py -c odoo.conf --base-db B --plain-db P
--loyalty-db L``), with the Python of an installed Odoo 18. The three databases are copies
of one installation of crm_idic and sale_loyalty: B has no loyalty program at all, P has a
plain Odoo loyalty program (sale_loyalty only) with the same earning rule as crm_loyalty's
(1 point per 10,000 of untaxed sales) and L has crm_loyalty with its program
"Khách hàng thân thiết" active. The script

1. fills the three with the same partners and the same draft sale orders (a few lines
   each), and P and L with the same member cards and loyalty.history rows (set-based
   SQL), in L in the state the previous night's assessment left them;
2. confirms the orders in the three databases, interleaved (order k in B, in P, then in
   L, so that the load of the machine hits them alike), one transaction per order,
   timing ``action_confirm`` (with its flush) and counting its queries; the goal (under
   15 % overhead per confirmation) is measured against P, what crm_loyalty adds to
   Odoo's own loyalty;
3. runs the nightly assessment ``loyalty.card._cron_crm_loyalty_assess`` on L the way the
   scheduler would (an ``ir.cron.progress`` record in the context, run again while it
   reports records remaining), in a fresh process so that its peak memory is its own.
"""

import argparse
import contextlib
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
from odoo import SUPERUSER_ID, Command, api
from odoo.tools import SQL

ORDER_PREFIX = "LBENCH/"
PARTNER_PREFIX = "LBench member "


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("--base-db", required=True, help="crm_idic + sale_loyalty, no program")
    parser.add_argument("--plain-db", required=True, help="the same, a plain loyalty program")
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
        choices=["all", "assess", "maintenance"],
        default="all",
        help="internal: 'assess' runs the nightly assessment only, 'maintenance' the "
        "expiry and the merges (each in its own process)",
    )
    parser.add_argument("--merges", type=int, default=200, help="pairs of members merged")
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


def plain_program(env):
    """A plain Odoo loyalty program with crm_loyalty's earning rule and reward."""
    program = env["loyalty.program"].create(
        {
            "name": "LBench plain loyalty",
            "program_type": "loyalty",
            "applies_on": "both",
            "trigger": "auto",
            "portal_visible": True,
            "portal_point_name": "Points",
            "rule_ids": [
                Command.create({"reward_point_mode": "money", "reward_point_amount": 0.0001})
            ],
            "reward_ids": [
                Command.create(
                    {
                        "reward_type": "discount",
                        "discount": 5,
                        "discount_mode": "percent",
                        "required_points": 1000,
                    }
                )
            ],
        }
    )
    env.flush_all()
    return program


def build_cards(env, args, today, ranked=True):
    """Member cards for the first ``cards`` partners with three history rows each (orders
    over the last 18 months). With ``ranked`` (crm_loyalty's program) they are stored as
    last night's assessment left them; one card in 200 holds a rank below its points
    (tonight it moves up: a rank change, a message and an email). Without, the cards of
    a plain program get the same points and history rows."""
    if ranked:
        program = env.ref("crm_loyalty.program_customer_loyalty")
        # in the company's currency, as the plain program: 1 point per 10,000 of it
        # (the ready program is in VND; a program in a currency other than the
        # company's converts each order's amount at the day's rate)
        program.write({"active": True, "currency_id": env.company.currency_id.id})
        env.flush_all()
    else:
        program = plain_program(env)
    env.cr.execute(
        SQL(
            """
            INSERT INTO loyalty_card (program_id, company_id, partner_id, code, points, active,
                                      create_uid, write_uid, create_date, write_date)
            SELECT %(program)s, %(company)s, p.id, 'LB-' || p.id, 0, TRUE, 1, 1, now(), now()
              FROM (SELECT id FROM res_partner WHERE name LIKE %(pattern)s
                  ORDER BY id LIMIT %(cards)s) p;
            INSERT INTO loyalty_history (card_id, description, issued, used, order_model,
                                         create_uid, write_uid, create_date, write_date)
            SELECT c.id, 'LBench order', mod(c.id::bigint * k * 7919, 40) * mod(c.id, 23) * 25, 0,
                   'sale.order', 1, 1,
                   %(today)s::date - mod(c.id::bigint * k * 104729, 540)::int, now()
              FROM loyalty_card c, generate_series(1, 3) k
             WHERE c.program_id = %(program)s;
            UPDATE loyalty_card c SET points = h.issued
              FROM (SELECT card_id, sum(issued) AS issued FROM loyalty_history GROUP BY 1) h
             WHERE h.card_id = c.id AND c.program_id = %(program)s;
            """,
            program=program.id,
            company=program.company_id.id or env.company.id,
            pattern=PARTNER_PREFIX + "%",
            cards=args.cards,
            today=today,
        )
    )
    if ranked:
        last_night(env, program, today)
    env.cr.execute("ANALYZE loyalty_card; ANALYZE loyalty_history")


def last_night(env, program, today):
    """The ranked cards as last night's assessment left them (rolling 12 months, review
    on 31 December); their history rows are orders dated on their creation day."""
    tiers = program._crm_loyalty_tiers()
    yesterday = today - datetime.timedelta(days=1)
    env.cr.execute(
        SQL(
            """
            UPDATE loyalty_card SET crm_loyalty_ranked = TRUE WHERE program_id = %(program)s;
            UPDATE loyalty_history
               SET crm_loyalty_kind = 'order', crm_loyalty_date = create_date::date,
                   crm_loyalty_user_id = 1
             WHERE description = 'LBench order';
            CREATE TEMP TABLE lbench_tier AS
            SELECT id, threshold, row_number() OVER (ORDER BY sequence, id) AS rn
              FROM crm_loyalty_tier WHERE id = ANY(%(tiers)s);
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
            """,
            tiers=tiers.ids,
            program=program.id,
            yesterday=yesterday,
            ystart=yesterday.replace(year=yesterday.year - 1) + datetime.timedelta(days=1),
            review=datetime.date(yesterday.year, 12, 31)
            if yesterday < datetime.date(yesterday.year, 12, 31)
            else datetime.date(yesterday.year + 1, 12, 31),
        )
    )


# ------------------------------------------------------------------ confirmations


def confirm_all(registries, args, cprofile_db=None, profiles=None):
    """Confirm the orders in every database, interleaved, one transaction per order.

    ``profiles``: {database name: QueryProfile} to count the statements of each one's
    confirmations apart."""
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
                profile = profiles[name] if profiles else contextlib.nullcontext()
                with profile:
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
        if os.environ.get("BENCH_PSTATS"):
            profiler.dump_stats(os.environ["BENCH_PSTATS"])
        print(f"cProfile of the confirmations in {cprofile_db}:")
        print(out.getvalue())
    return seconds, queries


def report_difference(profiles, orders, top=25):
    """The statements crm_loyalty's confirmations send more often than the plain
    program's (count and seconds per order), most costly first."""
    plain, ranked = profiles["plain"], profiles["ranked"]
    keys = set(plain.counts) | set(ranked.counts)
    rows = sorted(
        (
            (ranked.seconds[key] - plain.seconds[key], ranked.counts[key] - plain.counts[key], key)
            for key in keys
            if ranked.counts[key] != plain.counts[key]
        ),
        reverse=True,
    )
    print("Statements per order, crm_loyalty's program minus the plain program's (ms, count):")
    for seconds, count, key in rows[:top]:
        print(f"{seconds * 1000 / orders:7.2f} {count / orders:6.2f}  {key}")


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


def run_cron(env, today=None, xmlid="crm_loyalty.ir_cron_crm_loyalty_assess"):
    """Run a job until done, as ``ir.cron._run_job`` would: the nightly assessment (of
    ``today``), the expiry of points (of ``today``), its emails, or the announcement of
    the rank changes."""
    card_jobs = {
        "crm_loyalty.ir_cron_crm_loyalty_assess": "_cron_crm_loyalty_assess",
        "crm_loyalty.ir_cron_crm_loyalty_expire": "_cron_crm_loyalty_expire",
    }

    def job(env):
        if xmlid in card_jobs:
            return getattr(env["loyalty.card"], card_jobs[xmlid])(today=today)
        if xmlid == "crm_loyalty.ir_cron_crm_loyalty_expiry_notices":
            return env["loyalty.card"]._cron_crm_loyalty_expiry_notices()
        return env["crm.loyalty.tier.history"]._cron_crm_loyalty_announce()

    cron = env.ref(xmlid)
    runs = 0
    start_queries = odoo.sql_db.sql_counter
    start = time.perf_counter()
    while True:
        cron, progress = cron._add_progress()
        env.cr.commit()  # pylint: disable=invalid-commit
        job(env(context=dict(env.context, ir_cron_progress_id=progress.id)))
        env.cr.commit()  # the scheduler commits after each run  # pylint: disable=invalid-commit
        env.invalidate_all()
        runs += 1
        if not progress.remaining or not progress.done:
            break
        if runs > 1000:
            raise RuntimeError(f"{xmlid} never reports that it is done")
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


def night(env, args, day, cards):
    """One night's assessment for ``day``: time, queries, rank changes, memory, check."""
    from odoo.addons.crm_loyalty.models import loyalty_card_job

    env.cr.execute("SELECT count(*) FROM crm_loyalty_tier_history")
    changes_before = env.cr.fetchone()[0]
    load_before = os.getloadavg()
    if args.profile:
        with QueryProfile() as profile:
            seconds, queries, runs = run_cron(env, day)
        profile.report(f"Queries of the nightly assessment of {day} (seconds, count, statement):")
    elif args.cprofile:
        profiler = cProfile.Profile()
        seconds, queries, runs = profiler.runcall(run_cron, env, day)
        print(f"cProfile of the nightly assessment of {day}:")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
    else:
        seconds, queries, runs = run_cron(env, day)
    env.cr.execute("SELECT count(*) FROM crm_loyalty_tier_history")
    changes = env.cr.fetchone()[0] - changes_before
    # then the job that announces the rank changes (a message, an email, an interaction)
    announce_seconds, announce_queries, _runs = run_cron(
        env, xmlid="crm_loyalty.ir_cron_crm_loyalty_announce"
    )
    compared, differing = check_assessment(env, day)
    batches = -(-cards // loyalty_card_job.BATCH_SIZE)
    return {
        "day": str(day),
        "batch_size": loyalty_card_job.BATCH_SIZE,
        "run_size": loyalty_card_job.CRON_RUN_SIZE,
        "batches": batches,
        "seconds": round(seconds, 1),
        "queries": queries,
        "queries_per_batch": round(queries / max(batches, 1), 1),
        "cron_runs": runs,
        "rank_changes": changes,
        "announce_seconds": round(announce_seconds, 1),
        "announce_queries": announce_queries,
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "load_average": {"before": load_before, "after": os.getloadavg()},
        "compared": compared,
        "differing": differing,
    }


def assess_step(args):
    """The nightly assessment in this (fresh) process, tonight and the next night (the
    windows slide by a day); prints its results as JSON."""
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
        result = {
            "cards": cards,
            "history_rows": history,
            "rss_before_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "tonight": night(env, args, today, cards),
            "next_night": night(env, args, today + datetime.timedelta(days=1), cards),
        }
    print("ASSESS " + json.dumps(result))


# ------------------------------------------------------------------ expiry and merges


def ledger_check(env, program_ids):
    """(cards, cards whose balance is not their history, customers with two cards)."""
    env.cr.execute(
        SQL(
            """
            SELECT count(*),
                   count(*) FILTER (WHERE c.points <> COALESCE(h.balance, 0)),
                   count(*) - count(DISTINCT (c.program_id, c.partner_id))
              FROM loyalty_card c
         LEFT JOIN (SELECT card_id, sum(issued - used) AS balance FROM loyalty_history
                     GROUP BY card_id) h ON h.card_id = c.id
             WHERE c.program_id = ANY(%s) AND c.active
            """,
            program_ids,
        )
    )
    return env.cr.fetchone()


def expiry_step(env, args, today):
    """The daily expiry of points over all cards (12 months, points earned over the
    last 18 months), as the scheduler runs it; then the same day again (nothing left)."""
    from odoo.addons.crm_loyalty.models import loyalty_card_expiry

    program = env.ref("crm_loyalty.program_customer_loyalty")
    program.write({"crm_loyalty_expiry": True, "crm_loyalty_expiry_months": 12})
    env.cr.commit()  # pylint: disable=invalid-commit
    result = {"batch_size": 1000, "run_size": loyalty_card_expiry.EXPIRE_RUN_SIZE}
    for name in ("first", "again"):
        env.cr.execute(
            "SELECT count(*), COALESCE(sum(used), 0) FROM loyalty_history"
            " WHERE crm_loyalty_kind = 'expiry'"
        )
        rows_before, points_before = env.cr.fetchone()
        load = os.getloadavg()
        if args.profile:
            with QueryProfile() as profile:
                seconds, queries, runs = run_cron(
                    env, today, xmlid="crm_loyalty.ir_cron_crm_loyalty_expire"
                )
            profile.report(f"Queries of the expiry of {today} ({name}):")
        else:
            seconds, queries, runs = run_cron(
                env, today, xmlid="crm_loyalty.ir_cron_crm_loyalty_expire"
            )
        env.cr.execute(
            "SELECT count(*), COALESCE(sum(used), 0) FROM loyalty_history"
            " WHERE crm_loyalty_kind = 'expiry'"
        )
        rows_after, points_after = env.cr.fetchone()
        cards, wrong, _doubles = ledger_check(env, [program.id])
        env.cr.execute(
            SQL(
                "SELECT count(*) FROM loyalty_card WHERE program_id = %s"
                " AND crm_loyalty_expiry_notice_date IS NOT NULL",
                program.id,
            )
        )
        warned = env.cr.fetchone()[0]
        result[name] = {
            "members_warned_total": warned,
            "seconds": round(seconds, 1),
            "queries": queries,
            "cron_runs": runs,
            "cards": cards,
            "cards_expired": rows_after - rows_before,
            "points_expired": int(points_after - points_before),
            "balance_not_history": wrong,
            "load_average": {"before": load, "after": os.getloadavg()},
        }
    # then the job that emails the members the expiry marked (a rendered email each)
    seconds, queries, runs = run_cron(env, xmlid="crm_loyalty.ir_cron_crm_loyalty_expiry_notices")
    result["notices"] = {"seconds": round(seconds, 1), "queries": queries, "cron_runs": runs}
    result["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result


def merge_pairs(cr, count):
    """The first ``2 * count`` members with a card, in pairs (kept, merged)."""
    cr.execute(
        SQL(
            "SELECT p.id FROM res_partner p JOIN loyalty_card c ON c.partner_id = p.id"
            " WHERE p.name LIKE %s AND p.active ORDER BY p.id LIMIT %s",
            PARTNER_PREFIX + "%",
            2 * count,
        )
    )
    ids = [row[0] for row in cr.fetchall()]
    return list(zip(ids[::2], ids[1::2], strict=False))


def merges_step(registries, args):
    """Merge pairs of members with Odoo's merge wizard, one transaction per merge,
    interleaved between the plain program's database and crm_loyalty's: Odoo moves
    the merged member's card to the kept one, crm_loyalty folds the two cards into one
    (history, rank and balance)."""
    pairs = {}
    for name, registry in registries.items():
        with registry.cursor() as cr:
            pairs[name] = merge_pairs(cr, args.merges)
    count = min(len(p) for p in pairs.values())
    seconds = {name: [] for name in registries}
    queries = {name: [] for name in registries}
    for k in range(count):
        for name, registry in registries.items():
            kept, merged = pairs[name][k]
            with registry.cursor() as cr:
                env = api.Environment(cr, 2, {})  # the administrator, as in the wizard
                wizard = env["base.partner.merge.automatic.wizard"]
                partners = env["res.partner"].browse([kept, merged])
                start_queries = odoo.sql_db.sql_counter
                start = time.perf_counter()
                wizard._merge(partners.ids, dst_partner=partners[0], extra_checks=False)
                env.flush_all()
                seconds[name].append(time.perf_counter() - start)
                queries[name].append(odoo.sql_db.sql_counter - start_queries)
                cr.commit()  # pylint: disable=invalid-commit
    result = {name: confirmation_stats(seconds[name], queries[name]) for name in registries}
    for stats in result.values():
        stats["merges"] = stats.pop("orders")
    with registries["ranked"].cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        program = env.ref("crm_loyalty.program_customer_loyalty")
        cards, wrong, doubles = ledger_check(env, [program.id])
        result["ranked"].update(cards=cards, balance_not_history=wrong, two_cards=doubles)
    with registries["plain"].cursor() as cr:
        cr.execute(
            "SELECT count(*) - count(DISTINCT (program_id, partner_id)) FROM loyalty_card"
            " WHERE active"
        )
        result["plain"]["two_cards"] = cr.fetchone()[0]
    return result


def maintenance_step(args):
    """Expiry and merges in this (fresh) process; prints the results as JSON."""
    registries = {
        "plain": odoo.modules.registry.Registry(args.plain_db),
        "ranked": odoo.modules.registry.Registry(args.loyalty_db),
    }
    today = datetime.date.today()
    with registries["ranked"].cursor() as cr:
        expire = expiry_step(api.Environment(cr, SUPERUSER_ID, {}), args, today)
    merges = merges_step(registries, args)
    print("MAINTENANCE " + json.dumps({"expire": expire, "merge": merges}))


def step(args, name):
    """Run ``--step name`` in a fresh process; its printed results (JSON)."""
    command = [sys.executable, __file__, "-c", args.config, "--step", name]
    command += ["--base-db", args.base_db, "--plain-db", args.plain_db]
    command += ["--loyalty-db", args.loyalty_db, "--merges", str(args.merges)]
    command += ["--profile"] if args.profile else []
    command += ["--cprofile"] if args.cprofile else []
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    prefix = name.upper() + " "
    lines = done.stdout.splitlines()
    for line in lines:
        if not line.startswith(prefix):
            print(line)
    reported = [line[len(prefix) :] for line in lines if line.startswith(prefix)]
    if done.returncode or not reported:
        sys.stderr.write(done.stderr)
        sys.exit(f"the step {name} failed")
    return json.loads(reported[0])


# ------------------------------------------------------------------ main


def main():
    args = parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "--no-http"])
    if args.step == "assess":
        assess_step(args)
        return 0
    if args.step == "maintenance":
        maintenance_step(args)
        return 0
    today = datetime.date.today()
    # interleaved in this order: no program, Odoo's plain program, crm_loyalty's
    registries = {
        "none": odoo.modules.registry.Registry(args.base_db),
        "plain": odoo.modules.registry.Registry(args.plain_db),
        "ranked": odoo.modules.registry.Registry(args.loyalty_db),
    }
    t0 = time.perf_counter()
    for name, registry in registries.items():
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            if name == "ranked":
                programs = env["loyalty.program"].with_context(active_test=False)
                if not programs.search_count([("crm_loyalty_ranked", "=", True)]):
                    sys.exit(f"{args.loyalty_db} has no ranked program: is crm_loyalty installed?")
            elif "crm.loyalty.tier" in env:
                sys.exit(f"{registry.db_name} must not have crm_loyalty")
            build_common(env, args)
            if name != "none":
                build_cards(env, args, today, ranked=name == "ranked")
            cr.commit()  # pylint: disable=invalid-commit
    build_seconds = time.perf_counter() - t0
    load_before = os.getloadavg()
    profiles = {name: QueryProfile() for name in registries} if args.profile else None
    seconds, queries = confirm_all(
        registries, args, cprofile_db="ranked" if args.cprofile else None, profiles=profiles
    )
    if profiles:
        for name, profile in profiles.items():
            profile.report(f"Queries of the confirmations in {name} (seconds, count, statement):")
        report_difference(profiles, args.orders)
    confirm = {name: confirmation_stats(seconds[name], queries[name]) for name in registries}
    for name in ("plain", "ranked"):
        with registries[name].cursor() as cr:
            cr.execute(
                SQL(
                    "SELECT count(DISTINCT c.id), count(h.id) FROM sale_order so"
                    " JOIN loyalty_history h ON h.order_id = so.id"
                    " AND h.order_model = 'sale.order'"
                    " JOIN loyalty_card c ON c.id = h.card_id"
                    " WHERE so.name LIKE %s AND so.state = 'sale'",
                    ORDER_PREFIX + "%",
                )
            )
            confirm[name]["cards_earning"], confirm[name]["history_rows"] = cr.fetchone()
            cr.execute(
                SQL("SELECT count(*) FROM crm_loyalty_tier_history WHERE date = %s", today)
                if name == "ranked"
                else SQL("SELECT 0")
            )
            confirm[name]["rank_changes"] = cr.fetchone()[0]
    load_after = os.getloadavg()
    # the rank changes of the confirmations are announced by their job, which the
    # orders woke up: timed apart (the scheduler runs it after the orders' transactions)
    with registries["ranked"].cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        seconds, count, _runs = run_cron(env, xmlid="crm_loyalty.ir_cron_crm_loyalty_announce")
        confirm["ranked"]["announce_seconds"] = round(seconds, 2)
        confirm["ranked"]["announce_queries"] = count
    # the nightly assessment, then the expiry and the merges, each in a fresh process
    # (its own peak memory)
    assess = step(args, "assess")
    maintenance = step(args, "maintenance")

    def overhead(key, baseline):
        return round(confirm["ranked"][key] / confirm[baseline][key] - 1, 3)

    result = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "load_average_confirmations": {"before": load_before, "after": load_after},
        "build_seconds": round(build_seconds, 1),
        "lines_per_order": args.lines_per_order,
        "customers": args.customers,
        "confirm": confirm,
        # the goal: what crm_loyalty adds to Odoo's own loyalty program
        "overhead_vs_plain": {
            "median": overhead("median_ms", "plain"),
            "total": overhead("total_seconds", "plain"),
        },
        # for information: against a database without any loyalty program
        "overhead_vs_none": {
            "median": overhead("median_ms", "none"),
            "total": overhead("total_seconds", "none"),
        },
        "plain_vs_none": {
            "median": round(confirm["plain"]["median_ms"] / confirm["none"]["median_ms"] - 1, 3),
            "total": round(
                confirm["plain"]["total_seconds"] / confirm["none"]["total_seconds"] - 1, 3
            ),
        },
        "overhead_goal": 0.15,
        "assess": assess,
        "expire": maintenance["expire"],
        "merge": maintenance["merge"],
    }
    print(json.dumps(result, indent=2))
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(result, handle, indent=2)
    good = all(
        assess[key]["differing"] == 0 and assess[key]["compared"] == assess["cards"]
        for key in ("tonight", "next_night")
    )
    good &= not any(
        run["balance_not_history"]
        for run in maintenance["expire"].values()
        if isinstance(run, dict) and "balance_not_history" in run
    )
    good &= not maintenance["merge"]["ranked"]["balance_not_history"]
    good &= not maintenance["merge"]["ranked"]["two_cards"]
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
