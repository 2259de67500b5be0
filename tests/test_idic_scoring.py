"""Tier 1 tests of crm_idic's pure Differentiate rules (idic_core/scoring.py)."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from idic_core import scoring
from idic_core.scoring import (
    FAST_GROWING,
    INACTIVE,
    LARGE,
    LOYAL,
    MEDIUM,
    NEEDS_ATTENTION,
    NO_POTENTIAL,
    POTENTIAL,
    SMALL,
    STABLE,
    SUPER,
    Profile,
    RuleProblem,
    Rules,
    ScoreInputs,
    band_score,
    check_bands,
    check_segment_floors,
    differentiate,
    is_lapsed,
    lapse_limit,
    relationship_level,
    relationship_status,
    segment_for,
    value_class,
    weighted_total,
)

TODAY = date(2025, 6, 15)

BANDS = ((100, 10), (500, 40), (1000, 80))
SEGMENTS = (("C", 0), ("B", 40), ("A", 70))

RULES = Rules(
    current_bands=((0, 0), (1_000, 20), (10_000, 50), (100_000, 100)),
    potential_bands=((1_000, 25), (10_000, 60), (50_000, 100)),
    loyalty_bands=((0, 10), (365, 40), (730, 70), (1_825, 100)),
    weights=(2.0, 1.0, 1.0),
    segments=SEGMENTS,
    super_threshold=1_000_000,
    large_threshold=100_000,
    medium_threshold=10_000,
    lapse_days=365,
    repeat_min_orders=2,
    loyal_min_orders=5,
    loyal_min_tenure_days=730,
    growth_pct=30.0,
    decline_pct=30.0,
)


def days_ago(days):
    return TODAY - timedelta(days=days)


def customer(**values):
    """An active repeat customer with steady revenue; override what a test is about."""
    base = {
        "revenue_12m": 50_000.0,
        "revenue_prev_12m": 50_000.0,
        "order_count": 3,
        "first_order": days_ago(400),
        "last_order": days_ago(20),
    }
    base.update(values)
    return ScoreInputs(**base)


def loyal_customer(**values):
    base = {"order_count": 5, "first_order": days_ago(730), "last_order": days_ago(10)}
    base.update(values)
    return customer(**base)


def problem_code(func, *args):
    with pytest.raises(RuleProblem) as info:
        func(*args)
    return info.value.code


# ---------------------------------------------------------------- band_score


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (-1, 0.0),
        (0, 0.0),
        (99.99, 0.0),
        (100, 10.0),
        (300, 10.0),
        (499.99, 10.0),
        (500, 40.0),
        (999, 40.0),
        (1000, 80.0),
        (10**12, 80.0),
    ],
)
def test_band_score_picks_highest_band_reached(value, expected):
    assert band_score(value, BANDS) == expected


def test_band_score_returns_a_float():
    result = band_score(100, BANDS)
    assert type(result) is float
    assert result == 10.0


def test_band_score_ignores_input_order():
    shuffled = [(1000, 80), (100, 10), (500, 40)]
    for value in (50, 100, 700, 1000, 5000):
        assert band_score(value, shuffled) == band_score(value, BANDS)
    assert band_score(700, shuffled) == 40.0


def test_band_score_of_empty_table_is_zero():
    assert band_score(0, ()) == 0.0
    assert band_score(10**9, []) == 0.0


def test_band_score_threshold_zero_scores_zero_quantity():
    assert band_score(0, ((0, 15), (10, 30))) == 15.0
    assert band_score(-0.01, ((0, 15), (10, 30))) == 0.0


# ---------------------------------------------------------------- check_bands


@pytest.mark.parametrize(
    "bands",
    [
        (),
        ((0, 0),),
        ((0, 0), (10, 100)),
        ((10, 50), (0, 50)),  # unsorted, equal scores allowed
        ((1000, 80), (100, 10), (500, 40)),
    ],
)
def test_check_bands_accepts_valid_tables(bands):
    assert check_bands(bands) is None


def test_rule_problem_is_a_value_error_with_code_and_values():
    problem = RuleProblem("some_code", 1, 2)
    assert isinstance(problem, ValueError)
    assert problem.code == "some_code"
    assert problem.values == (1, 2)


def test_check_bands_negative_threshold():
    with pytest.raises(RuleProblem) as info:
        check_bands(((-1, 10), (5, 20)))
    assert info.value.code == "negative_threshold"
    assert info.value.values == (-1,)


@pytest.mark.parametrize("score", [-0.01, 100.01, 150])
def test_check_bands_score_out_of_range(score):
    with pytest.raises(RuleProblem) as info:
        check_bands(((0, 0), (10, score)))
    assert info.value.code == "score_out_of_range"
    assert info.value.values == (score,)


def test_check_bands_duplicate_threshold():
    with pytest.raises(RuleProblem) as info:
        check_bands(((10, 20), (0, 0), (10, 30)))
    assert info.value.code == "duplicate_threshold"
    assert info.value.values == (10,)


def test_check_bands_duplicate_threshold_even_with_same_score():
    assert problem_code(check_bands, ((10, 20), (10, 20))) == "duplicate_threshold"


def test_check_bands_decreasing_scores():
    with pytest.raises(RuleProblem) as info:
        check_bands(((0, 10), (100, 60), (500, 40)))
    assert info.value.code == "bands_out_of_order"
    assert info.value.values == (100, 60, 500, 40)


# ------------------------------------------------------- check_segment_floors


@pytest.mark.parametrize("floors", [[], [0], [0, 40, 70], [70, 0, 40], [0, 100]])
def test_check_segment_floors_accepts_valid_sets(floors):
    assert check_segment_floors(floors) is None


def test_check_segment_floors_gap_when_lowest_floor_is_not_zero():
    with pytest.raises(RuleProblem) as info:
        check_segment_floors([50, 10])
    assert info.value.code == "segment_gap"
    assert info.value.values == (10,)


def test_check_segment_floors_overlap_on_duplicate_floor():
    with pytest.raises(RuleProblem) as info:
        check_segment_floors([0, 40, 70, 40])
    assert info.value.code == "segment_overlap"
    assert info.value.values == (40,)


def test_check_segment_floors_duplicate_zero_is_overlap():
    assert problem_code(check_segment_floors, [0, 0]) == "segment_overlap"


@pytest.mark.parametrize(("floors", "bad"), [([0, 101], 101), ([-1, 0, 50], -1)])
def test_check_segment_floors_out_of_range(floors, bad):
    with pytest.raises(RuleProblem) as info:
        check_segment_floors(floors)
    assert info.value.code == "score_out_of_range"
    assert info.value.values == (bad,)


# ---------------------------------------------------------------- segment_for


@pytest.mark.parametrize(
    ("total", "expected"),
    [(0, "C"), (39.99, "C"), (40, "B"), (69.99, "B"), (70, "A"), (100, "A")],
)
def test_segment_for_ties_go_to_the_segment_starting_there(total, expected):
    assert segment_for(total, SEGMENTS) == expected
    assert segment_for(total, list(reversed(SEGMENTS))) == expected


def test_segment_for_without_segments_is_none():
    assert segment_for(50, ()) is None
    assert segment_for(0, []) is None


def test_segment_for_below_every_floor_is_none():
    assert segment_for(5, (("B", 10), ("A", 50))) is None


def test_segment_for_keys_can_be_record_ids():
    assert segment_for(55, ((7, 0), (8, 50), (9, 80))) == 8


# ------------------------------------------------------------- weighted_total


@pytest.mark.parametrize(
    ("scores", "weights", "expected"),
    [
        ((60, 30, 90), (1, 1, 1), 60.0),
        ((100, 50, 0), (2, 1, 1), 62.5),
        ((10, 50, 90), (0, 1, 1), 70.0),
        ((10, 50, 90), (0, 0, 3), 90.0),
        ((100, 0, 0), (1, 1, 1), 33.33),
        ((100, 100, 0), (1, 1, 1), 66.67),
        ((10, 20, 20), (1, 1, 1), 16.67),
        ((0, 0, 0), (1, 2, 3), 0.0),
        ((100, 100, 100), (0.1, 0.2, 0.3), 100.0),
    ],
)
def test_weighted_total(scores, weights, expected):
    assert weighted_total(scores, weights) == expected


def test_weighted_total_negative_weight():
    assert problem_code(weighted_total, (1, 2, 3), (1, -0.5, 1)) == "negative_weight"


def test_weighted_total_all_zero_weights():
    assert problem_code(weighted_total, (1, 2, 3), (0, 0, 0)) == "zero_weights"


# ---------------------------------------------------------------- value_class


def test_value_class_potential_without_orders():
    inputs = ScoreInputs(revenue_12m=0, order_count=0, pipeline=5_000)
    assert value_class(inputs, RULES, TODAY) == POTENTIAL


@pytest.mark.parametrize("revenue", [0.0, -0.01, -5_000.0])
def test_value_class_inactive_without_positive_revenue(revenue):
    # e.g. a customer whose last-year refunds exceed its sales
    assert value_class(customer(revenue_12m=revenue), RULES, TODAY) == INACTIVE


def test_value_class_inactive_when_lapsed():
    lapsed = customer(revenue_12m=2_000_000, last_order=days_ago(366))
    assert value_class(lapsed, RULES, TODAY) == INACTIVE


def test_value_class_last_day_of_lapse_window_is_still_active():
    edge = customer(revenue_12m=2_000_000, last_order=days_ago(365))
    assert value_class(edge, RULES, TODAY) == SUPER


@pytest.mark.parametrize(
    ("revenue", "expected"),
    [
        (0.01, SMALL),
        (9_999.99, SMALL),
        (10_000, MEDIUM),
        (99_999.99, MEDIUM),
        (100_000, LARGE),
        (999_999.99, LARGE),
        (1_000_000, SUPER),
        (50_000_000, SUPER),
    ],
)
def test_value_class_revenue_band_edges(revenue, expected):
    assert value_class(customer(revenue_12m=revenue), RULES, TODAY) == expected


# --------------------------------------------------------- relationship_level


def test_relationship_level_zero_without_orders():
    assert relationship_level(ScoreInputs(), RULES, TODAY) == 0


def test_relationship_level_one_below_repeat_minimum():
    assert relationship_level(customer(order_count=1), RULES, TODAY) == 1


@pytest.mark.parametrize("count", [2, 4])
def test_relationship_level_two_for_repeat_buyers(count):
    old = customer(order_count=count, first_order=days_ago(3_000))
    assert relationship_level(old, RULES, TODAY) == 2


def test_relationship_level_three_for_loyal_at_the_edges():
    # exactly loyal_min_orders, exactly loyal_min_tenure_days, last order on the lapse edge
    edge = loyal_customer(first_order=days_ago(730), last_order=days_ago(365))
    assert relationship_level(edge, RULES, TODAY) == 3


def test_relationship_level_not_loyal_with_short_tenure():
    assert relationship_level(loyal_customer(first_order=days_ago(729)), RULES, TODAY) == 2


def test_relationship_level_not_loyal_without_first_order_date():
    assert relationship_level(loyal_customer(first_order=None), RULES, TODAY) == 2


@pytest.mark.parametrize("last_order", [days_ago(366), None])
def test_relationship_level_lapsed_loyal_falls_back_to_two(last_order):
    lapsed = loyal_customer(order_count=50, first_order=days_ago(4_000), last_order=last_order)
    assert relationship_level(lapsed, RULES, TODAY) == 2


# -------------------------------------------------------- relationship_status


def status(inputs, level=None):
    if level is None:
        level = relationship_level(inputs, RULES, TODAY)
    return relationship_status(inputs, RULES, level, TODAY)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"pipeline": 1.0}, STABLE),
        ({"potential_estimate": 1.0}, STABLE),
        ({}, NO_POTENTIAL),
        ({"pipeline": -10.0, "potential_estimate": 0.0}, NO_POTENTIAL),
    ],
)
def test_relationship_status_of_prospects(values, expected):
    assert status(ScoreInputs(order_count=0, **values)) == expected


def test_relationship_status_flag_wins_over_everything():
    growing_loyal = loyal_customer(revenue_12m=200_000, revenue_prev_12m=50_000)
    assert status(growing_loyal) == FAST_GROWING
    assert status(replace(growing_loyal, needs_attention=True)) == NEEDS_ATTENTION


def test_relationship_status_flag_wins_over_no_potential():
    lapsed = customer(last_order=days_ago(500), needs_attention=True)
    assert status(lapsed) == NEEDS_ATTENTION


@pytest.mark.parametrize(
    ("current", "expected"),
    [(70_000, NEEDS_ATTENTION), (10_000, NEEDS_ATTENTION), (70_001, STABLE)],
)
def test_relationship_status_decline(current, expected):
    # decline_pct is 30: exactly 30 % down already needs attention
    inputs = customer(revenue_12m=current, revenue_prev_12m=100_000)
    assert status(inputs) == expected


def test_relationship_status_decline_wins_over_loyal():
    inputs = loyal_customer(revenue_12m=50_000, revenue_prev_12m=100_000)
    assert status(inputs, level=3) == NEEDS_ATTENTION


@pytest.mark.parametrize(
    "potential", [{"pipeline": 10.0}, {"potential_estimate": 10.0}], ids=["pipeline", "estimate"]
)
def test_relationship_status_lapsed_with_potential_needs_attention(potential):
    assert status(customer(last_order=days_ago(366), **potential)) == NEEDS_ATTENTION


def test_relationship_status_lapsed_without_potential_is_no_potential():
    assert status(customer(last_order=days_ago(366))) == NO_POTENTIAL


def test_relationship_status_unknown_last_order_counts_as_lapsed():
    assert status(customer(last_order=None)) == NO_POTENTIAL
    assert status(customer(last_order=None, pipeline=1.0)) == NEEDS_ATTENTION


def test_relationship_status_last_day_of_lapse_window_is_not_lapsed():
    assert status(customer(last_order=days_ago(365))) == STABLE


@pytest.mark.parametrize(
    ("current", "expected"),
    [(130_000, STABLE), (130_001, FAST_GROWING), (300_000, FAST_GROWING)],
)
def test_relationship_status_fast_growing_is_strictly_above_growth_pct(current, expected):
    inputs = customer(revenue_12m=current, revenue_prev_12m=100_000)
    assert status(inputs) == expected


def test_relationship_status_fast_growing_edge_with_exact_float():
    # 50 % is exact in binary floating point; exactly 50 % growth is not "fast".
    rules = replace(RULES, growth_pct=50.0)
    inputs = customer(revenue_12m=150, revenue_prev_12m=100)
    assert relationship_status(inputs, rules, 2, TODAY) == STABLE
    inputs = customer(revenue_12m=150.01, revenue_prev_12m=100)
    assert relationship_status(inputs, rules, 2, TODAY) == FAST_GROWING


def test_relationship_status_fast_growing_wins_over_loyal():
    inputs = loyal_customer(revenue_12m=200_000, revenue_prev_12m=100_000)
    assert status(inputs, level=3) == FAST_GROWING


def test_relationship_status_no_previous_revenue_is_not_growth():
    inputs = customer(revenue_12m=1_000_000, revenue_prev_12m=0)
    assert status(inputs) == STABLE


def test_relationship_status_loyal_needs_level_three():
    inputs = loyal_customer()
    assert status(inputs, level=3) == LOYAL
    assert status(inputs, level=2) == STABLE


def test_relationship_status_regular():
    assert status(customer()) == STABLE
    assert STABLE == "regular"


@pytest.mark.parametrize("pipeline", [0.0, 5_000.0])
def test_relationship_status_flagged_prospect_needs_attention(pipeline):
    inputs = ScoreInputs(order_count=0, pipeline=pipeline, needs_attention=True)
    assert status(inputs) == NEEDS_ATTENTION


def test_relationship_status_decline_of_exactly_decline_pct_float_edge():
    rules = replace(RULES, decline_pct=29.0)
    inputs = customer(revenue_12m=71, revenue_prev_12m=100)
    assert relationship_status(inputs, rules, 2, TODAY) == NEEDS_ATTENTION


def test_relationship_status_growth_of_exactly_growth_pct_float_edge():
    rules = replace(RULES, growth_pct=28.0)
    inputs = customer(revenue_12m=128, revenue_prev_12m=100)
    assert relationship_status(inputs, rules, 2, TODAY) == STABLE


# ---------------------------------------------------------------- Rules.check


def test_rules_check_accepts_valid_rules():
    assert RULES.check() is None
    assert replace(RULES, segments=()).check() is None


def test_rules_default_needs_class_thresholds():
    assert problem_code(Rules().check) == "class_thresholds_out_of_order"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"current_bands": ((-1, 10),)}, "negative_threshold"),
        ({"potential_bands": ((0, 101),)}, "score_out_of_range"),
        ({"loyalty_bands": ((10, 5), (10, 6))}, "duplicate_threshold"),
        ({"current_bands": ((0, 50), (10, 40))}, "bands_out_of_order"),
        ({"weights": (1.0, -1.0, 1.0)}, "negative_weight"),
        ({"weights": (0, 0, 0)}, "zero_weights"),
        ({"segments": (("B", 10), ("A", 50))}, "segment_gap"),
        ({"segments": (("C", 0), ("B", 40), ("B2", 40))}, "segment_overlap"),
        ({"segments": (("C", 0), ("X", 120))}, "score_out_of_range"),
        ({"medium_threshold": 0}, "class_thresholds_out_of_order"),
        ({"medium_threshold": 100_000}, "class_thresholds_out_of_order"),
        ({"large_threshold": 1_000_000}, "class_thresholds_out_of_order"),
        ({"super_threshold": 50_000}, "class_thresholds_out_of_order"),
        ({"lapse_days": 0}, "non_positive_days"),
        ({"lapse_days": -30}, "non_positive_days"),
        ({"repeat_min_orders": 0}, "level_orders_out_of_order"),
        ({"loyal_min_orders": 1}, "level_orders_out_of_order"),
        ({"loyal_min_tenure_days": -1}, "negative_threshold"),
        ({"growth_pct": -1.0}, "negative_percentage"),
        ({"decline_pct": -0.5}, "negative_percentage"),
    ],
)
def test_rules_check_problem_codes(changes, code):
    assert problem_code(replace(RULES, **changes).check) == code


def test_rules_check_accepts_edge_values():
    edge = replace(
        RULES,
        lapse_days=1,
        repeat_min_orders=1,
        loyal_min_orders=1,
        loyal_min_tenure_days=0,
        growth_pct=0.0,
        decline_pct=0.0,
        weights=(0, 0, 1),
    )
    assert edge.check() is None


# ---------------------------------------------------------------- differentiate


def test_differentiate_prospect_without_orders():
    inputs = ScoreInputs(pipeline=4_000, potential_estimate=7_000, loyalty_bonus=5)
    profile = differentiate(inputs, RULES, TODAY)
    # potential 11 000 -> 60; loyalty: tenure 0 -> 10, + 5 bonus; total (0*2 + 60 + 15) / 4
    assert profile == Profile(
        current_score=0.0,
        potential_score=60.0,
        loyalty_score=15.0,
        total_score=18.75,
        segment="C",
        value_class=POTENTIAL,
        level=0,
        status=STABLE,
        tenure_days=0,
        days_since_last_order=None,
    )


def test_differentiate_prospect_without_anything():
    profile = differentiate(ScoreInputs(), RULES, TODAY)
    assert profile.total_score == 2.5  # only the tenure-0 loyalty band: 10 / 4
    assert profile.status == NO_POTENTIAL
    assert profile.value_class == POTENTIAL
    assert profile.level == 0


def test_differentiate_refunds_only():
    inputs = ScoreInputs(
        revenue_12m=-5_000,
        revenue_prev_12m=0,
        order_count=2,
        first_order=days_ago(400),
        last_order=days_ago(30),
    )
    profile = differentiate(inputs, RULES, TODAY)
    assert profile == Profile(
        current_score=0.0,
        potential_score=0.0,
        loyalty_score=40.0,
        total_score=10.0,
        segment="C",
        value_class=INACTIVE,
        level=2,
        status=STABLE,
        tenure_days=400,
        days_since_last_order=30,
    )


def test_differentiate_negative_revenue_scores_like_zero_revenue():
    rules = replace(RULES, current_bands=((0, 5), (1_000, 50)))
    refunds = differentiate(customer(revenue_12m=-1e6), rules, TODAY)
    nothing = differentiate(customer(revenue_12m=0), rules, TODAY)
    assert refunds.current_score == nothing.current_score == 5.0


def test_differentiate_negative_pipeline_does_not_eat_the_estimate():
    inputs = customer(pipeline=-50_000, potential_estimate=10_000)
    assert differentiate(inputs, RULES, TODAY).potential_score == 60.0


def test_differentiate_loyalty_bonus_is_added_and_capped_at_100():
    base = customer(first_order=days_ago(400))  # tenure band 40
    assert differentiate(replace(base, loyalty_bonus=25), RULES, TODAY).loyalty_score == 65.0
    assert differentiate(replace(base, loyalty_bonus=60), RULES, TODAY).loyalty_score == 100.0
    assert differentiate(replace(base, loyalty_bonus=500), RULES, TODAY).loyalty_score == 100.0
    assert differentiate(replace(base, loyalty_bonus=-30), RULES, TODAY).loyalty_score == 40.0


@pytest.mark.parametrize(
    ("first_order", "tenure", "loyalty"),
    [
        (days_ago(0), 0, 10.0),
        (days_ago(364), 364, 10.0),
        (days_ago(365), 365, 40.0),
        (days_ago(800), 800, 70.0),
        (days_ago(1_825), 1_825, 100.0),
        (TODAY + timedelta(days=10), 0, 10.0),  # a future first order is no tenure
        (None, 0, 10.0),
    ],
)
def test_differentiate_tenure_counts_from_first_order(first_order, tenure, loyalty):
    profile = differentiate(customer(first_order=first_order), RULES, TODAY)
    assert profile.tenure_days == tenure
    assert profile.loyalty_score == loyalty


def test_differentiate_loyal_top_customer():
    inputs = ScoreInputs(
        revenue_12m=2_000_000,
        revenue_prev_12m=1_900_000,
        pipeline=60_000,
        order_count=40,
        first_order=date(2019, 1, 1),
        last_order=days_ago(3),
    )
    profile = differentiate(inputs, RULES, TODAY)
    assert profile == Profile(
        current_score=100.0,
        potential_score=100.0,
        loyalty_score=100.0,
        total_score=100.0,
        segment="A",
        value_class=SUPER,
        level=3,
        status=LOYAL,
        tenure_days=(TODAY - date(2019, 1, 1)).days,
        days_since_last_order=3,
    )


def test_differentiate_mid_customer_total_and_segment():
    inputs = customer(revenue_12m=20_000, pipeline=2_000, first_order=days_ago(800))
    profile = differentiate(inputs, RULES, TODAY)
    # current 50 (x2), potential 25, loyalty 70 -> (100 + 25 + 70) / 4 = 48.75
    assert (profile.current_score, profile.potential_score, profile.loyalty_score) == (
        50.0,
        25.0,
        70.0,
    )
    assert profile.total_score == 48.75
    assert profile.segment == "B"
    assert profile.value_class == MEDIUM


def test_differentiate_without_segments_gives_no_segment():
    profile = differentiate(customer(), replace(RULES, segments=()), TODAY)
    assert profile.segment is None


# ------------------------------------------------------------------ lapse


@pytest.mark.parametrize(
    ("last_order", "lapse_days", "expected"),
    [
        (days_ago(366), 365, True),
        (days_ago(365), 365, False),  # the last day of the window is still active
        (days_ago(364), 365, False),
        (days_ago(0), 365, False),
        (days_ago(4_000), 365, True),
        (days_ago(2), 1, True),
        (days_ago(1), 1, False),
        (days_ago(1), 0, True),
        (days_ago(0), 0, False),
        (TODAY + timedelta(days=3), 0, False),  # an order dated ahead counts as today's
        (TODAY + timedelta(days=3), 365, False),
    ],
)
def test_is_lapsed(last_order, lapse_days, expected):
    assert is_lapsed(last_order, TODAY, lapse_days) is expected


@pytest.mark.parametrize("never", [None, False])
@pytest.mark.parametrize("lapse_days", [0, 1, 365])
def test_is_lapsed_never_ordered_is_not_lapsed(never, lapse_days):
    assert is_lapsed(never, TODAY, lapse_days) is False


@pytest.mark.parametrize(
    ("today", "lapse_days", "expected"),
    [
        (TODAY, 365, date(2024, 6, 15)),
        (TODAY, 0, TODAY),
        (TODAY, 1, date(2025, 6, 14)),
        (date(2025, 3, 1), 1, date(2025, 2, 28)),
        (date(2024, 3, 1), 1, date(2024, 2, 29)),  # leap year
        (date(2025, 1, 1), 1, date(2024, 12, 31)),
        (date(2025, 3, 1), 365, date(2024, 3, 1)),  # across 29 February 2024: 366 days
    ],
)
def test_lapse_limit(today, lapse_days, expected):
    assert lapse_limit(today, lapse_days) == expected


def test_lapse_limit_edges_agree_with_is_lapsed():
    limit = lapse_limit(TODAY, 365)
    assert is_lapsed(limit - timedelta(days=1), TODAY, 365)
    assert not is_lapsed(limit, TODAY, 365)


def test_lapse_rule_is_the_one_of_the_classifiers():
    """value_class, relationship_level and relationship_status share is_lapsed."""
    loyal = loyal_customer(revenue_12m=2_000_000, order_count=50, first_order=days_ago(4_000))
    for days, lapsed in ((365, False), (366, True)):
        inputs = replace(loyal, last_order=days_ago(days))
        assert is_lapsed(inputs.last_order, TODAY, RULES.lapse_days) is lapsed
        assert (value_class(inputs, RULES, TODAY) == INACTIVE) is lapsed
        assert (relationship_level(inputs, RULES, TODAY) == 2) is lapsed
        level = relationship_level(inputs, RULES, TODAY)
        assert (relationship_status(inputs, RULES, level, TODAY) == NO_POTENTIAL) is lapsed


# ------------------------------------------------------------------ properties

thresholds = st.one_of(
    st.integers(min_value=0, max_value=10**9),
    st.floats(min_value=0, max_value=1e9, allow_nan=False),
)
scores = st.floats(min_value=0, max_value=100, allow_nan=False)


@st.composite
def band_tables(draw, max_size=8):
    """A valid band table: distinct non-negative thresholds, non-decreasing scores, any order."""
    keys = sorted(draw(st.lists(thresholds, unique=True, max_size=max_size)))
    values = sorted(draw(st.lists(scores, min_size=len(keys), max_size=len(keys))))
    return draw(st.permutations(list(zip(keys, values, strict=True))))


quantities = st.one_of(
    st.floats(allow_nan=False),
    st.integers(min_value=-(10**12), max_value=10**12),
)


@given(band_tables(), quantities, quantities)
def test_property_band_score_is_monotonic(bands, a, b):
    check_bands(bands)
    low, high = sorted((a, b))
    assert band_score(low, bands) <= band_score(high, bands)


@given(band_tables(), quantities)
def test_property_band_score_is_a_table_score_or_zero(bands, value):
    assert band_score(value, bands) in {0.0} | {float(score) for _t, score in bands}


weights = st.tuples(*[st.floats(min_value=0, max_value=1e6, allow_subnormal=False)] * 3)
grid_scores = st.integers(min_value=0, max_value=10_000).map(lambda cents: cents / 100)


@given(st.tuples(grid_scores, grid_scores, grid_scores), weights)
def test_property_weighted_total_stays_between_scores(three, weight):
    """Exact bounds for scores with at most two decimals (the result is rounded to two)."""
    assume(sum(weight) > 0)
    assert min(three) <= weighted_total(three, weight) <= max(three)


@given(st.tuples(scores, scores, scores), weights)
def test_property_weighted_total_stays_between_any_scores_within_rounding(three, weight):
    """With arbitrary scores the rounding to 2 decimals may cross a bound by at most 0.005."""
    assume(sum(weight) > 0)
    total = weighted_total(three, weight)
    assert min(three) - 0.005 <= total <= max(three) + 0.005
    assert 0 <= total <= 100


@given(
    st.sets(st.integers(min_value=1, max_value=100) | scores.filter(bool), max_size=10),
    st.floats(min_value=0, max_value=100),
    st.randoms(use_true_random=False),
)
def test_property_segment_for_picks_greatest_floor_not_above_total(floors, total, rnd):
    floors = sorted({0, *floors})
    assume(len(set(floors)) == len(floors))
    check_segment_floors(floors)
    segments = [(f"segment-{index}", floor) for index, floor in enumerate(floors)]
    rnd.shuffle(segments)
    expected = max(floor for floor in floors if floor <= total)
    key = segment_for(total, segments)
    assert dict(segments)[key] == expected


@st.composite
def valid_rules(draw):
    medium = draw(st.floats(min_value=0.01, max_value=1e6))
    large = medium + draw(st.floats(min_value=0.01, max_value=1e6))
    super_ = large + draw(st.floats(min_value=0.01, max_value=1e6))
    floors = sorted({0, *draw(st.sets(st.integers(min_value=1, max_value=100), max_size=5))})
    repeat = draw(st.integers(min_value=1, max_value=5))
    weight = draw(weights)
    assume(sum(weight) > 0)
    rules = Rules(
        current_bands=tuple(draw(band_tables())),
        potential_bands=tuple(draw(band_tables())),
        loyalty_bands=tuple(draw(band_tables())),
        weights=weight,
        segments=tuple((f"s{floor}", floor) for floor in floors),
        super_threshold=super_,
        large_threshold=large,
        medium_threshold=medium,
        lapse_days=draw(st.integers(min_value=1, max_value=2_000)),
        repeat_min_orders=repeat,
        loyal_min_orders=repeat + draw(st.integers(min_value=0, max_value=10)),
        loyal_min_tenure_days=draw(st.integers(min_value=0, max_value=5_000)),
        growth_pct=draw(st.floats(min_value=0, max_value=500)),
        decline_pct=draw(st.floats(min_value=0, max_value=100)),
    )
    rules.check()
    return rules


amounts = st.floats(allow_nan=False)  # infinities included; NaN is out of scope
optional_dates = st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1))
score_inputs = st.builds(
    ScoreInputs,
    revenue_12m=amounts,
    revenue_prev_12m=amounts,
    pipeline=amounts,
    potential_estimate=amounts,
    order_count=st.integers(min_value=0, max_value=10_000),
    first_order=optional_dates,
    last_order=optional_dates,
    loyalty_bonus=amounts,
    needs_attention=st.booleans(),
)


@given(score_inputs, valid_rules(), st.dates(min_value=date(1950, 1, 1)))
def test_property_differentiate_scores_stay_on_the_0_100_scale(inputs, rules, today):
    profile = differentiate(inputs, rules, today)
    for value in (
        profile.current_score,
        profile.potential_score,
        profile.loyalty_score,
        profile.total_score,
    ):
        assert 0 <= value <= 100
    assert profile.level in {0, 1, 2, 3}
    assert (profile.level == 0) == (inputs.order_count == 0)
    assert profile.value_class in {SUPER, LARGE, MEDIUM, SMALL, INACTIVE, POTENTIAL}
    assert profile.status in {LOYAL, FAST_GROWING, NO_POTENTIAL, NEEDS_ATTENTION, STABLE}
    assert profile.tenure_days >= 0
    assert profile.segment == scoring.segment_for(profile.total_score, rules.segments)
    assert profile.segment is not None


lapse_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1))


@given(lapse_dates, lapse_dates, st.integers(min_value=0, max_value=20_000))
def test_property_lapse_limit_finds_the_lapsed_customers(last_order, today, lapse_days):
    """A search "last order before lapse_limit" finds exactly the customers is_lapsed names."""
    assume(today.toordinal() - lapse_days >= date.min.toordinal())
    assert is_lapsed(last_order, today, lapse_days) == (last_order < lapse_limit(today, lapse_days))


@given(lapse_dates, lapse_dates, st.integers(min_value=0, max_value=20_000), st.integers(0, 400))
def test_property_is_lapsed_stays_lapsed_later_and_with_shorter_window(
    last_order, today, lapse_days, more
):
    if is_lapsed(last_order, today, lapse_days):
        assert is_lapsed(last_order, today + timedelta(days=more), lapse_days)
        assert is_lapsed(last_order, today, max(lapse_days - more, 0))
    else:
        assert not is_lapsed(last_order + timedelta(days=more), today, lapse_days)
        assert not is_lapsed(last_order, today, lapse_days + more)


# ------------------------------------------------------------ move direction


@pytest.mark.parametrize(
    ("old_floor", "new_floor", "old_level", "new_level", "expected"),
    [
        (None, 0, None, "1", scoring.NEW),
        (None, None, None, None, scoring.SAME),
        (35, 55, "2", "2", scoring.UP),
        (55, 35, "2", "2", scoring.DOWN),
        (55, None, "2", False, scoring.DOWN),
        (55, 55, "2", "3", scoring.UP),
        (55, 55, "3", "2", scoring.DOWN),
        (55, 55, "2", "2", scoring.SAME),
        (0, 0, False, "1", scoring.UP),
        (75, 0, "3", "3", scoring.DOWN),
    ],
)
def test_move_direction(old_floor, new_floor, old_level, new_level, expected):
    assert scoring.move_direction(old_floor, new_floor, old_level, new_level) == expected


@given(
    st.one_of(st.none(), st.integers(0, 100)),
    st.one_of(st.none(), st.integers(0, 100)),
    st.sampled_from([None, "1", "2", "3"]),
    st.sampled_from([None, "1", "2", "3"]),
)
def test_move_direction_is_antisymmetric(old_floor, new_floor, old_level, new_level):
    forward = scoring.move_direction(old_floor, new_floor, old_level, new_level)
    if old_floor is not None and new_floor is not None:
        backward = scoring.move_direction(new_floor, old_floor, new_level, old_level)
        assert {forward, backward} in ({scoring.UP, scoring.DOWN}, {scoring.SAME})
