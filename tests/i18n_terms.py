"""The messages an addon shows to users, read from its source without Odoo, and the
check that each has a Vietnamese translation Odoo will actually load.

The terms are those Odoo's exporter (``odoo/tools/translate.py``,
``TranslationModuleReader``) puts in the addon's ``.pot``:

- code: the string-literal first argument of ``_()``, ``_lt()``, ``env._()`` in the
  addon's Python; ``_t()`` in ``static/src`` JavaScript;
- models: ``_description``; field labels (``string=``, or the one Odoo derives from
  the field name) and ``help=``; selection labels; ``_sql_constraints`` messages;
- data files (not demo): the terms of view architectures and ``<template>``s (text
  and ``string``, ``help``, ``placeholder``... attributes, grouped with their inline
  markup the way Odoo's ``xml_translate`` does), of action ``help``; menu names;
  the translatable fields of actions, groups, categories, activity types, mail
  templates, and the ``translate=True`` fields of our own models.

A term counts as translated the way Odoo loads it: ``i18n/vi.po`` merged with the
committed ``i18n/<addon>.pot`` (``PoFileReader`` does that merge), with a non-empty
``msgstr``, and, for data, the record's reference (``model:...:crm_idic.xmlid``) among
the entry's occurrences (Odoo applies a data translation to the records listed
there only); for Python, the ``odoo-python`` flag. Not covered: fields a model
inherits from a mixin, labels of related fields without ``string=`` (they come from
the target field), CSV data files, OWL templates of ``static/src/xml``.
"""

import ast
import dataclasses
import re

import polib
from addons_info import ModelIndex, data_files, has_prefix, model_defs, python_files
from lxml import etree, html

# which fields of Odoo's models hold translatable text: "model" for a whole value,
# "html" / "xml" for terms inside the value
TRANSLATABLE = {
    "ir.actions.act_window": {"name": "model", "help": "html"},
    "ir.actions.server": {"name": "model", "help": "html"},
    "ir.actions.client": {"name": "model", "help": "html"},
    "ir.actions.report": {"name": "model", "help": "html"},
    "ir.actions.act_url": {"name": "model", "help": "html"},
    "ir.ui.menu": {"name": "model"},
    "res.groups": {"name": "model", "comment": "model"},
    "ir.module.category": {"name": "model", "description": "model"},
    "mail.activity.type": {"name": "model", "summary": "model", "default_note": "model-html"},
    "mail.template": {
        "name": "model", "description": "model", "subject": "model", "body_html": "model-html",
    },
    "mail.message.subtype": {"name": "model", "description": "model"},
    "ir.ui.view": {"arch": "xml"},
}  # fmt: skip

# odoo/tools/translate.py: elements translated inline with the text around them, and
# attributes that are translated
TRANSLATED_ELEMENTS = {
    "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "font", "i",
    "ins", "kbd", "keygen", "mark", "math", "meter", "output", "progress", "q", "ruby", "s",
    "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "text",
    "select", "option",
}  # fmt: skip
_ATTRS = {
    "string", "add-label", "help", "sum", "avg", "confirm", "placeholder", "alt", "title",
    "aria-label", "aria-keyshortcuts", "aria-placeholder", "aria-roledescription",
    "aria-valuetext", "value_label", "data-tooltip", "label", "cancel-label", "confirm-label",
}  # fmt: skip


def _translate_value(node):
    classes = node.get("class", "").split(" ")
    if node.tag != "input":
        return False
    if node.get("type", "text") == "text":
        return "datetimepicker-input" not in classes
    return node.get("type") == "hidden" and "o_translatable_input_hidden" in classes


TRANSLATED_ATTRS = dict.fromkeys(_ATTRS, lambda node: True)
TRANSLATED_ATTRS["value"] = _translate_value
TRANSLATED_ATTRS["text"] = lambda node: node.tag == "field" and node.get("widget", "") == "url"
TRANSLATED_ATTRS.update({f"t-attf-{a}": c for a, c in list(TRANSLATED_ATTRS.items())})
SKIPPED_ELEMENTS = ("script", "style", "title")
_SPACE = re.compile(r"[\s\uFEFF]*")


@dataclasses.dataclass(frozen=True)
class Term:
    msgid: str
    kind: str  # "code", "web", or a po occurrence "model:...:addon.xmlid"
    where: str  # file:line of the source, for the message
    loose: bool = False  # compare whitespace-insensitively (whole HTML values)


# ------------------------------------------------------------------ XML terms


def _nonspace(text):
    return bool(text) and not _SPACE.fullmatch(text)


def _translatable(node):
    return isinstance(node.tag, str) and (
        "o_translate_inline" in node.get("class", "").split()
        or (
            node.tag in TRANSLATED_ELEMENTS
            and not any(key.startswith("t-") for key in node.attrib)
            and all(_translatable(child) for child in node)
        )
    )


def _hastext(node, pos=0):
    return _nonspace(node[pos - 1].tail if pos else node.text) or (
        pos < len(node)
        and _translatable(node[pos])
        and (
            any(
                val and key in TRANSLATED_ATTRS and TRANSLATED_ATTRS[key](node[pos])
                for key, val in node[pos].attrib.items()
            )
            or _hastext(node[pos])
            or _hastext(node, pos + 1)
        )
    )


def markup_terms(root, method="xml"):
    """The terms Odoo's xml_translate / html_translate find in a parsed tree.

    The same walk as ``translate_xml_node`` with a callback that only collects: text
    runs with their inline elements become one term, serialized as Odoo does.
    """
    terms = []

    def process(node):
        if (
            not isinstance(node.tag, str)
            or node.tag in SKIPPED_ELEMENTS
            or node.get("t-translation", "").strip() == "off"
            or (node.tag == "attribute" and node.get("name") not in TRANSLATED_ATTRS)
        ):
            return
        pos = 0
        while True:
            if _hastext(node, pos):
                div = etree.Element("div")
                div.text = (node[pos - 1].tail if pos else node.text) or ""
                while pos < len(node) and _translatable(node[pos]):
                    div.append(node[pos])
                terms.append(etree.tostring(div, method=method, encoding="unicode")[5:-6].strip())
                while len(div) > 0:
                    node.insert(pos, div[0])
                    pos += 1
            if pos >= len(node):
                break
            process(node[pos])
            pos += 1
        for key, val in node.attrib.items():
            if _nonspace(val) and key in TRANSLATED_ATTRS and TRANSLATED_ATTRS[key](node):
                terms.append(val.strip())

    process(root)
    return terms


def _xml_value_terms(field):
    """Terms of an ``arch`` (type="xml") field or a ``<template>``, as Odoo stores it."""
    children = [etree.fromstring(etree.tostring(c)) for c in field if isinstance(c.tag, str)]
    if len(children) == 1:
        root = children[0]
    else:
        root = etree.Element("data")
        root.extend(children)
    return markup_terms(root, "xml")


def _html_value(field):
    return "".join(etree.tostring(c, method="html", encoding="unicode") for c in field)


def _html_value_terms(field):
    value = _html_value(field) or (field.text or "")
    root = html.fragment_fromstring(f"<div>{value}</div>", parser=etree.HTMLParser())
    return markup_terms(root, "html")


def _worth(term):
    """Odoo skips empty and one-letter terms."""
    return len(re.sub(r"\W+", "", term or "")) > 1


# ------------------------------------------------------------------ extraction


def _code_terms(addon):
    for path in python_files(addon, with_tests=True):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except SyntaxError:
            continue  # ruff reports it
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call) or not call.args:
                continue
            func = call.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            first = call.args[0]
            if (
                name in ("_", "_lt")
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                where = f"{path.relative_to(addon.parent)}:{call.lineno}"
                yield Term(first.value, "code", where)
    for path in sorted((addon / "static" / "src").rglob("*.js")):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"\b_t\(\s*(['\"`])((?:\\.|(?!\1).)*)\1\s*[,)]", text):
            line = text.count("\n", 0, match.start()) + 1
            msgid = match.group(2).encode().decode("unicode_escape")
            yield Term(msgid, "web", f"{path.relative_to(addon.parent)}:{line}")


def _model_terms(addon, index):
    module = addon.name
    for model in model_defs(addon):
        where = f"{model.path.relative_to(addon.parent)}"
        xmodel = model.name.replace(".", "_")
        if model.is_new:
            yield Term(
                model.description or model.name,
                f"model:ir.model,name:{module}.model_{xmodel}",
                f"{where}:{model.line}",
            )
        table = model.table or xmodel
        for key, message in model.sql_constraints:
            occurrence = f"model:ir.model.constraint,message:{module}.constraint_{table}_{key}"
            yield Term(message, occurrence, f"{where}:{model.line}")
        for field in model.fields.values():
            fwhere = f"{where}:{field.line}"
            new_field = model.is_new or has_prefix(field.name) or field.string
            target = index.related_target(model.name, field) if field.related else None
            label = field.label or (target.label if target else None)
            help_ = field.help or (target.help if target else None)
            # res.users shows every field of res.partner (_inherits), with its own xmlid
            for xmodel_ in [xmodel] + (["res_users"] if model.name == "res.partner" else []):
                xmlid = f"{module}.field_{xmodel_}__{field.name}"
                if new_field and label:
                    occurrence = f"model:ir.model.fields,field_description:{xmlid}"
                    yield Term(label, occurrence, fwhere)
                if help_:
                    yield Term(help_, f"model:ir.model.fields,help:{xmlid}", fwhere)
            for value, label in field.selection:
                if value is None:
                    occurrence = "model:ir.model.fields.selection,name:"  # any selection
                else:
                    xvalue = value.replace(".", "_").replace(" ", "_").lower()
                    occurrence = (
                        f"model:ir.model.fields.selection,name:"
                        f"{module}.selection__{xmodel}__{field.name}__{xvalue}"
                    )
                yield Term(label, occurrence, fwhere)


def _record_terms(node, full, at, index, action_names):
    """Terms of the translatable fields of one ``<record>``."""
    model = node.get("model")
    values = {f.get("name"): f for f in node.iterchildren("field")}
    if model == "ir.cron":  # its name is the one of the server action it creates
        name = values.get("name")
        occurrence = f"model:ir.actions.server,name:{full}_ir_actions_server"
        yield Term(name.text if name is not None else "", occurrence, at)
        return
    kinds = dict(TRANSLATABLE.get(model, {}))
    for fname, field in index.fields.get(model, {}).items():
        if field.translate:
            kinds[fname] = {True: "model", "html": "html", "xml": "xml"}[field.translate]
    for fname, field in values.items():
        kind = kinds.get(fname)
        if not kind or {"eval", "ref", "search", "file"} & set(field.attrib):
            continue
        if kind == "xml":
            terms, prefix = _xml_value_terms(field), "model_terms"
        elif kind == "html":
            terms, prefix = _html_value_terms(field), "model_terms"
        elif kind == "model-html":
            terms, prefix = [_html_value(field) or field.text or ""], "model"
        else:
            terms, prefix = [field.text or ""], "model"
        occurrence = f"{prefix}:{model},{'arch_db' if model == 'ir.ui.view' else fname}:{full}"
        for term in terms:
            yield Term(term, occurrence, at, loose=kind == "model-html")
        if model.startswith("ir.actions.") and fname == "name" and field.text:
            action_names[node.get("id")] = action_names[full] = field.text


def _data_terms(addon, index):
    module = addon.name
    action_names = {}  # a menu without a name takes its action's
    for path in data_files(addon):
        if path.suffix != ".xml" or not path.is_file():
            continue
        where = str(path.relative_to(addon.parent))
        root = etree.parse(str(path)).getroot()
        for node in root.iter("record", "template", "menuitem"):
            xmlid = node.get("id", "")
            full = xmlid if "." in xmlid else f"{module}.{xmlid}"
            if full.split(".")[0] != module:
                continue  # a record of another addon: its terms are exported there
            at = f"{where}:{node.sourceline}"
            if node.tag == "template":
                occurrence = f"model_terms:ir.ui.view,arch_db:{full}"
                for term in _xml_value_terms(node):
                    yield Term(term, occurrence, at)
            elif node.tag == "menuitem":
                name = node.get("name") or action_names.get(node.get("action", ""))
                if name:
                    yield Term(name, f"model:ir.ui.menu,name:{full}", at)
            else:
                yield from _record_terms(node, full, at, index, action_names)


def addon_terms(addon, addons):
    """Every Term the addon's code and data contain, once each, in source order."""
    index = ModelIndex(tuple(addons))
    seen = set()
    result = []
    for term in (*_code_terms(addon), *_model_terms(addon, index), *_data_terms(addon, index)):
        if _worth(term.msgid) and (term.msgid, term.kind) not in seen:
            seen.add((term.msgid, term.kind))
            result.append(term)
    return result


# ------------------------------------------------------------------ the check


def _loose(text):
    return " ".join(re.sub(r"<[^>]*>", " ", text).split())


def _find(po, term):
    """The entry of ``po`` that gives this term, or None."""
    candidates = [po.find(term.msgid)] if not term.loose else list(po)
    for entry in candidates:
        if entry is None or entry.obsolete:
            continue
        if term.loose and _loose(entry.msgid) != _loose(term.msgid):
            continue
        occurrences = [occurrence for occurrence, _line in entry.occurrences]
        if term.kind in ("code", "web"):
            flag = "odoo-python" if term.kind == "code" else "odoo-javascript"
            if flag in entry.comment and any(o.startswith("code:") for o in occurrences):
                return entry
        elif term.kind.endswith(":"):
            if any(o.startswith(term.kind) for o in occurrences):
                return entry
        elif term.kind in occurrences:
            return entry
    return None


def translation_problems(addon, addons, lang="vi"):
    """Each term of the addon that Odoo would show untranslated in ``lang``."""
    po_path = addon / "i18n" / f"{lang}.po"
    pot_path = addon / "i18n" / f"{addon.name}.pot"
    if not po_path.is_file():
        return [f"{addon.name}: no i18n/{lang}.po"]
    pot = polib.pofile(str(pot_path)) if pot_path.is_file() else None
    loaded = polib.pofile(str(po_path))
    if pot is not None:
        loaded.merge(pot)  # what Odoo's PoFileReader does
    po = polib.pofile(str(po_path))
    problems = []
    for term in addon_terms(addon, addons):
        entry = _find(loaded, term)
        if entry is not None and entry.msgstr.strip():
            continue
        what = "" if term.kind in ("code", "web") else f" as {term.kind}"
        if pot is not None and _find(pot, term) is None:
            reason = f"missing from i18n/{pot_path.name}{what}"
        elif _find(po, term) is None:
            reason = f"missing from i18n/{lang}.po{what}"
        else:
            reason = f"not translated in i18n/{lang}.po"
        problem = f"{term.where}: {term.msgid!r} {reason}"
        if problem not in problems:
            problems.append(problem)
    return problems
