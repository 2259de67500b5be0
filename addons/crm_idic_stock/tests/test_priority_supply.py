"""Priority supply: when stock is short, Odoo's reservation serves the transfers of
loyal (level 3) and priority-segment customers first; they follow the customer."""

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.crm_idic.tests.common import IdicCase

from ..hooks import post_init_hook


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
        cls.admin.write({"company_ids": [Command.link(cls.company.id)]})
        # only the level gives priority here, unless a test gives a segment the policy
        cls.env["crm.idic.segment"].browse([s.id for s in cls.seg.values()]).write(
            {"priority_orders": False}
        )

    # ----------------------------------------------------------- helpers

    def as_admin(self, records):
        return records.with_user(self.admin).with_company(self.company)

    def customer(self, name, level=False):
        partner = self.make_customer(name=name)
        partner._idic_system().write(
            {"idic_relationship_level": level, "idic_segment_id": self.seg["D"].id}
        )
        return partner

    def order(self, partner, qty=10):
        """An order of ``qty`` units entered and confirmed by the administrator."""
        order = self.as_admin(self.env["sale.order"]).create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.product.id, "product_uom_qty": qty, "price_unit": 100}
                    )
                ],
            }
        )
        order.action_confirm()
        return order

    def on_hand(self, qty):
        self.env["stock.quant"]._update_available_quantity(
            self.product, self.warehouse.lot_stock_id, qty
        )

    def validate(self, picking, qty):
        """Process ``qty`` units of ``picking``; the rest, if any, goes to a backorder."""
        picking = self.as_admin(picking)
        picking.move_ids.write({"quantity": qty, "picked": True})
        result = picking.button_validate()
        if isinstance(result, dict):  # the backorder question
            Form.from_action(self.env, result).save().process()
        self.assertEqual(picking.state, "done")

    def assertUrgent(self, pickings, urgent=True, flagged=None):
        flagged = urgent if flagged is None else flagged
        for picking in pickings:
            self.assertEqual(picking.priority, "1" if urgent else "0", picking.name)
            self.assertEqual(set(picking.move_ids.mapped("priority")), {picking.priority})
            self.assertEqual(picking.idic_priority_supply, flagged, picking.name)

    # ------------------------------------------------------------- tests

    def test_ten_on_hand_the_loyal_customer_is_reserved_first(self):
        self.warehouse.out_type_id.reservation_method = "manual"
        self.on_hand(10)
        ordinary = self.customer("Cửa hàng phân khúc D")
        loyal = self.customer("Đại lý trung thành", level="3")
        first = self.order(ordinary)  # confirmed first
        second = self.order(loyal)  # confirmed second
        self.assertUrgent(first.picking_ids, urgent=False)
        self.assertUrgent(second.picking_ids)
        label = "Priority supply (level-3 customer)"
        self.assertEqual(second.picking_ids.idic_priority_supply_label, label)
        self.assertEqual(second.idic_priority_supply_label, label)
        self.assertFalse(first.idic_priority_supply_label)
        self.assertFalse(first.picking_ids.idic_priority_supply_label)
        # the stock user selects both deliveries and checks their availability
        self.as_admin(first.picking_ids | second.picking_ids).action_assign()
        self.assertEqual(second.picking_ids.state, "assigned", "the loyal customer's delivery")
        self.assertEqual(first.picking_ids.state, "confirmed", "waits for the next goods")
        Picking = self.as_admin(self.env["stock.picking"])
        self.assertEqual(
            Picking.search(
                [("idic_priority_supply", "=", True), ("product_id", "=", self.product.id)]
            ),
            second.picking_ids,
        )

    def test_the_scheduler_serves_the_loyal_customer_first(self):
        first = self.order(self.customer("Khách thường"))  # nothing on hand yet: both wait
        second = self.order(self.customer("Khách cấp 3", level="3"))
        self.on_hand(10)
        # the scheduler (Inventory > Run Scheduler, its nightly job) reserves in Odoo's order
        self.env["procurement.group"].run_scheduler(company_id=self.company.id)
        self.assertEqual(second.picking_ids.state, "assigned")
        self.assertEqual(first.picking_ids.state, "confirmed")

    def test_goods_arriving_go_to_the_loyal_customer_first(self):
        first = self.order(self.customer("Khách thường"))
        second = self.order(self.customer("Khách cấp 3", level="3"))
        self.assertEqual(
            (first.picking_ids | second.picking_ids).mapped("state"), ["confirmed"] * 2
        )
        # ten units are received: Odoo reserves the waiting deliveries at once
        receipt = self.as_admin(self.env["stock.picking"]).create(
            {
                "picking_type_id": self.warehouse.in_type_id.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": self.product.name,
                            "product_id": self.product.id,
                            "product_uom_qty": 10,
                            "product_uom": self.product.uom_id.id,
                            "location_id": self.env.ref("stock.stock_location_suppliers").id,
                            "location_dest_id": self.warehouse.lot_stock_id.id,
                        }
                    )
                ],
            }
        )
        receipt.action_confirm()
        self.validate(receipt, 10)
        self.assertEqual(second.picking_ids.state, "assigned")
        self.assertEqual(first.picking_ids.state, "confirmed")

    def test_a_segment_whose_policy_gives_priority(self):
        self.seg["B"].priority_orders = True
        customer = self.customer("Khách phân khúc B")
        customer._idic_system().write({"idic_segment_id": self.seg["B"].id})
        delivery = self.order(customer).picking_ids
        self.assertUrgent(delivery)
        self.assertIn(self.seg["B"].display_name, delivery.idic_priority_supply_label)

    def test_the_nightly_scoring_moves_open_deliveries_only(self):
        customer = self.make_customer(name="Khách lâu năm", idic_potential_estimate=200000)
        for days in (100, 300, 800, 1900):  # four earlier orders
            self.make_order(customer, 30000, days_ago=days)
        open_delivery = self.order(customer).picking_ids
        done_order = self.order(customer, qty=1)
        self.on_hand(1)
        self.validate(done_order.picking_ids, 1)
        starred = self.order(self.customer("Ưu tiên bằng tay")).picking_ids
        self.as_admin(starred).priority = "1"  # a user's own star
        self.assertUrgent(open_delivery, urgent=False)
        # the nightly scoring makes the customer loyal: the open delivery becomes urgent
        self.score(customer)
        self.assertEqual(customer.idic_relationship_level, "3")
        self.assertUrgent(open_delivery)
        self.assertUrgent(done_order.picking_ids, urgent=False)
        # a year without orders later it lapses to level 2: back to normal
        self.score(customer | starred.partner_id, today=self.today + relativedelta(days=400))
        self.assertEqual(customer.idic_relationship_level, "2")
        self.assertUrgent(open_delivery, urgent=False)
        self.assertUrgent(starred, flagged=False)  # a star set by hand stays

    def test_installing_makes_the_open_deliveries_of_loyal_customers_urgent(self):
        """What the install hook does: deliveries opened before the addon was there (made
        here by clearing what confirmation set) follow their customer at once."""
        loyal = self.order(self.customer("Khách trung thành", level="3")).picking_ids
        plain = self.order(self.customer("Khách mới", level="1")).picking_ids
        done = self.order(self.customer("Đã giao", level="3"), qty=1)
        self.on_hand(1)
        self.validate(done.picking_ids, 1)
        (loyal | plain | done.picking_ids)._idic_system().write(
            {"priority": "0", "idic_priority_supply": False}
        )
        post_init_hook(self.env)
        self.assertUrgent(loyal)
        self.assertUrgent(plain, urgent=False)
        self.assertUrgent(done.picking_ids, urgent=False)  # done: left as it was

    def test_the_rest_of_an_urgent_delivery_stays_urgent(self):
        self.on_hand(4)
        delivery = self.order(self.customer("Khách cấp 3", level="3")).picking_ids
        self.assertEqual(delivery.state, "assigned")
        self.validate(delivery, 4)
        backorder = delivery.backorder_ids
        self.assertEqual(backorder.move_ids.product_uom_qty, 6)
        self.assertUrgent(backorder)
        self.assertTrue(delivery.idic_priority_supply, "the delivered part keeps its trace")

    def test_two_step_delivery_the_pick_and_the_ship_are_urgent(self):
        self.warehouse.delivery_steps = "pick_ship"
        self.on_hand(10)
        order = self.order(self.customer("Khách cấp 3", level="3"))
        pick = order.picking_ids
        self.assertEqual(pick.picking_type_id, self.warehouse.pick_type_id)
        self.assertUrgent(pick)  # the step that reserves the goods in stock
        self.validate(pick, 10)
        ship = order.picking_ids - pick
        self.assertEqual(ship.picking_type_id, self.warehouse.out_type_id)
        self.assertUrgent(ship)

    def test_a_user_who_changes_the_priority_takes_it_over(self):
        delivery = self.order(self.customer("Khách cấp 3", level="3")).picking_ids
        self.assertUrgent(delivery)
        delivery.with_user(self.stock_user).priority = "0"
        self.assertUrgent(delivery, urgent=False)
        self.assertFalse(delivery.with_user(self.stock_user).idic_priority_supply_label)

    def test_nobody_sets_the_flag_by_hand(self):
        delivery = self.order(self.customer("Khách thường")).picking_ids
        out_type = self.warehouse.out_type_id.id
        for user in (self.stock_user, self.user, self.admin):  # stock user, salesman, admin
            picking = delivery.with_user(user)
            Picking = self.env["stock.picking"].with_user(user).with_company(self.company)
            with self.assertRaises(AccessError):
                picking.write({"idic_priority_supply": True})
            with self.assertRaises(AccessError):
                picking.with_context(crm_idic_system=True).write({"idic_priority_supply": True})
            with self.assertRaises(AccessError):
                Picking.create({"picking_type_id": out_type, "idic_priority_supply": True})
            with self.assertRaises(AccessError):
                Picking.with_context(default_idic_priority_supply=True).create(
                    {"picking_type_id": out_type}
                )
            # what a user may do: star the delivery, without the flag
            picking.priority = "1"
            picking.priority = "0"
        self.assertUrgent(delivery, urgent=False)
