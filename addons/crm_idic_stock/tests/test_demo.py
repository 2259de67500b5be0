"""The demo company's deliveries read as its own: the warehouse has a code of its own
and Odoo's first transfers, named before it had one, follow it."""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoWarehouse(TransactionCase):
    def test_the_demo_warehouse_and_its_transfers_have_a_code_of_their_own(self):
        company = self.env.ref("crm_idic.demo_company_vn", raise_if_not_found=False)
        if not company:
            return  # installed without demo data
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", company.id)])
        self.assertEqual(warehouse.mapped("code"), ["VTMT"])
        pickings = self.env["stock.picking"].search([("company_id", "=", company.id)])
        self.assertTrue(pickings)
        self.assertFalse(pickings.filtered(lambda p: not p.name.startswith("VTMT/")))
        # what comes next is named by Odoo's renamed sequence
        self.assertEqual(warehouse.out_type_id.sequence_id.prefix, "VTMT/OUT/")

    def test_the_renaming_leaves_other_warehouses_alone(self):
        company = self.env["res.company"].create({"name": "Công ty Thử Nghiệm"})
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", company.id)])
        other = self.env["stock.warehouse"].search([("company_id", "!=", company.id)], limit=1)
        before = other.code
        warehouse._crm_idic_stock_demo_code("TN")
        self.assertEqual(warehouse.code, "TN")
        self.assertEqual(other.code, before)
