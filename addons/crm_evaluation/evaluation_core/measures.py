"""Formulas of the evaluation measures.

Conventions:

- A rate or an average over nothing (a zero denominator, an empty list) is ``None``:
  "nothing to measure", which is not the same as 0 %. The Odoo layer stores such a
  line with ``value`` 0 and ``denominator`` 0, so a report can tell the two apart.
- Rates are percentages (0-100), ratios are fractions (0-1).
- Counts and amounts that cannot be negative raise ``RuleProblem`` when they are;
  the Odoo layer turns it into a ValidationError in plain words.
"""

import math
from dataclasses import dataclass


class RuleProblem(ValueError):
    """Input the rules cannot work with; ``code`` names it, ``values`` the values involved."""

    def __init__(self, code, *values):
        super().__init__(code, *values)
        self.code = code
        self.values = values


def _check_count(value, code="negative_count"):
    if value is None or value < 0:
        raise RuleProblem(code, value)


def ratio(numerator, denominator):
    """``numerator / denominator`` as a fraction; ``None`` when the denominator is 0."""
    if not denominator:
        return None
    return numerator / denominator


def rate(numerator, denominator):
    """``numerator`` out of ``denominator`` as a percentage; ``None`` when the
    denominator is 0. Both are counts: negative or more counted than there are
    raises ``RuleProblem``."""
    _check_count(numerator)
    _check_count(denominator)
    if numerator > denominator:
        raise RuleProblem("more_than_all", numerator, denominator)
    share = ratio(numerator, denominator)
    return None if share is None else share * 100.0


def retention_rate(retained, previous):
    """Of the ``previous`` customers (who bought in the previous period of the same
    length), the percentage ``retained`` (who bought again in this period)."""
    return rate(retained, previous)


def churn_rate(retained, previous):
    """Of the ``previous`` customers, the percentage who did not buy again:
    ``100 - retention_rate`` when there were previous customers, else ``None``."""
    kept = retention_rate(retained, previous)
    return None if kept is None else 100.0 - kept


def repeat_purchase_rate(repeat_customers, buying_customers):
    """Of the customers who bought in the period, the percentage who placed two
    orders or more."""
    return rate(repeat_customers, buying_customers)


def revenue_per_customer(revenue, customers):
    """Revenue divided by the number of buying customers; ``None`` without customers.
    Revenue may be negative (refunds larger than sales)."""
    _check_count(customers)
    return ratio(revenue, customers)


@dataclass(frozen=True)
class CustomerFlows:
    """How the customers of two consecutive periods relate."""

    previous: int
    current: int
    retained: int
    lost: int
    new: int

    @property
    def retention_rate(self):
        return retention_rate(self.retained, self.previous)

    @property
    def churn_rate(self):
        return churn_rate(self.retained, self.previous)


def customer_flows(previous, current):
    """Flows between the sets of customers of the previous period and this one:
    retained (in both), lost (only previous), new to the comparison (only current)."""
    previous, current = set(previous), set(current)
    retained = len(previous & current)
    return CustomerFlows(
        previous=len(previous),
        current=len(current),
        retained=retained,
        lost=len(previous) - retained,
        new=len(current) - retained,
    )


def achievement(actual, target):
    """``actual`` as a percentage of ``target``. A target of 0 (or none) asks for
    nothing measurable: ``None``. A negative target raises ``RuleProblem``."""
    if target is None:
        return None
    if target < 0:
        raise RuleProblem("negative_target", target)
    if actual is None:
        actual = 0.0
    return ratio(actual, target) * 100.0 if target else None


def average(values):
    """Arithmetic mean of the values that are not ``None``; ``None`` when none is left."""
    known = [value for value in values if value is not None]
    if not known:
        return None
    return math.fsum(known) / len(known)


def percentile(values, fraction):
    """The ``fraction`` (0-1) percentile with linear interpolation between the two
    closest ranks, as PostgreSQL's ``percentile_cont``: over the sorted values
    ``v[0..n-1]``, the position is ``fraction * (n - 1)``. ``None`` values are left
    out; ``None`` when nothing is left."""
    if fraction is None or not 0.0 <= fraction <= 1.0:
        raise RuleProblem("bad_fraction", fraction)
    known = sorted(value for value in values if value is not None)
    if not known:
        return None
    position = fraction * (len(known) - 1)
    lower = math.floor(position)
    upper = min(lower + 1, len(known) - 1)
    weight = position - lower
    return known[lower] + (known[upper] - known[lower]) * weight


def percentile_90(values):
    """The 90th percentile (``percentile(values, 0.9)``)."""
    return percentile(values, 0.9)


PROMOTER_MIN = 9
DETRACTOR_MAX = 6


@dataclass(frozen=True)
class Nps:
    """Net Promoter Score of a set of answers: promoters (9-10), passives (7-8),
    detractors (0-6); ``score`` is ``%promoters - %detractors`` (-100..100), ``None``
    without answers."""

    promoters: int
    passives: int
    detractors: int

    @property
    def responses(self):
        return self.promoters + self.passives + self.detractors

    @property
    def score(self):
        return nps_from_counts(self.promoters, self.detractors, self.responses)


def nps(scores):
    """The NPS of answers on the 0-10 scale. Anything that is not a whole number from
    0 to 10 raises ``RuleProblem("bad_nps_score", score)``; ``None`` answers (not
    answered) are left out."""
    promoters = passives = detractors = 0
    for score in scores:
        if score is None:
            continue
        if isinstance(score, bool) or not isinstance(score, (int, float)):
            raise RuleProblem("bad_nps_score", score)
        if score != int(score) or not 0 <= score <= 10:
            raise RuleProblem("bad_nps_score", score)
        if score >= PROMOTER_MIN:
            promoters += 1
        elif score <= DETRACTOR_MAX:
            detractors += 1
        else:
            passives += 1
    return Nps(promoters, passives, detractors)


def nps_from_counts(promoters, detractors, responses):
    """NPS from counts (for counts made in SQL); ``None`` without responses."""
    for count in (promoters, detractors, responses):
        _check_count(count)
    if promoters + detractors > responses:
        raise RuleProblem("more_than_all", promoters + detractors, responses)
    if not responses:
        return None
    return (promoters - detractors) * 100.0 / responses
