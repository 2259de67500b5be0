"""Ranks: qualifying points in a window, the rank they reach, and when a rank may change.

Qualifying points are the points *earned* inside the qualification window; spending
points does not lower them. A member moves up as soon as the qualifying points reach
a higher threshold, and moves down only on the review date (the end of the period or
the anniversary of the rank), never in the middle of a period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .dates import add_months, add_years

LIFETIME = "lifetime"
ROLLING_12 = "rolling_12"
CALENDAR_YEAR = "calendar_year"
WINDOWS = (LIFETIME, ROLLING_12, CALENDAR_YEAR)

PERIOD_END = "period_end"
ANNIVERSARY = "anniversary"
REVIEW_BASES = (PERIOD_END, ANNIVERSARY)

UP = "up"
DOWN = "down"


class RankError(ValueError):
    """A rank table that cannot work (the message is plain English)."""


def check_thresholds(thresholds):
    """Raise RankError unless the thresholds (in rank order) are >= 0 and strictly increasing."""
    previous = None
    for value in thresholds:
        if value < 0:
            raise RankError("A rank's qualifying points threshold cannot be negative.")
        if previous is not None and value <= previous:
            raise RankError(
                "Rank thresholds must increase: each rank needs more qualifying points "
                "than the one before it."
            )
        previous = value


def window_start(window, today):
    """First day (inclusive) whose earnings count on ``today``; None for a lifetime window.

    Rolling 12 months: the 12 months ending today (15 June 2025 counts from 16 June 2024).
    Calendar year: from 1 January of today's year.
    """
    if window == LIFETIME:
        return None
    if window == ROLLING_12:
        return add_months(today, -12) + timedelta(days=1)
    if window == CALENDAR_YEAR:
        return date(today.year, 1, 1)
    raise RankError(f"Unknown qualification window: {window}.")


def qualifying_points(earnings, window, today):
    """Sum of the points of ``earnings`` ((date, points) pairs) dated in the window.

    Entries after ``today`` do not count yet. Negative entries (refunds) count too,
    and the sum never goes below zero.
    """
    start = window_start(window, today)
    total = sum(
        points for day, points in earnings if day <= today and (start is None or day >= start)
    )
    return max(total, 0)


def rank_for(points, thresholds):
    """Index of the highest rank whose threshold ``points`` reach, or None below all."""
    found = None
    for index, threshold in enumerate(thresholds):
        if points >= threshold:
            found = index
    return found


def next_review(day, basis):
    """The first review date strictly after ``day``.

    ``period_end``: the next 31 December; ``anniversary``: one year later.
    """
    if basis == PERIOD_END:
        end = date(day.year, 12, 31)
        return end if day < end else date(day.year + 1, 12, 31)
    if basis == ANNIVERSARY:
        return add_years(day, 1)
    raise RankError(f"Unknown review basis: {basis}.")


@dataclass(frozen=True)
class Assessment:
    """The rank after an assessment: ``index`` (None: no rank), the next ``review``
    date, and ``change`` (UP, DOWN or None)."""

    index: int | None
    review: date | None
    change: str | None = None


def assess(current, review, points, thresholds, basis, today):
    """Decide a member's rank on ``today``.

    ``current``: index of the rank held (None for none); ``review``: the next review
    date kept on the card (None if never set). Upgrades happen at once and set a new
    review date; a lower rank is applied only when the review date has come. A review
    that keeps the rank moves the review date to the next one.
    """
    target = rank_for(points, thresholds)
    if target is not None and (current is None or target > current):
        return Assessment(target, next_review(today, basis), UP)
    if current is None:
        return Assessment(None, review, None)
    if review is None:
        return Assessment(current, next_review(today, basis), None)
    if today < review:
        return Assessment(current, review, None)
    following = review
    while following <= today:
        following = next_review(following, basis)
    if target is None or target < current:
        return Assessment(target, following, DOWN)
    return Assessment(current, following, None)


def withdraw(current, before, after, thresholds, review):
    """The rank after a reversal (a cancelled order, a credit note, a line taken off a
    confirmed order) took qualifying points back.

    The review date protects a member from points ageing out of the window, not from
    orders that were reversed: when the points the member held the rank with (``before``
    reached its threshold) fall below it (``after``), the rank ``after`` reaches applies
    at once; the review date is kept. Otherwise nothing changes here.
    """
    if current is None or before < thresholds[current] or after >= thresholds[current]:
        return Assessment(current, review, None)
    return Assessment(rank_for(after, thresholds), review, DOWN)


# ------------------------------------------------------------------ rank benefits

NO_CHANGE = object()


def pricelist_change(old_pricelist, new_pricelist, current_pricelist):
    """The pricelist to give a member whose rank changed, or NO_CHANGE.

    The arguments are pricelist ids (False or None for none): the pricelist of the
    old rank, of the new rank, and the one set on the member. The new rank's
    pricelist replaces no pricelist or the old rank's. A new rank without a
    pricelist takes the old rank's back (returns False) only when the member still
    has it. A pricelist chosen by hand (neither the old rank's nor none) always stays.
    (The same decision as crm_idic's segment pricelists.)
    """
    if new_pricelist:
        if not current_pricelist or current_pricelist == old_pricelist:
            return new_pricelist
        return NO_CHANGE
    if old_pricelist and current_pricelist == old_pricelist:
        return False
    return NO_CHANGE


def reward_allowed(member_rank, reserved_rank):
    """Whether a member of rank ``member_rank`` may claim a reward reserved for rank
    ``reserved_rank`` (rank indexes, lowest rank first; None: no rank / not reserved).

    A reward no rank reserves is open to everyone; a reserved one only to members at
    or above the rank that reserves it.
    """
    if reserved_rank is None:
        return True
    return member_rank is not None and member_rank >= reserved_rank
