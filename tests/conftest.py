"""Tier 1 test setup: make the Odoo-free ``*_core`` packages of the addons importable.

Every addon that ships a pure subpackage named ``<something>_core`` (for example
``crm_idic/idic_core``) gets its directory put on ``sys.path``, so tests can write
``from idic_core import scoring`` without importing Odoo or the addon itself.

A core may import the core of an addon it depends on the way it does in Odoo,
``from odoo.addons.crm_idic.idic_core import identity``: without Odoo, ``odoo.addons``
is a namespace over the addons directory, and each addon a package over its directory
whose ``__init__`` (the Odoo models) is not run, so only the pure cores are imported.
"""

import importlib.util
import sys
import types
from pathlib import Path

from hypothesis import settings

ADDONS = Path(__file__).resolve().parent.parent / "addons"


def _core_addon_dirs(addons=ADDONS):
    """Addon directories holding at least one ``*_core`` package, in name order."""
    return sorted(
        {init.parent.parent for init in addons.glob("*/*_core/__init__.py")},
    )


for _addon in _core_addon_dirs():
    if str(_addon) not in sys.path:
        sys.path.insert(0, str(_addon))


def _package(name, path):
    module = types.ModuleType(name)
    module.__path__ = [str(path)]
    sys.modules[name] = module
    return module


if importlib.util.find_spec("odoo") is None:
    _package("odoo", ADDONS.parent / "odoo").addons = _package("odoo.addons", ADDONS)
    for _addon in _core_addon_dirs():
        _package(f"odoo.addons.{_addon.name}", _addon)

# Property tests explore the same examples on every run: CI stays reproducible,
# and a counterexample found once is kept as an @example in the test.
settings.register_profile("idic", derandomize=True, deadline=None, max_examples=200)
settings.load_profile("idic")
