"""Partner rewards redeemed for points: the life cycle, bad input, and two cursors racing."""

from odoo import Command, api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import LoyaltyCase


@tagged("post_install", "-at_install")
class TestRedemption(LoyaltyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.airline = cls.env["res.partner"].create(
            {"name": "Vietnam Airlines", "is_company": True}
        )
        cls.flight = cls.env["crm.loyalty.partner.reward"].create(
            {
                "name": "Domestic flight voucher",
                "program_id": cls.program.id,
                "supplier_id": cls.airline.id,
                "category": "airline",
                "points_cost": 800,
            }
        )
        cls.card = cls.make_card(cls.make_customer("Traveller"), [], balance=1000)

    def request(self, user=None, card=None, reward=None):
        Redemption = self.as_user(user or self.user, self.env["crm.loyalty.redemption"])
        return Redemption.create(
            {"card_id": (card or self.card).id, "reward_id": (reward or self.flight).id}
        )

    def test_life_cycle(self):
        redemption = self.request()
        self.assertEqual(redemption.points, 800)
        self.assertEqual(self.card.points, 200)
        row = redemption.history_id
        self.assertEqual((row.crm_loyalty_kind, row.used), ("redemption", 800))
        with self.assertRaises(AccessError):
            redemption.action_approve()
        manager = self.as_user(self.manager, redemption)
        manager.action_approve()
        manager.action_issue_voucher()
        self.assertEqual(redemption.state, "voucher")
        self.assertTrue(redemption.voucher_code)
        redemption.action_use()
        self.assertEqual(redemption.state, "used")
        logged = self.env["crm.idic.interaction"].search(
            [("source_ref", "=", f"crm.loyalty.redemption,{redemption.id}")], order="id"
        )
        self.assertEqual(len(logged), 2, "approved, then used")
        self.assertEqual(logged.mapped("user_id"), self.manager | self.user)
        self.assertEqual(set(logged.mapped("channel")), {"loyalty"})
        self.assertEqual(logged.partner_id, self.card.partner_id)
        with self.assertRaises(UserError):
            manager.action_cancel()
        self.assertEqual(self.card.points, 200)

    def test_cancel_gives_the_points_back(self):
        redemption = self.request()
        self.as_user(self.manager, redemption).action_approve()
        self.as_user(self.manager, redemption).action_cancel()
        self.assertEqual(redemption.state, "cancelled")
        self.assertEqual(self.card.points, 1000)
        self.assertFalse(
            self.card.history_ids.filtered(lambda h: h.crm_loyalty_kind == "redemption")
        )

    def test_bad_input_writes_nothing(self):
        self.request()
        with self.assertRaises(ValidationError):
            self.request()  # 200 points left, the reward needs 800
        self.assertEqual(self.card.points, 200)
        self.assertEqual(
            self.env["crm.loyalty.redemption"].search_count([("card_id", "=", self.card.id)]), 1
        )
        with self.assertRaises(AccessError):
            self.as_user(self.user, self.env["crm.loyalty.redemption"]).create(
                {"card_id": self.card.id, "reward_id": self.flight.id, "points": 1}
            )
        with self.assertRaises(ValidationError):
            self.as_user(self.manager, self.flight).points_cost = 0
        # a reward of a company the user does not work for
        other = self.env["res.company"].create({"name": "Other loyalty company"})
        foreign_program = self.program.copy({"company_id": other.id, "name": "Foreign"})
        foreign = self.flight.copy({"program_id": foreign_program.id})
        foreign_card = self.make_card(
            self.make_customer("Foreign member"), [], balance=5000, program=foreign_program
        )
        with self.assertRaises(UserError):
            self.request(card=foreign_card, reward=foreign)
        self.assertEqual(foreign_card.points, 5000)

    def test_two_cursors_racing_for_one_card(self):
        """The second redemption on a locked card fails cleanly; no negative balance."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            program = env["loyalty.program"].create(
                {
                    "name": "Race program",
                    "program_type": "loyalty",
                    "crm_loyalty_ranked": True,
                    "rule_ids": [Command.create({"reward_point_mode": "money"})],
                }
            )
            reward = env["crm.loyalty.partner.reward"].create(
                {
                    "name": "Race",
                    "program_id": program.id,
                    "supplier_id": env.ref("base.main_partner").id,
                    "points_cost": 600,
                }
            )
            partner = env["res.partner"].create({"name": "Racer"})
            # opened with points by the program (its opening row in the history)
            card = (
                env["loyalty.card"]
                ._idic_system()
                .create({"program_id": program.id, "partner_id": partner.id, "points": 1000})
            )
            ids = (program.id, reward.id, partner.id, card.id)
        try:
            with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
                env_a = api.Environment(cr_a, api.SUPERUSER_ID, {})
                env_b = api.Environment(cr_b, api.SUPERUSER_ID, {})
                env_a["crm.loyalty.redemption"].create({"card_id": ids[3], "reward_id": ids[1]})
                with self.assertRaises(UserError):
                    env_b["crm.loyalty.redemption"].create({"card_id": ids[3], "reward_id": ids[1]})
                cr_b.rollback()
                cr_a.commit()
            with self.registry.cursor() as cr:
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                card = env["loyalty.card"].browse(ids[3])
                self.assertEqual(card.points, 400)
                self.assertEqual(
                    env["crm.loyalty.redemption"].search_count([("card_id", "=", card.id)]), 1
                )
        finally:
            with self.registry.cursor() as cr:
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                env["crm.loyalty.redemption"].search([("card_id", "=", ids[3])]).unlink()
                env["loyalty.card"].browse(ids[3]).history_ids._idic_system().unlink()
                env["loyalty.card"].browse(ids[3]).unlink()
                env["crm.loyalty.partner.reward"].browse(ids[1]).unlink()
                env["loyalty.program"].browse(ids[0]).write({"active": False})
                env["loyalty.program"].browse(ids[0]).unlink()
                env["res.partner"].browse(ids[2]).unlink()

    def test_the_members_row_is_written_in_the_members_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["crm_loyalty"], ["vi_VN"], overwrite=True)
        self.card.partner_id.lang = "vi_VN"
        # requested by a salesperson reading English: the member's history reads Vietnamese
        redemption = self.request(user=self.user.with_context(lang="en_US"))
        self.assertEqual(redemption.history_id.description, f"Ưu đãi đối tác: {self.flight.name}")
        self.assertEqual(self.card.points, 200)

    def test_a_new_redemption_is_named_as_such(self):
        # the form's breadcrumb before a card and a reward are chosen, not "-"
        Redemption = self.env["crm.loyalty.redemption"].with_user(self.user)
        self.assertEqual(Redemption.new({}).name, "New redemption")
        self.assertEqual(Redemption.new({}).display_name, "New redemption")

    def test_the_pickers_show_the_member_and_what_they_can_afford(self):
        """The card is found by its member's name and reads as member, rank and balance;
        a reward the member cannot afford says so."""
        self.card._idic_system().write({"crm_loyalty_tier_id": self.silver.id})
        Card = self.as_user(self.user, self.env["loyalty.card"]).with_context(
            crm_loyalty_member_label=True
        )
        found = Card.name_search("Travel")
        self.assertEqual([card_id for card_id, _name in found], self.card.ids)
        label = found[0][1]
        self.assertIn("Traveller", label)
        self.assertIn("Silver", label)
        self.assertIn("1,000 points", label)
        self.assertIn(self.card.code, label)
        hotel = self.flight.copy({"name": "Hotel night", "points_cost": 1500})
        Reward = self.as_user(self.user, self.env["crm.loyalty.partner.reward"])
        names = dict(
            Reward.with_context(crm_loyalty_balance=1000)
            .browse((self.flight | hotel).ids)
            .mapped(lambda r: (r.id, r.display_name))
        )
        self.assertNotIn("not enough", names[self.flight.id])
        self.assertIn("not enough points", names[hotel.id])
        # without the pickers' context, Odoo's own names
        self.assertEqual(self.flight.display_name, "Domestic flight voucher")
        self.assertNotIn("points", self.card.display_name)

    def test_the_partner_shows_the_next_rank(self):
        partner = self.card.partner_id
        self.card._idic_system().write(
            {"crm_loyalty_tier_id": self.member.id, "crm_loyalty_qualifying_points": 1200}
        )
        partner.invalidate_recordset()
        seen = self.as_user(self.user, partner)
        self.assertEqual(seen.crm_loyalty_next_tier_id, self.card.crm_loyalty_next_tier_id)
        self.assertTrue(seen.crm_loyalty_next_tier_id)
        self.assertEqual(seen.crm_loyalty_points_to_next, self.card.crm_loyalty_points_to_next)
