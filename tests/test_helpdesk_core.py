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
    assert result.rated == 4


def test_measures_of_nothing():
    result = service.measures([])
    assert result == service.TicketMeasures()
