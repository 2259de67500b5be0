"""Tier 1: the pure service-level rules of crm_idic_helpdesk (helpdesk_core)."""

import itertools
import math
from datetime import datetime, timedelta

import pytest
from helpdesk_core import service
from hypothesis import given
from hypothesis import strategies as st

OPENED = datetime(2026, 3, 2, 8, 0)
hours_lists = st.lists(st.floats(min_value=0, max_value=10_000, allow_nan=False), max_size=50)


@pytest.mark.parametrize(
    ("hours", "expected"),
    [(0, True), (8, True), (0.5, True), (-1, False), (-0.01, False), (None, False)],
)
def test_service_hours_must_be_zero_or_more(hours, expected):
    assert service.check_service_hours(hours) is expected


def test_service_hours_refuse_nan():
    assert not service.check_service_hours(math.nan)


def test_deadline_adds_the_service_level():
    assert service.deadline(OPENED, 8) == datetime(2026, 3, 2, 16, 0)
    assert service.deadline(OPENED, 36) == datetime(2026, 3, 3, 20, 0)


@pytest.mark.parametrize(("opened", "hours"), [(OPENED, 0), (OPENED, None), (False, 8), (None, 8)])
def test_no_deadline_without_service_level_or_opening(opened, hours):
    assert service.deadline(opened, hours) is None


def test_resolution_hours():
    assert service.resolution_hours(OPENED, OPENED + timedelta(hours=30, minutes=15)) == 30.25
    assert service.resolution_hours(OPENED, OPENED) == 0.0
    assert service.resolution_hours(OPENED, OPENED - timedelta(hours=1)) == 0.0, "never negative"
    assert service.resolution_hours(OPENED, False) is None
    assert service.resolution_hours(None, OPENED) is None


def test_within_service_level():
    due = OPENED + timedelta(hours=8)
    assert service.within_service_level(due, due) is True, "on the deadline is in time"
    assert service.within_service_level(due + timedelta(seconds=1), due) is False
    assert service.within_service_level(OPENED, None) is None
    assert service.within_service_level(False, due) is None


def test_default_priority():
    assert service.default_priority("0", "3", "1") == "0", "the creator's choice wins"
    assert service.default_priority(None, "3", "1") == "3"
    assert service.default_priority(False, False, "1") == "1"


def test_percentile_interpolates_like_percentile_cont():
    values = [2, 4, 6, 10, 20]
    assert service.percentile(values, 0.9) == pytest.approx(16.0)
    assert service.percentile(values, 0.5) == 6.0
    assert service.percentile(values, 0) == 2.0
    assert service.percentile(values, 1) == 20.0
    assert service.percentile([7], 0.9) == 7.0
    assert service.percentile([], 0.9) is None
    assert service.percentile([None, 3], 0.9) == 3.0


@pytest.mark.parametrize("fraction", [-0.1, 1.5])
def test_percentile_fraction_is_checked(fraction):
    with pytest.raises(ValueError):
        service.percentile([1, 2], fraction)


@given(hours_lists.filter(bool), st.floats(min_value=0, max_value=1))
def test_percentile_lies_between_min_and_max(values, fraction):
    result = service.percentile(values, fraction)
    assert min(values) - 1e-9 <= result <= max(values) + 1e-9


@given(hours_lists.filter(bool))
def test_percentile_grows_with_the_fraction(values):
    results = [service.percentile(values, f / 10) for f in range(11)]
    assert all(a <= b + 1e-9 for a, b in itertools.pairwise(results))


def test_share_and_mean_ignore_unknowns():
    assert service.share([True, False, None, True]) == pytest.approx(200 / 3)
    assert service.share([None]) is None
    assert service.mean([1, None, 3]) == 2
    assert service.mean([]) is None


def test_measures_of_closed_tickets():
    tickets = [
        service.ClosedTicket(hours=2, within=True, rating=5),
        service.ClosedTicket(hours=4, within=True, rating=4),
        service.ClosedTicket(hours=6, within=True, rating=None),
        service.ClosedTicket(hours=10, within=False, rating=3),
        service.ClosedTicket(hours=20, within=None, rating=1),
    ]
    result = service.measures(tickets, complaints_opened=6, complaints_closed=5)
    assert result.closed == 5
    assert result.complaints_opened == 6
    assert result.complaints_closed == 5
    assert result.avg_hours == pytest.approx(8.4)
    assert result.p90_hours == pytest.approx(16.0)
    assert result.within_share == pytest.approx(75.0), "tickets without a deadline left out"
    assert result.avg_rating == pytest.approx(3.25)
    assert result.satisfied_share == pytest.approx(50.0), "4 and 5 are satisfied"
    assert result.rated == 4


def test_ratings_on_odoos_scale():
    """Odoo's smileys give 1, 3 or 5; 0 is no rating; from 4 the customer is satisfied."""
    assert [service.satisfied(r) for r in (1, 2, 3, 3.9, 4, 5)] == [False] * 4 + [True] * 2
    tickets = [service.ClosedTicket(hours=1, within=None, rating=r) for r in (5, 3, 1, 0, None)]
    result = service.measures(tickets)
    assert result.rated == 3, "0 and None are not ratings"
    assert result.avg_rating == pytest.approx(3.0)
    assert result.satisfied_share == pytest.approx(100 / 3)
    later = service.measures(tickets, ratings=[5, 5])
    assert (later.avg_rating, later.satisfied_share, later.rated) == (5, 100, 2)


def test_measures_of_nothing():
    result = service.measures([])
    assert result == service.TicketMeasures()


# ------------------------------------------------------------ working hours
# a week of office hours, 8:00-12:00 and 13:00-17:00 Monday to Friday, from Monday
# 2 March 2026 (OPENED, 8:00) on, as the calendar gives them: in order, lunch left out
MONDAY = OPENED.replace(hour=0)
OFFICE = [
    (MONDAY + timedelta(days=day, hours=start), MONDAY + timedelta(days=day, hours=stop))
    for week in (0, 7)
    for day in range(week, week + 5)
    for start, stop in ((8, 12), (13, 17))
]
FRIDAY_EVENING = datetime(2026, 3, 6, 18, 0)


@pytest.mark.parametrize(
    ("opened", "hours", "due"),
    [
        (FRIDAY_EVENING, 8, datetime(2026, 3, 9, 17, 0)),  # Monday, end of day
        (FRIDAY_EVENING, 4, datetime(2026, 3, 9, 12, 0)),  # the morning's end, not 13:00
        (FRIDAY_EVENING, 5, datetime(2026, 3, 9, 14, 0)),  # after lunch
        (FRIDAY_EVENING, 10, datetime(2026, 3, 10, 10, 0)),  # Tuesday
        (FRIDAY_EVENING, 0.5, datetime(2026, 3, 9, 8, 30)),
        (datetime(2026, 3, 5, 15, 30), 8, datetime(2026, 3, 6, 15, 30)),  # from its opening
        (datetime(2026, 3, 5, 12, 30), 1, datetime(2026, 3, 5, 14, 0)),  # opened at lunch
        (datetime(2026, 3, 2, 6, 0), 40, datetime(2026, 3, 6, 17, 0)),  # a working week
        (datetime(2026, 3, 7, 10, 0), 1, datetime(2026, 3, 9, 9, 0)),  # on Saturday
    ],
)
def test_working_deadline_counts_working_hours_only(opened, hours, due):
    assert service.working_deadline(opened, hours, OFFICE) == due


@pytest.mark.parametrize("hours", [0, None, -2])
def test_no_working_deadline_without_service_level(hours):
    assert service.working_deadline(FRIDAY_EVENING, hours, OFFICE) is None
    assert service.working_deadline(None, 8, OFFICE) is None


def test_working_deadline_needs_enough_working_time():
    """None when the intervals end first: the caller reads a longer span."""
    assert service.working_deadline(datetime(2026, 3, 13, 9, 0), 8, OFFICE) is None
    assert service.working_deadline(FRIDAY_EVENING, 8, []) is None
    assert service.working_deadline(datetime(2026, 3, 20, 9, 0), 1, OFFICE) is None


def test_working_deadline_round_the_clock_is_the_calendar_deadline():
    days = [(MONDAY + timedelta(days=d), MONDAY + timedelta(days=d + 1)) for d in range(14)]
    opened = datetime(2026, 3, 3, 17, 41, 13)
    for hours in (0.1, 1, 7.5, 8, 36, 72.3):
        assert service.working_deadline(opened, hours, days) == service.deadline(opened, hours)


@given(
    st.integers(min_value=0, max_value=4 * 24 * 60),  # minutes after Monday 00:00
    st.integers(min_value=1, max_value=40 * 60),  # the service level in minutes
)
def test_working_deadline_spends_exactly_the_service_level(opened_minutes, minutes):
    """Between the opening and the deadline lie exactly the service level's working
    hours, and the deadline falls within working time."""
    opened = MONDAY + timedelta(minutes=opened_minutes)
    due = service.working_deadline(opened, minutes / 60, OFFICE)
    if due is None:
        return  # past the fortnight
    worked = sum(
        (min(stop, due) - max(start, opened)).total_seconds()
        for start, stop in OFFICE
        if stop > opened and start < due
    )
    assert worked == minutes * 60
    assert any(start < due <= stop for start, stop in OFFICE)
