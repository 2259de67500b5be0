"""Dealer tier decision, the checks of its inputs, and the periodic review proposal.

Tiers are ranked: rank 1 is the highest (the distributor), then level-1 and level-2
agents. Each tier asks for three minimums, checked in this order:

1. ``avg_revenue``: average yearly revenue over the last two years;
2. ``yearly_sales``: yearly sales;
3. ``major_share``: share of revenue (percent) from major brands.

A dealer gets the highest-ranked tier whose minimums it all meets (a value equal to a
minimum meets it). The *deciding criterion* is the first criterion, in the order above,
that the next-higher tier failed: it tells why the dealer is not one tier up. Missing
data never meets a minimum above zero: a minimum of zero asks for nothing.
"""

import itertools
from dataclasses import dataclass

AVG_REVENUE = "avg_revenue"
YEARLY_SALES = "yearly_sales"
MAJOR_SHARE = "major_share"
CRITERIA = (AVG_REVENUE, YEARLY_SALES, MAJOR_SHARE)

UPGRADE = "upgrade"
DOWNGRADE = "downgrade"
KEEP = "keep"

# shares are percentages: a rounding slack for "adds up to 100"
SHARE_TOLERANCE = 0.01


class RuleProblem(ValueError):
    """Input the rules cannot work with; ``code`` names it, ``values`` the values involved."""

    def __init__(self, code, *values):
        super().__init__(code, *values)
        self.code = code
        self.values = values


@dataclass(frozen=True)
class Tier:
    """A tier's minimums. ``key`` is whatever identifies it for the caller (an id)."""

    key: object
    rank: int
    min_avg_revenue: float = 0.0
    min_yearly_sales: float = 0.0
    min_major_share: float = 0.0

    def minimum(self, criterion):
        return {
            AVG_REVENUE: self.min_avg_revenue,
            YEARLY_SALES: self.min_yearly_sales,
            MAJOR_SHARE: self.min_major_share,
        }[criterion]


@dataclass(frozen=True)
class Figures:
    """What is known of a dealer: revenue of each of the last two years, yearly sales,
    share of revenue from major brands (percent). ``None`` is unknown."""

    revenue_last_year: float | None = None
    revenue_year_before: float | None = None
    yearly_sales: float | None = None
    major_share: float | None = None

    @property
    def avg_revenue(self):
        """Average of the two years; unknown when either year is unknown."""
        if self.revenue_last_year is None or self.revenue_year_before is None:
            return None
        return (self.revenue_last_year + self.revenue_year_before) / 2.0

    def value(self, criterion):
        return {
            AVG_REVENUE: self.avg_revenue,
            YEARLY_SALES: self.yearly_sales,
            MAJOR_SHARE: self.major_share,
        }[criterion]


@dataclass(frozen=True)
class Decision:
    """The tier met (``None``: none), the deciding criterion (``None`` when the top tier
    is met or there is no tier), and whether that criterion failed for lack of data."""

    tier: object
    criterion: str | None
    missing: bool = False


@dataclass(frozen=True)
class Proposal:
    """What the review proposes for a dealer: ``action`` is upgrade, downgrade or keep."""

    action: str
    tier: object
    criterion: str | None
    missing: bool = False


def ordered(tiers):
    """Tiers from the highest rank (1) down."""
    return sorted(tiers, key=lambda t: t.rank)


def check_tiers(tiers):
    """Raise RuleProblem unless the tiers can be used: distinct ranks, no negative minimum,
    shares within 0..100, and no tier asking for less than a lower-ranked one."""
    tiers = ordered(tiers)
    for tier in tiers:
        for criterion in CRITERIA:
            if tier.minimum(criterion) < 0:
                raise RuleProblem("negative_minimum", tier.key, criterion)
        if tier.min_major_share > 100:
            raise RuleProblem("share_over_100", tier.key, tier.min_major_share)
    for higher, lower in itertools.pairwise(tiers):
        if higher.rank == lower.rank:
            raise RuleProblem("duplicate_rank", higher.key, lower.key)
        for criterion in CRITERIA:
            if higher.minimum(criterion) < lower.minimum(criterion):
                raise RuleProblem("criteria_out_of_order", higher.key, lower.key, criterion)


def check_shares(major, minor):
    """Raise RuleProblem unless both shares lie in 0..100 and add up to at most 100
    (the rest is revenue from products without a brand)."""
    for share in (major, minor):
        if share is not None and share < 0:
            raise RuleProblem("negative_share", share)
        if share is not None and share > 100 + SHARE_TOLERANCE:
            raise RuleProblem("share_over_100", share)
    if (major or 0) + (minor or 0) > 100 + SHARE_TOLERANCE:
        raise RuleProblem("shares_over_100", major, minor)


def check_amounts(*amounts):
    """Raise RuleProblem on a negative revenue or sales amount."""
    for amount in amounts:
        if amount is not None and amount < 0:
            raise RuleProblem("negative_amount", amount)


def first_failed(tier, figures):
    """The first criterion ``tier`` is not met on, and whether for lack of data;
    ``(None, False)`` when all are met."""
    for criterion in CRITERIA:
        minimum = tier.minimum(criterion)
        if minimum <= 0:
            continue
        value = figures.value(criterion)
        if value is None:
            return criterion, True
        if value < minimum:
            return criterion, False
    return None, False


def decide_tier(tiers, figures):
    """The highest tier ``figures`` meets, with the criterion the next-higher tier failed."""
    tiers = ordered(tiers)
    failed, missing = None, False
    for tier in tiers:
        criterion, lack = first_failed(tier, figures)
        if criterion is None:
            return Decision(tier.key, failed, missing)
        failed, missing = criterion, lack
    return Decision(None, failed, missing)


def share(part, total):
    """``part`` as a percentage of ``total``; ``None`` when there is no total."""
    if not total:
        return None
    return 100.0 * part / total


def measured_figures(revenue_last_12, revenue_prior_12, major_revenue_24):
    """The figures of an existing dealer from its confirmed orders: revenue of the last
    12 months and of the 12 before, yearly sales (the last 12 months) and the share of
    the 24 months' revenue from major brands."""
    check_amounts(revenue_last_12, revenue_prior_12, major_revenue_24)
    total = revenue_last_12 + revenue_prior_12
    return Figures(
        revenue_last_year=revenue_last_12,
        revenue_year_before=revenue_prior_12,
        yearly_sales=revenue_last_12,
        major_share=share(min(major_revenue_24, total), total),
    )


def propose(tiers, current, figures):
    """The review's proposal for a dealer now in tier ``current`` (a key, or ``None``)."""
    decision = decide_tier(tiers, figures)
    ranks = {t.key: t.rank for t in tiers}
    if decision.tier == current:
        action = KEEP
    elif decision.tier is None:
        action = DOWNGRADE
    elif current is None or current not in ranks:
        action = UPGRADE
    else:
        action = UPGRADE if ranks[decision.tier] < ranks[current] else DOWNGRADE
    return Proposal(action, decision.tier, decision.criterion, decision.missing)
