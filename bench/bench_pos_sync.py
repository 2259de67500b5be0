"""Benchmark of crm_loyalty_pos: syncing point of sale orders of members, with and without.

Run by bench/run-pos (``python bench_pos_sync.py -c odoo.conf --plain-db P --loyalty-db L``),
with the Python of an installed Odoo 18. Both databases are copies of one installation
of crm_idic, sale_loyalty and pos_loyalty: P keeps Odoo's own loyalty (a plain program
with the same earning rule: 1 point per 10 of untaxed sales), L has crm_loyalty and
therefore crm_loyalty_pos (auto-installed), with a ranked program. The script

1. gives both the same shop (a point of sale, a cash method, an open session), the same
   products and the same members (a card each, with points and history rows; in L as
   the assessment leaves them, at every rank);
2. syncs the same orders (a few lines each, to members) in both databases, interleaved
   (order k in P then in L, so that the load of the machine hits them alike), one
   transaction per order, timing what the browser calls for a paid order of a member:
   ``pos.order.sync_from_ui``, then ``confirm_coupon_programs`` and
   ``add_loyalty_history_lines`` with the points the browser computed. In P these
   write the browser's points (Odoo's way); in L the server counts them at the sync
   and drops the browser's. The goal: L within 15 % of P per order.
"""

import argparse
import json
import statistics
import sys
import time
from uuid import uuid4

from bench_idic_recompute import QueryProfile, machine

import odoo
from odoo import Command, api, fields

PREFIX = "PBench "
PER_POINT = 10


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("--plain-db", required=True, help="pos_loyalty, a plain program")
    parser.add_argument("--loyalty-db", required=True, help="crm_loyalty + crm_loyalty_pos")
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--members", type=int, default=500)
    parser.add_argument("--lines-per-order", type=int, default=3)
    parser.add_argument("--json", help="write the results to this file")
    parser.add_argument("--profile", action="store_true", help="most costly queries")
    return parser.parse_args()


def build(env, args, ranked):
    """The shop, products, program and members of one database; returns what the
    orders need."""
    company = env.company
    env["account.chart.template"].try_loading("generic_coa", company=company, install_demo=False)
    cash = env["account.journal"].search(
        [("type", "=", "cash"), ("company_id", "=", company.id)], limit=1
    )
    method = env["pos.payment.method"].create(
        {"name": "Cash", "journal_id": cash.id, "company_id": company.id}
    )
    config = env["pos.config"].create(
        {"name": PREFIX + "shop", "payment_method_ids": [Command.set(method.ids)]}
    )
    session = env["pos.session"].create({"config_id": config.id, "user_id": env.uid})
    products = env["product.product"].create(
        [
            {
                "name": f"{PREFIX}router {i}",
                "list_price": price,
                "type": "consu",
                "available_in_pos": True,
                "taxes_id": False,
            }
            for i, price in enumerate((125.0, 349.0, 1234.5), 1)
        ]
    )
    env["loyalty.program"].search([]).write({"active": False})
    values = {
        "name": PREFIX + "loyalty",
        "program_type": "loyalty",
        "applies_on": "both",
        "trigger": "auto",
        "portal_visible": True,
        "portal_point_name": "Points",
        "rule_ids": [
            Command.create({"reward_point_mode": "money", "reward_point_amount": 1 / PER_POINT})
        ],
        "reward_ids": [
            Command.create({"reward_type": "discount", "discount": 5, "required_points": 1000})
        ],
    }
    if ranked:
        values.update(
            crm_loyalty_ranked=True,
            crm_loyalty_amount_per_point=PER_POINT,
            crm_loyalty_tier_ids=[
                Command.create({"name": name, "sequence": seq, "threshold": t, "multiplier": m})
                for name, seq, t, m in (
                    ("Member", 1, 0, 1),
                    ("Silver", 2, 2000, 1.1),
                    ("Gold", 3, 10000, 1.25),
                    ("Diamond", 4, 50000, 1.5),
                )
            ],
        )
    program = env["loyalty.program"].create(values)
    partners = env["res.partner"].create(
        [{"name": f"{PREFIX}member {i}"} for i in range(args.members)]
    )
    points = [(i * 7919) % 60000 for i in range(args.members)]
    Card = env["loyalty.card"]
    if ranked:
        cards = Card.create([{"program_id": program.id, "partner_id": p.id} for p in partners])
        Card._crm_loyalty_post(
            [
                {
                    "card_id": card.id,
                    "description": "Earned",
                    "issued": pts,
                    "crm_loyalty_kind": "order",
                    "crm_loyalty_date": fields.Date.today(),
                }
                for card, pts in zip(cards, points, strict=True)
            ]
        )
        cards._crm_loyalty_assess()
    else:
        cards = Card.create(
            [
                {"program_id": program.id, "partner_id": p.id, "points": pts}
                for p, pts in zip(partners, points, strict=True)
            ]
        )
        env["loyalty.history"].create(
            [
                {"card_id": card.id, "description": "Earned", "issued": pts}
                for card, pts in zip(cards, points, strict=True)
            ]
        )
    env.flush_all()
    return {
        "session": session.id,
        "method": method.id,
        "pricelist": config.pricelist_id.id,
        "program": program.id,
        "products": [(p.id, p.list_price) for p in products],
        "members": [(p.id, c.id) for p, c in zip(partners, cards, strict=True)],
    }


def payload(shop, k, args):
    """Order ``k`` as the browser sends it, and the points it computed per card."""
    partner, card = shop["members"][k % len(shop["members"])]
    lines, total = [], 0.0
    for j in range(args.lines_per_order):
        product, price = shop["products"][(k + j) % len(shop["products"])]
        qty = 1 + (k + j) % 4
        total += price * qty
        lines.append(
            Command.create(
                {
                    "product_id": product,
                    "qty": qty,
                    "price_unit": price,
                    "discount": 0,
                    "price_subtotal": price * qty,
                    "price_subtotal_incl": price * qty,
                    "tax_ids": [],
                }
            )
        )
    uuid = str(uuid4())
    now = fields.Datetime.to_string(fields.Datetime.now())
    order = {
        "amount_paid": total,
        "amount_return": 0,
        "amount_tax": 0,
        "amount_total": total,
        "date_order": now,
        "fiscal_position_id": False,
        "pricelist_id": shop["pricelist"],
        "name": f"Order {uuid}",
        "last_order_preparation_change": "{}",
        "lines": lines,
        "partner_id": partner,
        "session_id": shop["session"],
        "sequence_number": k,
        "payment_ids": [
            Command.create({"amount": total, "name": now, "payment_method_id": shop["method"]})
        ],
        "uuid": uuid,
        "to_invoice": False,
    }
    won = round(total / PER_POINT, 2)
    coupons = {
        str(card): {
            "points": won,
            "program_id": shop["program"],
            "coupon_id": card,
            "barcode": False,
            "partner_id": partner,
        }
    }
    return order, coupons, card, won


def sync(env, order, coupons, card, won):
    """What the point of sale does for a paid order of a member."""
    synced = env["pos.order"].sync_from_ui([order])["pos.order"][0]["id"]
    pos_order = env["pos.order"].browse(synced)
    result = pos_order.confirm_coupon_programs(coupons)
    pos_order.add_loyalty_history_lines(
        [{"order_id": synced, "card_id": str(card), "spent": 0, "won": won}],
        [{"id": u["id"], "old_id": u["old_id"]} for u in result["coupon_updates"]],
    )
    env.flush_all()


def summary(times, queries):
    ms = sorted(t * 1000 for t in times)
    return {
        "orders": len(ms),
        "median_ms": round(statistics.median(ms), 2),
        "mean_ms": round(statistics.fmean(ms), 2),
        "p90_ms": round(ms[int(len(ms) * 0.9) - 1], 2),
        "queries_per_order": round(statistics.fmean(queries), 1),
    }


def main():
    args = parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "--no-http", "--log-level=warn"])
    registries = {
        "plain": odoo.modules.registry.Registry(args.plain_db),
        "ranked": odoo.modules.registry.Registry(args.loyalty_db),
    }
    shops = {}
    for name, registry in registries.items():
        with registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            installed = env["ir.module.module"].search_count(
                [("name", "=", "crm_loyalty_pos"), ("state", "=", "installed")]
            )
            if installed != (name == "ranked"):
                sys.exit(
                    f"{registry.db_name}: crm_loyalty_pos installed must be {name == 'ranked'}"
                )
            admin = env.ref("base.user_admin")
            env = env(user=admin.id)
            print(f"building {name} ({registry.db_name})", flush=True)
            shops[name] = build(env, args, ranked=name == "ranked")
    times = {name: [] for name in registries}
    queries = {name: [] for name in registries}
    profiles = {name: QueryProfile() for name in registries} if args.profile else None
    for k in range(args.orders):
        for name, registry in registries.items():
            order, coupons, card, won = payload(shops[name], k, args)
            with registry.cursor() as cr:
                env = api.Environment(cr, odoo.SUPERUSER_ID, {})
                env = env(user=env.ref("base.user_admin").id)
                with QueryProfile() as counter:
                    start = time.perf_counter()
                    sync(env, order, coupons, card, won)
                    times[name].append(time.perf_counter() - start)
                queries[name].append(sum(counter.counts.values()))
                if profiles:
                    profiles[name].counts.update(counter.counts)
                    profiles[name].seconds.update(counter.seconds)
        if (k + 1) % 100 == 0:
            print(f"{k + 1} orders synced in each database", flush=True)
    results = {name: summary(times[name], queries[name]) for name in registries}
    plain, ranked = results["plain"], results["ranked"]
    overhead = (ranked["median_ms"] / plain["median_ms"] - 1) * 100
    results["overhead_median_pct"] = round(overhead, 1)
    results["overhead_mean_pct"] = round((ranked["mean_ms"] / plain["mean_ms"] - 1) * 100, 1)
    results["goal_pct"] = 15
    results["machine"] = machine()
    print(json.dumps(results, indent=2))
    print(
        "| | median ms | mean ms | p90 ms | queries |\n|---|---|---|---|---|\n"
        + "\n".join(
            f"| {label} | {r['median_ms']} | {r['mean_ms']} | {r['p90_ms']} | "
            f"{r['queries_per_order']} |"
            for label, r in (("Odoo's loyalty (plain)", plain), ("crm_loyalty_pos", ranked))
        )
    )
    if profiles:
        for name, profile in profiles.items():
            profile.report(f"-- {name}: most costly statements")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(results, out, indent=2)


if __name__ == "__main__":
    main()
