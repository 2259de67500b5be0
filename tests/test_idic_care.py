"""Tier 1 tests of crm_idic's pure Interact and Customize rules (idic_core/care.py)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from idic_core.care import NO_CHANGE, gift_due, segment_pricelist_change, visit_due
from idic_core.identity import due_anniversaries, next_anniversary

TODAY = date(2025, 6, 15)


def days(n):
    return TODAY + timedelta(days=n)


# ---------------------------------------------------------------- visit_due


@pytest.mark.parametrize("never", [None, False])
@pytest.mark.parametrize("interval", [1, 30, 365])
def test_visit_due_never_visited(never, interval):
    assert visit_due(never, TODAY, interval) is True


@pytest.mark.parametrize(
    ("last_visit", "interval", "expected"),
    [
        (days(-30), 30, True),  # exactly the interval: due
        (days(-29), 30, False),
        (days(-31), 30, True),
        (days(-400), 30, True),
        (days(0), 30, False),  # visited today
        (days(0), 1, False),
        (days(-1), 1, True),
        (days(0), 0, True),  # no interval: always due
        (days(5), 30, False),  # a visit logged ahead
        (date(2025, 5, 15), 31, True),
        (date(2025, 5, 16), 31, False),
    ],
)
def test_visit_due(last_visit, interval, expected):
    assert visit_due(last_visit, TODAY, interval) is expected


def test_visit_due_across_a_leap_day():
    assert visit_due(date(2024, 2, 1), date(2024, 3, 2), 30) is True  # 30 days in 2024
    assert visit_due(date(2025, 2, 1), date(2025, 3, 2), 30) is False  # 29 days in 2025


visit_dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))


@given(visit_dates, visit_dates, st.integers(min_value=0, max_value=3_650))
def test_property_visit_due_from_last_visit_plus_interval(last_visit, today, interval):
    assert visit_due(last_visit, today, interval) == (
        today >= last_visit + timedelta(days=interval)
    )


@given(visit_dates, st.integers(min_value=1, max_value=3_650), st.integers(0, 1_000))
def test_property_visit_due_stays_due(last_visit, interval, later):
    """Once due, a visit stays due on every later day until one is logged."""
    due_day = last_visit + timedelta(days=interval)
    assert not visit_due(last_visit, due_day - timedelta(days=1), interval)
    assert visit_due(last_visit, due_day + timedelta(days=later), interval)


# ---------------------------------------------------------------- gift_due


@pytest.mark.parametrize(
    ("anniversary", "lead_days", "last_care_year", "expected"),
    [
        (days(0), 7, 0, True),  # today
        (days(7), 7, 0, True),  # the last day of the lead time
        (days(8), 7, 0, False),  # too early
        (days(3), 7, 2024, True),  # last year's gift does not count
        (days(3), 7, 2025, False),  # once a year
        (days(3), 7, 2026, False),
        (days(0), 0, 0, True),
        (days(1), 0, 0, False),
        (days(-1), 7, 0, False),  # already past
        (days(3), 7, None, True),
        (days(3), 7, False, True),
    ],
)
def test_gift_due(anniversary, lead_days, last_care_year, expected):
    assert gift_due(anniversary, TODAY, lead_days, last_care_year) is expected


def test_gift_due_across_new_year_uses_the_anniversary_year():
    today = date(2025, 12, 28)
    new_year = date(2026, 1, 3)
    # a gift scheduled in 2025 (for a 2025 anniversary) does not stop the 2026 one
    assert gift_due(new_year, today, 7, 2025) is True
    assert gift_due(new_year, today, 7, 2026) is False


def test_gift_due_with_a_company_lead_shorter_than_the_search_window():
    # the cron looks ahead with the longest lead of all companies, each company keeps its own
    window = due_anniversaries({1: date(1980, 6, 25)}, TODAY, 14)
    assert window == {1: days(10)}
    assert gift_due(window[1], TODAY, 14, 0) is True
    assert gift_due(window[1], TODAY, 7, 0) is False


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2090, 12, 31)),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    st.integers(min_value=0, max_value=60),
    st.integers(min_value=0, max_value=2_100),
)
def test_property_gift_due_once_a_year(day, today, lead_days, last_care_year):
    """Due within the lead time; after scheduling (care year = anniversary year) never again."""
    anniversary = next_anniversary(day, today)
    due = gift_due(anniversary, today, lead_days, last_care_year)
    assert due == ((anniversary - today).days <= lead_days and last_care_year < anniversary.year)
    assert not gift_due(anniversary, today, lead_days, anniversary.year)
    assert due <= gift_due(anniversary, today, lead_days + 1, last_care_year)


# ---------------------------------------------------------------- segment pricelist

OLD, NEW, HAND = 11, 22, 33  # the old segment's, the new segment's, one chosen by hand


@pytest.mark.parametrize(
    ("old", "new", "current", "expected"),
    [
        # the new segment has a pricelist
        (OLD, NEW, False, NEW),
        (OLD, NEW, OLD, NEW),  # the old segment's pricelist is replaced
        (OLD, NEW, HAND, NO_CHANGE),  # a pricelist chosen by hand stays
        (OLD, NEW, NEW, NO_CHANGE),  # already has it
        (False, NEW, False, NEW),
        (False, NEW, HAND, NO_CHANGE),
        (None, NEW, None, NEW),
        # the new segment has none: the old segment's is taken back if the customer has it
        (OLD, False, OLD, False),
        (OLD, False, HAND, NO_CHANGE),
        (OLD, False, False, NO_CHANGE),
        (OLD, None, None, NO_CHANGE),
        # no pricelist on either segment
        (False, False, False, NO_CHANGE),
        (False, False, HAND, NO_CHANGE),
        (None, None, None, NO_CHANGE),
        # two segments sharing a pricelist
        (OLD, OLD, False, OLD),
        (OLD, OLD, HAND, NO_CHANGE),
    ],
)
def test_segment_pricelist_change(old, new, current, expected):
    assert segment_pricelist_change(old, new, current) == expected


def test_segment_pricelist_change_no_change_is_not_a_pricelist():
    assert NO_CHANGE not in (False, None, 0)
    assert segment_pricelist_change(OLD, NEW, HAND) is NO_CHANGE


pricelists = st.sampled_from([False, None, OLD, NEW, HAND])


@given(pricelists, pricelists, pricelists)
def test_property_segment_pricelist_change_keeps_hand_choices(old, new, current):
    result = segment_pricelist_change(old, new, current)
    assert result in (NO_CHANGE, False, new)
    if current and current != old:
        assert result is NO_CHANGE  # chosen by hand, or already the new one
    if result is not NO_CHANGE:
        assert result == (new or False)
        assert not current or current == old
    if not (old or new):
        assert result is NO_CHANGE
