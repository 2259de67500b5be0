"""Satisfaction answers on any scale, brought to the 0-100 scale of the satisfaction
measure: the lowest answer of the question's scale is 0, the highest 100."""

from .measures import RuleProblem


def _check_scale(low, high):
    if high is None or low is None or high <= low:
        raise RuleProblem("bad_scale", low, high)


def satisfaction_percent(score, low, high):
    """One answer ``score`` on the ``low``-``high`` scale as 0-100. An answer outside
    the scale raises ``RuleProblem("score_off_scale", score, low, high)``."""
    _check_scale(low, high)
    if not low <= score <= high:
        raise RuleProblem("score_off_scale", score, low, high)
    return (score - low) * 100.0 / (high - low)


def satisfaction_percent_sum(total, count, low, high):
    """The sum of the 0-100 values of ``count`` answers on the ``low``-``high`` scale
    whose raw scores add up to ``total`` (for sums made in SQL)."""
    _check_scale(low, high)
    if count < 0:
        raise RuleProblem("negative_count", count)
    if count and not count * low <= total <= count * high:
        raise RuleProblem("score_off_scale", total, count * low, count * high)
    return (total - count * low) * 100.0 / (high - low)


def average_percent(groups):
    """Average 0-100 satisfaction of answers given as ``(total, count, low, high)``
    groups (one per question scale); ``None`` without answers."""
    count = sum(group[1] for group in groups)
    if not count:
        return None
    return sum(satisfaction_percent_sum(*group) for group in groups) / count
