"""Tier 1 tests of crm_loyalty's pure rules (loyalty_core)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from loyalty_core import expiry, points
from loyalty_core.dates import add_months, add_years
from loyalty_core.points import DOWN, HALF_UP, PointsError, order_points
from loyalty_core.ranks import (
    ANNIVERSARY,
    CALENDAR_YEAR,
    LIFETIME,
    PERIOD_END,
    ROLLING_12,
    Assessment,
    RankError,
    assess,
    check_thresholds,
    next_review,
    qualifying_points,
    rank_for,
)

TODAY = date(2025, 6, 15)
THRESHOLDS = (0, 2_000, 10_000, 50_000)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2050, 12, 31))

# ------------------------------------------------------------------ points


def test_whole_points_rounded_down():
    # Odoo alone: 12,345,000 * 0.0001 = 1234.5 points; we give 1234
    assert order_points(12_345_000, 10_000) == 1234
    assert order_points(9_999, 10_000) == 0
    assert order_points(10_000, 10_000) == 1


def test_half_up_and_multiplier():
    assert order_points(12_345_000, 10_000, rounding=HALF_UP) == 1235
    assert order_points(12_344_999, 10_000, rounding=HALF_UP) == 1234
    assert order_points(12_345_000, 10_000, multiplier=1.5) == 1851
    assert order_points(100_000, 10_000, multiplier=2) == 20


def test_refund_takes_back_what_the_order_gave():
    assert order_points(-12_345_000, 10_000) == -1234


@pytest.mark.parametrize("rate", [0, -1, None])
def test_bad_rate_is_refused(rate):
    with pytest.raises(PointsError, match="amount per point"):
        order_points(100, rate)


def test_multiplier_below_one_and_unknown_rounding_are_refused():
    with pytest.raises(PointsError, match="multiplier"):
        order_points(100, 10, multiplier=0.5)
    with pytest.raises(PointsError):
        order_points(100, 10, rounding="up")


@given(
    amount=st.integers(min_value=0, max_value=10**12),
    rate=st.integers(min_value=1, max_value=10**6),
    multiplier=st.sampled_from([1, 1.1, 1.25, 1.5, 2, 3]),
    rounding=st.sampled_from([DOWN, HALF_UP]),
)
def test_points_are_whole_close_and_symmetric(amount, rate, multiplier, rounding):
    got = order_points(amount, rate, multiplier, rounding)
    assert isinstance(got, int)
    exact = amount * points.Decimal(str(multiplier)) / rate
    assert exact - 1 < got <= exact + points.Decimal("0.5")
    if rounding == DOWN:
        assert got <= exact
    assert order_points(-amount, rate, multiplier, rounding) == -got


@given(
    a=st.integers(min_value=0, max_value=10**10),
    b=st.integers(min_value=0, max_value=10**10),
    rate=st.integers(min_value=1, max_value=10**5),
)
def test_points_grow_with_the_amount(a, b, rate):
    low, high = sorted((a, b))
    assert order_points(low, rate) <= order_points(high, rate)
    # rounding per order: two orders never earn more than one order of their sum
    assert order_points(a, rate) + order_points(b, rate) <= order_points(a + b, rate)


# ------------------------------------------------------------------ dates


def test_add_months_clamps_to_month_end():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_months(date(2025, 12, 15), 1) == date(2026, 1, 15)


@given(day=days, months=st.integers(min_value=-240, max_value=240))
def test_add_months_moves_by_the_month(day, months):
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day <= day.day


# ------------------------------------------------------------------ windows


def test_window_edges():
    earnings = [
        (date(2024, 6, 15), 100),  # 12 months back to the day: outside the rolling window
        (date(2024, 6, 16), 10),
        (date(2024, 12, 31), 1),
        (date(2025, 1, 1), 1000),
        (date(2025, 6, 16), 5000),  # tomorrow: not yet
    ]
    assert qualifying_points(earnings, LIFETIME, TODAY) == 1111
    assert qualifying_points(earnings, ROLLING_12, TODAY) == 1011
    assert qualifying_points(earnings, CALENDAR_YEAR, TODAY) == 1000
    assert qualifying_points([(TODAY, -50)], LIFETIME, TODAY) == 0
    with pytest.raises(RankError):
        qualifying_points(earnings, "weekly", TODAY)


@given(
    earnings=st.lists(st.tuples(days, st.integers(min_value=0, max_value=10**6)), max_size=30),
    today=days,
)
def test_windows_nest(earnings, today):
    calendar = qualifying_points(earnings, CALENDAR_YEAR, today)
    rolling = qualifying_points(earnings, ROLLING_12, today)
    lifetime = qualifying_points(earnings, LIFETIME, today)
    assert calendar <= rolling <= lifetime


# ------------------------------------------------------------------ ranks


def test_thresholds_must_increase():
    check_thresholds(THRESHOLDS)
    for bad in ((0, 2000, 2000), (0, 5000, 1000), (-1, 10)):
        with pytest.raises(RankError):
            check_thresholds(bad)


def test_rank_for():
    assert rank_for(0, THRESHOLDS) == 0
    assert rank_for(1_999, THRESHOLDS) == 0
    assert rank_for(2_000, THRESHOLDS) == 1
    assert rank_for(10**9, THRESHOLDS) == 3
    assert rank_for(5, (10, 20)) is None


def test_next_review():
    assert next_review(date(2025, 3, 1), PERIOD_END) == date(2025, 12, 31)
    assert next_review(date(2025, 12, 31), PERIOD_END) == date(2026, 12, 31)
    assert next_review(date(2025, 3, 1), ANNIVERSARY) == date(2026, 3, 1)


def test_upgrade_at_once_downgrade_only_at_review():
    # a new member joins at the rank the points reach
    joined = assess(None, None, 0, THRESHOLDS, PERIOD_END, TODAY)
    assert joined == Assessment(0, date(2025, 12, 31), "up")
    # reaching Gold mid-year: at once
    gold = assess(0, date(2025, 12, 31), 10_000, THRESHOLDS, PERIOD_END, TODAY)
    assert gold.index == 2 and gold.change == "up"
    # points fall (new calendar year) before the review: the rank stays
    kept = assess(2, date(2025, 12, 31), 100, THRESHOLDS, PERIOD_END, date(2025, 12, 30))
    assert kept == Assessment(2, date(2025, 12, 31), None)
    # on the review date: down to what the points reach, next review a year on
    down = assess(2, date(2025, 12, 31), 2_500, THRESHOLDS, PERIOD_END, date(2025, 12, 31))
    assert down == Assessment(1, date(2026, 12, 31), "down")
    # a review that keeps the rank moves the review date
    same = assess(2, date(2025, 12, 31), 20_000, THRESHOLDS, PERIOD_END, date(2026, 1, 2))
    assert same == Assessment(2, date(2026, 12, 31), None)
    # anniversary basis: a missed review rolls forward to the next anniversary
    late = assess(3, date(2025, 3, 1), 0, THRESHOLDS, ANNIVERSARY, date(2026, 4, 1))
    assert late == Assessment(0, date(2027, 3, 1), "down")


@given(
    current=st.one_of(st.none(), st.integers(min_value=0, max_value=3)),
    review=st.one_of(st.none(), days),
    qualifying=st.integers(min_value=0, max_value=100_000),
    basis=st.sampled_from([PERIOD_END, ANNIVERSARY]),
    today=days,
)
def test_assessment_invariants(current, review, qualifying, basis, today):
    result = assess(current, review, qualifying, THRESHOLDS, basis, today)
    target = rank_for(qualifying, THRESHOLDS)
    if result.change == "down":
        assert review is not None and today >= review
        assert result.index == target and result.index < current
    if result.change == "up":
        assert result.index == target
    if current is not None and review is not None and today < review:
        # mid-period: never down
        assert result.index is not None and result.index >= current
    if result.index is not None:
        assert result.review > today
    # assessing again the same day changes nothing
    again = assess(result.index, result.review, qualifying, THRESHOLDS, basis, today)
    assert again.index == result.index and again.change is None


# ------------------------------------------------------------------ expiry


def test_fifo_consumption_and_expiry():
    earnings = [(date(2024, 1, 10), 100), (date(2024, 6, 1), 50), (date(2025, 1, 5), 30)]
    # 120 spent: the 100 of January 2024 and 20 of June 2024
    assert expiry.remaining_lots(earnings, 120) == [
        (date(2024, 1, 10), 0),
        (date(2024, 6, 1), 30),
        (date(2025, 1, 5), 30),
    ]
    # 12 months: June 2024's rest expired on 1 June 2025
    assert expiry.points_to_expire(earnings, 120, 12, TODAY, balance=60) == 30
    # never more than the balance
    assert expiry.points_to_expire(earnings, 120, 12, TODAY, balance=10) == 10
    assert expiry.points_to_expire(earnings, 120, 12, TODAY, balance=-5) == 0
    # once written (a consumption), nothing expires twice
    assert expiry.points_to_expire(earnings, 150, 12, TODAY, balance=30) == 0
    assert expiry.schedule(earnings, 150, 12, TODAY) == [(date(2026, 1, 5), 30)]
    assert expiry.schedule(earnings, 150, 12, TODAY, days=30) == []
    expiry.check_months(False, 0)
    with pytest.raises(expiry.ExpiryError):
        expiry.check_months(True, 0)


@given(
    earnings=st.lists(
        st.tuples(days, st.integers(min_value=0, max_value=10_000)), min_size=0, max_size=20
    ),
    spent=st.integers(min_value=0, max_value=200_000),
    months=st.integers(min_value=1, max_value=36),
    today=days,
)
def test_expiry_runs_once_and_never_goes_negative(earnings, spent, months, today):
    earned = sum(p for _, p in earnings)
    balance = earned - spent
    first = expiry.points_to_expire(earnings, spent, months, today, balance)
    assert 0 <= first <= max(balance, 0)
    second = expiry.points_to_expire(earnings, spent + first, months, today, balance - first)
    assert second == 0
    lots = expiry.remaining_lots(earnings, spent)
    assert sum(left for _, left in lots) == max(earned - spent, 0)
    # the oldest lots are used up first: after the first lot with points left, all are whole
    positive = sorted((d, p) for d, p in earnings if p > 0)
    partial = False
    for (_day, left), (_, original) in zip(lots, positive, strict=True):
        if partial:
            assert left == original
        partial = partial or left > 0
    upcoming = expiry.schedule(earnings, spent + first, months, today)
    assert all(when > today for when, _ in upcoming)
    assert sum(p for _, p in upcoming) <= max(earned - spent - first, 0)


# ------------------------------------------------------------------ gifts


def test_gift_due_once_a_year():
    from loyalty_core.gifts import anniversary_in_year, gift_due

    born = date(1990, 6, 15)
    assert not gift_due(born, date(2025, 6, 14), 2024)
    assert gift_due(born, date(2025, 6, 15), 2024)
    assert gift_due(born, date(2025, 6, 20), 0)  # a missed day still gives it
    assert not gift_due(born, date(2025, 6, 20), 2025)
    assert not gift_due(None, date(2025, 6, 20), 0)
    assert not gift_due(date(2030, 1, 1), date(2025, 6, 20), 0)
    assert anniversary_in_year(date(2000, 2, 29), 2025) == date(2025, 2, 28)


@given(day=days, today=days, last=st.integers(min_value=0, max_value=2060))
def test_gift_never_twice_in_a_year(day, today, last):
    from loyalty_core.gifts import gift_due

    if gift_due(day, today, last):
        assert last < today.year
        assert not gift_due(day, today, today.year)


# ------------------------------------------------------------------ rank benefits


def test_rank_pricelist_change():
    from loyalty_core.ranks import NO_CHANGE, pricelist_change

    # none or the old rank's pricelist: the new rank's replaces it
    assert pricelist_change(1, 2, False) == 2
    assert pricelist_change(1, 2, 1) == 2
    assert pricelist_change(None, 2, None) == 2
    # chosen by hand: stays
    assert pricelist_change(1, 2, 7) is NO_CHANGE
    assert pricelist_change(False, 2, 7) is NO_CHANGE
    # a new rank without pricelist takes the old rank's back only
    assert pricelist_change(1, False, 1) is False
    assert pricelist_change(1, False, 7) is NO_CHANGE
    assert pricelist_change(False, False, 7) is NO_CHANGE
    assert pricelist_change(False, False, False) is NO_CHANGE


@given(
    old=st.sampled_from([False, 1, 2]),
    new=st.sampled_from([False, 1, 2]),
    current=st.sampled_from([False, 1, 2, 9]),
)
def test_rank_pricelist_never_overrides_a_hand_choice(old, new, current):
    from loyalty_core.ranks import NO_CHANGE, pricelist_change

    result = pricelist_change(old, new, current)
    if current and current != old:
        assert result is NO_CHANGE


def test_rank_reward_allowed_at_or_above_its_rank():
    from loyalty_core.ranks import reward_allowed

    assert reward_allowed(None, None)
    assert reward_allowed(0, None)
    assert not reward_allowed(None, 2)
    assert not reward_allowed(1, 2)
    assert reward_allowed(2, 2)
    assert reward_allowed(3, 2)


def test_a_partial_refund_is_decimal():
    # 290,000 of a 1,000,000 VND order that earned 100 points: 29, never 28 (float: 28.99...)
    assert points.refund_points(100, 0, 1_000_000, 0, 290_000) == 29
    assert points.refund_points(100, 29, 1_000_000, 290_000, 290_000) == 29
    # the last refund takes the remainder, and a refund beyond the order nothing more
    assert points.refund_points(100, 58, 1_000_000, 580_000, 420_000) == 42
    assert points.refund_points(100, 100, 1_000_000, 1_000_000, 50_000) == 0
    assert points.refund_points(0, 0, 1_000_000, 0, 500_000) == 0
    assert points.refund_points(100, 0, 0, 0, 500_000) == 0


@given(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=1, max_value=10**9),
    st.lists(st.integers(min_value=1, max_value=10**8), min_size=1, max_size=8),
)
def test_partial_refunds_add_up_to_the_order_and_never_more(issued, base, parts):
    taken, refunded = 0, 0
    for part in parts:
        now = points.refund_points(issued, taken, base, refunded, part)
        assert now >= 0
        taken += now
        refunded += part
        assert taken <= issued
        # what is taken is always the rounded-down share of what is refunded so far
        assert taken == min(issued, issued * min(refunded, base) // base)
    if refunded >= base:
        assert taken == issued
