"""Merging duplicate customers merges their member cards: history, points and rank move
to the kept customer's one card, and the orders' points are found there afterwards."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import D, InvoicedLoyaltyCase


@tagged("post_install", "-at_install")
class TestMerge(InvoicedLoyaltyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # merging customers is for the users who manage contacts
        cls.manager.groups_id += cls.env.ref("base.group_partner_manager")
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.write({"company_ids": [(4, cls.company.id)]})

    def merge(self, user, kept, *gone):
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(user)
            .with_context(
                active_model="res.partner",
                active_ids=(kept | self.env["res.partner"].union(*gone)).ids,
                allowed_company_ids=self.company.ids,
            )
            .create({"dst_partner_id": kept.id})
        )
        wizard.action_merge()

    def test_merge_moves_history_points_and_rank(self):
        kept = self.make_customer("Công ty An Phát", is_company=True)
        gone = self.make_customer("Cty An Phat", is_company=True)
        self.make_order(kept, 10_000_000)
        order = self.make_order(gone, 25_000_000)
        kept_card, gone_card = self.card_of(kept), self.card_of(gone)
        self.assertEqual(gone_card.crm_loyalty_tier_id, self.silver)
        self.assertEqual(kept_card.crm_loyalty_tier_id, self.member)
        self.merge(self.manager, kept, gone)
        self.assertFalse(gone.exists() or gone_card.exists())
        self.assertEqual(self.card_of(kept), kept_card)
        self.assertEqual(kept_card.points, 3500)
        self.assertEqual(len(kept_card.history_ids), 2)
        self.assertEqual(kept_card.crm_loyalty_qualifying_points, 3500)
        self.assertEqual(kept_card.crm_loyalty_tier_id, self.silver)
        self.assertIn("merged into this card", kept_card.message_ids[0].body)
        self.assert_ledger()
        # the merged customer's order now refunds from the kept card
        self.assertEqual(order.partner_id, kept)
        self.refund(self.invoice(order), price=5_000_000)
        self.assertEqual(kept_card.points, 3000)
        refund = kept_card.history_ids.filtered(lambda h: h.crm_loyalty_kind == "refund")
        self.assertEqual((refund.order_id, refund.used), (order.id, 500))
        self.assert_ledger()

    def test_review_and_merge_as_administrator_keeps_the_higher_rank(self):
        kept = self.make_customer("Nhà thuốc Hạnh Phúc", vat="0312345678")
        gone = self.make_customer("NT Hanh Phuc", vat="0312345678", email="other@example.com")
        today = fields.Date.today()
        kept_card = self.make_card(kept, [(today - timedelta(days=40), 500)])
        gone_card = self.make_card(gone, [(today - timedelta(days=20), 12_000)], balance=11_000)
        (kept_card | gone_card)._crm_loyalty_assess(today=today)
        self.assertEqual(gone_card.crm_loyalty_tier_id, self.gold)
        review = gone_card.crm_loyalty_review_date
        self.env["res.partner"]._idic_flag_duplicates()
        action = kept.with_user(self.admin).action_idic_merge_duplicates()
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(self.admin)
            .with_context(**action["context"], allowed_company_ids=self.company.ids)
            .create({})
        )
        self.assertEqual(wizard.dst_partner_id, kept)
        wizard.action_merge()
        self.assertFalse(gone_card.exists())
        self.assertEqual(kept_card.points, 11_500)
        self.assertEqual(kept_card.crm_loyalty_tier_id, self.gold)
        self.assertEqual(kept_card.crm_loyalty_review_date, review)
        self.assertEqual(kept_card.crm_loyalty_tier_history_ids.partner_id, kept)
        self.assert_ledger()

    def test_a_card_of_the_merged_customer_becomes_the_kept_one(self):
        kept = self.make_customer("Khách mới")
        gone = self.make_customer("Khach moi")
        self.make_order(gone, 3_000_000)
        card = self.card_of(gone)
        self.merge(self.manager, kept, gone)
        self.assertEqual(card.partner_id, kept)
        self.assertEqual(card.points, 300)
        self.assert_ledger()

    def test_cards_of_two_programs_are_not_folded(self):
        other = self.program.copy({"name": "Other ranked", "crm_loyalty_tier_ids": False})
        first = self.make_customer("First")
        second = self.make_customer("Second")
        card = self.make_card(first, [(D(2025, 1, 1), 10)])
        foreign = self.make_card(second, [(D(2025, 1, 1), 10)], program=other)
        with self.assertRaises(UserError):
            foreign._crm_loyalty_fold(card)
        self.assertTrue(foreign.exists())
        self.assertEqual(card.points, 10)
