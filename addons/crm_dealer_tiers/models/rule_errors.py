"""Plain-words messages for the problems the pure dealer rules detect."""

from odoo.exceptions import ValidationError

CRITERION_FIELDS = {
    "avg_revenue": "min_avg_revenue",
    "yearly_sales": "min_yearly_sales",
    "major_share": "min_major_share",
}


def dealer_rule_message(env, problem):
    """The message telling people what is wrong, for a ``dealer_core`` RuleProblem."""
    values = problem.values

    def criterion_label(code):
        field = env["crm.dealer.tier"]._fields[CRITERION_FIELDS[code]]
        return field._description_string(env)

    def tier_name(key):
        return env["crm.dealer.tier"].browse(key).display_name

    messages = {
        "negative_minimum": lambda: env._(
            "Tier %(tier)s: the minimum %(criterion)s cannot be negative.",
            tier=tier_name(values[0]),
            criterion=criterion_label(values[1]),
        ),
        "share_over_100": lambda: env._(
            "A share of revenue cannot be above 100%% (%(value)s).", value=values[-1]
        ),
        "duplicate_rank": lambda: env._(
            "Tiers %(first)s and %(second)s have the same rank; each tier needs its own rank.",
            first=tier_name(values[0]),
            second=tier_name(values[1]),
        ),
        "criteria_out_of_order": lambda: env._(
            "Tier criteria are out of order: %(higher)s ranks above %(lower)s but asks for "
            "a lower %(criterion)s. A higher tier must ask at least as much as a lower one.",
            higher=tier_name(values[0]),
            lower=tier_name(values[1]),
            criterion=criterion_label(values[2]),
        ),
        "negative_share": lambda: env._(
            "A share of revenue cannot be negative (%(value)s).", value=values[0]
        ),
        "shares_over_100": lambda: env._(
            "The shares of revenue from major brands (%(major)s%%) and minor brands "
            "(%(minor)s%%) add up to more than 100%%.",
            major=values[0],
            minor=values[1],
        ),
        "negative_amount": lambda: env._(
            "Revenue and sales cannot be negative (%(value)s).", value=values[0]
        ),
    }
    return messages[problem.code]()


def raise_dealer_problem(env, problem):
    raise ValidationError(dealer_rule_message(env, problem))
