"""Points of point of sale orders: counted by the server by the sale orders' rule, once
per order, taken back by a refund, in the one ledger with the back office."""

from odoo import Command
from odoo.tests import tagged

from .common import PosLoyaltyCase


@tagged("post_install", "-at_install")
class TestPosPoints(PosLoyaltyCase):
    def test_silver_member_earns_by_the_rule_of_sale_orders(self):
        partner, card = self.make_silver()
        self.assertEqual(card.crm_loyalty_tier_id, self.silver)
        order = self.sync(self.payload(partner, [self.line(1_000_000), self.line(234_000)]))
        self.assertEqual(order.state, "paid")
        # 1,234,000 VND at 10,000 a point: 123.4, times Silver's 1.1: 135 whole points
        row = self.rows(order)
        self.assertRecordValues(
            row,
            [{"card_id": card.id, "crm_loyalty_kind": "order", "issued": 135, "used": 0}],
        )
        self.assertEqual(row.crm_loyalty_multiplier, 1.1)
        self.assertEqual(card.points, 3135)
        self.assertEqual(card.crm_loyalty_qualifying_points, 3135)
        self.assert_ledger()
        # the sale order with the same lines earns the same
        sale = self.make_order(partner, 1_234_000, confirm=False)
        self.assertEqual(sale._crm_loyalty_points(self.program, card), 135)
        self.assertEqual(order._crm_loyalty_points(self.program, card), 135)

    def test_browser_points_are_a_preview(self):
        partner, card = self.make_silver()
        order = self.sync(self.payload(partner, [self.line(1_000_000)]))
        self.assertEqual(card.points, 3110)
        # the browser then confirms its own count (a float rule, or a forged one)
        env = self.user_env(self.cashier)
        result = (
            env["pos.order"]
            .browse(order.id)
            .confirm_coupon_programs(
                {
                    str(card.id): {
                        "points": 99_999,
                        "program_id": self.program.id,
                        "coupon_id": card.id,
                    }
                }
            )
        )
        env["pos.order"].browse(order.id).add_loyalty_history_lines(
            [{"order_id": order.id, "card_id": card.id, "spent": 0, "won": 99_999}],
            [{"id": card.id, "old_id": card.id}],
        )
        self.assertEqual(card.points, 3110)
        self.assertEqual(len(self.rows(order)), 1)
        self.assertEqual(result["coupon_updates"][0]["points"], 3110)
        self.assert_ledger()

    def test_same_order_synced_twice_earns_once(self):
        partner, card = self.make_silver()
        payload = self.payload(partner, [self.line(2_000_000)])
        first = self.sync(payload)
        again = self.sync(payload)
        self.assertEqual(first, again)
        self.assertEqual(self.env["pos.order"].search_count([("uuid", "=", payload["uuid"])]), 1)
        self.assertEqual(card.points, 3220)
        # settling an order again (a retry reaching the server twice) changes nothing
        first._crm_loyalty_settle()
        self.assertEqual(len(self.rows(first)), 1)
        self.assertEqual(card.points, 3220)
        self.assert_ledger()

    def test_refund_takes_back_its_points(self):
        partner, card = self.make_silver()
        order = self.sync(self.payload(partner, [self.line(1_000_000), self.line(1_000_000)]))
        self.assertEqual(card.points, 3220)
        # half the order back: half its points
        refund = self.sync(self.refund_payload(order))
        self.assertTrue(refund.lines.refunded_orderline_id)
        back = self.rows(order).filtered(lambda h: h.crm_loyalty_kind == "refund")
        self.assertRecordValues(back, [{"used": 110, "crm_loyalty_pos_refund_id": refund.id}])
        self.assertEqual(card.points, 3110)
        self.assertEqual(card.crm_loyalty_qualifying_points, 3110)
        # again: nothing more
        refund._crm_loyalty_settle()
        self.assertEqual(card.points, 3110)
        # the rest: the order's points are all back, never more
        line = order.lines[1]
        self.sync(
            self.payload(partner, [self.line(1_000_000, qty=-1, refunded_orderline_id=line.id)])
        )
        self.assertEqual(card.points, 3000)
        self.assert_ledger()

    def test_two_refunds_in_one_sync_take_back_the_order_once(self):
        partner, card = self.make_silver()
        order = self.sync(self.payload(partner, [self.line(1_000_000), self.line(1_000_000)]))
        self.assertEqual(card.points, 3220)
        first, second = order.lines
        # each line refunded at its own till, the two refunds reach the server together
        self.sync(
            self.payload(partner, [self.line(1_000_000, qty=-1, refunded_orderline_id=first.id)]),
            self.payload(partner, [self.line(1_000_000, qty=-1, refunded_orderline_id=second.id)]),
        )
        back = self.rows(order).filtered(lambda h: h.crm_loyalty_kind == "refund")
        self.assertEqual(sorted(back.mapped("used")), [110, 110])
        self.assertEqual(card.points, 3000)
        self.assert_ledger()

    def test_refund_withdraws_the_rank_it_reached(self):
        partner = self.make_customer("Khách mới", is_company=True)
        order = self.sync(self.payload(partner, [self.line(25_000_000)]))
        card = self.card_of(partner)
        self.assertEqual(card.points, 2500)
        self.assertEqual(card.crm_loyalty_tier_id, self.silver, "rank upgraded at once")
        self.sync(self.refund_payload(order))
        self.assertEqual(card.points, 0)
        self.assertEqual(card.crm_loyalty_tier_id, self.member)
        self.assert_ledger()

    def test_contact_earns_to_the_customer_card_and_is_enrolled(self):
        company = self.make_customer("Công ty Sao Mai", is_company=True)
        contact = self.env["res.partner"].create(
            {"name": "Anh Minh", "parent_id": company.id, "company_id": self.company.id}
        )
        self.sync(self.payload(contact, [self.line(500_000)]))
        self.assertFalse(self.card_of(contact))
        self.assertEqual(self.card_of(company).points, 50)
        # the browser would open a card for the contact: it gets the customer's
        order = self.sync(self.payload(contact, [self.line(100_000)]))
        self.user_env(self.cashier)["pos.order"].browse(order.id).confirm_coupon_programs(
            {"-1": {"points": 10, "program_id": self.program.id, "partner_id": contact.id}}
        )
        self.assertEqual(
            len(
                self.env["loyalty.card"].search(
                    [
                        ("program_id", "=", self.program.id),
                        ("partner_id", "in", (company | contact).ids),
                    ]
                )
            ),
            1,
        )
        self.assertEqual(self.card_of(company).points, 60)
        self.assert_ledger()

    def test_reward_cost_and_nightly_assessment(self):
        partner, card = self.make_silver()
        reward = self.program.reward_ids[:1]
        order = self.sync(
            self.payload(
                partner,
                [
                    self.line(2_000_000),
                    Command.create(
                        {
                            "product_id": reward.discount_line_product_id.id,
                            "qty": 1,
                            "price_unit": -100_000,
                            "price_subtotal": -100_000,
                            "price_subtotal_incl": -100_000,
                            "tax_ids": [],
                            "is_reward_line": True,
                            "reward_id": reward.id,
                            "coupon_id": card.id,
                            "points_cost": 1000,
                            "reward_identifier_code": "r1",
                        }
                    ),
                ],
            )
        )
        # 1,900,000 paid: 190 * 1.1 = 209 points; the reward cost 1,000
        self.assertRecordValues(self.rows(order), [{"issued": 209, "used": 1000}])
        self.assertEqual(card.points, 2209)
        self.env["loyalty.card"]._cron_crm_loyalty_assess()
        self.assertEqual(card.crm_loyalty_qualifying_points, 3209)
        self.assertEqual(card.crm_loyalty_tier_id, self.silver)
        self.assert_ledger()
