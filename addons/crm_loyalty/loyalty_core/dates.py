"""Calendar arithmetic the rules need (no dependency beyond the standard library)."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(day, months):
    """``day`` moved by ``months`` (negative goes back), clamped to the month's last day:
    31 January + 1 month is 28 (or 29) February."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def add_years(day, years):
    """``day`` moved by whole years; 29 February becomes 28 February in other years."""
    return add_months(day, 12 * years)
