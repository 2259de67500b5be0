"""Plain-words messages for the problems the pure evaluation rules detect."""

from odoo.exceptions import ValidationError


def evaluation_rule_message(env, problem):
    """The message telling people what is wrong, for an ``evaluation_core`` RuleProblem."""
    values = problem.values

    def component_label(code):
        labels = dict(
            env["crm.evaluation.criterion"]._fields["component"]._description_selection(env)
        )
        return labels.get(code, code)

    messages = {
        "negative_weight": lambda: env._(
            "The weight of %(component)s cannot be negative (%(weight)s).",
            component=component_label(values[0]),
            weight=values[1],
        ),
        "no_weight": lambda: env._(
            "The scorecard weights are all zero: give at least one component a weight."
        ),
        "negative_minimum": lambda: env._(
            "The standard's minimum of %(component)s cannot be negative (%(minimum)s).",
            component=component_label(values[0]),
            minimum=values[1],
        ),
        "negative_target": lambda: env._("A target cannot be negative (%s).", values[0]),
        "bad_scale": lambda: env._(
            "The satisfaction question needs a scale whose lowest answer (%(low)s) is below "
            "its highest (%(high)s).",
            low=values[0],
            high=values[1],
        ),
        "score_off_scale": lambda: env._(
            "The satisfaction answer %(score)s lies outside the question's scale "
            "(%(low)s to %(high)s).",
            score=values[0],
            low=values[1],
            high=values[2],
        ),
        "bad_nps_score": lambda: env._(
            "An NPS answer is a whole number from 0 to 10, not %s.", values[0]
        ),
    }
    message = messages.get(problem.code)
    if message is None:
        return env._("The evaluation cannot use these figures (%s).", problem.code)
    return message()


def raise_evaluation_problem(env, problem):
    raise ValidationError(evaluation_rule_message(env, problem))
