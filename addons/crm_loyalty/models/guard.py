"""Who may write points, ranks and history: the program's own code, never a user's RPC.

The program's code runs with ``SYSTEM_KEY`` set to ``SYSTEM_TOKEN`` in the context
(or as the superuser). The token is a Python object: a remote call can put any JSON
in its context, never this object, so a forged context cannot pass the guard.
"""

from odoo.exceptions import AccessError

SYSTEM_KEY = "crm_loyalty_system"
SYSTEM_TOKEN = object()


def is_system(env):
    return env.su or env.context.get(SYSTEM_KEY) is SYSTEM_TOKEN


def system(records):
    """``records`` with the context that lets the program's code write points and ranks."""
    return records.with_context(**{SYSTEM_KEY: SYSTEM_TOKEN})


def check_system(env, what):
    if not is_system(env):
        raise AccessError(
            env._(
                "%(what)s are written only by the loyalty program itself "
                "(orders, the nightly assessment) and by loyalty managers through "
                "their wizards.",
                what=what,
            )
        )
