"""Tier 1 tests of crm_evaluation's pure rules (evaluation_core)."""

import math
import statistics

import pytest
from evaluation_core import measures as m
from evaluation_core import scorecard as s
from evaluation_core.measures import RuleProblem
from hypothesis import assume, example, given
from hypothesis import strategies as st

counts = st.integers(min_value=0, max_value=10**6)
finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False)
scores_0_10 = st.integers(min_value=0, max_value=10)


# ------------------------------------------------------------------ rates


def test_empty_denominators_measure_nothing():
    assert m.ratio(5, 0) is None
    assert m.rate(0, 0) is None
    assert m.retention_rate(0, 0) is None
    assert m.churn_rate(0, 0) is None
    assert m.repeat_purchase_rate(0, 0) is None
    assert m.revenue_per_customer(1000.0, 0) is None
    assert m.ratio(0, 4) == 0.0


def test_rates_are_percentages():
    assert m.rate(1, 4) == 25.0
    assert m.retention_rate(3, 4) == 75.0
    assert m.churn_rate(3, 4) == 25.0
    assert m.churn_rate(0, 4) == 100.0
    assert m.repeat_purchase_rate(2, 8) == 25.0
    assert m.revenue_per_customer(900.0, 3) == 300.0
    assert m.revenue_per_customer(-90.0, 3) == -30.0  # refunds larger than sales


@pytest.mark.parametrize(("numerator", "denominator"), [(-1, 3), (1, -3), (4, 3), (None, 3)])
def test_bad_counts(numerator, denominator):
    with pytest.raises(RuleProblem):
        m.rate(numerator, denominator)


def test_negative_customers():
    with pytest.raises(RuleProblem, match="negative_count"):
        m.revenue_per_customer(10.0, -1)


@given(counts, counts)
def test_retention_and_churn_add_up_to_100(retained, extra):
    previous = retained + extra
    kept, lost = m.retention_rate(retained, previous), m.churn_rate(retained, previous)
    if previous == 0:
        assert kept is None and lost is None
    else:
        assert 0.0 <= kept <= 100.0
        assert math.isclose(kept + lost, 100.0)


def test_customer_flows():
    flows = m.customer_flows({1, 2, 3, 4}, {3, 4, 5})
    assert (flows.previous, flows.current, flows.retained, flows.lost, flows.new) == (4, 3, 2, 2, 1)
    assert flows.retention_rate == 50.0
    assert flows.churn_rate == 50.0
    assert m.customer_flows([], [1]).retention_rate is None


@given(st.sets(st.integers(0, 30)), st.sets(st.integers(0, 30)))
def test_customer_flows_partition(previous, current):
    flows = m.customer_flows(previous, current)
    assert flows.retained + flows.lost == len(previous)
    assert flows.retained + flows.new == len(current)


# ------------------------------------------------------------------ achievement


def test_achievement():
    assert m.achievement(150.0, 100.0) == 150.0
    assert m.achievement(0.0, 100.0) == 0.0
    assert m.achievement(None, 100.0) == 0.0
    assert m.achievement(50.0, 0.0) is None  # a zero target asks nothing measurable
    assert m.achievement(50.0, None) is None
    with pytest.raises(RuleProblem, match="negative_target"):
        m.achievement(50.0, -1.0)


@given(st.floats(0, 1e9), st.floats(0.01, 1e9))
def test_achievement_is_100_exactly_at_target(actual, target):
    result = m.achievement(actual, target)
    assert (result >= 100.0) == (actual >= target) or math.isclose(actual, target)


# ------------------------------------------------------------------ averages, percentiles


def test_average():
    assert m.average([]) is None
    assert m.average([None, None]) is None
    assert m.average([1, 2, None, 6]) == 3.0


def test_percentile_like_percentile_cont():
    # SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY v) FROM unnest('{1,2,3,4,10}') v; -> 7.6
    assert m.percentile([10, 1, 3, 2, 4], 0.9) == pytest.approx(7.6)
    assert m.percentile_90([10, 1, 3, 2, 4]) == pytest.approx(7.6)
    assert m.percentile([1, 2, 3, 4], 0.5) == 2.5
    assert m.percentile([5], 0.9) == 5
    assert m.percentile([4, 8], 0.0) == 4
    assert m.percentile([4, 8], 1.0) == 8
    assert m.percentile([], 0.9) is None
    assert m.percentile([None, 3.0], 0.9) == 3.0


@pytest.mark.parametrize("fraction", [-0.1, 1.5, None])
def test_percentile_bad_fraction(fraction):
    with pytest.raises(RuleProblem, match="bad_fraction"):
        m.percentile([1, 2], fraction)


@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=50), st.floats(0, 1))
def test_percentile_within_bounds_and_matches_statistics(values, fraction):
    result = m.percentile(values, fraction)
    assert min(values) - 1e-6 <= result <= max(values) + 1e-6
    if len(values) >= 2:
        # statistics.quantiles(method="inclusive") is the same interpolation at i/100
        cuts = statistics.quantiles(values, n=10, method="inclusive")
        assert m.percentile(values, 0.9) == pytest.approx(cuts[8], rel=1e-9, abs=1e-6)


@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=30), st.floats(0, 1), st.floats(0, 1))
def test_percentile_grows_with_fraction(values, low, high):
    assume(low <= high)
    assert m.percentile(values, low) <= m.percentile(values, high) + 1e-9


# ------------------------------------------------------------------ NPS


def test_nps_bands():
    result = m.nps([10, 9, 8, 7, 6, 0])
    assert (result.promoters, result.passives, result.detractors) == (2, 2, 2)
    assert result.responses == 6
    assert result.score == 0.0
    assert m.nps([10, 10, 10, 0]).score == 50.0
    assert m.nps([6, 6]).score == -100.0
    assert m.nps([9]).score == 100.0
    assert m.nps([7, 8]).score == 0.0
    assert m.nps([]).score is None
    assert m.nps([None, 9]).responses == 1
    assert m.nps([9.0]).score == 100.0


@pytest.mark.parametrize("bad", [-1, 11, 7.5, "9", True])
def test_nps_refuses_scores_off_the_scale(bad):
    with pytest.raises(RuleProblem, match="bad_nps_score"):
        m.nps([bad])


@given(st.lists(scores_0_10, max_size=60))
def test_nps_range_and_counts(answers):
    result = m.nps(answers)
    assert result.responses == len(answers)
    if answers:
        assert -100.0 <= result.score <= 100.0
        assert result.score == m.nps_from_counts(
            result.promoters, result.detractors, result.responses
        )
    else:
        assert result.score is None


def test_nps_from_counts():
    assert m.nps_from_counts(3, 1, 4) == 50.0
    assert m.nps_from_counts(0, 0, 0) is None
    with pytest.raises(RuleProblem, match="more_than_all"):
        m.nps_from_counts(3, 2, 4)
    with pytest.raises(RuleProblem, match="negative_count"):
        m.nps_from_counts(-1, 0, 4)


# ------------------------------------------------------------------ weighted score


def test_weighted_score():
    weights = {"revenue": 3, "visits": 1}
    assert s.weighted_score({"revenue": 100.0, "visits": 0.0}, weights) == 75.0
    # a component not measured drops out, the others share its weight
    assert s.weighted_score({"revenue": 80.0, "visits": None}, weights) == 80.0
    assert s.weighted_score({"revenue": 80.0}, {"revenue": 1, "visits": 0}) == 80.0
    assert s.weighted_score({}, weights) is None
    # results of components without weight do not count
    assert s.weighted_score({"revenue": 50.0, "other": 100.0}, weights) == 50.0


@pytest.mark.parametrize(
    ("weights", "code"),
    [
        ({"revenue": -1, "visits": 2}, "negative_weight"),
        ({"revenue": None}, "negative_weight"),
        ({"revenue": 0, "visits": 0}, "no_weight"),
        ({}, "no_weight"),
    ],
)
def test_bad_weights(weights, code):
    with pytest.raises(RuleProblem) as info:
        s.weighted_score({"revenue": 10.0}, weights)
    assert info.value.code == code


@given(
    st.dictionaries(st.sampled_from("abcde"), st.floats(0, 100), min_size=1),
    st.dictionaries(
        st.sampled_from("abcde"), st.one_of(st.just(0.0), st.floats(0.01, 1000)), min_size=1
    ),
)
def test_weighted_score_between_min_and_max_result(results, weights):
    assume(any(weights.values()))
    score = s.weighted_score(results, weights)
    counted = [results[k] for k, w in weights.items() if w and k in results]
    if not counted:
        assert score is None
    else:
        assert min(counted) - 1e-6 <= score <= max(counted) + 1e-6


@given(
    st.dictionaries(st.sampled_from("abc"), st.floats(0, 100), min_size=3), st.floats(0.001, 1000)
)
def test_weights_scale_free(results, factor):
    weights = {"a": 1.0, "b": 2.0, "c": 3.0}
    scaled = {k: w * factor for k, w in weights.items()}
    assert s.weighted_score(results, weights) == pytest.approx(
        s.weighted_score(results, scaled), rel=1e-9, abs=1e-9
    )


def test_normalize_to_best():
    assert s.normalize_to_best({1: 50.0, 2: 100.0, 3: None}) == {1: 50.0, 2: 100.0, 3: 0.0}
    assert s.normalize_to_best({1: 0.0, 2: None}) == {1: 0.0, 2: 0.0}
    assert s.normalize_to_best({1: -5.0, 2: -1.0}) == {1: 0.0, 2: 0.0}
    assert s.normalize_to_best({1: -5.0, 2: 10.0}) == {1: 0.0, 2: 100.0}
    assert s.normalize_to_best({}) == {}


# ------------------------------------------------------------------ ranking


def test_competition_ranking_with_ties():
    ranked = s.rank([("ann", 70.0), ("bob", 90.0), ("cat", 70.0), ("dan", 50.0)])
    assert [(r.key, r.rank, r.tied_with) for r in ranked] == [
        ("bob", 1, ()),
        ("ann", 2, ("cat",)),
        ("cat", 2, ("ann",)),
        ("dan", 4, ()),
    ]


def test_ranking_rounds_and_counts_none_as_zero():
    ranked = s.rank([("a", 70.004), ("b", 70.001), ("c", None), ("d", 0.0)])
    assert [(r.key, r.rank) for r in ranked] == [("a", 1), ("b", 1), ("c", 3), ("d", 3)]
    assert ranked[2].tied_with == ("d",)
    assert s.rank([]) == []


@given(st.lists(st.integers(0, 5), max_size=25))
@example([3, 3, 3])
def test_ranking_properties(raw):
    ranked = s.rank([(i, float(v)) for i, v in enumerate(raw)])
    assert len(ranked) == len(raw)
    for entry in ranked:
        better = sum(1 for v in raw if v > entry.score)
        assert entry.rank == better + 1
        assert len(entry.tied_with) == sum(1 for v in raw if v == entry.score) - 1
        assert entry.key not in entry.tied_with
    assert [r.score for r in ranked] == sorted((float(v) for v in raw), reverse=True)


# ------------------------------------------------------------------ standard


def test_shortfalls():
    minimums = {"visits": 10, "satisfaction": 80.0, "revenue": 0, "activity": None}
    found = s.shortfalls({"visits": 9, "satisfaction": 80.0, "revenue": 0}, minimums)
    assert [(f.component, f.value, f.minimum, f.gap) for f in found] == [("visits", 9, 10, 1)]
    found = s.shortfalls({"visits": 12}, minimums)
    assert [(f.component, f.value, f.gap) for f in found] == [("satisfaction", None, 80.0)]
    assert s.shortfalls({}, {}) == []


def test_negative_minimum():
    with pytest.raises(RuleProblem, match="negative_minimum"):
        s.shortfalls({"visits": 3}, {"visits": -1})


@given(
    st.dictionaries(st.sampled_from("abcd"), st.floats(0, 100)),
    st.dictionaries(st.sampled_from("abcd"), st.floats(0, 100)),
)
def test_shortfalls_are_exactly_the_unmet_minimums(results, minimums):
    found = {f.component for f in s.shortfalls(results, minimums)}
    for component, minimum in minimums.items():
        unmet = bool(minimum) and results.get(component, -1) < minimum
        assert (component in found) == unmet
    for shortfall in s.shortfalls(results, minimums):
        assert shortfall.gap > 0
