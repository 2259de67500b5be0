"""helpdesk_mgmt's screens in Vietnamese, from crm_idic_helpdesk/i18n_extra/vi.po.

OCA's helpdesk_mgmt (and its rating and SLA modules) ship no Vietnamese; this addon
ships the terms of their records, addressed by the records' xmlids. Odoo loads them
through ``ir.module.module._update_translations``: when Vietnamese is installed after
the addon (``base.language.install`` calls it for every installed module, with the
language), and when the addon is installed into a database that has Vietnamese
already (``odoo/modules/loading.py`` calls it for the module, every language).
"""

import re

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path

MODULES = ("helpdesk_mgmt", "helpdesk_mgmt_rating", "helpdesk_mgmt_sla", "crm_idic_helpdesk")
OCCURRENCE = re.compile(r"(model|model_terms):([\w.]+),(\w+):(\w+\.[^ ]+)")


@tagged("post_install", "-at_install")
class TestHelpdeskVietnamese(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.modules = cls.env["ir.module.module"].search([("name", "in", MODULES)])
        cls.vi = cls.env(context={"lang": "vi_VN"})

    def assert_helpdesk_reads_vietnamese(self):
        vi = self.vi
        self.assertEqual(vi.ref("helpdesk_mgmt.helpdesk_ticket_main_menu").name, "Hỗ trợ")
        self.assertEqual(vi.ref("helpdesk_mgmt.helpdesk_ticket_menu").name, "Phiếu hỗ trợ")
        self.assertEqual(
            vi.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress").name, "Đang xử lý"
        )
        self.assertEqual(vi.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").name, "Hoàn tất")
        labels = vi["helpdesk.ticket"].fields_get(["stage_id", "user_id", "name"], ["string"])
        self.assertEqual(labels["stage_id"]["string"], "Giai đoạn")
        self.assertEqual(labels["user_id"]["string"], "Người phụ trách")
        self.assertEqual(labels["name"]["string"], "Tiêu đề")
        views = vi["helpdesk.ticket"].get_views([(False, "form"), (False, "search")])["views"]
        self.assertIn('string="Giao cho tôi"', views["form"]["arch"])  # "Assign to me"
        self.assertIn('string="Chưa phân công"', views["search"]["arch"])  # "Unassigned"
        self.assertIn('string="Quá hạn"', views["search"]["arch"], "our filter, our vi.po")
        tile = vi.ref("helpdesk_mgmt.portal_my_home").arch_db
        self.assertIn("Phiếu hỗ trợ", tile)
        self.assertIn("Theo dõi và bình luận các phiếu hỗ trợ của bạn", tile)

    def test_english_before_the_terms_are_loaded(self):
        """The check below can fail: without the terms, Vietnamese reads English."""
        self.assertEqual(self.vi.ref("helpdesk_mgmt.helpdesk_ticket_main_menu").name, "Helpdesk")
        with self.assertRaises(AssertionError):
            self.assert_helpdesk_reads_vietnamese()

    def test_vietnamese_installed_after_the_addon(self):
        # what base.language.install does, for the modules concerned
        self.modules._update_translations("vi_VN")
        self.assert_helpdesk_reads_vietnamese()
        # updating helpdesk_mgmt (which has no vi.po) keeps them
        self.modules.filtered(lambda m: m.name == "helpdesk_mgmt")._update_translations()
        self.assert_helpdesk_reads_vietnamese()

    def test_addon_installed_into_a_vietnamese_database(self):
        # helpdesk_mgmt is there already; loading.py loads the new addon's terms in
        # every installed language
        self.modules.filtered(lambda m: m.name != "crm_idic_helpdesk")._update_translations()
        ours = self.modules.filtered(lambda m: m.name == "crm_idic_helpdesk")
        ours._update_translations()
        self.assert_helpdesk_reads_vietnamese()

    def test_every_term_still_matches_the_oca_source(self):
        """Each entry names a record that exists and still says its English: after an
        upgrade of the OCA modules, a term they changed shows here, not as English on
        a screen (a record term) or a stale translation (a whole value)."""
        po = polib.pofile(file_path("crm_idic_helpdesk/i18n_extra/vi.po"))
        problems = []
        for entry in po:
            self.assertTrue(entry.msgstr, entry.msgid)
            for occurrence, _line in entry.occurrences:
                kind, model, field, xmlid = OCCURRENCE.fullmatch(occurrence).groups()
                record = self.env.ref(xmlid, raise_if_not_found=False)
                if record is None or record._name != model:
                    problems.append(f"{occurrence}: no such record")
                    continue
                english = record.with_context(lang="en_US")[field]
                if kind == "model":
                    found = english == entry.msgid
                else:
                    found = entry.msgid in record._fields[field].get_trans_terms(english)
                if not found:
                    problems.append(f"{occurrence}: {entry.msgid!r} is not its English")
        self.assertEqual(problems, [])
