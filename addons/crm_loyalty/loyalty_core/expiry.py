"""Expiry of points, oldest first.

Every point spent (a reward, a redemption, an expiry already written) consumes the
oldest earned points first. What remains of a lot earned on day D expires on
``D + months``. Expiry never exceeds the balance, and once an expiry is written it
is itself a consumption, so running the job again expires nothing more.
"""

from __future__ import annotations

from datetime import timedelta

from .dates import add_months


class ExpiryError(ValueError):
    """An expiry setting that cannot work (the message is plain English)."""


def check_months(enabled, months):
    if enabled and (months is None or months < 1):
        raise ExpiryError("Points must expire at least 1 month after they are earned.")


def remaining_lots(earnings, consumed):
    """The (date, points left) of each earning, after ``consumed`` points were taken
    oldest first. ``earnings`` are (date, points) pairs; non-positive ones are ignored."""
    left = max(consumed, 0)
    lots = []
    for day, points in sorted((d, p) for d, p in earnings if p > 0):
        taken = min(points, left)
        left -= taken
        lots.append((day, points - taken))
    return lots


def expiry_date(earned_on, months):
    return add_months(earned_on, months)


def points_to_expire(earnings, consumed, months, today, balance):
    """Points to expire on ``today``: what remains of lots whose expiry date has come,
    capped at the balance (never below zero)."""
    due = sum(
        left
        for day, left in remaining_lots(earnings, consumed)
        if left and expiry_date(day, months) <= today
    )
    return max(min(due, balance), 0)


def schedule(earnings, consumed, months, today, days=None):
    """[(expiry date, points)] still to expire after ``today``, oldest first; with
    ``days``, only those expiring within that many days."""
    limit = today + timedelta(days=days) if days is not None else None
    rows = {}
    for day, left in remaining_lots(earnings, consumed):
        when = expiry_date(day, months)
        if left and when > today and (limit is None or when <= limit):
            rows[when] = rows.get(when, 0) + left
    return sorted(rows.items())
