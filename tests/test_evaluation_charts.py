"""Tier 1 tests of the printed report's chart numbers and segment order
(crm_evaluation's evaluation_core.chart_numbers), and of the scorecard's weight shares."""

import pytest
from evaluation_core import scorecard as s
from evaluation_core.chart_numbers import (
    ENGLISH,
    VIETNAMESE,
    abbreviate,
    segment_order,
    style_for,
)
from evaluation_core.measures import RuleProblem
from hypothesis import given
from hypothesis import strategies as st

amounts = st.floats(min_value=-1e13, max_value=1e13, allow_nan=False)


@pytest.mark.parametrize(
    ("value", "vietnamese", "english"),
    [
        (1_250_000_000, "1,3 tỷ ₫", "1.3B ₫"),
        (1_300_000_000, "1,3 tỷ ₫", "1.3B ₫"),
        (600_000_000, "600 tr ₫", "600M ₫"),
        (12_500_000, "12,5 tr ₫", "12.5M ₫"),
        (15_500, "15,5 nghìn ₫", "15.5k ₫"),
        (2_000_000_000_000, "2.000 tỷ ₫", "2,000B ₫"),
        (999_960_000, "1 tỷ ₫", "1B ₫"),
        (999.96, "1 nghìn ₫", "1k ₫"),
        (950_000_000, "950 tr ₫", "950M ₫"),
        (-350_000_000, "-350 tr ₫", "-350M ₫"),
        (0, "0 ₫", "0 ₫"),
        (80.25, "80,3 ₫", "80.3 ₫"),
    ],
)
def test_money_is_abbreviated_the_readers_way(value, vietnamese, english):
    assert abbreviate(value, VIETNAMESE, "₫") == vietnamese
    assert abbreviate(value, ENGLISH, "₫") == english


def test_units_and_plain_numbers():
    assert abbreviate(80.0, VIETNAMESE, "%") == "80 %"
    assert abbreviate(82.5, VIETNAMESE, "%") == "82,5 %"
    assert abbreviate(1_300_000, ENGLISH, "$", unit_before=True) == "$1.3M"
    assert abbreviate(-1_300_000, ENGLISH, "$", unit_before=True) == "-$1.3M"
    assert abbreviate(25, VIETNAMESE) == "25"
    assert abbreviate(None, ENGLISH) == "0"
    assert abbreviate(-0.01, VIETNAMESE) == "0"  # no "-0"


def test_style_of_a_language():
    assert style_for("vi_VN").scales == VIETNAMESE.scales
    assert style_for("vi_VN", ",", ".").decimal_point == ","
    assert style_for("en_US").scales == ENGLISH.scales
    assert style_for("fr_FR", ",", "\u202f").decimal_point == ","  # French separators
    assert abbreviate(1_500_000, style_for("fr_FR", ",", "\u202f")) == "1,5M"
    assert style_for(False) == ENGLISH


def _read(text, style):
    """(number, scale word) of an abbreviation."""
    body = text.lstrip("-")
    word = next((w for _factor, w in style.scales if body.endswith(w)), "")
    number = body[: len(body) - len(word)].strip()
    return float(number.replace(style.thousands_sep, "").replace(style.decimal_point, ".")), word


@given(amounts)
def test_an_abbreviation_is_short_and_close(value):
    for style in (ENGLISH, VIETNAMESE):
        text = abbreviate(value, style)
        assert len(text) <= 14
        read, word = _read(text, style)
        factor = {w: f for f, w in style.scales}.get(word, 1)
        # one decimal of the scale: off by at most half a tenth of it
        assert abs(read * factor - abs(value)) <= 0.05 * factor + 1e-6 * abs(value)
        # the largest scale reached: below 1000 of a scale, except the largest
        if word != style.scales[0][1]:
            assert read < 1000


def test_segments_in_order_a_to_d():
    rows = [
        {"name": "Standard", "code": "D", "min_score": 0.0},
        {"name": "Key accounts", "code": "A", "min_score": 80.0},
        {"name": "Not set", "code": "", "min_score": None},
        {"name": "Potential", "code": "C", "min_score": 40.0},
        {"name": "Growing", "code": "B", "min_score": 60.0},
    ]
    assert [row["code"] for row in segment_order(rows)] == ["A", "B", "C", "D", ""]
    # equal minimums: by code
    same = [
        {"name": "y", "code": "B2", "min_score": 5},
        {"name": "x", "code": "B1", "min_score": 5},
    ]
    assert [row["code"] for row in segment_order(same)] == ["B1", "B2"]


def test_weight_shares_add_up_to_100():
    weights = {"revenue": 30.0, "visits": 10.0, "debt_collected": 0.0, "achievement": 20.0}
    shares = s.weight_shares(weights, ["achievement", "revenue"])
    assert [c for c, _share in shares] == ["achievement", "revenue", "visits"]
    assert dict(shares) == pytest.approx(
        {"achievement": 100 / 3, "revenue": 50.0, "visits": 100 / 6}
    )
    with pytest.raises(RuleProblem):
        s.weight_shares({"revenue": 0.0})


@given(
    st.dictionaries(
        st.sampled_from(["a", "b", "c", "d"]),
        st.one_of(st.none(), st.floats(min_value=0, max_value=100)),
        min_size=1,
    ),
    st.dictionaries(
        st.sampled_from(["a", "b", "c", "d"]),
        st.floats(min_value=0, max_value=1000),
        min_size=1,
    ),
)
def test_contributions_add_up_to_the_score(results, weights):
    try:
        score = s.weighted_score(results, weights)
    except RuleProblem:
        return
    parts = s.contributions(results, weights)
    if score is None:
        assert parts == {}
        return
    assert sum(points for _share, points in parts.values()) == pytest.approx(score, abs=1e-6)
    assert sum(share for share, _points in parts.values()) == pytest.approx(100.0)
