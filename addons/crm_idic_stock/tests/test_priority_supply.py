"""Priority supply: when stock is short, Odoo's reservation serves the deliveries of
loyal (level 3) and priority-segment customers first."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.crm_idic.tests.common import IdicCase


@tagged("post_install", "-at_install")
class TestPrioritySupply(IdicCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product.write({"is_storable": True})
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.stock_user = new_test_user(
            cls.env,
            login="idic_stock_user",
            groups="stock.group_stock_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.write(
            {"company_ids": [Command.link(cls.company.id)], "company_id": cls.company.id}
        )

    def level(self, partner, level):
        partner._idic_system().write({"idic_relationship_level": level})
        return partner

    def order(self, partner, qty=10):
        order = (
            self.env["sale.order"]
            .with_user(self.admin)
            .with_company(self.company)
            .create(
                {
                    "partner_id": partner.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "product_uom_qty": qty,
                                "price_unit": 100,
                                "tax_id": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        order.action_confirm()
        return order

    def receive(self, qty):
        self.env["stock.quant"]._update_available_quantity(
            self.product, self.warehouse.lot_stock_id, qty
        )

    def test_the_loyal_customer_is_served_first_when_stock_is_short(self):
        ordinary = self.make_customer(name="Cửa hàng D")
        ordinary._idic_system().write({"idic_segment_id": self.seg["D"].id})
        loyal = self.level(self.make_customer(name="Đại lý trung thành"), "3")
        first = self.order(ordinary)  # confirmed first
        second = self.order(loyal)  # confirmed second
        self.assertEqual(first.picking_ids.priority, "0")
        self.assertFalse(first.picking_ids.idic_priority_supply)
        self.assertEqual(second.picking_ids.priority, "1")
        self.assertTrue(second.picking_ids.idic_priority_supply)
        self.assertIn("level 3", second.picking_ids.idic_priority_reason)
        # ten units arrive; the scheduler reserves by priority
        self.receive(10)
        self.env["procurement.group"].run_scheduler(company_id=self.company.id)
        self.assertEqual(second.picking_ids.state, "assigned", "the loyal customer's delivery")
        self.assertEqual(first.picking_ids.state, "confirmed", "waits for the next goods")

    def test_a_segment_whose_policy_gives_priority(self):
        self.seg["B"].priority_orders = True
        customer = self.make_customer(name="Khách phân khúc B")
        customer._idic_system().write({"idic_segment_id": self.seg["B"].id})
        delivery = self.order(customer).picking_ids
        self.assertEqual((delivery.priority, delivery.idic_priority_supply), ("1", True))

    def test_the_flag_follows_the_customer_on_open_deliveries(self):
        customer = self.make_customer(name="Khách thay đổi")
        open_delivery = self.order(customer).picking_ids
        done_order = self.order(customer, qty=1)
        self.receive(1)
        done_delivery = done_order.picking_ids
        done_delivery.action_assign()
        done_delivery.move_ids.quantity = 1
        done_delivery.move_ids.picked = True
        done_delivery.button_validate()
        self.assertEqual(done_delivery.state, "done")
        self.assertEqual(open_delivery.priority, "0")
        # the nightly scoring makes the customer loyal
        self.level(customer, "3")
        customer._idic_update_open_orders()
        self.assertEqual((open_delivery.priority, open_delivery.idic_priority_supply), ("1", True))
        self.assertEqual(done_delivery.priority, "0", "a done delivery is left alone")
        self.assertFalse(done_delivery.idic_priority_supply)
        # and no longer loyal: back to normal, only what this addon raised
        starred = self.order(self.make_customer(name="Ưu tiên bằng tay")).picking_ids
        starred.priority = "1"  # a user's own star
        self.level(customer, "2")
        (customer | starred.partner_id)._idic_update_open_orders()
        self.assertEqual((open_delivery.priority, open_delivery.idic_priority_supply), ("0", False))
        self.assertEqual(starred.priority, "1", "a star set by hand stays")

    def test_nobody_sets_the_flag_by_hand(self):
        customer = self.make_customer(name="Khách thường")
        delivery = self.order(customer).picking_ids
        for user in (self.stock_user, self.admin):
            with self.assertRaises(AccessError):
                delivery.with_user(user).write({"idic_priority_supply": True})
            with self.assertRaises(AccessError):
                self.env["stock.picking"].with_user(user).with_company(self.company).create(
                    {
                        "picking_type_id": self.warehouse.out_type_id.id,
                        "idic_priority_supply": True,
                    }
                )
            with self.assertRaises(AccessError):
                self.env["stock.picking"].with_user(user).with_company(self.company).with_context(
                    default_idic_priority_supply=True
                ).create({"picking_type_id": self.warehouse.out_type_id.id})
        self.assertFalse(delivery.idic_priority_supply)
