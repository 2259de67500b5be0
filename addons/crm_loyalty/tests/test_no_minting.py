"""Nobody mints or moves points (issue #17): no context key sets what the program writes,
no card or history row changes hands, every adjustment has its reason, and the ready
program is enabled in the company's currency. Each case as the user concerned; after
each operation every card's balance equals its history."""

from datetime import date

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import LoyaltyCase


@tagged("post_install", "-at_install")
class TestNoMinting(LoyaltyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.make_customer("Honest member")
        cls.card = cls.make_card(cls.partner, [(date.today(), 1000)])
        cls.card._crm_loyalty_assess()
        # a plain (unranked) loyalty program of the same company: Odoo's own rules
        cls.plain = cls.env["loyalty.program"].create(
            {
                "name": "Plain stamps",
                "company_id": cls.company.id,
                "program_type": "loyalty",
                "applies_on": "both",
                "trigger": "auto",
                "rule_ids": [Command.create({"reward_point_mode": "money"})],
            }
        )
        cls.plain_card, cls.plain_other = cls.env["loyalty.card"].create(
            [
                {"program_id": cls.plain.id, "partner_id": cls.partner.id, "points": 5000},
                {"program_id": cls.plain.id, "partner_id": cls.make_customer("Stamps").id},
            ]
        )
        cls.shop = cls.env["res.partner"].create({"name": "Saigon Hotel", "is_company": True})
        cls.night, cls.suite = cls.env["crm.loyalty.partner.reward"].create(
            [
                {"name": name, "program_id": cls.program.id, "supplier_id": cls.shop.id, **vals}
                for name, vals in (("Night", {"points_cost": 100}), ("Suite", {"points_cost": 300}))
            ]
        )
        # a second company and its salesman and sales manager
        cls.company2 = cls.env["res.company"].create({"name": "Loyalty Second Co"})
        cls.user2, cls.manager2 = (
            new_test_user(
                cls.env,
                login=login,
                groups=group,
                company_id=cls.company2.id,
                company_ids=[Command.set(cls.company2.ids)],
            )
            for login, group in (
                ("loyalty_user2", "sales_team.group_sale_salesman"),
                ("loyalty_manager2", "sales_team.group_sale_manager"),
            )
        )

    # ------------------------------------------------------------ history

    def test_no_history_row_through_a_default_key_or_a_move(self):
        for user in (self.user, self.user2):
            History = self.as_user(user, self.env["loyalty.history"])
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                History.with_context(default_card_id=self.card.id).create(
                    {"description": "Gift", "issued": 5000, "crm_loyalty_kind": "order"}
                )
            self.assert_ledger()
        History = self.as_user(self.user, self.env["loyalty.history"])
        # a row of a plain card (Odoo's, the salesman may write it) never moves
        row = History.create({"card_id": self.plain_card.id, "description": "Stamp", "issued": 9})
        for target in (self.card, self.plain_other):
            with self.subTest(target=target.display_name), self.assertRaises(AccessError):
                row.write({"card_id": target.id})
        self.assertEqual(row.card_id, self.plain_card)
        # who wrote a row is the program's word
        with self.assertRaises(AccessError):
            History.create(
                {
                    "card_id": self.plain_card.id,
                    "description": "x",
                    "crm_loyalty_user_id": self.manager.id,
                }
            )
        # a row of the ranked card: nobody writes, moves or deletes it, not even as superuser
        ranked_row = self.as_user(self.user, self.card.history_ids)
        for rows, vals in (
            (ranked_row, {"card_id": self.plain_card.id}),
            (ranked_row, {"issued": 99_999}),
            (ranked_row.sudo(), {"crm_loyalty_date": "2020-01-01"}),
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                rows.write(vals)
        with self.assertRaises(AccessError):
            ranked_row.sudo().unlink()
        self.card._crm_loyalty_assess()
        self.assertEqual(self.card.crm_loyalty_qualifying_points, 1000)
        self.assertEqual(self.card.points, 1000)
        self.assert_ledger()

    # ------------------------------------------------------------ cards

    def test_a_card_is_opened_empty(self):
        Card = self.as_user(self.manager, self.env["loyalty.card"])
        partner, program = self.make_customer("Opened"), self.program.id
        for context, vals in (
            ({}, {"program_id": program, "points": 500}),
            ({"default_points": 500}, {"program_id": program}),
            ({"default_program_id": program}, {"points": 500}),
            ({"active_id": program}, {"points": 500}),
            ({"default_crm_loyalty_tier_id": self.diamond.id}, {"program_id": program}),
            ({"default_crm_loyalty_qualifying_points": 99_999}, {"program_id": program}),
            ({"default_crm_loyalty_expiry_notice_pending": True}, {"program_id": program}),
        ):
            with self.subTest(context=context, vals=vals), self.assertRaises(AccessError):
                Card.with_context(**context).create({"partner_id": partner.id, **vals})
            self.assert_ledger()
        # Odoo's coupon generator is no way round
        wizard = (
            self.as_user(self.manager, self.env["loyalty.generate.wizard"])
            .with_context(active_id=program)
            .create({"mode": "selected", "customer_ids": [Command.set(partner.ids)]})
        )
        wizard.points_granted = 1000
        with self.assertRaises(AccessError):
            wizard.generate_coupons()
        # the superuser is no way round either: only the program opens a card with points
        with self.assertRaises(AccessError):
            self.env["loyalty.card"].create(
                {"program_id": program, "partner_id": partner.id, "points": 500}
            )
        card = Card.with_context(active_id=program).create({"partner_id": partner.id})
        self.assertEqual((card.program_id, card.points), (self.program, 0))
        self.assertFalse(card.history_ids)
        self.assert_ledger()

    def test_a_card_the_program_opens_with_points_has_its_row_and_message(self):
        partner = self.make_customer("Opened by the program")
        card = (
            self.env["loyalty.card"]
            ._idic_system()
            .create({"program_id": self.program.id, "partner_id": partner.id, "points": 300})
        )
        row = card.history_ids
        self.assertEqual((row.issued, row.used, row.crm_loyalty_kind), (300, 0, "adjust"))
        self.assertEqual(row.description, "Opening balance")
        self.assertEqual(row.crm_loyalty_date, fields.Date.context_today(row))
        self.assertIn("Card opened with 300 points", card.message_ids[0].body)
        self.assertIn("Opening balance", card.message_ids[0].body)
        card._crm_loyalty_assess()
        self.assertEqual(card.crm_loyalty_qualifying_points, 0, "an adjustment never qualifies")
        self.assert_ledger()

    def test_no_card_moves_into_or_out_of_ranks(self):
        manager = self.manager
        with self.assertRaises(AccessError):
            self.as_user(manager, self.plain_card).write({"program_id": self.program.id})
        with self.assertRaises(AccessError):
            self.as_user(manager, self.card).write({"program_id": self.plain.id})
        with self.assertRaises(AccessError):
            self.as_user(manager, self.card).write({"partner_id": self.make_customer("Heir").id})
        # nor by switching its program
        with self.assertRaises(AccessError):
            self.as_user(manager, self.plain).write({"crm_loyalty_ranked": True})
        with self.assertRaises(AccessError):
            self.as_user(manager, self.program).write({"crm_loyalty_ranked": False})
        self.assertEqual(self.plain_card.program_id, self.plain)
        self.assertFalse(self.plain.crm_loyalty_ranked)
        self.assertEqual((self.card.program_id, self.card.partner_id), (self.program, self.partner))
        # a program without cards is configured freely
        empty = self.as_user(manager, self.env["loyalty.program"]).create(
            {
                "name": "Empty",
                "program_type": "loyalty",
                "rule_ids": [Command.create({"reward_point_mode": "money"})],
                "reward_ids": [Command.create({"reward_type": "discount", "discount": 5})],
            }
        )
        empty.crm_loyalty_ranked = True
        self.assertTrue(empty.crm_loyalty_ranked)
        self.assert_ledger()

    # ------------------------------------------------------------ adjustments

    def test_an_adjustment_keeps_its_reason_author_and_day(self):
        Wizard = self.as_user(self.manager, self.env["loyalty.card.update.balance"])
        forged = {
            "default_card_id": self.card.id,
            "default_crm_loyalty_date": "2020-01-01",
            "default_crm_loyalty_kind": "order",
            "default_crm_loyalty_user_id": self.user.id,
            "default_order_model": "sale.order",
        }
        wizard = Wizard.with_context(**forged).create(
            {"new_balance": 1500, "description": "Compensation for a late delivery"}
        )
        wizard.action_update_card_point()
        self.assertEqual(self.card.points, 1500)
        row = self.card.history_ids[:1]
        self.assertEqual((row.issued, row.crm_loyalty_kind), (500, "adjust"))
        # the manager's day, in the manager's time zone
        self.assertEqual(
            row.crm_loyalty_date, fields.Date.context_today(row.with_user(self.manager))
        )
        self.assertEqual(row.crm_loyalty_user_id, self.manager)
        self.assertEqual(row.description, "Compensation for a late delivery")
        self.assertFalse(row.order_model)
        message = self.card.message_ids[0]
        self.assertEqual(message.author_id, self.manager.partner_id)
        self.assertIn(self.manager.name, message.body)
        self.assertIn("Compensation for a late delivery", message.body)
        self.card._crm_loyalty_assess()
        self.assertEqual(self.card.crm_loyalty_qualifying_points, 1000)
        self.assert_ledger()
        # no reason, no adjustment; the salesman and another company's manager get none
        wizard = Wizard.create({"card_id": self.card.id, "new_balance": 0, "description": "  "})
        with self.assertRaises(ValidationError):
            wizard.action_update_card_point()
        for user in (self.user, self.manager2):
            Wizard = self.as_user(user, self.env["loyalty.card.update.balance"])
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Wizard.create(
                    {"card_id": self.card.id, "new_balance": 9_000, "description": "A gift for me"}
                ).action_update_card_point()
        self.assertEqual(self.card.points, 1500)
        self.assert_ledger()

    # ------------------------------------------------------------ redemptions

    def test_a_redemption_is_born_requested_and_keeps_its_member(self):
        Redemption = self.as_user(self.user, self.env["crm.loyalty.redemption"])
        base = {"card_id": self.card.id, "reward_id": self.night.id}
        for context in (
            {"default_state": "approved"},
            {"default_state": "used"},
            {"default_voucher_code": "FREE"},
            {"default_points": 1},
            {"default_name": "Forged"},
        ):
            with self.subTest(context=context), self.assertRaises(AccessError):
                Redemption.with_context(**context).create(base)
        for vals in ({"state": "voucher"}, {"voucher_code": "FREE"}, {"points": 1}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                Redemption.create({**base, **vals})
        with self.assertRaises(AccessError):
            self.as_user(self.user2, self.env["crm.loyalty.redemption"]).create(base)
        self.assertEqual(self.card.points, 1000)
        self.assert_ledger()
        # the default state sent back as it is: a plain request
        redemption = Redemption.create({**base, "state": "requested"})
        self.assertEqual((redemption.state, redemption.points), ("requested", 100))
        self.assertEqual(self.card.points, 900)
        self.assert_ledger()
        heir = self.make_card(self.make_customer("Heir"), [(date.today(), 500)])
        for vals in (
            {"name": "Renamed"},
            {"partner_id": heir.partner_id.id},
            {"card_id": heir.id},
            {"reward_id": self.suite.id},
            {"state": "approved"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                redemption.write(vals)
        with self.assertRaises(AccessError):
            self.as_user(self.manager, redemption).write({"company_id": self.company2.id})
        with self.assertRaises(AccessError):
            redemption.action_approve()
        self.as_user(self.manager, redemption).action_approve()
        self.assertEqual(redemption.state, "approved")
        self.assertEqual(
            (redemption.partner_id, redemption.company_id, redemption.card_id),
            (self.partner, self.company, self.card),
        )
        self.assertEqual(redemption.name, f"Night - {self.partner.name}")
        self.assertEqual((self.card.points, heir.points), (900, 500))
        self.assert_ledger()

    # ------------------------------------------------------------ enabling the program

    def enable(self, company):
        """Enable the ready program as an administrator of ``company`` alone."""
        admin = new_test_user(
            self.env,
            login=f"loyalty_admin_{company.id}",
            groups="base.group_system,sales_team.group_sale_manager",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        Settings = self.env(user=admin, context={"allowed_company_ids": company.ids})
        action = Settings["res.config.settings"].create({}).action_crm_loyalty_enable_program()
        return self.env["loyalty.program"].browse(action["res_id"])

    def test_the_ready_program_is_enabled_in_the_company_currency(self):
        vnd, eur = self.env.ref("base.VND"), self.env.ref("base.EUR")
        eur.active = True
        dong_co = self.env["res.company"].create({"name": "Dong Co", "currency_id": vnd.id})
        euro_co = self.env["res.company"].create({"name": "Euro Co", "currency_id": eur.id})
        self.env["res.currency.rate"].create(
            [
                {"currency_id": currency.id, "rate": rate, "company_id": euro_co.id}
                for currency, rate in ((eur, 1.0), (vnd, 25_000.0))
            ]
        )

        def amounts(program):
            fixed = program.reward_ids.filtered(lambda r: r.discount_mode == "per_order")
            percent = program.reward_ids.filtered(lambda r: r.discount_mode == "percent")
            return (
                program.currency_id,
                program.crm_loyalty_amount_per_point,
                fixed.discount,
                percent.discount,
            )

        dong = self.enable(dong_co)
        self.assertEqual(dong.company_id, dong_co)
        self.assertEqual(amounts(dong), (vnd, 10_000, 100_000, 5))
        euro = self.enable(euro_co)
        self.assertEqual(euro.company_id, euro_co)
        self.assertTrue(euro.active and euro.crm_loyalty_ranked)
        # 25,000 VND a euro: 10,000 VND a point is 0.40 EUR, 100,000 VND off is 4 EUR
        self.assertEqual(amounts(euro), (eur, 0.4, 4.0, 5))
        self.assertEqual(euro.reward_ids.currency_id, eur)
        self.assertAlmostEqual(euro.rule_ids.reward_point_amount, 2.5)
        template = self.env.ref("crm_loyalty.program_customer_loyalty")
        self.assertEqual(template.currency_id, vnd, "the shipped program stays in VND")
        self.assert_ledger()
