"""Tier 1 tests of crm_dealer_tiers' pure rules (dealer_core/tiers.py)."""

import pytest
from dealer_core import tiers as core
from dealer_core.tiers import (
    AVG_REVENUE,
    DOWNGRADE,
    KEEP,
    MAJOR_SHARE,
    UPGRADE,
    YEARLY_SALES,
    Figures,
    RuleProblem,
    Tier,
    check_amounts,
    check_shares,
    check_tiers,
    decide_tier,
    measured_figures,
    propose,
)
from hypothesis import example, given
from hypothesis import strategies as st

DIST = Tier("dist", 1, 50_000, 40_000, 60)
L1 = Tier("l1", 2, 10_000, 8_000, 40)
L2 = Tier("l2", 3, 1_000, 500, 0)
TIERS = (L2, DIST, L1)  # any order: ranks decide


def figures(revenue=(50_000, 50_000), sales=40_000, major=60):
    return Figures(revenue[0], revenue[1], sales, major)


# ------------------------------------------------------------------ decision


def test_exactly_the_top_minimums_meet_the_top_tier():
    decision = decide_tier(TIERS, figures())
    assert decision == core.Decision("dist", None, False)


@pytest.mark.parametrize(
    ("fig", "criterion"),
    [
        (figures(revenue=(50_000, 49_999)), AVG_REVENUE),
        (figures(sales=39_999.99), YEARLY_SALES),
        (figures(major=59.99), MAJOR_SHARE),
    ],
)
def test_just_below_one_top_minimum_gives_level_1_and_names_it(fig, criterion):
    decision = decide_tier(TIERS, fig)
    assert decision.tier == "l1"
    assert decision.criterion == criterion
    assert not decision.missing


def test_the_first_failed_criterion_decides_when_several_fail():
    decision = decide_tier(TIERS, figures(revenue=(0, 20_000), sales=10, major=0))
    # the top tier fails on revenue first; level 1 on revenue too; level 2 on sales
    assert decision.tier is None
    assert decision.criterion == YEARLY_SALES
    decision = decide_tier(TIERS, figures(revenue=(20_000, 20_000), sales=10_000, major=10))
    assert decision.tier == "l2"
    assert decision.criterion == MAJOR_SHARE  # level 1 asks 40 %


def test_average_revenue_over_two_years_at_its_edge():
    assert decide_tier(TIERS, figures(revenue=(100_000, 0))).tier == "dist"
    assert decide_tier(TIERS, figures(revenue=(99_999, 0))).tier == "l1"


def test_below_every_tier():
    decision = decide_tier(TIERS, Figures(100, 100, 100, 100))
    assert decision == core.Decision(None, AVG_REVENUE, False)


def test_level_2_minimum_edges():
    assert decide_tier(TIERS, Figures(1_000, 1_000, 500, 0)).tier == "l2"
    assert decide_tier(TIERS, Figures(1_000, 999, 500, 0)).tier is None
    assert decide_tier(TIERS, Figures(1_000, 1_000, 499, 0)).tier is None


@pytest.mark.parametrize(
    ("fig", "criterion"),
    [
        (Figures(None, 50_000, 40_000, 60), AVG_REVENUE),
        (Figures(50_000, None, 40_000, 60), AVG_REVENUE),
        (Figures(50_000, 50_000, None, 60), YEARLY_SALES),
        (Figures(50_000, 50_000, 40_000, None), MAJOR_SHARE),
    ],
)
def test_missing_data_never_meets_a_minimum(fig, criterion):
    decision = decide_tier(TIERS, fig)
    assert decision.criterion == criterion
    assert decision.missing
    assert decision.tier != "dist"


def test_missing_share_is_fine_where_no_share_is_asked():
    # level 2 asks no major-brand share: an unknown share still meets it
    decision = decide_tier(TIERS, Figures(10_000, 10_000, 8_000, None))
    assert decision.tier == "l2"
    assert decision.criterion == MAJOR_SHARE
    assert decision.missing


def test_nothing_known_is_no_tier():
    decision = decide_tier(TIERS, Figures())
    assert decision == core.Decision(None, AVG_REVENUE, True)


def test_a_tier_asking_nothing_is_met_by_anyone():
    free = Tier("free", 9)
    assert decide_tier((*TIERS, free), Figures()).tier == "free"


def test_tie_between_equal_tiers_goes_to_the_higher_rank():
    twin = Tier("twin", 4, *(L2.min_avg_revenue, L2.min_yearly_sales, L2.min_major_share))
    assert decide_tier((L2, twin), figures()).tier == "l2"
    assert decide_tier((twin, L2), figures()).tier == "l2"


def test_no_tiers_no_decision():
    assert decide_tier((), figures()) == core.Decision(None, None, False)


def test_zero_revenue_counts_as_known():
    decision = decide_tier(TIERS, Figures(0, 0, 0, 0))
    assert decision.tier is None and not decision.missing


# ------------------------------------------------------------------ checks


def test_check_tiers_accepts_the_shipped_order():
    check_tiers(TIERS)
    check_tiers(())
    check_tiers((DIST,))


@pytest.mark.parametrize("criterion", [AVG_REVENUE, YEARLY_SALES, MAJOR_SHARE])
def test_check_tiers_refuses_a_higher_tier_asking_less(criterion):
    values = {AVG_REVENUE: 0, YEARLY_SALES: 0, MAJOR_SHARE: 0}
    values[criterion] = 1
    low = Tier("low", 2, values[AVG_REVENUE], values[YEARLY_SALES], values[MAJOR_SHARE])
    high = Tier("high", 1)
    with pytest.raises(RuleProblem) as err:
        check_tiers((low, high))
    assert err.value.code == "criteria_out_of_order"
    assert err.value.values == ("high", "low", criterion)


def test_check_tiers_accepts_equal_minimums():
    check_tiers((Tier("a", 1, 5, 5, 5), Tier("b", 2, 5, 5, 5)))


def test_check_tiers_refuses_duplicate_ranks_negative_and_share_over_100():
    with pytest.raises(RuleProblem, match="duplicate_rank"):
        check_tiers((Tier("a", 1), Tier("b", 1)))
    with pytest.raises(RuleProblem, match="negative_minimum"):
        check_tiers((Tier("a", 1, -1),))
    with pytest.raises(RuleProblem, match="negative_minimum"):
        check_tiers((Tier("a", 1, 0, 0, -0.5),))
    with pytest.raises(RuleProblem, match="share_over_100"):
        check_tiers((Tier("a", 1, 0, 0, 100.5),))
    check_tiers((Tier("a", 1, 0, 0, 100),))


@pytest.mark.parametrize(
    ("major", "minor"),
    [(0, 0), (100, 0), (0, 100), (60, 40), (33.333, 66.667), (None, None), (None, 100)],
)
def test_shares_that_add_up(major, minor):
    check_shares(major, minor)


@pytest.mark.parametrize(
    ("major", "minor", "code"),
    [
        (-0.01, 10, "negative_share"),
        (10, -5, "negative_share"),
        (101, 0, "share_over_100"),
        (60, 41, "shares_over_100"),
        (100, 0.02, "shares_over_100"),
        (None, 101, "share_over_100"),
    ],
)
def test_shares_that_do_not_add_up(major, minor, code):
    with pytest.raises(RuleProblem) as err:
        check_shares(major, minor)
    assert err.value.code == code


def test_amounts():
    check_amounts(0, 1, None, 10**12)
    with pytest.raises(RuleProblem, match="negative_amount"):
        check_amounts(5, -0.01)


# ------------------------------------------------------------------ review


def test_measured_figures_from_orders():
    fig = measured_figures(60_000, 40_000, 75_000)
    assert fig.avg_revenue == 50_000
    assert fig.yearly_sales == 60_000
    assert fig.major_share == 75.0


def test_measured_figures_without_orders_have_no_share():
    fig = measured_figures(0, 0, 0)
    assert fig.avg_revenue == 0
    assert fig.major_share is None


def test_measured_major_revenue_is_capped_at_the_total():
    assert measured_figures(10, 0, 50).major_share == 100.0


def test_measured_figures_refuse_negative_revenue():
    with pytest.raises(RuleProblem, match="negative_amount"):
        measured_figures(-1, 0, 0)


def test_review_keeps_upgrades_and_downgrades():
    top = figures()
    mid = figures(major=50)
    low = Figures(1_000, 1_000, 500, 0)
    none = Figures(0, 0, 0, 0)
    assert propose(TIERS, "dist", top) == core.Proposal(KEEP, "dist", None, False)
    assert propose(TIERS, "l1", top) == core.Proposal(UPGRADE, "dist", None, False)
    assert propose(TIERS, "l2", mid).action == UPGRADE
    assert propose(TIERS, "dist", mid) == core.Proposal(DOWNGRADE, "l1", MAJOR_SHARE, False)
    assert propose(TIERS, "l1", low).action == DOWNGRADE
    assert propose(TIERS, "l2", none) == core.Proposal(DOWNGRADE, None, AVG_REVENUE, False)
    assert propose(TIERS, None, low).action == UPGRADE
    assert propose(TIERS, None, none).action == KEEP
    # a current tier no longer configured: whatever is met is an upgrade to it
    assert propose(TIERS, "gone", low).action == UPGRADE


def test_review_from_measured_orders_at_the_edge():
    # 24 months: 40,000 + 60,000 -> average 50,000; major 60,000 of 100,000 = 60 %
    fig = measured_figures(60_000, 40_000, 60_000)
    assert propose(TIERS, "l1", fig).action == UPGRADE
    fig = measured_figures(60_000, 40_000, 59_999)
    assert propose(TIERS, "l1", fig) == core.Proposal(KEEP, "l1", MAJOR_SHARE, False)


# ------------------------------------------------------------------ properties

amount = st.one_of(st.none(), st.floats(min_value=0, max_value=1e9, allow_nan=False))
pct = st.one_of(st.none(), st.floats(min_value=0, max_value=100, allow_nan=False))
fig_st = st.builds(Figures, amount, amount, amount, pct)


@given(fig_st)
@example(Figures())
def test_the_tier_met_meets_every_minimum_and_the_one_above_does_not(fig):
    decision = decide_tier(TIERS, fig)
    ranked = core.ordered(TIERS)
    keys = [t.key for t in ranked]
    if decision.tier is not None:
        tier = ranked[keys.index(decision.tier)]
        assert core.first_failed(tier, fig) == (None, False)
        above = ranked[: keys.index(decision.tier)]
    else:
        above = ranked
    for tier in above:
        assert core.first_failed(tier, fig)[0] is not None
    if above:
        assert core.first_failed(above[-1], fig)[0] == decision.criterion


@given(fig_st, amount, amount, pct)
def test_more_of_everything_never_lowers_the_tier(fig, extra_revenue, extra_sales, extra_share):
    better = Figures(
        None if fig.revenue_last_year is None else fig.revenue_last_year + (extra_revenue or 0),
        fig.revenue_year_before,
        None if fig.yearly_sales is None else fig.yearly_sales + (extra_sales or 0),
        None if fig.major_share is None else min(100, fig.major_share + (extra_share or 0)),
    )
    ranks = {t.key: t.rank for t in TIERS}
    before = ranks.get(decide_tier(TIERS, fig).tier, 99)
    after = ranks.get(decide_tier(TIERS, better).tier, 99)
    assert after <= before


@given(fig_st, st.sampled_from(["dist", "l1", "l2", None]))
def test_review_proposes_keep_exactly_when_the_tier_is_met(fig, current):
    proposal = propose(TIERS, current, fig)
    assert (proposal.action == KEEP) == (proposal.tier == current)
    assert proposal.tier == decide_tier(TIERS, fig).tier


@given(pct, pct)
def test_check_shares_accepts_exactly_shares_adding_up(major, minor):
    fine = (major or 0) + (minor or 0) <= 100 + core.SHARE_TOLERANCE
    if fine:
        check_shares(major, minor)
    else:
        with pytest.raises(RuleProblem):
            check_shares(major, minor)
