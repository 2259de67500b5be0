"""Static checks of every addon: manifests, files, XML, access rules, translations, views."""

import re
import subprocess
import sys

import polib
import pytest
from addons_info import ADDONS, ROOT, access_model_ids, manifest, python_models
from lxml import etree

VERSION = re.compile(r"^18\.0\.\d+\.\d+\.\d+$")
STATUSES = {"Alpha", "Beta", "Production/Stable", "Mature"}
REQUIRED_KEYS = {"name", "version", "license", "author", "website", "maintainers"}
ids = [a.name for a in ADDONS]


def test_there_are_addons():
    assert {"crm_idic", "crm_loyalty", "crm_dealer_tiers", "crm_evaluation"} <= set(ids)


@pytest.mark.parametrize("addon", ADDONS, ids=ids)
def test_manifest_keys(addon):
    data = manifest(addon)
    assert REQUIRED_KEYS <= set(data), REQUIRED_KEYS - set(data)
    assert VERSION.match(data["version"]), data["version"]
    assert data["development_status"] in STATUSES
    assert "description" not in data, "OCA addons describe themselves in readme/"
    assert isinstance(data["maintainers"], list) and data["maintainers"]
    assert data["website"].startswith("https://")
    assert data.get("installable", True)


@pytest.mark.parametrize("addon", ADDONS, ids=ids)
def test_listed_files_exist_and_data_files_are_listed(addon):
    data = manifest(addon)
    listed = data.get("data", []) + data.get("demo", [])
    for name in listed:
        assert (addon / name).is_file(), f"{addon.name} lists missing file {name}"
    on_disk = {
        str(p.relative_to(addon))
        for p in addon.rglob("*")
        if p.suffix in (".xml", ".csv")
        and not {"static", "tests", "i18n"} & set(p.relative_to(addon).parts)
    }
    assert on_disk - set(listed) == set(), f"files not in the manifest: {on_disk - set(listed)}"


@pytest.mark.parametrize("addon", ADDONS, ids=ids)
def test_xml_well_formed(addon):
    for path in addon.rglob("*.xml"):
        etree.parse(str(path))


@pytest.mark.parametrize("addon", ADDONS, ids=ids)
def test_every_model_has_access_rules(addon):
    access = access_model_ids(addon)
    for name, is_new, _inherit, _fields, base in python_models(addon):
        if not is_new or base == "AbstractModel":
            continue
        xmlid = "model_" + name.replace(".", "_")
        assert xmlid in access, f"{name} has no line in security/ir.model.access.csv"


@pytest.mark.parametrize("addon", ADDONS, ids=ids)
def test_vi_translation(addon):
    path = addon / "i18n" / "vi.po"
    assert path.is_file(), f"{addon.name} has no i18n/vi.po"
    po = polib.pofile(str(path))
    assert po.metadata.get("Language") in ("vi", "vi_VN")
    empty = [e.msgid for e in po if not e.obsolete and not e.translated() and not e.fuzzy]
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags]
    assert not empty, f"untranslated: {empty[:10]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"
    for entry in po:
        for var in re.findall(r"%\(\w+\)s|%s|%d", entry.msgid):
            assert var in entry.msgstr, f"{var} missing in translation of {entry.msgid!r}"


def _our_fields():
    """{model: field names} defined by any of our addons."""
    result = {}
    for addon in ADDONS:
        for name, _is_new, inherit, fields_, _base in python_models(addon):
            for model in {name, *inherit}:
                result.setdefault(model, set()).update(fields_)
    return result


MAGIC = {"id", "display_name", "create_date", "write_date", "create_uid", "write_uid"}
MAIL = {"message_ids", "message_follower_ids", "activity_ids", "activity_state"}


@pytest.mark.parametrize("addon", ADDONS, ids=ids)
def test_view_fields_exist(addon):
    """Fields of our prefix, and every field of our own models, exist in our Python."""
    known = _our_fields()
    new_models = {
        name: set(inherit)
        for a in ADDONS
        for name, is_new, inherit, _f, _b in python_models(a)
        if is_new
    }
    for path in addon.rglob("*.xml"):
        tree = etree.parse(str(path))
        for record in tree.iter("record"):
            if record.get("model") != "ir.ui.view":
                continue
            model_node = record.find("field[@name='model']")
            arch = record.find("field[@name='arch']")
            if model_node is None or arch is None:
                continue
            model = model_node.text
            for node in arch.iterdescendants("field"):
                parents = []
                for parent in node.iterancestors():
                    if parent is arch:
                        break
                    parents.append(parent)
                if any(p.tag == "field" for p in parents):
                    continue  # a sub-view of another model
                name = node.get("name")
                ours = model in new_models
                if not (ours or name.startswith(("idic_", "loyalty_rank", "dealer_", "eval_"))):
                    continue
                allowed = known.get(model, set()) | MAGIC
                if ours and new_models[model] & {"mail.thread", "mail.activity.mixin"}:
                    allowed |= MAIL
                assert name in allowed, f"{path.name}: {model} has no field {name}"


def test_readme_generated():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_readme.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def test_no_odoo_code_vendored():
    assert not (ROOT / "odoo").exists() and not (ROOT / "odoo-bin").exists()
