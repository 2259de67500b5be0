"""The static checks catch what they say: each is run on a crafted addon (or on a copy
of crm_idic with one mistake put in) and must report that mistake, and nothing on
the correct variant."""

import shutil
import textwrap

import polib
import pytest
from addon_checks import access_problems, missing_test_problems, rule_problems
from addons_info import ADDONS_DIR
from i18n_labels import same_label_problems
from i18n_terms import addon_terms, markup_terms, translation_problems
from lxml import etree
from view_fields import view_field_problems

MODELS = """
from odoo import fields, models

KINDS = [("a", "Kind A"), ("b", "Kind B")]


class IdicThing(models.Model):
    _name = "idic.thing"
    _description = "Thing"

    name = fields.Char(required=True)
    kind = fields.Selection(KINDS, string="Kind")
    company_id = fields.Many2one("res.company")
    partner_id = fields.Many2one("res.partner")
    line_ids = fields.One2many("idic.thing.line", "thing_id", string="Lines")


class IdicThingLine(models.Model):
    _name = "idic.thing.line"
    _description = "Thing line"

    thing_id = fields.Many2one("idic.thing")
    qty = fields.Integer(string="Quantity", help="How many.")


class ResPartner(models.Model):
    _inherit = "res.partner"

    idic_flag = fields.Boolean(string="Flagged")
    idic_thing_ids = fields.One2many("idic.thing", "partner_id")


def message(self):
    return self.env._("Hello world")
"""


def make_addon(root, files, name="idic_test", data=()):
    addon = root / name
    files = {
        "__manifest__.py": repr({"name": name, "version": "18.0.1.0.0", "data": list(data)}),
        "__init__.py": "",
        **files,
    }
    for rel, text in files.items():
        path = addon / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return addon


def view(model, arch, xmlid="view_x"):
    return f"""<?xml version="1.0"?>
<odoo>
    <record id="{xmlid}" model="ir.ui.view">
        <field name="name">x</field>
        <field name="model">{model}</field>
        <field name="arch" type="xml">{arch}</field>
    </record>
</odoo>
"""


def problems_of(tmp_path, model, arch):
    addon = make_addon(tmp_path, {"models/thing.py": MODELS, "views/v.xml": view(model, arch)})
    return view_field_problems(addon, [addon])


# ------------------------------------------------------------------ view fields

CORRECT_ARCHS = [
    ("idic.thing", '<form><field name="name" invisible="not kind or context.get(\'x\')"/></form>'),
    (
        "idic.thing",
        (
            '<form><field name="line_ids"><list><field name="qty"'
            " readonly=\"parent.kind == 'a'\"/></list></field></form>"
        ),
    ),
    (
        "idic.thing",
        "<form><field name=\"partner_id\" domain=\"[('idic_flag', '=', True)]\"/></form>",
    ),
    ("idic.thing", '<form><field name="name" invisible="id in [x for x in [uid]]"/></form>'),
    ("res.partner", '<form><field name="email" invisible="not idic_flag and is_company"/></form>'),
    (
        "res.partner",
        (
            '<xpath expr="//field[@name=\'idic_thing_ids\']/list" position="inside">'
            '<field name="kind"/></xpath>'
        ),
    ),
    (
        "res.partner",
        (
            "<search><filter name=\"f\" domain=\"[('idic_thing_ids.kind', '=', 'a')]\""
            " context=\"{'group_by': 'idic_flag'}\"/></search>"
        ),
    ),
]


@pytest.mark.parametrize("model, arch", CORRECT_ARCHS)
def test_view_checker_accepts_correct_views(tmp_path, model, arch):
    assert problems_of(tmp_path, model, arch) == []


WRONG_ARCHS = [
    # a field of our model
    ("idic.thing", '<form><field name="nmae"/></form>', "idic.thing has no field nmae"),
    # a field of a sub-view, checked on the x2many's comodel
    (
        "idic.thing",
        '<form><field name="line_ids"><list><field name="qtty"/></list></field></form>',
        "idic.thing.line has no field qtty",
    ),
    # a sub-view of our field on a model of Odoo
    (
        "res.partner",
        '<form><field name="idic_thing_ids"><list><field name="kindd"/></list></field></form>',
        "idic.thing has no field kindd",
    ),
    # names in modifier expressions
    ("idic.thing", '<form><field name="name" invisible="not kindd"/></form>', "no field kindd"),
    (
        "res.partner",
        '<form><div invisible="not idic_flagg"/></form>',
        "res.partner has no field idic_flagg",
    ),
    (
        "idic.thing",
        (
            '<form><field name="line_ids"><list><field name="qty" column_invisible="parent.knd"/>'
            "</list></field></form>"
        ),
        "idic.thing has no field knd",
    ),
    # domains: the record's fields on the right, the comodel's field paths on the left
    (
        "idic.thing",
        "<form><field name=\"partner_id\" domain=\"[('idic_flagg', '=', kind)]\"/></form>",
        "res.partner has no field idic_flagg",
    ),
    (
        "idic.thing",
        "<form><field name=\"partner_id\" domain=\"[('id', '=', knd)]\"/></form>",
        "idic.thing has no field knd",
    ),
    (
        "res.partner",
        "<search><filter name=\"f\" domain=\"[('idic_thing_ids.kindd', '=', 'a')]\"/></search>",
        "idic.thing has no field kindd",
    ),
    (
        "res.partner",
        "<search><filter name=\"g\" context=\"{'group_by': 'idic_flg'}\"/></search>",
        "res.partner has no field idic_flg",
    ),
    # inheritance specs: into a sub-view, attributes
    (
        "res.partner",
        (
            '<xpath expr="//field[@name=\'idic_thing_ids\']/list" position="inside">'
            '<field name="kindd"/></xpath>'
        ),
        "idic.thing has no field kindd",
    ),
    (
        "res.partner",
        (
            '<field name="email" position="attributes">'
            '<attribute name="invisible">not idic_flagg</attribute></field>'
        ),
        "res.partner has no field idic_flagg",
    ),
]


@pytest.mark.parametrize("model, arch, expected", WRONG_ARCHS)
def test_view_checker_catches_misnamed_fields(tmp_path, model, arch, expected):
    problems = problems_of(tmp_path, model, arch)
    assert any(expected in p for p in problems), problems


def test_view_checker_reads_qweb_templates(tmp_path):
    template = """<?xml version="1.0"?>
    <odoo>
        <template id="t" inherit_id="portal.x">
            <xpath expr="." position="inside">
                <span t-field="partner.idic_flag"/>
                <span t-if="partner.idic_flagg" t-attf-class="a #{partner.idic_flg and 'b'}"/>
                <input t-att-value="idic_flagged or error.get('idic_x')"/>
            </xpath>
        </template>
    </odoo>
    """
    addon = make_addon(tmp_path, {"models/thing.py": MODELS, "views/t.xml": template})
    problems = view_field_problems(addon, [addon])
    assert len(problems) == 2, problems  # a bare name is a template variable, not a field
    assert "t-if: no model of ours has a field idic_flagg" in problems[0]
    assert "t-attf-class: no model of ours has a field idic_flg" in problems[1]


def _interaction_list(root):
    """The <list> of the interaction log inside the partner form of crm_idic."""
    for field in root.iter("field"):
        if field.get("name") == "idic_interaction_ids" and field.find("list") is not None:
            return field.find("list")
    return None


def test_misspelt_field_in_partner_interaction_list_fails(tmp_path):
    """The real partner view: a misspelt field inside its inline interaction list."""
    addon = tmp_path / "crm_idic"
    shutil.copytree(ADDONS_DIR / "crm_idic", addon)
    path = addon / "views" / "res_partner_views.xml"
    before = set(view_field_problems(addon, [addon]))
    tree = etree.parse(str(path))
    sub_list = _interaction_list(tree)
    assert sub_list is not None, "res_partner_views.xml has no inline interaction list any more"
    column = sub_list.find("field")
    column.set("name", column.get("name") + "_typo")
    tree.write(str(path), encoding="utf-8", xml_declaration=True)
    new = set(view_field_problems(addon, [addon])) - before
    assert [p for p in new if f"crm.idic.interaction has no field {column.get('name')}" in p], new


# ------------------------------------------------------------------ translations

VIEW_XML = view(
    "idic.thing",
    '<form><div>Some text <strong>bold</strong> here<button string="Go"/></div>'
    '<field name="name" placeholder="e.g. Box"/></form>',
)


def test_markup_terms_group_inline_elements_like_odoo():
    root = etree.fromstring(
        "<form><div>Some text <strong>bold</strong> here<button string='Go'/></div>"
        "<p>  <span>Only</span>  </p><option value=''>Pick...</option><t t-esc='x'/></form>"
    )
    assert markup_terms(root) == [
        "Some text <strong>bold</strong> here",
        "Go",
        "<span>Only</span>",
        '<option value="">Pick...</option>',
    ]


def _po(entries, translated=True):
    """A po file with one entry per msgid, listing each (msgid, kind) as an occurrence."""
    po = polib.POFile()
    po.metadata = {"Language": "vi", "Content-Type": "text/plain; charset=UTF-8"}
    for msgid, kind in entries:
        entry = po.find(msgid)
        if entry is None:
            entry = polib.POEntry(
                msgid=msgid, msgstr=f"VI {msgid}" if translated else "", comment="module: idic_test"
            )
            po.append(entry)
        if kind == "code":
            entry.comment += "\nodoo-python"
            entry.occurrences.append(("code:addons/idic_test/models/thing.py", "0"))
        else:
            entry.occurrences.append((kind, ""))
    return po


def translated_addon(tmp_path, models=MODELS, skip=(), pot_skip=()):
    """An addon whose vi.po and .pot hold its terms, but for those in ``skip`` / ``pot_skip``."""
    addon = make_addon(
        tmp_path,
        {"models/thing.py": models, "views/v.xml": VIEW_XML, "i18n/.keep": ""},
        data=["views/v.xml"],
    )
    terms = [(t.msgid, t.kind) for t in addon_terms(addon, [addon])]
    _po([t for t in terms if t[0] not in skip]).save(str(addon / "i18n" / "vi.po"))
    pot = _po([t for t in terms if t[0] not in pot_skip], translated=False)
    pot.save(str(addon / "i18n" / "idic_test.pot"))
    return addon, terms


def test_terms_of_code_models_and_views(tmp_path):
    addon, terms = translated_addon(tmp_path)
    label = "model:ir.model.fields,field_description:idic_test.field_"
    assert ("Hello world", "code") in terms
    assert ("Quantity", label + "idic_thing_line__qty") in terms
    assert ("How many.", "model:ir.model.fields,help:idic_test.field_idic_thing_line__qty") in terms
    assert ("Flagged", label + "res_partner__idic_flag") in terms
    assert ("Flagged", label + "res_users__idic_flag") in terms  # res.users _inherits partner
    assert ("Idic Thing", label + "res_partner__idic_thing_ids") in terms  # derived label
    kind_a = "model:ir.model.fields.selection,name:idic_test.selection__idic_thing__kind__a"
    assert ("Kind A", kind_a) in terms
    assert ("Thing", "model:ir.model,name:idic_test.model_idic_thing") in terms
    arch = "model_terms:ir.ui.view,arch_db:idic_test.view_x"
    assert ("Some text <strong>bold</strong> here", arch) in terms
    assert ("Go", arch) in terms and ("e.g. Box", arch) in terms
    assert translation_problems(addon, [addon]) == []


def test_reworded_string_without_translation_fails(tmp_path):
    addon, _terms = translated_addon(tmp_path)
    models = addon / "models" / "thing.py"
    models.write_text(models.read_text().replace("Hello world", "Hello, world"))
    problems = translation_problems(addon, [addon])
    assert len(problems) == 1, problems
    assert problems[0].startswith("idic_test/models/thing.py:")
    assert problems[0].endswith(": 'Hello, world' missing from i18n/idic_test.pot")


@pytest.mark.parametrize(
    "msgid, pot_only, reason",
    [
        ("Quantity", False, "missing from i18n/vi.po as model:ir.model.fields,field_description"),
        ("Kind B", True, "missing from i18n/idic_test.pot as model:ir.model.fields.selection"),
        ("Some text <strong>bold</strong> here", False, "missing from i18n/vi.po as model_terms"),
        ("Hello world", True, "missing from i18n/idic_test.pot"),
    ],
)
def test_untranslated_terms_fail(tmp_path, msgid, pot_only, reason):
    if pot_only:  # in vi.po, but Odoo drops what its .pot does not list
        addon, _terms = translated_addon(tmp_path, pot_skip={msgid})
    else:
        addon, _terms = translated_addon(tmp_path, skip={msgid})
    problems = translation_problems(addon, [addon])
    assert len(problems) == 1 and f"{msgid!r} {reason}" in problems[0], problems


def test_empty_translation_or_wrong_occurrence_fails(tmp_path):
    addon, _terms = translated_addon(tmp_path)
    po_path = addon / "i18n" / "vi.po"
    po = polib.pofile(str(po_path))
    po.find("Flagged").msgstr = ""
    # "Quantity" translated for another record only: Odoo leaves this label in English
    po.find("Quantity").occurrences = [("model:ir.model.fields,field_description:x.y", "")]
    po.save(str(po_path))
    (addon / "i18n" / "idic_test.pot").unlink()
    problems = translation_problems(addon, [addon])
    assert len(problems) == 2, problems
    assert "'Quantity' missing from i18n/vi.po as model:ir.model.fields" in problems[0]
    assert "'Flagged' not translated in i18n/vi.po" in problems[1]


# ------------------------------------------------------------------ security

SECURITY = """<?xml version="1.0"?>
<odoo>
    <record id="group_user" model="res.groups">
        <field name="name">User</field>
        <field name="implied_ids" eval="[Command.link(ref('base.group_user'))]"/>
    </record>
    <record id="group_manager" model="res.groups">
        <field name="name">Manager</field>
        <field name="implied_ids" eval="[Command.link(ref('group_user'))]"/>
    </record>
    {rules}
</odoo>
"""
HEADER = "id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink\n"


def security_addon(tmp_path, access, rules=""):
    return make_addon(
        tmp_path,
        {
            "models/thing.py": MODELS,
            "security/security.xml": SECURITY.format(rules=rules),
            "security/ir.model.access.csv": HEADER + access,
        },
        data=["security/security.xml", "security/ir.model.access.csv"],
    )


LINE_ACCESS = "a_line,line,model_idic_thing_line,base.group_user,1,0,0,0\n"


@pytest.mark.parametrize(
    "access, expected",
    [
        # the user line serves managers too (manager implies user)
        ("a_thing,thing,model_idic_thing,group_user,1,1,1,1\n" + LINE_ACCESS, []),
        ("a_thing,thing,model_idic_thing,group_manager,1,1,1,1\n" + LINE_ACCESS, ["group_user"]),
        # deliberately manager-only: a line for users granting nothing says so
        (
            "a_thing,thing,model_idic_thing,group_manager,1,1,1,1\n"
            "a_thing_user,thing,model_idic_thing,group_user,0,0,0,0\n" + LINE_ACCESS,
            [],
        ),
        ("a_thing,thing,model_idic_thing,group_user,1,1,1,1\n", ["idic.thing.line has no line"]),
    ],
)
def test_access_rules_per_group(tmp_path, access, expected):
    problems = access_problems(security_addon(tmp_path, access), [])
    assert len(problems) == len(expected) and all(
        e in p for e, p in zip(expected, problems, strict=False)
    ), problems


RULE = """<record id="{id}" model="ir.rule">
        <field name="model_id" ref="model_idic_thing"/>
        <field name="domain_force">{domain}</field>
        {groups}
    </record>"""
GROUPS = '<field name="groups" eval="[Command.link(ref(\'group_user\'))]"/>'


@pytest.mark.parametrize(
    "rules, expected",
    [
        (RULE.format(id="r1", domain="[('company_id', 'in', company_ids)]", groups=""), 0),
        ("", 1),  # a model with a company and no company rule
        (RULE.format(id="r1", domain="[('name', '!=', False)]", groups=GROUPS), 2),
        (  # a group rule without company_id is fine under a global company rule
            RULE.format(id="r1", domain="[('company_id', 'in', company_ids)]", groups="")
            + RULE.format(id="r2", domain="[('name', '!=', False)]", groups=GROUPS),
            0,
        ),
    ],
)
def test_record_rules_need_company(tmp_path, rules, expected):
    access = "a_thing,thing,model_idic_thing,group_user,1,1,1,1\n" + LINE_ACCESS
    problems = rule_problems(security_addon(tmp_path, access, rules), [])
    assert len(problems) == expected, problems


# ------------------------------------------------------------------ test modules


def test_unimported_test_file_fails(tmp_path):
    addon = make_addon(
        tmp_path,
        {
            "models/thing.py": MODELS,
            "tests/__init__.py": "from . import test_a\nfrom . import test_gone\n",
            "tests/test_a.py": "",
            "tests/test_b.py": "",
        },
    )
    assert missing_test_problems(addon) == [
        "idic_test/tests/__init__.py does not import test_b: its tests never run",
        "idic_test/tests/__init__.py imports test_gone, which does not exist",
    ]


def test_addon_with_features_needs_tests(tmp_path):
    featured = make_addon(tmp_path, {"models/__init__.py": ""}, name="featured")
    stub = make_addon(tmp_path, {"i18n/vi.po": "", "readme/DESCRIPTION.md": "x"}, name="stub")
    assert missing_test_problems(featured) == [
        "featured: has models but no tests (tests/__init__.py)"
    ]
    assert missing_test_problems(stub) == []


def test_same_vietnamese_label_of_two_fields_is_caught(tmp_path):
    def addon_with(why):
        root = tmp_path / why
        (root / "i18n").mkdir(parents=True)
        po = polib.POFile()
        po.metadata = {"Language": "vi", "Content-Type": "text/plain; charset=UTF-8"}
        for english, field, vietnamese in (("Why", "name", why), ("Reason", "signal_id", "Lý do")):
            po.append(
                polib.POEntry(
                    msgid=english,
                    msgstr=vietnamese,
                    occurrences=[
                        (f"model:ir.model.fields,field_description:x.field_idic_thing__{field}", "")
                    ],
                )
            )
        po.save(str(root / "i18n" / "vi.po"))
        return root

    problems = same_label_problems([addon_with("Lý do")])
    assert len(problems) == 1
    assert "idic.thing" in problems[0] and "signal_id" in problems[0] and "name" in problems[0]
    assert same_label_problems([addon_with("Tình huống")]) == []
