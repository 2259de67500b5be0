"""A cashier sets no points nor rank; another company's cashier sees no card."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import PosLoyaltyCase


@tagged("post_install", "-at_install")
class TestPosSecurity(PosLoyaltyCase):
    def test_cashier_cannot_write_points_or_rank(self):
        partner, card = self.make_silver()
        mine = self.as_user(self.cashier, card)
        for vals in ({"points": 99_999}, {"crm_loyalty_tier_id": self.diamond.id}):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                mine.write(vals)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.user_env(self.cashier)["loyalty.card"].create(
                {"program_id": self.program.id, "partner_id": partner.id, "points": 500}
            )
        self.assertEqual(card.points, 3000)
        self.assertEqual(card.crm_loyalty_tier_id, self.silver)
        self.assert_ledger()

    def test_cashier_cannot_give_points_through_the_order(self):
        partner, card = self.make_silver()
        forged = self.line(
            0,
            is_reward_line=True,
            reward_id=self.program.reward_ids[:1].id,
            coupon_id=card.id,
            points_cost=-5000,
        )
        order = self.sync(self.payload(partner, [self.line(1_000_000), forged]))
        self.assertEqual(card.points, 3110, "a negative reward cost gives nothing")
        env = self.user_env(self.cashier)
        # nor as a gift card top-up
        env["pos.order"].browse(order.id).confirm_coupon_programs(
            {"-5": {"points": 5000, "program_id": self.program.id, "giftCardId": card.id}}
        )
        self.assertEqual(card.points, 3110)
        self.assert_ledger()

    def test_other_company_cashier_sees_no_card(self):
        partner, card = self.make_silver()
        partner.company_id = False  # a customer of both companies
        other = self.env["res.company"].create({"name": "Other shop company"})
        cashier = new_test_user(
            self.env,
            login="other_cashier",
            groups="base.group_user,point_of_sale.group_pos_user",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        env = self.user_env(cashier)
        self.assertFalse(env["loyalty.card"].search([("partner_id", "=", partner.id)]))
        code = [("crm_loyalty_pos_card_code", "ilike", card.code)]
        self.assertFalse(env["res.partner"].search(code), "no member found by another's card")
        self.assertEqual(self.user_env(self.cashier)["res.partner"].search(code), partner)
        shown = env["res.partner"].browse(partner.id)
        self.assertFalse(shown.crm_loyalty_pos_rank)
        self.assertFalse(shown.crm_loyalty_pos_balance)
        # the shop's own cashier sees the member
        shown = self.user_env(self.cashier)["res.partner"].browse(partner.id)
        self.assertEqual(shown.crm_loyalty_pos_rank, "Silver")
        self.assertEqual(shown.crm_loyalty_pos_balance, 3000)
        self.assertEqual(shown.crm_loyalty_pos_to_next, 7000)

    def test_reward_reserved_to_higher_ranks(self):
        partner, card = self.make_silver()
        reward = self.env["loyalty.reward"].create(
            {
                "program_id": self.program.id,
                "reward_type": "discount",
                "discount": 10,
                "required_points": 500,
            }
        )
        self.gold.reward_id = reward
        shown = self.user_env(self.cashier)["res.partner"].browse(partner.id)
        self.assertEqual(shown.crm_loyalty_pos_blocked_rewards, str(reward.id))
        line = self.line(
            -50_000,
            is_reward_line=True,
            reward_id=reward.id,
            coupon_id=card.id,
            points_cost=500,
            product_id=reward.discount_line_product_id.id,
        )
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.sync(self.payload(partner, [self.line(1_000_000), line]))
        self.assertEqual(card.points, 3000)
