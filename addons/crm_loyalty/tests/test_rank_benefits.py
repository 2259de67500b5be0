"""What a rank gives: its pricelist, its reserved reward, its yearly gift, and the
interaction log of rank changes."""

from datetime import date

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import LoyaltyCase


@tagged("post_install", "-at_install")
class TestRankBenefits(LoyaltyCase):
    def pricelists(self, *names):
        return self.env["product.pricelist"].create(
            [
                {
                    "name": name,
                    "company_id": self.company.id,
                    "currency_id": self.company.currency_id.id,
                }
                for name in names
            ]
        )

    def test_rank_pricelist_follows_the_rank(self):
        silver_list, gold_list, chosen = self.pricelists("Silver prices", "Gold prices", "Chosen")
        self.as_user(self.manager, self.silver).pricelist_id = silver_list
        self.as_user(self.manager, self.gold).pricelist_id = gold_list
        partner = self.make_customer("Priced")
        self.make_order(partner, 25_000_000)
        self.assertEqual(self.card_of(partner).crm_loyalty_tier_id, self.silver)
        self.assertEqual(partner.specific_property_product_pricelist, silver_list)
        self.make_order(partner, 80_000_000)
        self.assertEqual(self.card_of(partner).crm_loyalty_tier_id, self.gold)
        self.assertEqual(partner.specific_property_product_pricelist, gold_list)
        # a pricelist the salesperson chose by hand stays
        other = self.make_customer("Chosen by hand")
        self.as_user(self.user, other).specific_property_product_pricelist = chosen
        self.make_order(other, 25_000_000)
        self.assertEqual(self.card_of(other).crm_loyalty_tier_id, self.silver)
        self.assertEqual(other.specific_property_product_pricelist, chosen)

    def test_rank_reward_only_at_or_above_its_rank(self):
        reserved = self.program.reward_ids
        self.as_user(self.manager, self.gold).reward_id = reserved
        open_reward = self.env["loyalty.reward"].create(
            {
                "program_id": self.program.id,
                "reward_type": "discount",
                "discount": 2,
                "required_points": 100,
            }
        )
        low = self.make_card(self.make_customer("Silver buyer"), [(date.today(), 3_000)])
        high = self.make_card(self.make_customer("Gold buyer"), [(date.today(), 12_000)])
        (low | high)._crm_loyalty_assess()
        self.assertEqual(
            (low.crm_loyalty_tier_id, high.crm_loyalty_tier_id), (self.silver, self.gold)
        )
        for card, expected in ((low, open_reward), (high, reserved | open_reward)):
            order = self.make_order(card.partner_id, 1_000_000, confirm=False)
            claimable = order._get_claimable_rewards(forced_coupons=self.as_user(self.user, card))
            self.assertEqual(claimable.get(card), expected, card.partner_id.name)
        order = self.make_order(low.partner_id, 1_000_000, confirm=False)
        result = order._apply_program_reward(reserved, self.as_user(self.user, low))
        self.assertIn("error", result)
        self.assertFalse(order.order_line.filtered("is_reward_line"))

    def test_rank_changes_are_logged_as_interactions(self):
        partners = self.make_customer("Climber A") | self.make_customer("Climber B")
        cards = self.make_card(partners[0], [(date(2025, 3, 1), 12_000)]) | self.make_card(
            partners[1], [(date(2025, 3, 1), 2_500)]
        )
        cards._crm_loyalty_assess(date(2025, 3, 2))
        Interaction = self.env["crm.idic.interaction"]
        logged = Interaction.search([("partner_id", "in", partners.ids)])
        self.assertEqual(len(logged), 2)
        self.assertEqual(set(logged.mapped("channel")), {"loyalty"})
        self.assertEqual(set(logged.mapped("interaction_type")), {"other"})
        self.assertEqual(set(logged.mapped("source_ref")), set(cards.crm_loyalty_tier_history_ids))
        gold = logged.filtered(lambda i: i.partner_id == partners[0])
        self.assertIn("Gold", gold.summary)
        # down at the review date: logged too
        cards[0]._crm_loyalty_assess(date(2026, 12, 31))
        self.assertEqual(cards[0].crm_loyalty_tier_id, self.member)
        down = Interaction.search([("partner_id", "=", partners[0].id)], order="id desc")[:1]
        self.assertIn("down", down.summary)

    def test_anniversary_coupon_and_care_activity(self):
        coupons = self.env["loyalty.program"].create(
            {
                "name": "Birthday coupons",
                "company_id": self.company.id,
                "program_type": "coupons",
                "trigger": "with_code",
                "applies_on": "current",
                "reward_ids": [
                    Command.create(
                        {"reward_type": "discount", "discount": 10, "required_points": 1}
                    )
                ],
            }
        )
        self.as_user(self.manager, self.gold).write(
            {"gift_program_id": coupons.id, "gift_description": "A bottle of wine"}
        )
        partner = self.make_customer(
            "Gold birthday", idic_birthday=date(1980, 7, 1), user_id=self.user.id
        )
        card = self.make_card(partner, [(date(2025, 6, 1), 12_000)])
        card._crm_loyalty_assess(date(2025, 6, 2))
        Card = self.env["loyalty.card"]
        for _run in range(2):
            Card._cron_crm_loyalty_gifts(today=date(2025, 7, 1))
        coupon = Card.search([("program_id", "=", coupons.id), ("partner_id", "=", partner.id)])
        self.assertEqual(len(coupon), 1, "once a year")
        self.assertEqual(coupon.points, 1)
        self.assertEqual(card.points, 12_000, "no bonus points on this rank")
        self.assertEqual(card.crm_loyalty_gift_year, 2025)
        gift_type = self.env.ref("crm_idic.mail_activity_type_idic_gift")
        # the salesperson sees the care activity on their customer
        activities = self.as_user(self.user, self.env["mail.activity"]).search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                ("activity_type_id", "=", gift_type.id),
            ]
        )
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.user)
        self.assertIn("wine", str(activities.note))
        with self.assertRaises(ValidationError):
            self.as_user(self.manager, self.gold).gift_program_id = self.program
