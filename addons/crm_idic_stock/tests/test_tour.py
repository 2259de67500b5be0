from odoo.tests import HttpCase, tagged

from odoo.addons.crm_idic.tests.vietnamese import vietnamese_company, vietnamese_user


@tagged("post_install", "-at_install")
class TestPrioritySupplyTourVi(HttpCase):
    def test_the_clerk_sees_the_loyal_customers_delivery_first_in_vietnamese(self):
        company = vietnamese_company(
            self.env, ["stock", "sale_stock", "crm_idic", "crm_idic_stock"]
        )
        clerk = vietnamese_user(self.env, company, "idic_vi_stock", "stock.group_stock_user")
        Partner = self.env["res.partner"].with_company(company)
        loyal, new = Partner.create(
            [
                {"name": "Công ty Trung Thành", "is_company": True, "company_id": company.id},
                {"name": "Cửa hàng Mới", "is_company": True, "company_id": company.id},
            ]
        )
        # as the scoring would leave them: a loyal (level 3) customer and a new one
        loyal._idic_system().write({"idic_relationship_level": "3"})
        new._idic_system().write({"idic_relationship_level": "1"})
        product = self.env["product.product"].create(
            {"name": "Bộ định tuyến", "is_storable": True, "taxes_id": False}
        )
        Order = self.env["sale.order"].with_company(company)
        orders = Order.create(
            [
                {
                    "partner_id": customer.id,
                    "company_id": company.id,
                    "order_line": [
                        (0, 0, {"product_id": product.id, "product_uom_qty": 2, "tax_id": False})
                    ],
                }
                for customer in (loyal, new)
            ]
        )
        orders.action_confirm()
        urgent, normal = orders[0].picking_ids, orders[1].picking_ids
        self.assertRecordValues(
            urgent | normal,
            [
                {"priority": "1", "idic_priority_supply": True},
                {"priority": "0", "idic_priority_supply": False},
            ],
        )
        self.start_tour(
            "/odoo/action-stock.action_picking_tree_all",
            "crm_idic_stock_vi_tour",
            login=clerk.login,
        )
        # the clerk only read: nothing changed
        self.assertEqual((urgent.priority, normal.priority), ("1", "0"))
