"""Contracts: activation gives the tier and pricelist; dates and overlaps are checked."""

import subprocess
import tempfile
from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import DealerCase


@tagged("post_install", "-at_install")
class TestContract(DealerCase):
    def test_activation_sets_tier_group_pricelist_and_history(self):
        app = self.approved()
        contract = self.as_user(self.manager, app.contract_id)
        partner = contract.partner_id
        self.assertFalse(partner.dealer_tier_id)
        contract.action_activate()
        self.assertEqual(contract.state, "active")
        self.assertEqual(partner.dealer_tier_id, self.l1)
        self.assertEqual(partner.dealer_tier_since, contract.date_start)
        self.assertEqual(partner.idic_customer_group, "dealer")
        self.assertEqual(partner.with_company(self.company).property_product_pricelist, self.pl_l1)
        history = partner.dealer_history_ids
        self.assertEqual(len(history), 1)
        self.assertEqual(history.new_tier_id, self.l1)
        self.assertEqual(history.source, "contract")
        self.assertEqual(history.user_id, self.manager)
        activity = self.env["mail.activity"].search(
            [("res_model", "=", contract._name), ("res_id", "=", contract.id)]
        )
        self.assertFalse(activity, "a fresh contract: its renewal is planned when it is due")
        # a sale order for the dealer shows the tier and takes the tier's pricelist
        order = self.as_user(self.sales, self.env["sale.order"]).create({"partner_id": partner.id})
        self.assertEqual(order.dealer_tier_id, self.l1)
        revenue = self.as_user(self.manager, self.env["sale.order"])._read_group(
            [("dealer_tier_id", "=", self.l1.id)], ["dealer_tier_id"], ["__count"]
        )
        self.assertEqual(revenue, [(self.l1, 1)])
        self.assertEqual(order.pricelist_id, self.pl_l1)

    def test_salesperson_cannot_activate_or_write_state(self):
        app = self.approved()
        contract = self.as_user(self.sales, app.contract_id)
        self.assertEqual(contract.partner_id.name, "Cửa hàng Minh Phát")
        with self.assertRaises(AccessError):
            contract.action_activate()
        with self.assertRaises(AccessError):
            contract.write({"state": "active"})
        with self.assertRaises(AccessError):
            self.as_user(self.manager, app.contract_id).write({"state": "active"})
        self.assertEqual(app.contract_id.state, "draft")
        self.assertFalse(app.partner_id.dealer_tier_id)

    def test_dates_must_be_in_order(self):
        app = self.approved()
        contract = self.as_user(self.manager, app.contract_id)
        with self.assertRaisesText(ValidationError, "before it starts"):
            contract.write({"date_end": contract.date_start - timedelta(days=1)})

    def test_no_overlapping_active_contracts(self):
        app = self.approved()
        first = self.as_user(self.manager, app.contract_id)
        first.action_activate()
        # a second application for the same dealer, approved: its contract overlaps
        second = self.as_user(self.manager, self.approved(partner_id=app.partner_id.id).contract_id)
        second.write(
            {
                "date_start": first.date_end - timedelta(days=10),
                "date_end": first.date_end + timedelta(days=300),
            }
        )
        with self.assertRaisesText(ValidationError, "already has the active contract"):
            second.action_activate()
        self.assertEqual(second.state, "draft")
        first.action_terminate()
        second.action_activate()
        self.assertEqual(second.state, "active")

    def test_renewal_job_moves_states(self):
        app = self.approved()
        contract = self.as_user(self.manager, app.contract_id)
        contract.write({"date_start": date(2020, 1, 1), "date_end": self.today + timedelta(days=5)})
        contract.action_activate()
        self.env["crm.dealer.contract"]._cron_update_states()
        self.assertEqual(contract.state, "expiring")
        contract.with_env(self.env).date_end = self.today - timedelta(days=1)
        self.env["crm.dealer.contract"]._cron_update_states()
        self.assertEqual(contract.state, "expired")
        with self.assertRaises(UserError):
            contract.action_terminate()

    def test_record_rules(self):
        mine = self.approved()
        theirs = self.approved(user=self.sales2)
        Contract = self.as_user(self.sales, self.env["crm.dealer.contract"])
        self.assertEqual(Contract.search([]), mine.contract_id)
        Application = self.as_user(self.sales, self.env["crm.dealer.application"])
        self.assertEqual(Application.search([]), self.as_user(self.sales, mine))
        with self.assertRaises(AccessError):
            self.as_user(self.sales, theirs).read(["name"])
        manager_sees = self.as_user(self.manager, self.env["crm.dealer.application"]).search([])
        self.assertEqual(manager_sees.ids, (mine | theirs).sorted("id", reverse=True).ids)
        other = self.env["res.company"].create({"name": "Dealer Other Co"})
        outsider = self.env["res.users"].create(
            {
                "name": "Outsider",
                "login": "dealer_outsider",
                "company_id": other.id,
                "company_ids": [(6, 0, other.ids)],
                "groups_id": [(6, 0, self.env.ref("sales_team.group_sale_manager").ids)],
            }
        )
        self.assertFalse(self.as_user(outsider, self.env["crm.dealer.application"]).search([]))
        self.assertFalse(self.as_user(outsider, self.env["crm.dealer.contract"]).search([]))
        with self.assertRaises(AccessError):
            self.as_user(outsider, mine).read(["name"])

    def test_print_checks_the_group(self):
        app = self.approved()
        with self.assertRaises(AccessError):
            app.contract_id.with_user(self.employee).action_print()
        action = self.as_user(self.sales, app.contract_id).action_print()
        self.assertEqual(action["report_name"], "crm_dealer_tiers.report_dealer_contract")


@tagged("post_install", "-at_install")
class TestContractPdf(DealerCase, HttpCase):
    """wkhtmltopdf fetches the report's assets from the test server: an HttpCase, so that
    the server reads through the test's cursor."""

    def test_contract_pdf_renders_in_vietnamese(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(
            ["crm_dealer_tiers"], ["vi_VN"], overwrite=True
        )
        app = self.approved()
        contract = app.contract_id
        contract.partner_id.lang = "vi_VN"
        # Debian's wkhtmltopdf (unpatched Qt) warns that it ignores the header switches
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, kind = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf("crm_dealer_tiers.action_report_dealer_contract", contract.ids)
            )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            text = subprocess.run(
                ["pdftotext", "-layout", handle.name, "-"],
                capture_output=True,
                check=True,
                text=True,
            ).stdout
        self.assertIn(contract.name, text)
        self.assertIn("Minh Phát", text)
        self.assertIn("Level-1 T", text)
        self.assertIn("HỢP ĐỒNG ĐẠI LÝ", text)
        self.assertIn("Ngày bắt đầu", text)
