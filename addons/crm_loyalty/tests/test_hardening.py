"""Points, ranks and history are written by the program only: each case as the user."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import LoyaltyCase


@tagged("post_install", "-at_install")
class TestHardening(LoyaltyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.make_customer("Guarded")
        cls.card = cls.make_card(cls.partner, [(date(2025, 6, 1), 100)])
        cls.card._crm_loyalty_assess(date(2025, 6, 15))

    def test_salesman_cannot_write_points_ranks_or_history(self):
        card = self.as_user(self.user, self.card)
        for vals in (
            {"points": 1_000_000},
            {"crm_loyalty_tier_id": self.diamond.id},
            {"crm_loyalty_qualifying_points": 99_999},
            {"crm_loyalty_review_date": "2099-12-31"},
            {"crm_loyalty_expiry_notice_pending": True},
            {"crm_loyalty_expiry_notice_points": 5},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                card.write(vals)
        # a forged context key is not the system's token, nor is the superuser
        for forged in ({"crm_loyalty_system": True}, {"crm_idic_system": True}):
            with self.assertRaises(AccessError):
                card.with_context(**forged).write({"points": 5})
        with self.assertRaises(AccessError):
            card.sudo().write({"points": 5})
        History = self.as_user(self.user, self.env["loyalty.history"])
        with self.assertRaises(AccessError):
            History.create({"card_id": self.card.id, "description": "gift", "issued": 500})
        row = self.card.history_ids
        with self.assertRaises(AccessError):
            self.as_user(self.user, row).write({"issued": 1000})
        with self.assertRaises(AccessError):
            self.as_user(self.user, row).unlink()
        with self.assertRaises(AccessError):
            self.as_user(self.user, self.gold).write({"threshold": 1})
        with self.assertRaises(AccessError):
            self.as_user(self.user, self.card.crm_loyalty_tier_history_ids).write(
                {"change": "down"}
            )
        self.assertEqual(self.card.points, 100)
        self.assertEqual(self.card.crm_loyalty_tier_id, self.member)

    def test_salesman_cannot_create_a_card_with_points(self):
        Card = self.as_user(self.user, self.env["loyalty.card"]).sudo(False)
        with self.assertRaises(AccessError):
            Card.create({"program_id": self.program.id, "partner_id": self.partner.id, "points": 9})

    def test_adjustment_needs_a_manager_and_a_reason(self):
        Wizard = self.env["loyalty.card.update.balance"]
        wizard = self.as_user(self.user, Wizard).create(
            {"card_id": self.card.id, "new_balance": 500, "description": "Gift"}
        )
        with self.assertRaises(AccessError):
            wizard.action_update_card_point()
        with self.assertRaises(AccessError):
            self.as_user(self.user, self.card).action_loyalty_update_balance()
        wizard = self.as_user(self.manager, Wizard).create(
            {"card_id": self.card.id, "new_balance": 500, "description": " x "}
        )
        with self.assertRaises(ValidationError):
            wizard.action_update_card_point()
        wizard.description = "Compensation for a late delivery"
        wizard.action_update_card_point()
        self.assertEqual(self.card.points, 500)
        row = self.card.history_ids[:1]
        self.assertEqual(row.issued, 400)
        self.assertEqual(row.crm_loyalty_kind, "adjust")
        self.assertEqual(row.crm_loyalty_user_id, self.manager)
        self.assertIn("Compensation", self.card.message_ids[0].body)

    def test_bad_configuration_is_refused_in_plain_words(self):
        program = self.as_user(self.manager, self.program)
        with self.assertRaises(ValidationError):
            program.crm_loyalty_amount_per_point = 0
        with self.assertRaises(ValidationError):
            program.crm_loyalty_amount_per_point = -5
        with self.assertRaises(ValidationError):
            program.write({"crm_loyalty_expiry": True, "crm_loyalty_expiry_months": 0})
        with self.assertRaises(ValidationError):
            self.as_user(self.manager, self.gold).threshold = 1500
        with self.assertRaises(ValidationError):
            self.as_user(self.manager, self.silver).multiplier = 0.5
        with self.assertRaises(ValidationError):
            program.write(
                {"crm_loyalty_tier_ids": [Command.create({"name": "Same", "threshold": 2000})]}
            )
        self.assertEqual(self.program.crm_loyalty_amount_per_point, 10000)
        self.assertEqual(self.gold.threshold, 10000)

    def test_groups_and_companies(self):
        self.assertTrue(self.user.has_group("crm_loyalty.group_loyalty_user"))
        self.assertFalse(self.user.has_group("crm_loyalty.group_loyalty_manager"))
        self.assertTrue(self.manager.has_group("crm_loyalty.group_loyalty_manager"))
        self.assertFalse(self.employee.has_group("crm_loyalty.group_loyalty_user"))
        with self.assertRaises(AccessError):
            self.as_user(self.employee, self.gold).read(["name"])
        with self.assertRaises(AccessError):
            self.as_user(self.portal_user, self.card).read(["points"])
        other = self.env["res.company"].create({"name": "Loyalty Other Co"})
        outsider = self.env["res.users"].create(
            {
                "name": "Outsider",
                "login": "loyalty_outsider",
                "company_id": other.id,
                "company_ids": [Command.set(other.ids)],
                "groups_id": [Command.set(self.env.ref("sales_team.group_sale_manager").ids)],
            }
        )
        Tier = self.as_user(outsider, self.env["crm.loyalty.tier"])
        self.assertFalse(Tier.search([("id", "in", self.program.crm_loyalty_tier_ids.ids)]))
        with self.assertRaises(AccessError):
            self.as_user(outsider, self.gold).read(["name"])
        with self.assertRaises(UserError):
            self.as_user(outsider, self.gold).write({"name": "Stolen"})
