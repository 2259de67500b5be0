"""The demo company's dealer network, when the demo data is installed."""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemo(TransactionCase):
    def test_demo_network_applications_and_contracts(self):
        top = self.env.ref("crm_dealer_tiers.demo_dealer_distributor", raise_if_not_found=False)
        if not top:
            return  # installed without demo data: nothing to check
        ref = self.env.ref
        level_1 = ref("crm_dealer_tiers.demo_dealer_level_1")
        level_2 = ref("crm_dealer_tiers.demo_dealer_level_2")
        self.assertEqual(top.dealer_tier_id, ref("crm_dealer_tiers.tier_distributor"))
        self.assertEqual(level_1.dealer_parent_id, top)
        self.assertEqual(level_2.dealer_parent_id, level_1)
        self.assertEqual(level_2.dealer_tier_id, ref("crm_dealer_tiers.tier_level_2"))
        contract = level_2.dealer_contract_ids
        self.assertEqual(contract.state, "expiring")
        # the network's tiers come from approved applications, like any dealer's
        self.assertEqual(contract.application_id.state, "contracted")
        self.assertEqual(contract.application_id.approved_tier_id, level_2.dealer_tier_id)
        self.assertTrue(top.dealer_compliant)
        self.assertFalse(level_2.dealer_compliant)
        states = set(
            self.env["crm.dealer.application"]
            .search([("company_id", "=", ref("crm_idic.demo_company_vn").id)])
            .mapped("state")
        )
        self.assertEqual(
            states, {"draft", "submitted", "in_review", "approved", "rejected", "contracted"}
        )
        # the network bought this year: the rebate report has a row for each of its tiers
        self.env.flush_all()
        rows = self.env["crm.dealer.rebate.report"].search(
            [("company_id", "=", ref("crm_idic.demo_company_vn").id)]
        )
        self.assertLessEqual({top, level_1, level_2}, set(rows.partner_id))
        self.assertTrue(all(row.rebate_amount > 0 for row in rows if row.partner_id == top))

    def test_first_print_does_not_stop_on_the_layout_wizard(self):
        dealer = self.env.ref("crm_dealer_tiers.demo_dealer_level_2", raise_if_not_found=False)
        if not dealer:
            return  # installed without demo data: nothing to check
        company = self.env.ref("crm_idic.demo_company_vn")
        self.assertTrue(company.external_report_layout_id)
        # every demo contract prints its parties' tax codes and its terms
        self.assertTrue(company.vat)
        contracts = self.env["crm.dealer.contract"].search([("company_id", "=", company.id)])
        self.assertTrue(contracts)
        for contract in contracts:
            self.assertTrue(contract.note, contract.name)
            self.assertTrue(contract.partner_id.commercial_partner_id.vat, contract.name)
        # the administrator, in the demo company, gets the PDF, not Odoo's layout wizard
        admin = self.env.ref("base.user_admin")
        contract = dealer.dealer_contract_ids.with_user(admin).with_company(company)
        self.assertEqual(contract.action_print()["type"], "ir.actions.report")

    def test_the_administrator_can_approve_the_demo_applications(self):
        submitted = self.env.ref(
            "crm_dealer_tiers.demo_application_submitted", raise_if_not_found=False
        )
        if not submitted:
            return  # installed without demo data: nothing to check
        admin = self.env.ref("base.user_admin")
        sales = self.env.ref("crm_dealer_tiers.demo_user_dealer_sales")
        for xmlid in ("demo_application_submitted", "demo_application_in_review"):
            app = self.env.ref(f"crm_dealer_tiers.{xmlid}")
            self.assertEqual(app.user_id, sales)
            seen = app.with_user(admin).with_company(app.company_id)
            self.assertTrue(seen.can_approve, f"{xmlid}: filed by a salesperson")
            self.assertFalse(seen.approval_note)
        manager = self.env.ref("crm_dealer_tiers.demo_user_dealer_manager")
        self.assertTrue(manager.has_group("crm_dealer_tiers.group_dealer_manager"))
