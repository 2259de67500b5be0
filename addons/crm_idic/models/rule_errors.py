"""Plain-words messages for the problems the pure rules detect."""

from odoo.exceptions import ValidationError


def raise_rule_problem(env, problem, subject=""):
    """Raise a ValidationError telling people what is wrong with their configuration."""
    values = problem.values
    messages = {
        "negative_threshold": lambda: env._(
            "A threshold cannot be negative (%(value)s).", value=values[0]
        ),
        "score_out_of_range": lambda: env._(
            "A score must lie between 0 and 100 (%(value)s).", value=values[0]
        ),
        "duplicate_threshold": lambda: env._(
            "Two bands start at the same threshold %(value)s.", value=values[0]
        ),
        "bands_out_of_order": lambda: env._(
            "Bands are out of order: %(t2)s scores %(s2)s, less than %(s1)s for the "
            "lower threshold %(t1)s. A higher threshold must never score lower.",
            t1=values[0],
            s1=values[1],
            t2=values[2],
            s2=values[3],
        ),
        "segment_gap": lambda: env._(
            "Segment ranges leave a gap: the lowest segment starts at %(value)s, so "
            "customers scoring below it would get no segment. One segment must start at 0.",
            value=values[0],
        ),
        "segment_overlap": lambda: env._(
            "Segment ranges overlap: two segments start at score %(value)s.",
            value=values[0],
        ),
        "negative_weight": lambda: env._("Score weights cannot be negative."),
        "zero_weights": lambda: env._("At least one score weight must be above zero."),
        "class_thresholds_out_of_order": lambda: env._(
            "Value class thresholds must rise: medium (%(medium)s) above 0, below large "
            "(%(large)s), below super (%(super)s).",
            medium=values[0],
            large=values[1],
            super=values[2],
        ),
        "non_positive_days": lambda: env._(
            "The number of days before a customer counts as lapsed must be above zero."
        ),
        "level_orders_out_of_order": lambda: env._(
            "Orders needed for a repeat customer (%(repeat)s) must be at least 1 and at "
            "most the orders needed for a loyal customer (%(loyal)s).",
            repeat=values[0],
            loyal=values[1],
        ),
        "negative_percentage": lambda: env._("Growth and decline percentages cannot be negative."),
    }
    message = messages[problem.code]()
    if subject:
        message = f"{subject}: {message}"
    raise ValidationError(message)
