"""The loyalty signals of the IDIC action board."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import LoyaltyCase


@tagged("post_install", "-at_install")
class TestLoyaltyActionBoard(LoyaltyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.Action = cls.env["crm.idic.action"]

    def _lines(self, partner, code, user=None):
        Action = self.as_user(user, self.Action) if user else self.Action
        return Action.search(
            [("partner_id", "=", partner.id), ("signal_id.code", "=", code), ("state", "=", "open")]
        )

    def test_expiring_points_and_a_rank_about_to_drop(self):
        partner = self.make_customer("Đại lý Hoa", user_id=self.user.id)
        card = self.make_card(partner, [(self.today, 3000)])
        card._idic_system().write(
            {
                "crm_loyalty_expiry_notice_date": self.today + timedelta(days=20),
                "crm_loyalty_expiry_notice_points": 1200,
                "crm_loyalty_tier_id": self.gold.id,
                "crm_loyalty_qualifying_points": 3000,
                "crm_loyalty_review_date": self.today + timedelta(days=10),
            }
        )
        self.Action._idic_refresh([partner.id])
        expiry = self._lines(partner, "loyalty_expiry", self.user)
        self.assertEqual(expiry.date_due, self.today + timedelta(days=20))
        self.assertIn("1200", expiry.name)
        drop = self._lines(partner, "loyalty_rank_drop", self.user)
        self.assertIn("7000", drop.name, "Gold needs 10000, the member has 3000")
        self.assertIn("Gold", drop.name)
        self.assertIn("70,000,000", drop.name, "7000 points at 10,000 VND a point")
        # enough qualifying points: the rank is safe, the line leaves
        card._idic_system().write({"crm_loyalty_qualifying_points": 10000})
        self.Action._idic_refresh([partner.id])
        self.assertFalse(self._lines(partner, "loyalty_rank_drop"))

    def test_do_it_reminds_the_member_of_expiring_points(self):
        partner = self.make_customer("Chị Mai", user_id=self.user.id, email="mai@example.vn")
        card = self.make_card(partner, [(self.today, 500)])
        card._idic_system().write(
            {
                "crm_loyalty_expiry_notice_date": self.today + timedelta(days=10),
                "crm_loyalty_expiry_notice_points": 200,
            }
        )
        self.Action._idic_refresh([partner.id])
        expiry = self._lines(partner, "loyalty_expiry", self.user)
        before = card.message_ids
        colleague = new_test_user(
            self.env,
            login="loyalty_colleague",
            groups="sales_team.group_sale_salesman",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        with self.assertRaises(AccessError):
            self.as_user(colleague, expiry).action_do()
        self.assertEqual(card.message_ids, before, "nothing sent by someone else")
        self.as_user(self.user, expiry).action_do()
        sent = card.message_ids - before
        self.assertEqual(len(sent), 1, "the program's expiry email, sent again")
        self.assertEqual(sent.author_id, self.user.partner_id)
        self.assertEqual(expiry.state, "done")
        self.assertEqual(expiry.interaction_id.channel, "email")
        self.assertEqual(expiry.closed_by_id, self.user)
        self.assertEqual(card.points, 500, "a reminder moves no point")
        self.assert_ledger()

    def test_a_requested_reward_waits_until_a_manager_decides(self):
        partner = self.make_customer("Traveller", user_id=self.user.id)
        card = self.make_card(partner, [], balance=1000)
        airline = self.env["res.partner"].create({"name": "Airline", "is_company": True})
        reward = self.env["crm.loyalty.partner.reward"].create(
            {
                "name": "Flight",
                "program_id": self.program.id,
                "supplier_id": airline.id,
                "category": "airline",
                "points_cost": 800,
            }
        )
        redemption = self.as_user(self.user, self.env["crm.loyalty.redemption"]).create(
            {"card_id": card.id, "reward_id": reward.id}
        )
        self.Action._idic_refresh([partner.id])
        line = self._lines(partner, "loyalty_redemption", self.user)
        self.assertIn("800", line.name)
        opened = line.action_do()
        self.assertEqual((opened["res_model"], opened["res_id"]), (redemption._name, redemption.id))
        self.as_user(self.manager, redemption).action_approve()
        self.assertEqual(line.state, "done")
        self.assertEqual(line.closed_by_id, self.manager)
        self.assert_ledger()

    def test_a_ranks_gift_is_on_the_board_whatever_the_segment(self):
        segment = self.env["crm.idic.segment"].search(
            [("company_id", "=", self.company.id), ("code", "=", "D")]
        )
        segment.anniversary_gift = False
        born = (self.today + timedelta(days=2)).replace(year=1985)
        if born.month == 2 and born.day == 29:
            born = born.replace(day=28)
        partner = self.make_customer(
            "Anh Tuấn", user_id=self.user.id, is_company=False, idic_birthday=born
        )
        partner._idic_system().write({"idic_segment_id": segment.id})
        card = self.make_card(partner, [(self.today, 3000)])
        card._idic_system().write({"crm_loyalty_tier_id": self.gold.id})
        self.gold.gift_description = False
        self.Action._idic_refresh([partner.id])
        self.assertFalse(self._lines(partner, "gift"), "neither the segment nor the rank gives one")
        self.gold.gift_description = "A box of Đà Lạt tea"
        self.Action._idic_refresh([partner.id])
        gift = self._lines(partner, "gift", self.user)
        self.assertEqual(gift.date_due, self.today + timedelta(days=2))
        self.assertIn("birthday", gift.name)
