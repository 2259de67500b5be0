"""The point ledger of a loyalty card: pure rules, plain data in and out.

A card is a tuple of ``Row``s in the order they were written; every operation returns
a new tuple (or raises a ``LedgerError`` in plain English). The balance is always
``sum(issued - used)``.

- An order earns ``points.order_points`` on one row of its own (``confirm``); when
  its lines change, the row's ``issued`` becomes the new due, so the balance moves
  by the difference once (``change``).
- Each order or adjustment is a lot of points. Spending rows (redemptions,
  expiries, negative adjustments) take the oldest points first; a credit note takes
  ``points.refund_points`` from its own order's lot first, never points of that order
  that already expired (``refund``). What no lot covers (spent points refunded) is a
  debt the next points pay: only that takes the balance below zero.
- Cancelling an order writes a last refund of all it still holds, less what of it
  expired, and closes it (``cancel``). Cancelling a redemption puts its points back
  into the lots they came from (``cancel_redemption``).
- ``expire`` writes what ``expiry.points_to_expire`` finds due: never more than the
  balance, nothing more when run again.
- ``merge`` puts two cards' histories on one card; each keeps its own lots until the
  merge row, after which both pay and spend together.

Rows are only added, so what a row took from each lot never changes afterwards: a
refund finds the same expired points of its order whatever happened since. The one
exception, ``change``, only grows a lot or shrinks it by points it held all along.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from .expiry import points_to_expire
from .points import DOWN, order_points, refund_points

ORDER, REFUND, CANCEL, ADJUSTMENT = "order", "refund", "cancel", "adjustment"
REDEMPTION, REDEMPTION_CANCEL = "redemption", "redemption_cancel"
EXPIRY, MERGE = "expiry", "merge"
LOTS, TAKE_BACK = (ORDER, ADJUSTMENT), (REFUND, CANCEL)


class LedgerError(ValueError):
    """An operation the ledger refuses (the message is plain English)."""


@dataclass(frozen=True)
class Row:
    """One line of a card's history. ``key`` names its source, unique per kind
    (``("sale.order", 7)``; on a merge row, the pockets poured into ``pocket``);
    ``base``: the order's untaxed amount, or what a refund credited; ``lot_day``: the
    day of the lot a refund takes from; ``pocket`` tells merged cards' rows apart."""

    kind: str
    key: object
    day: date
    issued: int = 0
    used: int = 0
    base: Decimal = Decimal(0)
    multiplier: Decimal = Decimal(1)
    lot_day: date | None = None
    pocket: int = 0


@dataclass
class _Lot:
    day: date
    key: object
    left: int
    low: int  # the fewest points it ever held


def _pay(lots, debts, took):
    """Pay ``debts`` ([row index, points, own lot key]) from ``lots``: own lot, then oldest."""
    for debt in debts:
        for lot in sorted(lots, key=lambda lot, own=debt[2]: own is None or lot.key != own):
            take = min(lot.left, debt[1])
            lot.left, debt[1] = lot.left - take, debt[1] - take
            took[lot.key][debt[0]] += take
    debts[:] = [debt for debt in debts if debt[1]]


def _replay(rows):
    """Replay the rows day by day (lots before spending on a day). Returns the lots
    ({key: _Lot}) and what each row took of each lot ({lot key: {row index: points}})."""
    pockets, debts, lots = defaultdict(list), defaultdict(list), {}
    took = defaultdict(lambda: defaultdict(int))
    events = sorted((row.day, row.kind not in LOTS, index) for index, row in enumerate(rows))
    for _day, _phase, index in events:
        row = rows[index]
        if row.kind in LOTS and row.issued > 0:
            lots[row.key] = _Lot(row.day, row.key, row.issued, row.issued)
            pockets[row.pocket].append(lots[row.key])
        if row.kind == MERGE:
            for source in row.key:
                joined = pockets[row.pocket] + pockets.pop(source, [])
                pockets[row.pocket] = sorted(joined, key=lambda lot: lot.day)
                debts[row.pocket] += debts.pop(source, [])
        elif row.kind == REDEMPTION_CANCEL:
            spent = _find(rows, REDEMPTION, row.key)
            for key, by_row in took.items():
                lots[key].left += by_row.pop(spent, 0)
            for pocket in debts:
                debts[pocket] = [debt for debt in debts[pocket] if debt[0] != spent]
        elif row.used > 0:
            own = row.key if row.kind in TAKE_BACK else None
            debts[row.pocket].append([index, row.used, own])
        for pocket, held in pockets.items():
            _pay(held, debts[pocket], took)
        for lot in lots.values():
            lot.low = min(lot.low, lot.left)
    return lots, took


def _find(rows, kind, key):
    """Index of the row of ``kind`` for ``key``, or None."""
    return next((i for i, row in enumerate(rows) if row.kind == kind and row.key == key), None)


def balance(rows):
    return sum(row.issued - row.used for row in rows)


def order_row(rows, key):
    """The row of order ``key``; LedgerError if there is none or the order was cancelled."""
    index = _find(rows, ORDER, key)
    if index is None:
        raise LedgerError(f"Order {key} has no points on this card.")
    if _find(rows, CANCEL, key) is not None:
        raise LedgerError(f"Order {key} was cancelled.")
    return rows[index]


def _refunded(rows, key):
    return sum((row.base for row in rows if row.kind == REFUND and row.key == key), Decimal(0))


def taken(rows, key):
    """Points the refunds (and the cancellation) of order ``key`` took back."""
    return sum(row.used for row in rows if row.kind in TAKE_BACK and row.key == key)


def expired_by_lot(rows):
    """{lot key: points of that lot that expired}."""
    expired = defaultdict(int)
    for key, by_row in _replay(rows)[1].items():
        for index, points in by_row.items():
            if rows[index].kind == EXPIRY and points:
                expired[key] += points
    return dict(expired)


def expired_of(rows, key):
    return expired_by_lot(rows).get(key, 0)


def held(rows, key):
    """Points order ``key`` still holds: earned, less refunded, less expired."""
    return order_row(rows, key).issued - taken(rows, key) - expired_of(rows, key)


def expired(rows):
    return sum(row.used for row in rows if row.kind == EXPIRY)


def remaining(rows):
    """[(day, lot key, points left)] of the card's lots, oldest first."""
    lots = sorted(_replay(rows)[0].values(), key=lambda lot: lot.day)
    return [(lot.day, lot.key, lot.left) for lot in lots]


def confirm(rows, key, day, amount, amount_per_point, multiplier=1, rounding=DOWN):
    """Add the row of a confirmed order: ``amount`` earns ``order_points``."""
    if _find(rows, ORDER, key) is not None:
        raise LedgerError(f"Order {key} already has its points on this card.")
    amount, multiplier = Decimal(str(amount)), Decimal(str(multiplier))
    if amount < 0:
        raise LedgerError("An order's amount cannot be negative.")
    due = order_points(amount, amount_per_point, multiplier, rounding)
    return (*rows, Row(ORDER, key, day, issued=due, base=amount, multiplier=multiplier))


def change(rows, key, amount, amount_per_point, rounding=DOWN):
    """The order's amount is now ``amount``: its row earns the new due (same multiplier).
    Lowering it needs points the order held all along, and no less than was refunded."""
    row = order_row(rows, key)
    amount = Decimal(str(amount))
    due = order_points(amount, amount_per_point, row.multiplier, rounding)
    lot = _replay(rows)[0].get(key)
    if amount < _refunded(rows, key):
        raise LedgerError("An order cannot be lowered below what its credit notes refunded.")
    if order_delta(due, row.issued) < 0 and (lot.low if lot else 0) < row.issued - due:
        raise LedgerError(
            "This order's points were already spent or expired: refund it with a credit note."
        )
    index = _find(rows, ORDER, key)
    return (*rows[:index], replace(row, issued=due, base=amount), *rows[index + 1 :])


def refund(rows, key, day, refunded_now):
    """A credit note refunding ``refunded_now`` of order ``key`` takes back its share of
    the order's points (``refund_points``), never what of them already expired."""
    row = order_row(rows, key)
    now = Decimal(str(refunded_now))
    if now < 0:
        raise LedgerError("A refunded amount cannot be negative.")
    points = refund_points(
        row.issued, taken(rows, key), row.base, _refunded(rows, key), now, expired_of(rows, key)
    )
    return (*rows, Row(REFUND, key, day, used=points, base=now, lot_day=row.day))


def cancel(rows, key, day):
    """Cancel order ``key``: take back all it still holds (``held``) and close it."""
    row = order_row(rows, key)
    rest = max(row.base - _refunded(rows, key), Decimal(0))
    return (*rows, Row(CANCEL, key, day, used=held(rows, key), base=rest, lot_day=row.day))


def adjust(rows, key, day, points):
    """A manual adjustment: positive points are a new lot, negative ones are spent."""
    if _find(rows, ADJUSTMENT, key) is not None:
        raise LedgerError(f"Adjustment {key} is already on this card.")
    if points < 0 and -points > balance(rows):
        raise LedgerError("An adjustment cannot take more points than the card holds.")
    return (*rows, Row(ADJUSTMENT, key, day, issued=max(points, 0), used=max(-points, 0)))


def expire(rows, today, months):
    """Write an expiry row for the points due on ``today`` (none if nothing is due)."""
    earnings = [(day, left) for day, _key, left in remaining(rows)]
    due = points_to_expire(earnings, 0, months, today, balance(rows))
    return (*rows, Row(EXPIRY, None, today, used=due)) if due else tuple(rows)


def redeem(rows, key, day, points):
    """Spend ``points`` on redemption ``key``: refused unless the balance covers them."""
    have = balance(rows)
    if points <= 0:
        raise LedgerError("A redemption must spend at least one point.")
    if _find(rows, REDEMPTION, key) is not None:
        raise LedgerError(f"Redemption {key} is already on this card.")
    if have < points:
        raise LedgerError(f"The card holds {have} points: {points} cannot be redeemed.")
    return (*rows, Row(REDEMPTION, key, day, used=points))


def cancel_redemption(rows, key, day):
    """Give redemption ``key``'s points back to the lots they came from."""
    index = _find(rows, REDEMPTION, key)
    if index is None:
        raise LedgerError(f"Redemption {key} is not on this card.")
    if _find(rows, REDEMPTION_CANCEL, key) is not None:
        raise LedgerError(f"Redemption {key} was already cancelled.")
    return (*rows, Row(REDEMPTION_CANCEL, key, day, issued=rows[index].used))


def merge(card_a, card_b):
    """One card holding both histories (``card_b``'s rows after ``card_a``'s)."""
    keys = {(row.kind, row.key) for row in card_a if row.kind in (*LOTS, REDEMPTION)}
    if any((row.kind, row.key) in keys for row in card_b):
        raise LedgerError("Both cards hold the same order or redemption: they cannot merge.")
    if not card_a or not card_b:
        return (*card_a, *card_b)
    offset = 1 + max(row.pocket for row in card_a)

    def moved(row):
        key = tuple(k + offset for k in row.key) if row.kind == MERGE else row.key
        return replace(row, pocket=row.pocket + offset, key=key)

    day = max(row.day for row in (*card_a, *card_b))
    return (*card_a, *map(moved, card_b), Row(MERGE, (offset,), day))


def lot_consumption(lots, consumptions):
    """Which lot each kind of spending took: ``lots`` are (day, key, points) (net of
    their refunds), ``consumptions`` (day, kind, points). A chronological replay, lots
    before consumptions on the same day, oldest lot first; what no lot earned by then
    covers is dropped (the ledger core carries it as a debt instead).
    Returns {lot key: {kind: points taken}}."""
    events = [(day, 0, i, key, int(p)) for i, (day, key, p) in enumerate(lots) if p > 0]
    events += [(day, 1, i, kind, int(p)) for i, (day, kind, p) in enumerate(consumptions) if p > 0]
    open_lots, result = [], {}
    for _day, phase, _index, what, points in sorted(events, key=lambda e: e[:3]):
        if phase == 0:
            open_lots.append([what, points])
            continue
        for lot in open_lots:
            take = min(lot[1], points)
            if take:
                lot[1], points = lot[1] - take, points - take
                entry = result.setdefault(lot[0], {})
                entry[what] = entry.get(what, 0) + take
    return result


def order_delta(due, earned):
    """What the balance moves by when an order that earned ``earned`` now earns ``due``."""
    return int(due) - int(earned)
