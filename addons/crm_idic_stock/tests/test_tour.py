from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.crm_idic.tests.vietnamese import vietnamese_company, vietnamese_user


@tagged("post_install", "-at_install")
class TestPrioritySupplyTourVi(HttpCase):
    """A loyal (level 3) and a new customer order the same goods, two units each, with
    two in stock; the new customer ordered first. In Vietnamese: the warehouse clerk
    reserves for both and the loyal customer is served; the salesperson reads why."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = vietnamese_company(
            cls.env,
            ["stock", "sale", "sale_management", "sale_stock", "crm_idic", "crm_idic_stock"],
        )
        cls.clerk = vietnamese_user(cls.env, company, "idic_vi_stock", "stock.group_stock_user")
        cls.salesperson = vietnamese_user(
            cls.env,
            company,
            "idic_vi_stock_sale",
            "sales_team.group_sale_salesman,crm_idic.group_idic_user",
        )
        loyal, new = (
            cls.env["res.partner"]
            .with_company(company)
            .create(
                [
                    {"name": "Công ty Trung Thành", "is_company": True, "company_id": company.id},
                    {"name": "Cửa hàng Mới", "is_company": True, "company_id": company.id},
                ]
            )
        )
        # as the scoring would leave them: a loyal (level 3) customer and a new one
        loyal._idic_system().write({"idic_relationship_level": "3"})
        new._idic_system().write({"idic_relationship_level": "1"})
        product = cls.env["product.product"].create(
            {
                "name": "Bộ định tuyến",
                "is_storable": True,
                "list_price": 1_500_000,
                "taxes_id": False,
            }
        )
        # the salesperson confirms the new customer's order first: without priority
        # supply, its delivery (the older move) would be served first
        cls.new_order, cls.loyal_order = (
            cls.env["sale.order"]
            .with_user(cls.salesperson)
            .create(
                [
                    {
                        "partner_id": customer.id,
                        "order_line": [
                            Command.create(
                                {"product_id": product.id, "product_uom_qty": 2, "tax_id": False}
                            )
                        ],
                    }
                    for customer in (new, loyal)
                ]
            )
        )
        cls.new_order.action_confirm()
        cls.loyal_order.action_confirm()
        cls.urgent = cls.loyal_order.sudo().picking_ids
        cls.normal = cls.new_order.sudo().picking_ids
        # two units come in (for four ordered); nothing is reserved yet
        warehouse = cls.env["stock.warehouse"].search([("company_id", "=", company.id)])
        cls.env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 2)

    def test_the_clerk_serves_the_loyal_customer_first_in_vietnamese(self):
        self.assertRecordValues(
            self.urgent | self.normal,
            [
                {"priority": "1", "idic_priority_supply": True, "state": "confirmed"},
                {"priority": "0", "idic_priority_supply": False, "state": "confirmed"},
            ],
        )
        self.start_tour("/odoo", "crm_idic_stock_vi_tour", login=self.clerk.login)
        # the clerk's "check availability" reserved the two units for the loyal customer
        self.assertRecordValues(
            self.urgent | self.normal,
            [
                {"priority": "1", "idic_priority_supply": True, "state": "assigned"},
                {"priority": "0", "idic_priority_supply": False, "state": "confirmed"},
            ],
        )
        self.assertEqual(self.urgent.move_ids.quantity, 2)
        self.assertFalse(self.normal.move_ids.quantity)

    def test_the_salesperson_reads_priority_supply_on_the_order_in_vietnamese(self):
        self.loyal_order.invalidate_recordset()
        self.assertEqual(
            self.loyal_order.with_user(self.salesperson)
            .with_context(lang="vi_VN")
            .idic_priority_supply_label,
            "Ưu tiên cung ứng (khách hàng cấp 3)",
        )
        self.start_tour("/odoo", "crm_idic_stock_vi_sale_tour", login=self.salesperson.login)
        # the salesperson only read: nothing changed
        self.assertEqual((self.urgent.priority, self.normal.priority), ("1", "0"))
