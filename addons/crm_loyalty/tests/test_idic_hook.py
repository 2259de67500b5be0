"""The member's rank feeds crm_idic's loyalty score when the program says so."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import LoyaltyCase


@tagged("post_install", "-at_install")
class TestIdicHook(LoyaltyCase):
    def test_rank_bonus_in_score_inputs(self):
        self.gold.idic_score_bonus = 20
        company = self.make_customer("Member company", is_company=True)
        card = self.make_card(company, [(date.today(), 12_000)])
        card._crm_loyalty_assess()
        self.assertEqual(card.crm_loyalty_tier_id, self.gold)
        Partner = self.env["res.partner"].with_company(self.company)
        inputs = Partner.browse(company.id)._idic_score_inputs(date.today())
        self.assertEqual(inputs[company.id].loyalty_bonus, 0, "off until the program feeds it")
        self.program.crm_loyalty_idic_bonus = True
        inputs = Partner.browse(company.id)._idic_score_inputs(date.today())
        self.assertEqual(inputs[company.id].loyalty_bonus, 20)
        with self.assertRaises(ValidationError):
            self.as_user(self.manager, self.gold).idic_score_bonus = 150

    def test_loyalty_documents_are_interaction_sources(self):
        models = dict(self.env["crm.idic.interaction"]._selection_source_ref())
        self.assertIn("loyalty.card", models)
        self.assertIn("crm.loyalty.tier.history", models)

    def test_settings_button_enables_the_program(self):
        # the settings page is for administrators (who are loyalty managers too)
        admin = new_test_user(
            self.env,
            login="loyalty_admin",
            groups="base.group_system,sales_team.group_sale_manager",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        settings = self.as_user(admin, self.env["res.config.settings"]).create({})
        action = settings.action_crm_loyalty_enable_program()
        program = self.env["loyalty.program"].browse(action["res_id"])
        self.assertEqual(program, self.program, "the company's own ranked program")
        self.assertTrue(program.active)
        other = self.env["res.company"].create({"name": "Fresh loyalty company"})
        admin.company_ids |= other
        env = self.env(user=admin, context={"allowed_company_ids": other.ids})
        action = env["res.config.settings"].create({}).action_crm_loyalty_enable_program()
        fresh = self.env["loyalty.program"].browse(action["res_id"])
        self.assertEqual(fresh.company_id, other)
        self.assertTrue(fresh.active and fresh.crm_loyalty_ranked)
        self.assertEqual(len(fresh.crm_loyalty_tier_ids), 4)
        with self.assertRaises(AccessError):
            self.as_user(
                self.user, self.env["res.config.settings"]
            ).action_crm_loyalty_enable_program()
