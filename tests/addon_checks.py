"""Checks of an addon's security files and test modules, without Odoo.

Each function returns a list of problems (empty when all is well), so that a test
shows all of them at once, and so that ``test_static_checkers.py`` can run them on
crafted addons.
"""

import ast
import re

from addons_info import (
    ModelIndex,
    access_rows,
    model_defs,
    model_xmlid,
    record_rules,
    security_groups,
)

PERMS = ("perm_read", "perm_write", "perm_create", "perm_unlink")


def _full(addon, xmlid):
    return xmlid if "." in xmlid else f"{addon.name}.{xmlid}"


def _closure(group, implied):
    """The group and every group it implies, transitively."""
    seen, todo = set(), [group]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(implied.get(current, ()))
    return seen


def access_problems(addon, addons):
    """Every model the addon creates has access lines, and every group of the addon
    reaches it.

    A user of one of the addon's own groups (``res.groups`` records of its security
    XML) gets the access lines of that group and of the groups it implies, so each
    such group must find a line for each model among them. A model deliberately kept
    from a group says so with an explicit line for that group granting nothing
    (``perm_read`` ... ``perm_unlink`` all 0): Odoo loads it and it grants nothing.
    """
    implied = {}
    for other in {*addons, addon}:
        implied.update(security_groups(other))
    own_groups = sorted(security_groups(addon))
    lines = {}  # {model xmlid: {group full xmlid or "": any permission granted}}
    for row in access_rows(addon):
        model = row["model_id:id"].split(".")[-1]
        group = _full(addon, row.get("group_id:id") or "") if row.get("group_id:id") else ""
        granted = any(row.get(p, "0").strip() not in ("0", "") for p in PERMS)
        lines.setdefault(model, {})[group] = lines.get(model, {}).get(group, False) or granted
    problems = []
    for model in model_defs(addon):
        if not model.is_new or model.base == "AbstractModel":
            continue
        xmlid = model_xmlid(model.name)
        where = f"{model.path.relative_to(addon.parent)}:{model.line}"
        if xmlid not in lines:
            problems.append(f"{where}: {model.name} has no line in security/ir.model.access.csv")
            continue
        for group in own_groups:
            if group in lines[xmlid] and not lines[xmlid][group]:
                continue  # deliberately no access for this group
            reach = _closure(group, implied) | {""}
            if not any(g in reach and granted for g, granted in lines[xmlid].items()):
                problems.append(
                    f"{where}: {model.name}: no access line for {group} or a group it implies"
                    f" (add one, or a line for {group} with all permissions 0 if the model"
                    " is deliberately kept from it)"
                )
    return problems


def rule_problems(addon, addons):
    """Record rules keep each company's records apart.

    On a model with a ``company_id`` field, a rule names ``company_id`` in its
    ``domain_force``, unless a global rule (no groups) of the model does: global rules
    restrict every group rule too. Every stored model the addon creates with a stored
    ``company_id`` has such a global company rule.
    """
    index = ModelIndex(tuple({*addons, addon}))
    by_xmlid = {model_xmlid(name): name for name in index.fields}
    rules = record_rules(addon)
    company_rule_models = {
        model
        for _id, model, domain, groups, _path in rules
        if not groups and re.search(r"\bcompany_id\b", domain)
    }
    problems = []
    for xmlid, model_ref, domain, _groups, path in rules:
        model = by_xmlid.get(model_ref)
        if model is None or "company_id" not in index.fields.get(model, {}):
            continue
        if model_ref in company_rule_models or re.search(r"\bcompany_id\b", domain):
            continue
        problems.append(
            f"{path.relative_to(addon.parent)}: rule {xmlid} on {model} does not name company_id"
            " and no global rule of the model does"
        )
    for model in model_defs(addon):
        company = model.fields.get("company_id")
        if not (model.is_new and model.is_stored and company and company.stored):
            continue
        if model_xmlid(model.name) not in company_rule_models:
            problems.append(
                f"{model.path.relative_to(addon.parent)}:{model.line}: {model.name} has a"
                " company_id but no global record rule on company_id"
            )
    return problems


def _imported_modules(init):
    """Names of the sibling modules a package's ``__init__.py`` imports."""
    names = set()
    for stmt in ast.walk(ast.parse(init.read_text(encoding="utf-8"))):
        if isinstance(stmt, ast.ImportFrom) and stmt.level == 1:
            if stmt.module:
                names.add(stmt.module.split(".")[0])
            else:
                names |= {alias.name for alias in stmt.names}
    return names


def has_features(addon):
    """An addon with a models/ directory or any model class; not a manifest-only stub."""
    return (addon / "models").is_dir() or bool(model_defs(addon))


def missing_test_problems(addon):
    """Odoo runs only the test modules ``tests/__init__.py`` imports: a forgotten
    import makes a test file vanish silently. An addon with features has tests."""
    tests = addon / "tests"
    init = tests / "__init__.py"
    files = sorted(tests.glob("test_*.py")) if tests.is_dir() else []
    rel = addon.name + "/tests"
    if not init.is_file():
        problems = [f"{rel}: {f.name} is never run: there is no tests/__init__.py" for f in files]
        if has_features(addon) and not files:
            problems.append(f"{addon.name}: has models but no tests (tests/__init__.py)")
        return problems
    imported = _imported_modules(init)
    problems = [
        f"{rel}/__init__.py does not import {f.stem}: its tests never run"
        for f in files
        if f.stem not in imported
    ]
    for name in sorted(imported):
        if not (tests / f"{name}.py").is_file() and not (tests / name).is_dir():
            problems.append(f"{rel}/__init__.py imports {name}, which does not exist")
    if has_features(addon) and not any(n.startswith("test_") for n in imported):
        problems.append(f"{addon.name}: has models but tests/__init__.py imports no test_ module")
    return problems
