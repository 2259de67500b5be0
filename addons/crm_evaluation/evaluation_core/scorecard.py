"""The staff scorecard: weighted score, ranking among peers, service-quality standard.

A scorecard's *results* are a mapping ``component -> value``. For the score, each
value is first put on a 0-100 scale by the caller (``normalize_to_best`` for counts
and amounts, ``min(achievement, 100)`` for an achievement); a component whose value
is ``None`` was not measured for that person and drops out, the remaining weights
sharing its part. For the standard, raw values are compared with raw minimums.
"""

import math
from dataclasses import dataclass

from .measures import RuleProblem


def check_weights(weights):
    """Weights are ``component -> weight``: none negative, at least one above zero."""
    for component, weight in weights.items():
        if weight is None or weight < 0:
            raise RuleProblem("negative_weight", component, weight)
    if not any(weights.values()):
        raise RuleProblem("no_weight")


def weighted_score(results, weights):
    """Weighted mean (0-100 when results are) of the measured results: components
    with a ``None`` result, or absent from ``results``, drop out. ``None`` when no
    weighted component was measured. Weights are checked first (``check_weights``)."""
    check_weights(weights)
    total = weighted = 0.0
    for component, weight in weights.items():
        value = results.get(component)
        if value is None or not weight:
            continue
        total += weight
        weighted += weight * value
    if not total:
        return None
    return weighted / total


def normalize_to_best(values):
    """Each value as a percentage of the best value among peers (``key -> value``).
    ``None`` counts as 0; when the best is 0 or less, everybody gets 0."""
    best = max((value for value in values.values() if value is not None), default=0)
    if not best or best < 0:
        return {key: 0.0 for key in values}
    return {key: max(value or 0.0, 0.0) * 100.0 / best for key, value in values.items()}


@dataclass(frozen=True)
class Ranked:
    """One person's place: ``rank`` in competition ranking (1, 2, 2, 4), and the
    keys of the others with the same score (``tied_with``)."""

    key: object
    score: float
    rank: int
    tied_with: tuple = ()


def rank(scores, digits=2):
    """Competition ranking of ``scores`` (an iterable of ``(key, score)``), best first.
    Scores are compared rounded to ``digits`` decimals; a ``None`` score counts as 0.
    People with the same score share a rank, and the next rank skips as many places
    (1, 2, 2, 4). Equal scores keep the input order."""
    entries = [(key, round(score or 0.0, digits)) for key, score in scores]
    entries.sort(key=lambda entry: -entry[1])
    by_score = {}
    first_place = {}
    for place, (key, score) in enumerate(entries, start=1):
        by_score.setdefault(score, []).append(key)
        first_place.setdefault(score, place)
    ranked = []
    for key, score in entries:
        others = tuple(other for other in by_score[score] if other != key)
        ranked.append(Ranked(key, score, first_place[score], others))
    return ranked


@dataclass(frozen=True)
class Shortfall:
    """A result below the standard's minimum (``value`` ``None``: not measured)."""

    component: str
    value: float | None
    minimum: float

    @property
    def gap(self):
        return self.minimum - (self.value or 0.0)


def check_minimums(minimums):
    for component, minimum in minimums.items():
        if minimum is not None and (minimum < 0 or math.isnan(minimum)):
            raise RuleProblem("negative_minimum", component, minimum)


def shortfalls(results, minimums):
    """Compare raw results with the service-quality standard (``component ->
    minimum``): the list of components below their minimum, in the standard's order.
    A minimum of 0 or ``None`` asks for nothing; a result that is missing (``None``)
    does not meet a minimum above 0; a result equal to the minimum meets it."""
    check_minimums(minimums)
    missing = []
    for component, minimum in minimums.items():
        if not minimum:
            continue
        value = results.get(component)
        if value is None or value < minimum:
            missing.append(Shortfall(component, value, minimum))
    return missing


def weight_shares(weights, order=None):
    """Each weighted component's share of the score, in percent: ``[(component,
    share)]`` in ``order`` (default: the weights' own order), components weighing 0
    left out; the shares add up to 100. Weights are checked first."""
    check_weights(weights)
    total = sum(weights.values())
    order = list(order or weights)
    order += [component for component in weights if component not in order]
    return [
        (component, weights[component] * 100.0 / total)
        for component in order
        if weights.get(component)
    ]


def contributions(results, weights):
    """How each measured component adds to ``weighted_score(results, weights)``:
    ``{component: (share, points)}`` where ``share`` is its weight's percentage among
    the components measured for this person and ``points = result * share / 100``;
    the points add up to the score."""
    check_weights(weights)
    measured = {
        component: weight
        for component, weight in weights.items()
        if weight and results.get(component) is not None
    }
    total = sum(measured.values())
    return {
        component: (weight * 100.0 / total, results[component] * weight / total)
        for component, weight in measured.items()
    }
