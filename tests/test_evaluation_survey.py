"""Tier 1: satisfaction answers brought to the 0-100 scale (crm_evaluation)."""

import pytest
from evaluation_core import RuleProblem
from evaluation_core.survey import average_percent, satisfaction_percent, satisfaction_percent_sum
from hypothesis import given
from hypothesis import strategies as st


def test_scale_ends_and_middle():
    assert satisfaction_percent(1, 1, 5) == 0.0
    assert satisfaction_percent(5, 1, 5) == 100.0
    assert satisfaction_percent(4, 1, 5) == 75.0
    assert satisfaction_percent(7, 0, 10) == 70.0


@pytest.mark.parametrize("low, high", [(5, 5), (5, 1), (None, 5), (0, None)])
def test_bad_scale(low, high):
    with pytest.raises(RuleProblem) as problem:
        satisfaction_percent(3, low, high)
    assert problem.value.code == "bad_scale"


def test_score_off_scale():
    with pytest.raises(RuleProblem) as problem:
        satisfaction_percent(6, 1, 5)
    assert problem.value.code == "score_off_scale"
    with pytest.raises(RuleProblem):
        satisfaction_percent_sum(11, 2, 1, 5)
    with pytest.raises(RuleProblem):
        satisfaction_percent_sum(1, -1, 1, 5)


def test_average_over_two_scales():
    # 5 and 4 on 1-5 (100, 75) and 2 on 0-10 (20)
    assert average_percent([(9, 2, 1, 5), (2, 1, 0, 10)]) == pytest.approx(65.0)
    assert average_percent([]) is None
    assert average_percent([(0, 0, 1, 5)]) is None


@given(st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=30))
def test_sum_matches_one_by_one(scores):
    one_by_one = sum(satisfaction_percent(score, 1, 5) for score in scores)
    assert satisfaction_percent_sum(sum(scores), len(scores), 1, 5) == pytest.approx(one_by_one)
    assert 0.0 <= average_percent([(sum(scores), len(scores), 1, 5)]) <= 100.0
