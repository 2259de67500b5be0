"""Read the addons of this repository without importing Odoo.

Everything here parses files (Python with ``ast``, XML with lxml, CSV): models and
their fields, security groups, access lines and record rules. The checks in
``test_static_addons.py`` use it on ``addons/``; ``test_static_checkers.py`` feeds it
crafted addons to prove that the checks catch what they say.
"""

import ast
import csv
import dataclasses
import functools
import pathlib
import re

from lxml import etree

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDONS_DIR = ROOT / "addons"
ADDONS = sorted(p for p in ADDONS_DIR.iterdir() if (p / "__manifest__.py").exists())

# field names of other models that our views may name only when one of our addons defines them
OUR_PREFIXES = ("idic_", "loyalty_rank", "dealer_", "eval_")

FIELD_TYPES = {
    "Boolean", "Char", "Text", "Html", "Integer", "Float", "Monetary", "Date", "Datetime",
    "Selection", "Many2one", "One2many", "Many2many", "Binary", "Image", "Reference",
    "Many2oneReference", "Json", "Properties", "PropertiesDefinition",
}  # fmt: skip
RELATIONAL = {"Many2one", "One2many", "Many2many"}
# positional arguments of each field class, after which keyword arguments follow
POSITIONAL = {
    "Selection": ("selection", "string"),
    "Reference": ("selection", "string"),
    "Many2one": ("comodel_name", "string"),
    "One2many": ("comodel_name", "inverse_name", "string"),
    "Many2many": ("comodel_name", "relation", "column1", "column2", "string"),
    "Monetary": ("string", "currency_field"),
}

# Fields every model has, and the fields of the Odoo mixins our models inherit (with
# the fields the addons we depend on add to them). A model of ours inheriting a mixin
# not listed here is only checked for our prefixed names.
MAGIC_FIELDS = {"id", "display_name", "create_date", "write_date", "create_uid", "write_uid"}
MIXIN_FIELDS = {
    "mail.thread": {
        "message_is_follower", "message_follower_ids", "message_partner_ids", "message_ids",
        "has_message", "message_needaction", "message_needaction_counter", "message_has_error",
        "message_has_error_counter", "message_attachment_count", "rating_ids",
        "message_has_sms_error", "website_message_ids",
    },
    "mail.activity.mixin": {
        "activity_ids", "activity_state", "activity_user_id", "activity_type_id",
        "activity_type_icon", "activity_date_deadline", "my_activity_date_deadline",
        "activity_summary", "activity_exception_decoration", "activity_exception_icon",
        "activity_calendar_event_id",
    },
    "mail.thread.cc": {"email_cc"},
    "mail.thread.blacklist": {"email_normalized", "is_blacklisted", "message_bounce"},
    "mail.thread.main.attachment": {"message_main_attachment_id"},
    "mail.thread.phone": {
        "phone_sanitized", "phone_sanitized_blacklisted", "phone_blacklisted",
        "mobile_blacklisted", "phone_mobile_search",
    },
    "portal.mixin": {"access_url", "access_token", "access_warning"},
}  # fmt: skip
MIXIN_FIELDS["mail.thread.cc"] |= MIXIN_FIELDS["mail.thread"]
MIXIN_FIELDS["mail.thread.blacklist"] |= MIXIN_FIELDS["mail.thread"]
MIXIN_FIELDS["mail.thread.main.attachment"] |= MIXIN_FIELDS["mail.thread"]

# Relational fields of Odoo models that our views open sub-views of.
KNOWN_COMODELS = {
    ("res.partner", "child_ids"): "res.partner",
    ("res.partner", "parent_id"): "res.partner",
    ("res.partner", "commercial_partner_id"): "res.partner",
    ("res.partner", "user_id"): "res.users",
    ("res.partner", "company_id"): "res.company",
    ("res.config.settings", "company_id"): "res.company",
    ("sale.order", "order_line"): "sale.order.line",
    ("sale.order", "partner_id"): "res.partner",
    ("crm.lead", "partner_id"): "res.partner",
}


def manifest(addon):
    return ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))


def has_prefix(name):
    return name.startswith(OUR_PREFIXES)


# ------------------------------------------------------------------ Python models


@dataclasses.dataclass
class FieldDef:
    name: str
    type: str
    path: pathlib.Path
    line: int
    comodel: str | None = None
    related: str | None = None
    string: str | None = None  # the string= given in the code
    help: str | None = None
    selection: tuple = ()  # ((value, label), ...) of selection= or selection_add=
    translate: object = False  # True, or "html" / "xml" for term translation
    stored: bool = True

    @property
    def label(self):
        """The label Odoo derives for the field; None when it comes from a related field."""
        if self.string:
            return self.string
        if self.related:
            return None
        name = self.name
        base = name[:-4] if name.endswith("_ids") else name.removesuffix("_id")
        return base.replace("_", " ").title()


@dataclasses.dataclass
class ModelDef:
    name: str
    is_new: bool  # defines a new model (``_name`` not inherited)
    inherit: list
    fields: dict  # {name: FieldDef}
    base: str  # Model, TransientModel, AbstractModel
    path: pathlib.Path
    line: int
    addon: str
    description: str | None = None
    table: str | None = None
    sql_constraints: tuple = ()  # ((key, message), ...)
    delegates: bool = False  # has _inherits: fields of another model show through

    @property
    def is_stored(self):
        return self.base == "Model"


def _const(node):
    if isinstance(node, ast.Constant):
        return node.value
    return None


def _str_or_list(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.List | ast.Tuple):
        return [e.value for e in node.elts if isinstance(e, ast.Constant)]
    return []


def _parse(path):
    stat = path.stat()
    return _parse_version(path, stat.st_mtime_ns, stat.st_size)


@functools.cache
def _parse_version(path, _mtime, _size):
    """The syntax tree of a Python file, parsed once per version of the file."""
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _module_constants(path):
    """{name: ast node} of the module-level assignments of a Python file."""
    result = {}
    for stmt in _parse(path).body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target, value = stmt.targets[0], stmt.value
            if isinstance(target, ast.Name):
                result[target.id] = value
            elif isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple | ast.List):
                for name, item in zip(target.elts, value.elts, strict=False):  # A, B = "a", "b"
                    if isinstance(name, ast.Name):
                        result[name.id] = item
    return result


def _import_target(path, stmt, name):
    """The file a relative ``from .x import name`` of ``path`` reads ``name`` from, and
    whether ``name`` is that module itself (``from ..idic_core import scoring``)."""
    base = path.parent
    for _ in range(stmt.level - 1):
        base = base.parent
    target = base.joinpath(*(stmt.module or "").split("."))
    if (target / f"{name}.py").is_file():
        return target / f"{name}.py", True
    for candidate in (target.with_suffix(".py"), target / "__init__.py"):
        if candidate.is_file():
            return candidate, False
    return None, False


def _resolve(path, node, addon, depth=0):
    """The literal an expression of ``path`` stands for: a constant, a module-level
    name, ``module.NAME``, following the addon's relative imports; else None."""
    if isinstance(node, ast.Constant | ast.List | ast.Tuple) or depth > 5:
        return node
    if isinstance(node, ast.Name):
        constants = _module_constants(path)
        if node.id in constants:
            return _resolve(path, constants[node.id], addon, depth + 1)
        module, original = _imported(path, node.id)
        if module and not module[1]:
            return _resolve(module[0], ast.Name(original), addon, depth + 1)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        module, _original = _imported(path, node.value.id)
        if module and module[1]:
            return _resolve(module[0], ast.Name(node.attr), addon, depth + 1)
    return None


def _imported(path, name):
    for stmt in _parse(path).body:
        if isinstance(stmt, ast.ImportFrom) and stmt.level:
            for alias in stmt.names:
                if (alias.asname or alias.name) == name:
                    target, is_module = _import_target(path, stmt, alias.name)
                    return ((target, is_module) if target else None), alias.name
    return None, None


def _pairs(node, path, addon):
    """((value, label), ...) of a list of 2-tuples; value is None when not a literal."""
    node = _resolve(path, node, addon)
    if not isinstance(node, ast.List | ast.Tuple):
        return ()
    pairs = []
    for elt in node.elts:
        if isinstance(elt, ast.Tuple | ast.List) and len(elt.elts) == 2:
            value, label = (_const(_resolve(path, e, addon)) for e in elt.elts)
            if isinstance(label, str):
                pairs.append((value if isinstance(value, str) else None, label))
    return tuple(pairs)


def _field_def(name, call, path, addon):
    ftype = call.func.attr
    kwargs = {kw.arg: kw.value for kw in call.keywords if kw.arg}
    for arg_name, value in zip(POSITIONAL.get(ftype, ("string",)), call.args, strict=False):
        kwargs.setdefault(arg_name, value)
    field = FieldDef(name=name, type=ftype, path=path, line=call.lineno)
    if ftype in RELATIONAL:
        comodel = _const(kwargs.get("comodel_name"))
        field.comodel = comodel if isinstance(comodel, str) else None
    related = _const(kwargs.get("related"))
    field.related = related if isinstance(related, str) else None
    for attr in ("string", "help"):
        value = _const(kwargs.get(attr))
        if isinstance(value, str):
            setattr(field, attr, value)
    for key in ("selection", "selection_add"):
        if key in kwargs:
            field.selection += _pairs(kwargs[key], path, addon)
    computed = "compute" in kwargs or "related" in kwargs
    field.stored = not computed or _const(kwargs.get("store")) is True
    translate = kwargs.get("translate")
    if isinstance(translate, ast.Constant) and translate.value is True:
        field.translate = True
    elif isinstance(translate, ast.Name | ast.Attribute):
        ident = translate.id if isinstance(translate, ast.Name) else translate.attr
        field.translate = "html" if "html" in ident else "xml"
    return field


def _is_field_call(value):
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr in FIELD_TYPES
    )


def python_files(addon, with_tests=False):
    for path in sorted(addon.rglob("*.py")):
        parts = path.relative_to(addon).parts
        if not with_tests and "tests" in parts:
            continue
        yield path


def model_defs(addon):
    """[ModelDef] of every model class in the addon's Python (not its tests)."""
    result = []
    for path in python_files(addon):
        tree = _parse(path)
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            attrs = {}
            fields_ = {}
            for stmt in cls.body:
                if not isinstance(stmt, ast.Assign) or len(stmt.targets) != 1:
                    continue
                target = stmt.targets[0]
                if not isinstance(target, ast.Name):
                    continue
                if target.id.startswith("_"):
                    attrs[target.id] = stmt.value
                elif _is_field_call(stmt.value):
                    fields_[target.id] = _field_def(target.id, stmt.value, path, addon)
            if "_name" not in attrs and "_inherit" not in attrs:
                continue
            bases = [getattr(b, "attr", getattr(b, "id", "")) for b in cls.bases]
            names = _str_or_list(attrs.get("_name", ast.Constant(None)))
            inherit = _str_or_list(attrs.get("_inherit", ast.Constant(None)))
            name = (names or inherit or [None])[0]
            constraints = []
            for item in getattr(attrs.get("_sql_constraints"), "elts", []):
                values = [_const(e) for e in getattr(item, "elts", [])]
                if len(values) == 3 and all(isinstance(v, str) for v in values):
                    constraints.append((values[0], values[2]))
            result.append(
                ModelDef(
                    name=name,
                    is_new=bool(names) and names[0] not in inherit,
                    inherit=inherit,
                    fields=fields_,
                    base=bases[0] if bases else "",
                    path=path,
                    line=cls.lineno,
                    addon=addon.name,
                    description=_const(attrs.get("_description")),
                    table=_const(attrs.get("_table")),
                    sql_constraints=tuple(constraints),
                    delegates="_inherits" in attrs,
                )
            )
    return result


def python_models(addon):
    """[(model name, is new, inherited names, field names, base class)] of the addon's Python."""
    return [(m.name, m.is_new, m.inherit, set(m.fields), m.base) for m in model_defs(addon)]


class ModelIndex:
    """What our addons know about each model: its fields, comodels, whether it is ours."""

    def __init__(self, addons):
        self.defs = [m for addon in addons for m in model_defs(addon)]
        self.fields = {}  # {model: {field: FieldDef}}
        self.new = {}  # {model: ModelDef} of the models our addons create
        for model in self.defs:
            self.fields.setdefault(model.name, {}).update(model.fields)
            if model.is_new:
                self.new[model.name] = model
        self.all_field_names = {f for fields_ in self.fields.values() for f in fields_}

    @functools.cache  # noqa: B019 - an index lives for one check
    def allowed(self, model):
        """(field names, complete): complete when every field of the model is known."""
        names = set(self.fields.get(model, ()))
        complete = model in self.new
        if complete:
            names |= MAGIC_FIELDS
        defs = [m for m in self.defs if m.name == model]
        complete &= not any(m.delegates for m in defs)
        parents = {p for m in defs for p in m.inherit if p != model}
        for parent in parents:
            if parent in self.new:
                parent_names, parent_complete = self.allowed(parent)
                names |= parent_names
                complete &= parent_complete
            elif parent in MIXIN_FIELDS:
                names |= MIXIN_FIELDS[parent]
            else:
                complete = False
        return names, complete

    def comodel(self, model, field_name):
        """The comodel of a relational field, or None when our addons cannot tell."""
        if model is None:
            return None
        field = self.fields.get(model, {}).get(field_name)
        if field is None:
            return KNOWN_COMODELS.get((model, field_name))
        if field.comodel:
            return field.comodel
        if field.related:
            current = model
            for step in field.related.split("."):
                current = self.comodel(current, step)
                if current is None:
                    return None
            return current
        return None

    def related_target(self, model, field):
        """The FieldDef a related field of ours points to, when it is ours too."""
        *steps, last = field.related.split(".")
        current = model
        for step in steps:
            current = self.comodel(current, step)
            if current is None:
                return None
        target = self.fields.get(current, {}).get(last)
        if target is not None and target.related and target is not field:
            return self.related_target(current, target) or target
        return target

    def has_field(self, model, name):
        return name in self.fields.get(model, {})

    def check_name(self, model, name):
        """None when ``name`` may be a field of ``model``, else why not.

        Every name is checked on the models our addons create; on other models only
        our prefixed names are (they must be defined by one of our addons); on a model
        we cannot tell (the comodel of a field of another addon), prefixed names must
        be a field of some model of ours.
        """
        if model is None:
            if has_prefix(name) and name not in self.all_field_names:
                return f"no model of ours has a field {name}"
            return None
        allowed, complete = self.allowed(model)
        if name in allowed:
            return None
        if complete or has_prefix(name):
            return f"{model} has no field {name}"
        return None


# ------------------------------------------------------------------ security


def access_rows(addon):
    path = addon / "security" / "ir.model.access.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def access_model_ids(addon):
    return {row["model_id:id"].split(".")[-1] for row in access_rows(addon)}


def model_xmlid(model):
    return "model_" + model.replace(".", "_")


def data_files(addon, demo=False):
    data = manifest(addon)
    return [addon / name for name in data.get("data", []) + (data.get("demo", []) if demo else [])]


def xml_records(addon, demo=False):
    """(path, <record> element) of the addon's XML data files, in manifest order."""
    for path in data_files(addon, demo):
        if path.suffix == ".xml" and path.is_file():
            for record in etree.parse(str(path)).iter("record"):
                yield path, record


def _full_id(addon, xmlid):
    return xmlid if "." in xmlid else f"{addon.name}.{xmlid}"


_REF = re.compile(r"ref\(\s*['\"]([\w.]+)['\"]\s*\)")


def security_groups(addon):
    """{full xmlid: set of full xmlids of the groups it implies} of the addon's own groups."""
    groups = {}
    for _path, record in xml_records(addon):
        if record.get("model") != "res.groups":
            continue
        xmlid = _full_id(addon, record.get("id"))
        implied = set()
        for field in record.iter("field"):
            if field.get("name") == "implied_ids":
                implied |= {_full_id(addon, r) for r in _REF.findall(field.get("eval", ""))}
        if "." in record.get("id"):
            continue  # extends a group of another addon
        groups[xmlid] = implied
    return groups


def record_rules(addon):
    """[(xmlid, model xmlid, domain_force, group xmlids, path)] of the addon's ir.rule records."""
    rules = []
    for path, record in xml_records(addon):
        if record.get("model") != "ir.rule":
            continue
        values = {f.get("name"): f for f in record.iter("field")}
        model = values.get("model_id")
        domain = values.get("domain_force")
        groups = values.get("groups")
        rules.append(
            (
                _full_id(addon, record.get("id")),
                model.get("ref", "").split(".")[-1] if model is not None else "",
                (domain.text or domain.get("eval") or "") if domain is not None else "",
                {_full_id(addon, r) for r in _REF.findall(groups.get("eval", ""))}
                if groups is not None
                else set(),
                path,
            )
        )
    return rules
