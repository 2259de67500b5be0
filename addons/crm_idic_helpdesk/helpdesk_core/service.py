"""Service level of a ticket and the measures of a set of tickets."""

import bisect
import math
from dataclasses import dataclass
from datetime import timedelta

SECONDS_PER_HOUR = 3600.0
# Odoo's rating scale (rating/models/rating_data.py): a rating is a number from 1 to 5
# (the customer's smileys give 1, 3 or 5); 0 is no rating. From 4 the customer is
# satisfied (RATING_LIMIT_SATISFIED), from 3 okay, below 3 dissatisfied.
RATING_MIN = 1
RATING_SATISFIED = 4


def check_service_hours(hours):
    """True when ``hours`` can be a service level: a number of hours, zero or more.

    Zero means "no service level": the tickets of that segment get no deadline.
    """
    return hours is not None and not math.isnan(hours) and hours >= 0


def deadline(opened, hours):
    """When a ticket opened at ``opened`` must be resolved, or None without a service level."""
    if not opened or not hours or hours <= 0:
        return None
    return opened + timedelta(hours=hours)


def working_deadline(opened, hours, intervals):
    """When a ticket opened at ``opened`` must be resolved when only working time counts:
    ``hours`` of the working ``intervals`` from ``opened`` on.

    ``intervals`` are the (start, stop) pairs of working time of the team's calendar
    (leaves left out), in order and not overlapping, in the same time zone as ``opened``.
    None without a service level, or when the intervals end before ``hours`` are
    reached (the caller reads a longer span of the calendar then).
    """
    if not opened or not hours or hours <= 0:
        return None
    remaining = hours * SECONDS_PER_HOUR
    # the first interval that ends after the opening: the ones before are over
    first = bisect.bisect_right(intervals, opened, key=lambda interval: interval[1])
    for start, stop in intervals[first:]:
        start = max(start, opened)
        span = (stop - start).total_seconds()
        if remaining <= span:
            # to the second, as a deadline is stored
            return start + timedelta(seconds=round(remaining))
        remaining -= span
    return None


def resolution_hours(opened, closed):
    """Hours from opening to closing, rounded to the minute's hundredth; never negative."""
    if not opened or not closed:
        return None
    return round(max((closed - opened).total_seconds(), 0.0) / SECONDS_PER_HOUR, 2)


def within_service_level(closed, due):
    """True when closed by the deadline, None when there is no deadline or no closing."""
    if not closed or not due:
        return None
    return closed <= due


def default_priority(chosen, segment_priority, fallback):
    """The priority a new ticket gets: what its creator chose, else its segment's, else
    ``fallback`` (the helpdesk's own default)."""
    if chosen:
        return chosen
    return segment_priority or fallback


def percentile(values, fraction):
    """The ``fraction`` percentile of ``values`` with linear interpolation between the
    closest ranks (as PostgreSQL's ``percentile_cont``); None for no values."""
    if not 0 <= fraction <= 1:
        raise ValueError("fraction must be between 0 and 1")
    ordered = sorted(v for v in values if v is not None)
    if not ordered:
        return None
    position = (len(ordered) - 1) * fraction
    low = math.floor(position)
    high = math.ceil(position)
    if low == high:
        return float(ordered[low])
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def mean(values):
    found = [v for v in values if v is not None]
    return sum(found) / len(found) if found else None


def satisfied(rating):
    """True when ``rating`` (1 to 5) says the customer is satisfied, as Odoo reads it."""
    return rating >= RATING_SATISFIED


def share(flags):
    """Percentage (0-100) of True among the flags that are not None; None for none."""
    known = [f for f in flags if f is not None]
    if not known:
        return None
    return 100.0 * sum(1 for f in known if f) / len(known)


@dataclass(frozen=True)
class ClosedTicket:
    """What the measures need of a closed ticket."""

    hours: float | None  # resolution hours
    within: bool | None  # resolved by its deadline; None without a deadline
    rating: float | None = None  # the customer's rating (1 to 5), None when not rated


@dataclass(frozen=True)
class TicketMeasures:
    """Customer-side measures of a set of tickets (None where there is nothing to measure)."""

    complaints_opened: int = 0
    complaints_closed: int = 0
    closed: int = 0
    avg_hours: float | None = None
    p90_hours: float | None = None
    within_share: float | None = None  # % of closed tickets with a deadline met
    avg_rating: float | None = None  # on Odoo's scale, 1 to 5
    satisfied_share: float | None = None  # % of the ratings that say "satisfied"
    rated: int = 0


def measures(closed_tickets, complaints_opened=0, complaints_closed=0, ratings=None):
    """The measures of ``closed_tickets`` (ClosedTicket); ``ratings`` are the ratings to
    average when they are not those of the closed tickets (a rating given later)."""
    tickets = list(closed_tickets)
    hours = [t.hours for t in tickets]
    given = [
        r
        for r in (ratings if ratings is not None else [t.rating for t in tickets])
        if r and r >= RATING_MIN
    ]
    return TicketMeasures(
        complaints_opened=complaints_opened,
        complaints_closed=complaints_closed,
        closed=len(tickets),
        avg_hours=mean(hours),
        p90_hours=percentile(hours, 0.9),
        within_share=share(t.within for t in tickets),
        avg_rating=mean(given),
        satisfied_share=share(satisfied(r) for r in given),
        rated=len(given),
    )
