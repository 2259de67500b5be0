"""Benchmark of the IDIC action board: its nightly refresh against one SQL statement
producing the same rows, and one salesperson's board as the web client opens it.

Run by bench/run-board (``python bench_action_board.py -c odoo.conf -d DB``), with the
Python of an installed Odoo 18. It fills the database like bench/run (partners, confirmed
orders over three years, opportunities), then gives the customers what the board's
signals read: a segment, a salesperson among ``--salespeople``, a profile completeness,
a birthday, visits, a few segment drops and customers needing attention. It times:

- the first refresh (every line inserted) and the next night's (few change), both as
  the scheduler runs them (``_cron_idic_refresh``);
- the baseline: the signals' union alone, as one statement writing its rows into a
  table of their own (the best of two runs);
- one salesperson's board: the list the menu opens (open lines, first 80 in the board's
  order, with the reason and the 12-month revenue computed), as that user, five times.

With the other addons installed (``bench/run-board --all``), their signals' data is
added too (``bench_board_signals``), so every signal is measured.

It checks that the board holds exactly the rows of the baseline.
"""

import argparse
import importlib.util
import json
import os
import statistics
import sys
import time

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

HERE = os.path.dirname(os.path.abspath(__file__))


def load(name):
    """A module of bench/ by its name (bench_idic_recompute: the data builder and the
    machine description)."""
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--partners", type=int, default=100_000)
    parser.add_argument("--lines", type=int, default=400_000)
    parser.add_argument("--salespeople", type=int, default=200)
    parser.add_argument("--json", help="write the results to this file")
    return parser.parse_args()


def make_salespeople(env, count):
    users = env["res.users"].with_context(no_reset_password=True, tracking_disable=True)
    group = env.ref("sales_team.group_sale_salesman")
    return users.create(
        [
            {
                "name": f"Bench salesperson {n}",
                "login": f"bench_sales_{n}",
                "groups_id": [(6, 0, [group.id])],
            }
            for n in range(count)
        ]
    )


def shape_customers(env, users):
    """What the signals read, set on the bench customers with set-based SQL."""
    company = env.ref("base.main_company")
    segments = env["crm.idic.segment"].search([("company_id", "=", company.id)])
    by_code = {segment.code: segment.id for segment in segments}
    env.flush_all()
    env.cr.execute(
        SQL(
            """
            CREATE TEMP TABLE bench_user AS
            SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn
              FROM unnest(%(users)s::int[]) AS id;
            -- a segment (A the fewest), a salesperson, a completeness, a birthday for the
            -- persons and a founding day for the companies, some needing attention
            UPDATE res_partner p
               SET idic_segment_id = (%(segments)s::int[])[1 + LEAST(mod(p.id, 10), 3)],
                   user_id = u.id,
                   idic_profile_completeness = mod(p.id * 7, 101),
                   idic_birthday = DATE '1970-01-01' + mod(p.id * 13, 15000),
                   idic_founding_date = DATE '1990-01-01' + mod(p.id * 17, 9000),
                   idic_relationship_status =
                       CASE WHEN mod(p.id, 40) = 0 THEN 'needs_attention' ELSE 'regular' END
              FROM bench_user u
             WHERE p.name LIKE %(pattern)s
               AND u.rn = mod(p.id, %(count)s);
            -- two customers in three were visited in the last four months
            INSERT INTO crm_idic_interaction (partner_id, commercial_partner_id, date, channel,
                                              interaction_type, summary, company_id, user_id,
                                              create_uid, write_uid, create_date, write_date)
            SELECT p.id, p.id, now() - mod(p.id * 31, 120) * interval '1 day', 'visit',
                   'care_visit', 'Bench visit', %(company)s, p.user_id, 1, 1, now(), now()
              FROM res_partner p
             WHERE p.name LIKE %(pattern)s AND mod(p.id, 3) <> 0;
            -- one customer in a hundred dropped a segment this week
            INSERT INTO crm_idic_segment_history (partner_id, partner_name, company_id, date,
                                                  old_segment_id, new_segment_id, source,
                                                  direction, user_id)
            SELECT p.id, p.name, %(company)s, now() - mod(p.id, 5) * interval '1 day',
                   %(a)s, %(b)s, 'cron', 'down', 1
              FROM res_partner p
             WHERE p.name LIKE %(pattern)s AND mod(p.id, 100) = 7;
            """,
            users=users.ids,
            count=len(users),
            segments=[by_code[code] for code in ("A", "B", "C", "D")],
            company=company.id,
            a=by_code["A"],
            b=by_code["B"],
            pattern="Bench customer %",
        )
    )


def refresh(env):
    start_queries = odoo.sql_db.sql_counter
    start = time.perf_counter()
    env["crm.idic.action"]._cron_idic_refresh()
    env.cr.commit()  # pylint: disable=invalid-commit
    return time.perf_counter() - start, odoo.sql_db.sql_counter - start_queries


def baseline(env):
    """The signals' union as one statement writing its rows: (seconds, rows)."""
    Action = env["crm.idic.action"]
    today = odoo.fields.Date.context_today(Action)
    found = Action._idic_found_sql(today, lambda column: SQL("TRUE"))
    env.cr.execute("DROP TABLE IF EXISTS bench_found")
    start = time.perf_counter()
    env.cr.execute(
        SQL(
            "CREATE TEMP TABLE bench_found (signal_id, partner_id, company_id, key, date_due, "
            "res_model, res_id, params, user_id) AS %s",
            found,
        )
    )
    rows = env.cr.rowcount
    return time.perf_counter() - start, rows


def open_board(env, user):
    """One salesperson's board as the menu opens it: seconds of each of five openings."""
    Action = env(user=user.id, context={"tz": "UTC"})["crm.idic.action"]
    spec = {
        name: {}
        for name in (
            "segment_id",
            "partner_id",
            "name",
            "signal_id",
            "revenue",
            "date_due",
            "overdue_days",
            "user_id",
            "state",
            "urgency",
        )
    }
    timings = []
    for _run in range(5):
        env.invalidate_all()
        start = time.perf_counter()
        result = Action.web_search_read(
            [("user_id", "=", user.id), ("state", "=", "open")], spec, limit=80
        )
        timings.append(time.perf_counter() - start)
    return timings, result["length"]


def main():
    args = parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database, "--no-http"])
    registry = odoo.modules.registry.Registry(args.database)
    bench = load("bench_idic_recompute")
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tz": "UTC"})
        t0 = time.perf_counter()
        lines = bench.build_data(env, args.partners, args.lines, 4)
        users = make_salespeople(env, args.salespeople)
        shape_customers(env, users)
        shaped = load("bench_board_signals").shape(
            env, users, odoo.fields.Date.context_today(env["crm.idic.action"])
        )
        bench.vacuum(cr)
        cr.execute("ANALYZE crm_idic_interaction, crm_idic_segment_history")
        build_seconds = time.perf_counter() - t0
        first_seconds, first_queries = refresh(env)
        cr.execute("ANALYZE crm_idic_action")
        nightly_seconds, nightly_queries = refresh(env)
        sql_seconds, sql_rows = min(baseline(env), baseline(env))
        cr.execute("SELECT COUNT(*) FROM crm_idic_action WHERE state IN ('open', 'snoozed')")
        board_rows = cr.fetchone()[0]
        cr.execute(
            "SELECT user_id, COUNT(*) FROM crm_idic_action WHERE state = 'open' "
            "GROUP BY user_id ORDER BY 2 DESC LIMIT 1"
        )
        busiest, busiest_lines = cr.fetchone()
        cr.execute(
            "SELECT s.code, COUNT(*) FROM crm_idic_action a "
            "JOIN crm_idic_action_signal s ON s.id = a.signal_id "
            "WHERE a.state = 'open' GROUP BY 1 ORDER BY 1"
        )
        per_signal = dict(cr.fetchall())
        timings, length = open_board(env, env["res.users"].browse(busiest))
        result = {
            "machine": bench.machine(),
            "partners": args.partners,
            "order_lines": lines,
            "salespeople": args.salespeople,
            "addons_shaped": ["crm_idic", *shaped],
            "build_seconds": round(build_seconds, 1),
            "first_refresh_seconds": round(first_seconds, 2),
            "first_refresh_queries": first_queries,
            "nightly_refresh_seconds": round(nightly_seconds, 2),
            "nightly_refresh_queries": nightly_queries,
            "sql_baseline_seconds": round(sql_seconds, 2),
            "ratio_first_to_sql": round(first_seconds / sql_seconds, 2),
            "ratio_nightly_to_sql": round(nightly_seconds / sql_seconds, 2),
            "board_rows": board_rows,
            "sql_rows": sql_rows,
            "busiest_salesperson_lines": busiest_lines,
            "board_open_seconds": [round(t, 3) for t in timings],
            "board_open_median_seconds": round(statistics.median(timings), 3),
            "board_length": length,
            "open_lines_per_signal": per_signal,
        }
    print(json.dumps(result, indent=2))
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(result, handle, indent=2)
    return 0 if board_rows == sql_rows else 1


if __name__ == "__main__":
    sys.exit(main())
