"""Static checks of every addon: manifests, files, XML, access rules and record rules,
test modules, translations, view fields. ``test_static_checkers.py`` proves on crafted
addons that the checks used here catch what they say."""

import re
import subprocess
import sys

import polib
import pytest
from addon_checks import access_problems, missing_test_problems, rule_problems
from addons_info import ADDONS, ROOT, manifest
from i18n_labels import same_label_problems
from i18n_terms import translation_problems
from lxml import etree
from view_fields import view_field_problems

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


def _fail(problems, hint=""):
    if problems:
        pytest.fail("\n".join([*problems, hint] if hint else problems), pytrace=False)


@pytest.mark.parametrize("addon", ADDONS, ids=ids)
def test_every_model_has_access_rules(addon):
    """Every model has access lines, and every group of the addon reaches each model."""
    _fail(access_problems(addon, ADDONS))


@pytest.mark.parametrize("addon", ADDONS, ids=ids)
def test_record_rules_name_company(addon):
    """Rules on a model with company_id restrict by company_id (or a global rule does)."""
    _fail(rule_problems(addon, ADDONS))


@pytest.mark.parametrize("addon", ADDONS, ids=ids)
def test_test_files_are_imported(addon):
    """Every tests/test_*.py is imported by tests/__init__.py; an addon with models has tests."""
    _fail(missing_test_problems(addon))


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


@pytest.mark.parametrize("addon", ADDONS, ids=ids)
def test_messages_translated(addon):
    """Every message of the code, models and views has a Vietnamese translation Odoo loads."""
    _fail(
        translation_problems(addon, ADDONS),
        "Run scripts/update-translations, then translate what it lists in i18n/vi.po.",
    )


def test_no_two_fields_of_a_model_read_the_same_in_vietnamese():
    _fail(same_label_problems(ADDONS), "Give one of them another Vietnamese label.")


@pytest.mark.parametrize("addon", ADDONS, ids=ids)
def test_view_fields_exist(addon):
    """Fields named by views, sub-views, expressions, domains and QWeb exist in our Python."""
    _fail(view_field_problems(addon, ADDONS))


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
