"""Tier 1: a point of sale order earns what a sale order with the same lines earns.

Both channels hand their lines to one core function (``points.lines_points``) as
``(subtotal, eligible, reward)`` triples: crm_loyalty's ``sale.order._crm_loyalty_lines``
and crm_loyalty_pos's ``pos.order._crm_loyalty_lines`` build them from their own
records (a sale order skips sections, notes and combo items; a POS order skips the lines
that refund another order). The adapters below mirror those two methods.
"""

import random
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from loyalty_core.amounts import convert, net_amount
from loyalty_core.points import DOWN, HALF_UP, lines_points, order_points

money = st.decimals(min_value=0, max_value=10**9, places=0, allow_nan=False)
line = st.tuples(money, st.booleans(), st.booleans())  # price, eligible product, reward


def subtotal(price, reward):
    return -price if reward else price


def sale_lines(lines):
    """What ``sale.order._crm_loyalty_lines`` gives: sections and notes dropped."""
    order_line = [{"display_type": "line_section"}] + [
        {"display_type": False, "subtotal": subtotal(p, r), "eligible": e, "reward": r}
        for p, e, r in lines
    ]
    return [
        (str(line["subtotal"]), line["eligible"] and not line["reward"], line["reward"])
        for line in order_line
        if not line["display_type"]
    ]


def pos_lines(lines, refunds, seed):
    """What ``pos.order._crm_loyalty_lines`` gives: the lines in the order the cashier
    rang them up, the refund lines of another order dropped."""
    rung = [
        {"subtotal": subtotal(p, r), "eligible": e, "reward": r, "refunded": False}
        for p, e, r in lines
    ] + [{"subtotal": -p, "eligible": True, "reward": False, "refunded": True} for p in refunds]
    random.Random(seed).shuffle(rung)
    return [
        (str(line["subtotal"]), line["eligible"] and not line["reward"], line["reward"])
        for line in rung
        if not line["refunded"]
    ]


rules = st.tuples(
    st.sampled_from([1, 1000, 10_000, Decimal("2.5")]),
    st.sampled_from([1, Decimal("1.1"), Decimal("1.25"), 2]),
    st.sampled_from([DOWN, HALF_UP]),
    st.sampled_from([None, Decimal(1), Decimal("25000.5"), Decimal("0.00004")]),
    st.sampled_from([None, Decimal(1), Decimal("0.0001")]),
)


@given(st.lists(line, max_size=12), st.lists(money, max_size=3), st.integers(), rules)
def test_pos_order_earns_what_the_sale_order_earns(lines, refunds, seed, rule):
    per_point, multiplier, rounding, rate, program_rate = rule
    kwargs = {
        "multiplier": multiplier,
        "rounding": rounding,
        "rate": rate,
        "program_rate": program_rate,
    }
    sale = lines_points(sale_lines(lines), per_point, **kwargs)
    pos = lines_points(pos_lines(lines, refunds, seed), per_point, **kwargs)
    assert pos == sale
    # and it is the rule of the sale orders before the core took lines: net amount,
    # order rate, program rate, whole points
    amount = net_amount(
        [subtotal(p, r) for p, _e, r in lines if not r],
        [p for p, e, r in lines if e and not r],
        [-p for p, _e, r in lines if r],
    )
    if rate is not None:
        amount = convert(amount, rate)
    if program_rate is not None:
        amount = amount * program_rate
    assert sale == order_points(amount, per_point, multiplier, rounding)
    assert sale >= 0


def test_rewards_lower_the_points_of_both_channels():
    lines = [(Decimal(10_000_000), True, False), (Decimal(1_000_000), True, True)]
    assert lines_points(sale_lines(lines), 10_000) == 900
    assert lines_points(pos_lines(lines, [Decimal(5_000_000)], 7), 10_000) == 900
    assert lines_points(pos_lines(lines, [], 1), 10_000, multiplier=Decimal("1.1")) == 990
