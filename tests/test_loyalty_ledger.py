"""Tier 1 tests of crm_loyalty's point ledger (loyalty_core.ledger).

A hypothesis state machine runs orders, added lines, cancellations, credit notes,
expiry, redemptions and card merges in random order, and after every step checks the
ledger against a naive model of the rules below: points counted one at a time.
"""

from collections import Counter
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)
from loyalty_core import ledger
from loyalty_core.dates import add_months
from loyalty_core.ledger import LedgerError

RATE = 10_000  # VND per point
MONTHS = 12
DAY = date(2024, 1, 1)


# ------------------------------------------------------------------ the naive model


class Node:
    """A card of the model: the events written on it, after the cards merged into it."""

    def __init__(self, parents=()):
        self.parents, self.events = list(parents), []


def replay(node, orders):
    """([day, key, left, low] lots oldest first, unpaid [label, points, own],
    Counter{(lot key, label): points}) -- each point moved one at a time."""
    lots, debts, took = [], [], Counter()
    for parent in node.parents:  # merged cards: each history apart, then together
        more, owed, spent = replay(parent, orders)
        lots, debts, took = sorted(lots + more, key=lambda lot: lot[0]), debts + owed, took + spent
    for day, kind, label, points, own in sorted(node.events, key=lambda e: (e[0], e[1] != "lot")):
        if kind == "lot":
            issued = orders[label]["issued"]
            lots += [[day, label, issued, issued]] if issued else []
        elif kind == "give":  # a cancelled redemption: its points go back where they came from
            for lot in lots:
                lot[2] += took.pop((lot[1], label), 0)
            debts = [debt for debt in debts if debt[0] != label]
        else:
            debts.append([label, points, own])
        for debt in debts:
            while debt[1]:
                mine = [lot for lot in lots if lot[1] == debt[2] and lot[2]]
                lot = next(iter(mine + [lot for lot in lots if lot[2]]), None)
                if lot is None:
                    break
                lot[2], debt[1], took[lot[1], debt[0]] = (
                    lot[2] - 1,
                    debt[1] - 1,
                    took[lot[1], debt[0]] + 1,
                )
        debts = [debt for debt in debts if debt[1]]
        for lot in lots:
            lot[3] = min(lot[3], lot[2])
    return lots, debts, took


def model_points(amount, multiplier):
    return int(Fraction(amount) * Fraction(multiplier) / RATE)


# ------------------------------------------------------------------ the state machine


class LedgerMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.today, self.count = DAY, 0
        self.cards = [(), (), ()]  # the ledger's rows
        self.nodes = [Node(), Node(), Node()]  # the model's cards
        self.balances = [0, 0, 0]  # the model's balances
        self.orders, self.redemptions = {}, {}

    def label(self, prefix):
        self.count += 1
        return (prefix, self.count)

    def open_orders(self):
        return sorted(key for key, order in self.orders.items() if not order["closed"])

    def write(self, card, *event):
        self.nodes[card].events.append((self.today, *event))

    def check_no_new_debt(self, card, before):
        after = ledger.balance(self.cards[card])
        assert after >= 0 or after >= before, "only a refund of spent points goes below zero"

    # -------------------------------------------------------------- rules

    @initialize(tens=st.integers(0, 200))
    def first_order(self, tens):
        self.confirm(0, tens, "1")

    @rule(
        card=st.integers(0, 2),
        tens=st.integers(0, 200),
        multiplier=st.sampled_from(["1", "1.5", "2"]),
    )
    def confirm(self, card, tens, multiplier):
        key, amount = self.label("sale.order"), tens * 10_000 + 5_000 * (tens % 3)
        self.cards[card] = ledger.confirm(
            self.cards[card], key, self.today, amount, RATE, multiplier
        )
        issued = model_points(amount, multiplier)
        self.orders[key] = {"card": card, "day": self.today, "base": amount, "issued": issued}
        self.orders[key].update(multiplier=multiplier, refunded=0, taken=0, closed=False)
        self.write(card, "lot", key, 0, None)
        self.balances[card] += issued

    @precondition(lambda self: self.open_orders())
    @rule(pick=st.integers(0, 10**6), tens=st.integers(-50, 100))
    def change(self, pick, tens):
        key = self.open_orders()[pick % len(self.open_orders())]
        order = self.orders[key]
        card, amount = order["card"], max(order["base"] + tens * 10_000, 0)
        due = model_points(amount, order["multiplier"])
        lot = next((lot for lot in replay(self.nodes[card], self.orders)[0] if lot[1] == key), None)
        low = lot[3] if lot else 0
        if amount < order["refunded"] or order["issued"] - due > low:
            with pytest.raises(LedgerError):
                ledger.change(self.cards[card], key, amount, RATE)
            return
        before = ledger.balance(self.cards[card])
        self.cards[card] = ledger.change(self.cards[card], key, amount, RATE)
        assert ledger.balance(self.cards[card]) - before == due - order["issued"]
        self.balances[card] += due - order["issued"]
        order.update(base=amount, issued=due)

    @precondition(lambda self: self.open_orders())
    @rule(pick=st.integers(0, 10**6), percent=st.integers(0, 100))
    def refund(self, pick, percent):
        key = self.open_orders()[pick % len(self.open_orders())]
        order = self.orders[key]
        card, now = order["card"], order["base"] * percent // 100
        expired = self.model_expired(card).get(key, 0)
        refunded, issued, base = order["refunded"] + now, order["issued"], order["base"]
        due = issued * min(refunded, base) // base if base and issued else order["taken"]
        points = max(0, min(due - order["taken"], issued - order["taken"] - expired))
        self.cards[card] = ledger.refund(self.cards[card], key, self.today, now)
        assert self.cards[card][-1].used == points
        self.write(card, "spend", (*key, "refund", self.count), points, key)
        order.update(refunded=refunded, taken=order["taken"] + points)
        self.balances[card] -= points

    @precondition(lambda self: self.open_orders())
    @rule(pick=st.integers(0, 10**6))
    def cancel(self, pick):
        key = self.open_orders()[pick % len(self.open_orders())]
        order = self.orders[key]
        card = order["card"]
        points = order["issued"] - order["taken"] - self.model_expired(card).get(key, 0)
        self.cards[card] = ledger.cancel(self.cards[card], key, self.today)
        self.write(card, "spend", (*key, "cancel"), points, key)
        order.update(taken=order["taken"] + points, closed=True)
        self.balances[card] -= points
        with pytest.raises(LedgerError, match="cancelled"):
            ledger.refund(self.cards[card], key, self.today, 1)

    @rule(days=st.integers(0, 400))
    def expire(self, days):
        self.today += timedelta(days=days)
        for card, rows in enumerate(self.cards):
            lots = replay(self.nodes[card], self.orders)[0]
            due = sum(lot[2] for lot in lots if add_months(lot[0], MONTHS) <= self.today)
            due = max(0, min(due, self.balances[card]))
            before = ledger.balance(rows)
            self.cards[card] = ledger.expire(rows, self.today, MONTHS)
            assert before - ledger.balance(self.cards[card]) == due
            assert ledger.expire(self.cards[card], self.today, MONTHS) == self.cards[card]
            if due:
                self.write(card, "spend", self.label("expiry"), due, None)
                self.balances[card] -= due
            self.check_no_new_debt(card, before)

    @rule(card=st.integers(0, 2), points=st.integers(1, 300))
    def redeem(self, card, points):
        key, before = self.label("redemption"), self.balances[card]
        if before < points:
            with pytest.raises(LedgerError, match="cannot be redeemed"):
                ledger.redeem(self.cards[card], key, self.today, points)
            return
        self.cards[card] = ledger.redeem(self.cards[card], key, self.today, points)
        self.redemptions[key] = card
        self.write(card, "spend", key, points, None)
        self.balances[card] -= points
        self.check_no_new_debt(card, before)

    @precondition(lambda self: self.redemptions)
    @rule(pick=st.integers(0, 10**6))
    def cancel_redemption(self, pick):
        key = sorted(self.redemptions)[pick % len(self.redemptions)]
        card = self.redemptions.pop(key)
        before = ledger.balance(self.cards[card])
        self.cards[card] = ledger.cancel_redemption(self.cards[card], key, self.today)
        self.write(card, "give", key, 0, None)
        self.balances[card] += self.cards[card][-1].issued
        assert ledger.balance(self.cards[card]) > before
        with pytest.raises(LedgerError, match="already cancelled"):
            ledger.cancel_redemption(self.cards[card], key, self.today)

    @rule(a=st.integers(0, 2), b=st.integers(0, 2))
    def merge(self, a, b):
        if a == b:
            return
        total = ledger.balance(self.cards[a]) + ledger.balance(self.cards[b])
        self.cards[a], self.cards[b] = ledger.merge(self.cards[a], self.cards[b]), ()
        assert ledger.balance(self.cards[a]) == total
        self.nodes[a], self.nodes[b] = Node([self.nodes[a], self.nodes[b]]), Node()
        self.balances[a], self.balances[b] = self.balances[a] + self.balances[b], 0
        for owner in (self.orders, self.redemptions):
            for key, value in owner.items():
                if owner is self.orders and value["card"] == b:
                    value["card"] = a
                elif owner is self.redemptions and value == b:
                    owner[key] = a
        self.today += timedelta(days=1)  # a merge closes the day

    # -------------------------------------------------------------- the checks

    def model_expired(self, card):
        _lots, _debts, took = replay(self.nodes[card], self.orders)
        expired = Counter()
        for (key, label), points in took.items():
            if label[0] == "expiry":
                expired[key] += points
        return expired

    @invariant()
    def ledger_agrees_with_the_model(self):
        for card, rows in enumerate(self.cards):
            lots, _debts, took = replay(self.nodes[card], self.orders)
            expired = self.model_expired(card)
            assert (
                ledger.balance(rows) == self.balances[card] == sum(r.issued - r.used for r in rows)
            )
            assert ledger.expired(rows) == sum(expired.values())
            assert ledger.expired_by_lot(rows) == {key: n for key, n in expired.items() if n}
            assert ledger.remaining(rows) == [(day, key, left) for day, key, left, _ in lots]
            mine = {key: o for key, o in self.orders.items() if o["card"] == card}
            # no points minted: what the card's rows issued is what its orders earned
            orders_issued = sum(r.issued for r in rows if r.kind == ledger.ORDER)
            assert orders_issued == sum(o["issued"] for o in mine.values())
            for key, order in mine.items():
                assert ledger.taken(rows, key) == order["taken"]
                # never more back than issued, and nothing taken back that expired
                assert order["taken"] + expired[key] <= order["issued"]
                if not order["closed"]:
                    assert ledger.held(rows, key) == order["issued"] - order["taken"] - expired[key]
            # no point expires before its date
            days = {lot[1]: lot[0] for lot in lots}
            when = {e[2]: e[0] for node in self.all_nodes(self.nodes[card]) for e in node.events}
            for (key, label), points in took.items():
                if label[0] == "expiry" and points:
                    assert add_months(days[key], MONTHS) <= when[label]

    def all_nodes(self, node):
        yield node
        for parent in node.parents:
            yield from self.all_nodes(parent)


TestLedgerMachine = LedgerMachine.TestCase
TestLedgerMachine.settings = settings(stateful_step_count=30)


# ------------------------------------------------------------------ examples

ORDER = ("sale.order", 1)


def test_a_partial_refund_takes_29_of_100():
    rows = ledger.confirm((), ORDER, DAY, 1_000_000, RATE)
    assert ledger.balance(rows) == 100
    rows = ledger.refund(rows, ORDER, DAY, 290_000)
    assert rows[-1].used == 29 and rows[-1].lot_day == DAY
    assert ledger.balance(rows) == 71


def test_three_partial_refunds_add_up_to_the_order():
    rows = ledger.confirm((), ORDER, DAY, 1_000_000, RATE)
    for now in (290_000, 290_000, 420_000, 50_000):
        rows = ledger.refund(rows, ORDER, DAY, now)
    assert [row.used for row in rows[1:]] == [29, 29, 42, 0]
    assert ledger.taken(rows, ORDER) == 100 and ledger.balance(rows) == 0


def test_a_refund_after_expiry_takes_nothing_twice():
    rows = ledger.confirm((), ORDER, DAY, 1_000_000, RATE)
    rows = ledger.redeem(rows, "gift", DAY, 30)
    later = add_months(DAY, MONTHS)
    rows = ledger.expire(rows, later, MONTHS)
    assert ledger.expired(rows) == 70 and ledger.balance(rows) == 0
    assert ledger.expire(rows, later, MONTHS) == rows  # run again: nothing more
    # the 30 redeemed points are taken back (the balance owes them), the 70 expired are not
    rows = ledger.refund(rows, ORDER, later, 500_000)
    rows = ledger.refund(rows, ORDER, later, 500_000)
    assert [row.used for row in rows[-2:]] == [30, 0]
    assert ledger.balance(rows) == -30 and ledger.expired_of(rows, ORDER) == 70


def test_a_refund_of_spent_points_never_expires_newer_points_early():
    first, second = ("sale.order", 1), ("sale.order", 2)
    rows = ledger.confirm((), first, DAY, 1_000_000, RATE)
    rows = ledger.confirm(rows, second, DAY + timedelta(days=100), 1_000_000, RATE)
    rows = ledger.redeem(rows, "gift", DAY + timedelta(days=101), 50)
    due = add_months(DAY, MONTHS)
    rows = ledger.expire(rows, due, MONTHS)
    assert ledger.expired_by_lot(rows) == {first: 50}
    rows = ledger.refund(rows, first, due, 500_000)
    rows = ledger.refund(rows, first, due, 500_000)
    # the first order's 50 spent points are taken back from the second order's lot;
    # its 50 expired points are not taken twice, and the second's points stay unexpired
    assert [row.used for row in rows[-2:]] == [50, 0]
    assert ledger.expired_by_lot(rows) == {first: 50}
    assert ledger.remaining(rows)[-1] == (DAY + timedelta(days=100), second, 50)
    assert ledger.balance(rows) == 50


def test_cancel_takes_back_what_the_order_still_holds():
    rows = ledger.confirm((), ORDER, DAY, 1_000_000, RATE)
    rows = ledger.refund(rows, ORDER, DAY, 290_000)
    rows = ledger.cancel(rows, ORDER, DAY)
    assert rows[-1].used == 71 and ledger.balance(rows) == 0
    with pytest.raises(LedgerError, match="cancelled"):
        ledger.change(rows, ORDER, 2_000_000, RATE)
    with pytest.raises(LedgerError, match="already has its points"):
        ledger.confirm(rows, ORDER, DAY, 1, RATE)


def test_added_lines_move_the_balance_once():
    rows = ledger.confirm((), ORDER, DAY, 1_000_000, RATE, multiplier="1.5")
    assert ledger.balance(rows) == 150
    rows = ledger.change(rows, ORDER, 1_200_000, RATE)  # the multiplier stays
    assert ledger.balance(rows) == 180 and len(rows) == 1
    assert ledger.change(rows, ORDER, 1_200_000, RATE) == rows
    rows = ledger.redeem(rows, "gift", DAY, 170)
    with pytest.raises(LedgerError, match="already spent"):
        ledger.change(rows, ORDER, 1_000_000, RATE)
    assert ledger.balance(ledger.change(rows, ORDER, 1_150_000, RATE)) == 2


def test_redemptions_need_the_points():
    rows = ledger.confirm((), ORDER, DAY, 500_000, RATE)
    with pytest.raises(LedgerError, match="holds 50 points"):
        ledger.redeem(rows, "gift", DAY, 51)
    rows = ledger.redeem(rows, "gift", DAY, 50)
    rows = ledger.refund(rows, ORDER, DAY, 500_000)
    assert ledger.balance(rows) == -50
    with pytest.raises(LedgerError):
        ledger.redeem(rows, "other", DAY, 1)
    rows = ledger.cancel_redemption(rows, "gift", DAY)
    assert ledger.balance(rows) == 0
    with pytest.raises(LedgerError, match="not on this card"):
        ledger.cancel_redemption(rows, "nothing", DAY)


def test_a_merged_card_keeps_each_history():
    a_order, b_order = ("sale.order", 1), ("sale.order", 2)
    card_a = ledger.confirm((), a_order, DAY, 1_000_000, RATE)
    card_b = ledger.confirm((), b_order, DAY - timedelta(days=10), 1_000_000, RATE)
    later = add_months(DAY, MONTHS)
    card_a = ledger.expire(card_a, later, MONTHS)  # a's 100 expire
    card_b = ledger.redeem(card_b, "gift", later + timedelta(days=1), 100)  # b's are spent
    merged = ledger.merge(card_a, card_b)
    assert ledger.balance(merged) == 0
    assert ledger.expired_by_lot(merged) == {a_order: 100}
    # a refund of a's order finds its expired points; of b's, its spent ones
    assert ledger.refund(merged, a_order, later, 1_000_000)[-1].used == 0
    assert ledger.refund(merged, b_order, later, 1_000_000)[-1].used == 100
    with pytest.raises(LedgerError, match="same order"):
        ledger.merge(merged, card_b)
    assert ledger.merge(card_a, ()) == card_a


def test_adjustments():
    rows = ledger.adjust((), "welcome", DAY, 40)
    rows = ledger.adjust(rows, "fix", DAY, -15)
    assert ledger.balance(rows) == 25 and ledger.remaining(rows) == [(DAY, "welcome", 25)]
    with pytest.raises(LedgerError, match="more points than the card holds"):
        ledger.adjust(rows, "too much", DAY, -26)


def test_order_delta():
    assert ledger.order_delta(120, 100) == 20
    assert ledger.order_delta(80, 100) == -20


# ------------------------------------------------------------------ lot_consumption


def test_lot_consumption_oldest_first_and_lots_first_on_a_day():
    d1, d2, d3 = DAY, DAY + timedelta(days=1), DAY + timedelta(days=2)
    lots = [(d1, "a", 10), (d2, "b", 5), (d3, "c", 7)]
    consumptions = [(d2, "reward", 12), (d3, "expiry", 4)]
    assert ledger.lot_consumption(lots, consumptions) == {
        "a": {"reward": 10},
        "b": {"reward": 2, "expiry": 3},
        "c": {"expiry": 1},
    }


def test_lot_consumption_drops_what_no_lot_covered_yet():
    lots = [(DAY + timedelta(days=5), "late", 10), (DAY, "empty", 0)]
    assert ledger.lot_consumption(lots, [(DAY, "reward", 4)]) == {}
    assert ledger.lot_consumption([], [(DAY, "reward", 4)]) == {}
