"""Earning whole points on confirmed orders, as the salesman who confirms them."""

from odoo.tests import tagged

from .common import LoyaltyCase


@tagged("post_install", "-at_install")
class TestEarning(LoyaltyCase):
    def test_whole_points_rounded_down(self):
        partner = self.make_customer("Whole points")
        order = self.make_order(partner, 12_345_000)
        card = self.card_of(partner)
        # plain Odoo would give 1234.5 (0.0001 point per VND); we give 1234
        self.assertEqual(card.points, 1234)
        self.assertEqual(card.crm_loyalty_qualifying_points, 1234)
        self.assertEqual(card.crm_loyalty_tier_id, self.member)
        self.assertEqual(order.crm_loyalty_order_points, 1234)
        history = card.history_ids
        self.assertEqual(history.mapped("issued"), [1234])
        self.assertEqual(history.crm_loyalty_kind, "order")

    def test_half_up_rounding(self):
        self.program.crm_loyalty_rounding = "half_up"
        partner = self.make_customer("Half up")
        self.make_order(partner, 12_345_000)
        self.assertEqual(self.card_of(partner).points, 1235)

    def test_confirm_cancel_reconfirm_never_counts_twice(self):
        partner = self.make_customer("Cancel and again")
        order = self.make_order(partner, 5_000_000)
        card = self.card_of(partner)
        self.assertEqual(card.points, 500)
        order._action_cancel()
        self.assertEqual(card.points, 0)
        self.assertFalse(card.history_ids)
        self.assertEqual(card.crm_loyalty_qualifying_points, 0)
        order.action_draft()
        order.action_confirm()
        self.assertEqual(card.points, 500)
        self.assertEqual(len(card.history_ids), 1)
        self.assertEqual(card.crm_loyalty_qualifying_points, 500)
        # confirming again is refused by Odoo; the points stay
        self.assertEqual(order.state, "sale")
        order._action_cancel()
        order.action_draft()
        order.action_confirm()
        self.assertEqual(card.points, 500)

    def test_upgrade_on_confirmation_and_multiplier(self):
        partner = self.make_customer("Upgrade")
        self.make_order(partner, 20_000_000)
        card = self.card_of(partner)
        self.assertEqual(card.crm_loyalty_tier_id, self.silver)
        self.assertEqual(card.crm_loyalty_tier_since, card.crm_loyalty_assessed_date)
        changes = card.crm_loyalty_tier_history_ids
        self.assertEqual(changes.mapped("change"), ["up"])
        self.assertEqual(changes.new_tier_id, self.silver)
        # Silver earns 1.1 points per 10,000 VND, rounded down
        order = self.make_order(partner, 1_234_567)
        self.assertEqual(order.crm_loyalty_order_points, 135)
        self.assertEqual(card.points, 2135)

    def test_sale_order_shows_rank_as_salesman(self):
        partner = self.make_customer("Shown")
        self.make_order(partner, 100_000_000)
        quote = self.make_order(partner, 1_000_000, confirm=False)
        quote = self.as_user(self.user, quote)
        self.assertEqual(quote.crm_loyalty_tier_id, self.gold)
        self.assertEqual(quote.crm_loyalty_balance, 10_000)
        self.assertEqual(quote.crm_loyalty_qualifying_points, 10_000)
        self.assertEqual(quote.crm_loyalty_next_tier_id, self.diamond)
        self.assertEqual(quote.crm_loyalty_points_to_next, 40_000)
        self.assertEqual(quote.crm_loyalty_order_points, 125)
        partner = self.as_user(self.user, partner)
        self.assertEqual(partner.crm_loyalty_tier_id, self.gold)
        self.assertEqual(partner.crm_loyalty_points, 10_000)
