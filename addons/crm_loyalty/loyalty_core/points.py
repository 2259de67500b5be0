"""Points an order earns: whole points from an amount, an amount per point and a multiplier."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

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
