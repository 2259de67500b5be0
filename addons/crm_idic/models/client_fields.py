"""Which fields a client sets on ``create``, for the guards of system-computed fields
(scores, states, approvals): a client sets a field with a value in ``vals`` or with a
``default_<field>`` key of the context."""

# values that leave a field as a new record has it: empty, or a workflow's first state
BLANK = (False, None, "draft", [])


def fields_set_on_create(env, vals, blank=()):
    """The fields ``vals`` gives a value other than those in ``blank``, and the fields
    the context sets through ``default_`` keys."""
    defaults = {key[8:] for key in env.context if key.startswith("default_")}
    return {name for name, value in vals.items() if value not in blank} | defaults
