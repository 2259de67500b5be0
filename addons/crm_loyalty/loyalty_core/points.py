"""Points an order earns: whole points from an amount, an amount per point and a multiplier."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from .amounts import convert, net_amount

DOWN = "down"
HALF_UP = "half_up"
ROUNDING_MODES = (DOWN, HALF_UP)


class PointsError(ValueError):
    """A program setting that cannot give points (the message is plain English)."""


def check_rate(amount_per_point, multiplier=1):
    """Raise PointsError when the amount per point or a rank multiplier is unusable."""
    if amount_per_point is None or Decimal(str(amount_per_point)) <= 0:
        raise PointsError("The amount per point must be greater than zero.")
    if multiplier is None or Decimal(str(multiplier)) < 1:
        raise PointsError("A rank's points multiplier cannot be below 1.")


def order_points(amount, amount_per_point, multiplier=1, rounding=DOWN):
    """Whole points for ``amount`` (untaxed, in the program's currency).

    ``amount / amount_per_point * multiplier`` rounded to a whole number:
    ``down`` drops the fraction (12,345,000 VND at 10,000 VND a point gives 1234),
    ``half_up`` rounds halves away from zero. A negative amount (a refund) gives
    the negative of what the same positive amount earns, so a full refund takes
    back exactly what the order gave. Arithmetic is decimal: no float drift.
    """
    check_rate(amount_per_point, multiplier)
    if rounding not in ROUNDING_MODES:
        raise PointsError(f"Unknown rounding mode: {rounding}.")
    value = Decimal(str(amount))
    raw = abs(value) / Decimal(str(amount_per_point)) * Decimal(str(multiplier))
    mode = ROUND_DOWN if rounding == DOWN else ROUND_HALF_UP
    whole = int(raw.quantize(Decimal(1), rounding=mode))
    return -whole if value < 0 else whole


def lines_points(
    lines, amount_per_point, multiplier=1, rounding=DOWN, rate=None, program_rate=None
):
    """Whole points of an order from its lines, whatever records hold them (a sale
    order, a point of sale order): the one rule of every channel.

    ``lines`` are ``(subtotal, eligible, reward)`` triples: the untaxed subtotal in the
    order's currency, whether the program counts the line's product, whether the line
    is a reward (discount, promotion, points paid; a negative subtotal). The amount is
    the eligible lines net of their share of the rewards (``amounts.net_amount``),
    divided by ``rate`` (units of the order's currency per unit of the company's; None
    when the order is in the company's currency), times ``program_rate`` (units of the
    program's currency per unit of the company's; None when they are the same), then
    ``order_points``. The order of the lines does not matter.
    """
    lines = list(lines)
    amount = net_amount(
        [subtotal for subtotal, _eligible, reward in lines if not reward],
        [subtotal for subtotal, eligible, reward in lines if eligible and not reward],
        [subtotal for subtotal, _eligible, reward in lines if reward],
    )
    if rate is not None:
        amount = convert(amount, rate)
    if program_rate is not None:
        amount = amount * Decimal(str(program_rate))
    return order_points(amount, amount_per_point, multiplier, rounding)


def refund_points(issued, taken, base, refunded_before, refunded_now, expired=0):
    """Points a credit note takes back from an order that earned ``issued`` points on
    an untaxed ``base``, when earlier credit notes refunded ``refunded_before`` of it
    and took back ``taken`` points, and this one refunds ``refunded_now``.

    The points due for everything refunded so far are ``issued * refunded / base``,
    rounded down in decimal (290,000 of 1,000,000 on 100 points is 29, not 28), and
    never more than ``issued``: this credit note takes what is due less what was
    taken. Partial refunds therefore add up exactly to the order's points once the
    whole base is refunded (the last one takes the remainder), and never to more.
    """
    issued, taken = int(issued), int(taken)
    base = Decimal(str(base))
    if issued <= 0 or base <= 0:
        return 0
    refunded = Decimal(str(refunded_before)) + Decimal(str(refunded_now))
    refunded = min(max(refunded, Decimal(0)), base)
    due = int((issued * refunded / base).quantize(Decimal(1), rounding=ROUND_DOWN))
    return max(0, min(min(due, issued) - taken, issued - taken - int(expired)))
