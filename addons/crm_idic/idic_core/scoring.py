"""Differentiate: scores, segments, value classes and relationship levels.

Every score is on a 0-100 scale. A *band table* maps a measured quantity
(revenue, potential, tenure in days) to a score: the score of the highest
band whose threshold the quantity reaches; below the first threshold the
score is 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

MAX_SCORE = 100.0

# Value classes (SPEC 2, axis "value brought").
SUPER, LARGE, MEDIUM, SMALL, INACTIVE, POTENTIAL = (
    "super",
    "large",
    "medium",
    "small",
    "inactive",
    "potential",
)
# Relationship statuses.
LOYAL, FAST_GROWING, NO_POTENTIAL, NEEDS_ATTENTION, STABLE = (
    "loyal",
    "fast_growing",
    "no_potential",
    "needs_attention",
    "regular",
)


class RuleProblem(ValueError):
    """A configuration that the rules cannot work with.

    ``code`` names the problem so that the caller can word it for people;
    ``args`` carries the values involved.
    """

    def __init__(self, code, *args):
        super().__init__(code, *args)
        self.code = code
        self.values = args


# --------------------------------------------------------------------- bands


def check_bands(bands):
    """Raise RuleProblem unless ``bands`` is a usable band table.

    ``bands`` is an iterable of (threshold, score). Thresholds must be
    non-negative and distinct, scores within 0-100 and rising with the
    threshold (a higher quantity never scores lower).
    """
    ordered = sorted(bands)
    for threshold, score in ordered:
        if threshold < 0:
            raise RuleProblem("negative_threshold", threshold)
        if not 0 <= score <= MAX_SCORE:
            raise RuleProblem("score_out_of_range", score)
    for (t1, s1), (t2, s2) in pairwise(ordered):
        if t1 == t2:
            raise RuleProblem("duplicate_threshold", t1)
        if s2 < s1:
            raise RuleProblem("bands_out_of_order", t1, s1, t2, s2)


def band_score(value, bands):
    """Score of ``value`` in the band table ``bands`` ((threshold, score) pairs)."""
    score = 0.0
    for threshold, band in sorted(bands):
        if value >= threshold:
            score = float(band)
        else:
            break
    return score


# ------------------------------------------------------------------ segments


def check_segment_floors(floors):
    """Raise RuleProblem unless segment lower bounds cover 0-100 exactly once.

    Each segment starts at its floor and ends where the next one starts, so
    a table is valid when one segment starts at 0, no two start at the same
    score (an overlap) and every floor lies within 0-100.
    """
    floors = sorted(floors)
    if not floors:
        return
    for floor in floors:
        if not 0 <= floor <= MAX_SCORE:
            raise RuleProblem("score_out_of_range", floor)
    if floors[0] != 0:
        raise RuleProblem("segment_gap", floors[0])
    for low, high in pairwise(floors):
        if low == high:
            raise RuleProblem("segment_overlap", low)


def segment_for(total, segments):
    """Key of the segment a total score falls in.

    ``segments`` is an iterable of (key, floor). A score equal to a floor
    belongs to the segment that starts there. Returns None without segments.
    """
    best = None
    best_floor = None
    for key, floor in segments:
        if total >= floor and (best_floor is None or floor > best_floor):
            best, best_floor = key, floor
    return best


def weighted_total(scores, weights):
    """Weighted mean of the three scores, on the 0-100 scale.

    ``scores`` and ``weights`` are (current, potential, loyalty) triples.
    """
    if any(w < 0 for w in weights):
        raise RuleProblem("negative_weight")
    total_weight = sum(weights)
    if total_weight <= 0:
        raise RuleProblem("zero_weights")
    return round(sum(s * w for s, w in zip(scores, weights, strict=True)) / total_weight, 2)


# ------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class ScoreInputs:
    """What is known of one customer, gathered by the Odoo layer.

    Amounts are in the company currency. ``revenue_12m`` is net of refunds
    and may be negative when refunds exceed sales.
    """

    revenue_12m: float = 0.0
    revenue_prev_12m: float = 0.0
    pipeline: float = 0.0
    potential_estimate: float = 0.0
    order_count: int = 0
    first_order: date | None = None
    last_order: date | None = None
    loyalty_bonus: float = 0.0
    needs_attention: bool = False


@dataclass(frozen=True)
class Rules:
    """The company's configuration of the Differentiate step."""

    current_bands: tuple = ()
    potential_bands: tuple = ()
    loyalty_bands: tuple = ()  # thresholds are tenure in days
    weights: tuple = (1.0, 1.0, 1.0)  # current, potential, loyalty
    segments: tuple = ()  # (key, floor)
    super_threshold: float = 0.0
    large_threshold: float = 0.0
    medium_threshold: float = 0.0
    lapse_days: int = 365
    repeat_min_orders: int = 2
    loyal_min_orders: int = 5
    loyal_min_tenure_days: int = 730
    growth_pct: float = 30.0
    decline_pct: float = 30.0

    def check(self):
        """Raise RuleProblem on the first thing that makes the rules unusable."""
        for bands in (self.current_bands, self.potential_bands, self.loyalty_bands):
            check_bands(bands)
        weighted_total((0, 0, 0), self.weights)
        check_segment_floors([floor for _key, floor in self.segments])
        check_class_thresholds(self.super_threshold, self.large_threshold, self.medium_threshold)
        if self.lapse_days <= 0:
            raise RuleProblem("non_positive_days", self.lapse_days)
        if self.repeat_min_orders < 1 or self.loyal_min_orders < self.repeat_min_orders:
            raise RuleProblem(
                "level_orders_out_of_order", self.repeat_min_orders, self.loyal_min_orders
            )
        if self.loyal_min_tenure_days < 0:
            raise RuleProblem("negative_threshold", self.loyal_min_tenure_days)
        if self.growth_pct < 0 or self.decline_pct < 0:
            raise RuleProblem("negative_percentage")


@dataclass(frozen=True)
class Profile:
    """The result of differentiating one customer."""

    current_score: float
    potential_score: float
    loyalty_score: float
    total_score: float
    segment: object
    value_class: str
    level: int  # 0 when the customer never ordered
    status: str
    tenure_days: int
    days_since_last_order: int | None


# ------------------------------------------------------------- classifiers


def check_class_thresholds(super_t, large_t, medium_t):
    """The revenue thresholds of value classes must rise strictly: medium < large < super."""
    if medium_t <= 0 or not medium_t < large_t < super_t:
        raise RuleProblem("class_thresholds_out_of_order", medium_t, large_t, super_t)


def value_class(inputs, rules, today):
    """super / large / medium / small from trailing revenue; inactive when the
    customer bought before but not within the lapse window; potential when it
    never bought."""
    if not inputs.order_count:
        return POTENTIAL
    if inputs.revenue_12m <= 0 or is_lapsed(inputs.last_order, today, rules.lapse_days):
        return INACTIVE
    if inputs.revenue_12m >= rules.super_threshold:
        return SUPER
    if inputs.revenue_12m >= rules.large_threshold:
        return LARGE
    if inputs.revenue_12m >= rules.medium_threshold:
        return MEDIUM
    return SMALL


def relationship_level(inputs, rules, today):
    """1 new or occasional, 2 repeat buyer, 3 loyal; 0 without any order.

    Loyal needs enough orders, enough tenure and a purchase within the lapse
    window: a lapsed customer falls back to level 2 at most.
    """
    if not inputs.order_count:
        return 0
    if inputs.order_count < rules.repeat_min_orders:
        return 1
    tenure = days_between(inputs.first_order, today) or 0
    active = inputs.last_order is not None and not is_lapsed(
        inputs.last_order, today, rules.lapse_days
    )
    if (
        inputs.order_count >= rules.loyal_min_orders
        and tenure >= rules.loyal_min_tenure_days
        and active
    ):
        return 3
    return 2


def growth_pct(current, previous):
    """Percentage change of revenue; None when there is nothing to compare with."""
    if previous <= 0:
        return None
    return (current - previous) * 100.0 / previous


def relationship_status(inputs, rules, level, today):
    """needs attention, no potential, fast growing, loyal or regular.

    In this order: another module flagged the customer (open complaints):
    needs attention. A customer who never bought, or lapsed, has no potential
    unless it has pipeline or an estimate; a lapsed one with potential needs
    attention, a prospect with potential is regular. Otherwise revenue falling
    by ``decline_pct`` or more needs attention, rising by more than
    ``growth_pct`` is fast growing, level 3 is loyal, and the rest regular.
    """
    if inputs.needs_attention:
        return NEEDS_ATTENTION
    has_potential = inputs.pipeline > 0 or inputs.potential_estimate > 0
    if not inputs.order_count:
        return STABLE if has_potential else NO_POTENTIAL
    lapsed = inputs.last_order is None or is_lapsed(inputs.last_order, today, rules.lapse_days)
    if lapsed:
        return NEEDS_ATTENTION if has_potential else NO_POTENTIAL
    change = growth_pct(inputs.revenue_12m, inputs.revenue_prev_12m)
    if change is not None and change <= -rules.decline_pct:
        return NEEDS_ATTENTION
    if change is not None and change > rules.growth_pct:
        return FAST_GROWING
    if level == 3:
        return LOYAL
    return STABLE


def days_between(start, end):
    """Whole days from ``start`` to ``end``; None when ``start`` is unknown."""
    if start is None:
        return None
    return max((end - start).days, 0)


def is_lapsed(last_order, today, lapse_days):
    """Whether a customer whose last order was on ``last_order`` has lapsed by ``today``.

    Lapsed means more than ``lapse_days`` whole days since the last order: on
    day ``lapse_days`` the customer is still active. A customer who never
    ordered (``last_order`` None or False) has not lapsed; a last order after
    ``today`` counts as today's.
    """
    if not last_order:
        return False
    return days_between(last_order, today) > lapse_days


def lapse_limit(today, lapse_days):
    """The day before which a last order makes a customer lapsed on ``today``.

    For ``lapse_days`` >= 0, ``is_lapsed(last, today, lapse_days)`` is
    ``last < lapse_limit(today, lapse_days)``: a search on the last order date
    finds the same customers as the rule.
    """
    return today - timedelta(days=lapse_days)


def differentiate(inputs, rules, today):
    """Score and classify one customer."""
    tenure = days_between(inputs.first_order, today) or 0
    current = band_score(max(inputs.revenue_12m, 0.0), rules.current_bands)
    potential = band_score(
        max(inputs.pipeline, 0.0) + max(inputs.potential_estimate, 0.0),
        rules.potential_bands,
    )
    loyalty = min(
        band_score(tenure, rules.loyalty_bands) + max(inputs.loyalty_bonus, 0.0),
        MAX_SCORE,
    )
    total = weighted_total((current, potential, loyalty), rules.weights)
    level = relationship_level(inputs, rules, today)
    return Profile(
        current_score=current,
        potential_score=potential,
        loyalty_score=loyalty,
        total_score=total,
        segment=segment_for(total, rules.segments),
        value_class=value_class(inputs, rules, today),
        level=level,
        status=relationship_status(inputs, rules, level, today),
        tenure_days=tenure,
        days_since_last_order=days_between(inputs.last_order, today),
    )


UP, DOWN, NEW, SAME = "up", "down", "new", "same"


def move_direction(old_floor, new_floor, old_level=None, new_level=None):
    """Which way a customer moved: ``up``, ``down``, ``new`` or ``same``.

    Segments are compared by their floors (``None`` when the customer had, or
    has, no segment); within the same segment, relationship levels decide.
    A customer that gets its first segment is ``new``; one that loses its
    segment moved ``down``.
    """
    if old_floor is None:
        return NEW if new_floor is not None else SAME
    if new_floor is None or new_floor < old_floor:
        return DOWN
    if new_floor > old_floor:
        return UP
    old_level, new_level = int(old_level or 0), int(new_level or 0)
    if new_level != old_level:
        return UP if new_level > old_level else DOWN
    return SAME
