"""Check, without Odoo, that the field names our XML uses exist.

Looked at in every XML file of an addon (not ``static/``):

- view architectures (``ir.ui.view`` records): ``<field name>``, also in sub-views
  (a ``<list>`` or ``<form>`` inside an x2many field is checked on the field's
  comodel); names in ``invisible``, ``readonly``, ``required``, ``column_invisible``,
  ``decoration-*`` expressions and in ``domain`` / ``context`` attributes (bare names
  are fields of the record; ``parent.x`` is a field of the enclosing record); the
  field paths of domains (``('idic_segment_id.code', '=', 'A')``), of ``group_by``
  contexts and of calendar attributes; inheritance specs (``<field name position>``,
  ``<xpath>`` into a sub-view, ``<attribute name="invisible">``);
- domains of window actions (on ``res_model``) and record rules (on the rule's model);
- QWeb (``<template>``, mail templates, kanban cards): ``t-field``, ``t-out``,
  ``t-if``, ``t-att-*``... and ``{{ }}`` placeholders: an attribute of our prefixes
  (``partner.idic_x``) must be a field of one of our models.

What "exists" means is ``ModelIndex.check_name``: every name on the models our
addons create, our prefixed names on the others.
"""

import ast
import builtins
import re

from addons_info import ModelIndex, has_prefix, model_xmlid
from lxml import etree

EXPRESSION_ATTRS = {"invisible", "readonly", "required", "column_invisible"}
# names an expression may use that are not fields of the record
NOT_FIELDS = set(dir(builtins)) | {
    "True", "False", "None", "true", "false", "null", "self", "uid", "user", "context",
    "context_today", "allowed_company_ids", "current_company_id", "company_ids", "time",
    "datetime", "relativedelta", "current_date", "today", "now", "unicode", "parent",
    "active_id", "active_ids", "active_model", "tz", "DateTime", "ref",
}  # fmt: skip
CALENDAR_ATTRS = ("date_start", "date_stop", "date_delay", "color", "all_day")
_FIELD_STEP = re.compile(r"(?:^|/)field\[@name=['\"](\w+)['\"]\]((?:\[[^\]]*\])*)(/?)")
_PLACEHOLDER = re.compile(r"\{\{(.+?)\}\}|#\{(.+?)\}")


class Checker:
    def __init__(self, index, addon):
        self.index = index
        self.addon = addon
        self.problems = []
        self.where = ""

    def problem(self, node, message):
        line = getattr(node, "sourceline", None) or "?"
        self.problems.append(f"{self.where}:{line}: {message}")

    def name(self, node, model, name, what="field"):
        reason = self.index.check_name(model, name)
        if reason:
            self.problem(node, f"{what} {name!r}: {reason}")

    def path(self, node, model, path, what):
        """A dotted field path (``idic_segment_id.code``) from ``model``."""
        for step in path.split(".")[:4]:
            step = step.split(":")[0]  # group_by "date:month"
            if not step.isidentifier():
                return
            self.name(node, model, step, what)
            model = self.index.comodel(model, step)
            if model is None:
                return

    # ------------------------------------------------------------ expressions

    def parse(self, node, expression, attr):
        try:
            return ast.parse(expression.strip(), mode="eval")
        except SyntaxError:
            self.problem(node, f"{attr}={expression!r} is not a Python expression")
            return None

    def expression(self, node, model, parent, expression, attr, tree=None):
        """Bare names are fields of ``model``, ``parent.x`` a field of ``parent``."""
        tree = tree or self.parse(node, expression, attr)
        if tree is None:
            return
        local = set()  # comprehension and lambda variables
        for sub in ast.walk(tree):
            if isinstance(sub, ast.comprehension):
                local |= {n.id for n in ast.walk(sub.target) if isinstance(n, ast.Name)}
            elif isinstance(sub, ast.Lambda):
                local |= {a.arg for a in sub.args.args}
        for sub in ast.walk(tree):
            if (
                isinstance(sub, ast.Attribute)
                and isinstance(sub.value, ast.Name)
                and sub.value.id == "parent"
            ):
                if parent is not None:
                    self.name(node, parent, sub.attr, f"{attr}: parent.")
            elif isinstance(sub, ast.Name) and sub.id not in NOT_FIELDS and sub.id not in local:
                self.name(node, model, sub.id, f"{attr}:")

    def domain(self, node, model, parent, expression, attr, leaf_model):
        """Bare names on ``model``, the field paths of the leaves on ``leaf_model``."""
        tree = self.parse(node, expression, attr)
        if tree is None:
            return
        self.expression(node, model, parent, expression, attr, tree)
        for sub in ast.walk(tree):
            if isinstance(sub, ast.Tuple | ast.List) and len(sub.elts) == 3:
                left, operator = sub.elts[0], sub.elts[1]
                if (
                    isinstance(left, ast.Constant)
                    and isinstance(left.value, str)
                    and isinstance(operator, ast.Constant)
                    and isinstance(operator.value, str)
                ):
                    self.path(node, leaf_model, left.value, f"{attr} path")

    def group_by(self, node, model, context):
        try:
            tree = ast.parse(context.strip(), mode="eval")
        except SyntaxError:
            return
        if isinstance(tree.body, ast.Dict):
            for key, value in zip(tree.body.keys, tree.body.values, strict=False):
                if isinstance(key, ast.Constant) and key.value == "group_by":
                    values = value.elts if isinstance(value, ast.List) else [value]
                    for item in values:
                        if isinstance(item, ast.Constant) and isinstance(item.value, str):
                            self.path(node, model, item.value, "group_by")

    # ------------------------------------------------------------ view architectures

    def arch(self, arch_field, model):
        for child in arch_field:
            self.element(child, model, None)

    def attribute_specs(self, spec, model, parent):
        """``<attribute name="invisible">expr</attribute>`` children of a locator."""
        for attribute in spec.iterchildren("attribute"):
            name, value = attribute.get("name", ""), attribute.text or ""
            if not value.strip():
                continue
            if name in EXPRESSION_ATTRS or name.startswith("decoration-"):
                self.expression(attribute, model, parent, value, name)
            elif name == "domain":
                self.domain(attribute, model, parent, value, name, None)
            elif name == "context":
                self.expression(attribute, model, parent, value, name)

    def xpath_target(self, expr, model, parent):
        """The (model, parent model) of the node an xpath reaches: sub-views change it."""
        for match in _FIELD_STEP.finditer(expr):
            if match.group(3) == "/":  # the path goes on inside this field: its sub-view
                parent, model = model, self.index.comodel(model, match.group(1))
        return model, parent

    def element(self, node, model, parent):
        if not isinstance(node.tag, str):
            return  # comment
        if node.tag == "xpath":
            self.xpath(node, model, parent)
        elif node.get("position"):
            self.locator(node, model, parent)
        else:
            for attr, value in node.attrib.items():
                if attr in EXPRESSION_ATTRS or attr.startswith("decoration-"):
                    self.expression(node, model, parent, value, attr)
            if node.tag == "field":
                self.field(node, model, parent)
                return
            self.other_attributes(node, model, parent)
            for child in node:
                self.element(child, model, parent)

    def xpath(self, node, model, parent):
        model, parent = self.xpath_target(node.get("expr", ""), model, parent)
        if node.get("position") == "attributes":
            self.attribute_specs(node, model, parent)
            return
        for child in node:
            self.element(child, model, parent)

    def locator(self, node, model, parent):
        """An element with ``position`` in an inheritance spec: it names a node to change."""
        position = node.get("position")
        if node.tag == "field":
            self.name(node, model, node.get("name", ""), "located field")
        if position == "attributes":
            self.attribute_specs(node, model, parent)
            return
        if node.tag == "field" and position == "inside":
            parent, model = model, self.index.comodel(model, node.get("name", ""))
        for child in node:
            self.element(child, model, parent)

    def field(self, node, model, parent):
        name = node.get("name", "")
        self.name(node, model, name)
        comodel = self.index.comodel(model, name)
        if node.get("domain"):
            self.domain(node, model, parent, node.get("domain"), "domain", comodel)
        if node.get("filter_domain"):
            self.domain(node, model, parent, node.get("filter_domain"), "filter_domain", model)
        if node.get("context"):
            self.expression(node, model, parent, node.get("context"), "context")
        # sub-views show records of the comodel; the field's record is their parent
        for child in node:
            self.element(child, comodel, model)

    def other_attributes(self, node, model, parent):
        if node.tag == "filter":
            if node.get("domain"):
                self.domain(node, model, parent, node.get("domain"), "domain", model)
            if node.get("context"):
                self.group_by(node, model, node.get("context"))
            if node.get("date"):
                self.name(node, model, node.get("date"), "filter date")
        elif node.tag == "button" and node.get("context"):
            self.expression(node, model, parent, node.get("context"), "context")
        elif node.tag == "label" and has_prefix(node.get("for", "")):
            self.name(node, model, node.get("for"), "label for")
        elif node.tag == "calendar":
            for attr in CALENDAR_ATTRS:
                if node.get(attr):
                    self.name(node, model, node.get(attr), attr)
        if node.get("default_group_by"):
            self.name(node, model, node.get("default_group_by"), "default_group_by")

    # ------------------------------------------------------------ QWeb

    def qweb_expression(self, node, expression, attr):
        try:
            tree = ast.parse(expression.strip(), mode="eval")
        except SyntaxError:
            return  # QWeb accepts a little more than Python; Odoo checks it at install
        called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
        for sub in ast.walk(tree):
            if (
                isinstance(sub, ast.Attribute)
                and has_prefix(sub.attr)
                and id(sub) not in called
                and sub.attr not in self.index.all_field_names
            ):
                self.problem(node, f"{attr}: no model of ours has a field {sub.attr}")

    def qweb_text(self, node, text, attr):
        for match in _PLACEHOLDER.finditer(text or ""):
            self.qweb_expression(node, match.group(1) or match.group(2), attr)

    def qweb(self, root):
        for node in root.iter():
            if not isinstance(node.tag, str):
                continue
            for attr, value in node.attrib.items():
                if attr.startswith("t-attf-"):
                    self.qweb_text(node, value, attr)
                elif attr.startswith("t-") and attr not in (
                    "t-name", "t-call", "t-as", "t-set", "t-inherit", "t-inherit-mode",
                    "t-translation", "t-call-assets", "t-ref", "t-key", "t-slot",
                ):  # fmt: skip
                    self.qweb_expression(node, value, attr)


def _field(record, name):
    return next((f for f in record.iterchildren("field") if f.get("name") == name), None)


def view_field_problems(addon, addons):
    """Every misnamed field of ``addon``'s XML, as ``file:line: message`` strings."""
    index = ModelIndex(tuple(addons))
    models_by_xmlid = {model_xmlid(m): m for m in index.fields}
    checker = Checker(index, addon)
    for path in sorted(addon.rglob("*.xml")):
        if "static" in path.relative_to(addon).parts:
            continue
        checker.where = str(path.relative_to(addon.parent))
        tree = etree.parse(str(path))
        checker.qweb(tree.getroot())
        for record in tree.iter("record"):
            kind = record.get("model")
            if kind == "ir.ui.view":
                model, arch = _field(record, "model"), _field(record, "arch")
                if model is not None and arch is not None and arch.get("type") != "qweb":
                    checker.arch(arch, (model.text or "").strip())
            elif kind == "ir.actions.act_window":
                res_model, domain = _field(record, "res_model"), _field(record, "domain")
                if res_model is not None and domain is not None and domain.text:
                    model = (res_model.text or "").strip()
                    checker.domain(domain, None, None, domain.text, "action domain", model)
            elif kind == "ir.rule":
                model_ref, domain = _field(record, "model_id"), _field(record, "domain_force")
                model = models_by_xmlid.get((model_ref.get("ref") or "").split(".")[-1])
                if model and domain is not None and domain.text:
                    checker.domain(domain, None, None, domain.text, "domain_force", model)
            elif kind == "mail.template":
                for name in ("subject", "partner_to", "email_from", "email_to", "lang"):
                    field = _field(record, name)
                    if field is not None:
                        checker.qweb_text(field, field.text, name)
    return checker.problems
