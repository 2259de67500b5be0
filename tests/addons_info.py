"""Read the addons of this repository without importing Odoo."""

import ast
import csv
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDONS_DIR = ROOT / "addons"
ADDONS = sorted(p for p in ADDONS_DIR.iterdir() if (p / "__manifest__.py").exists())

FIELD_TYPES = {
    "Boolean", "Char", "Text", "Html", "Integer", "Float", "Monetary", "Date", "Datetime",
    "Selection", "Many2one", "One2many", "Many2many", "Binary", "Image", "Reference",
    "Many2oneReference", "Json", "Properties", "PropertiesDefinition",
}  # fmt: skip


def manifest(addon):
    return ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))


def _str_or_list(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.List):
        return [e.value for e in node.elts if isinstance(e, ast.Constant)]
    return []


def python_models(addon):
    """[(model name, is new, inherited names, field names, base class)] of the addon's Python."""
    result = []
    for path in addon.rglob("*.py"):
        if "tests" in path.relative_to(addon).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            attrs = {}
            fields_ = set()
            for stmt in cls.body:
                if not isinstance(stmt, ast.Assign) or len(stmt.targets) != 1:
                    continue
                target = stmt.targets[0]
                if not isinstance(target, ast.Name):
                    continue
                if target.id in ("_name", "_inherit"):
                    attrs[target.id] = _str_or_list(stmt.value)
                value = stmt.value
                if (
                    isinstance(value, ast.Call)
                    and isinstance(value.func, ast.Attribute)
                    and value.func.attr in FIELD_TYPES
                ):
                    fields_.add(target.id)
            if not attrs:
                continue
            bases = [getattr(b, "attr", getattr(b, "id", "")) for b in cls.bases]
            inherit = attrs.get("_inherit", [])
            name = (attrs.get("_name") or inherit or [None])[0]
            is_new = bool(attrs.get("_name")) and attrs["_name"][0] not in inherit
            result.append((name, is_new, inherit, fields_, bases[0] if bases else ""))
    return result


def access_model_ids(addon):
    path = addon / "security" / "ir.model.access.csv"
    if not path.exists():
        return set()
    with path.open(encoding="utf-8") as handle:
        return {row["model_id:id"].split(".")[-1] for row in csv.DictReader(handle)}
