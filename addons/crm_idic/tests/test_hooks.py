"""The install hook, and the extension points other addons use, each exercised the way an
addon would."""

from dataclasses import replace
from unittest.mock import patch

from odoo.tests import tagged, users

from ..hooks import post_init_hook
from .common import IdicCase

CONFIG_MODELS = ("crm.idic.segment", "crm.idic.score.band", "crm.idic.completeness.rule")


@tagged("post_install", "-at_install")
class TestPostInitHook(IdicCase):
    def config(self, company):
        """{model: the company's configuration, as comparable tuples}."""
        values = {}
        for model in CONFIG_MODELS:
            records = (
                self.env[model]
                .with_context(active_test=False)
                .search([("company_id", "=", company.id)])
            )
            if model == "crm.idic.segment":
                rows = records.mapped(
                    lambda s: (s.code, s.min_score, s.visit_interval_days, s.pricelist_id.id)
                )
            elif model == "crm.idic.score.band":
                rows = records.mapped(lambda b: (b.dimension, b.threshold, b.score))
            else:
                rows = records.mapped(lambda r: (r.customer_group or "", r.field_name))
            values[model] = sorted(rows)
        return values

    def test_post_init_hook_configures_companies_that_existed_before(self):
        main = self.env.ref("base.main_company")
        shipped = self.config(main)
        self.assertEqual(len(shipped["crm.idic.segment"]), 4)
        self.assertTrue(shipped["crm.idic.score.band"])
        self.assertTrue(shipped["crm.idic.completeness.rule"])
        # a company created before the addon was installed: no configuration at all
        before = self.env["res.company"].create({"name": "Existed before the install"})
        for model in CONFIG_MODELS:
            self.env[model].with_context(active_test=False).search(
                [("company_id", "=", before.id)]
            ).unlink()
        empty = {model: [] for model in CONFIG_MODELS}
        self.assertEqual(self.config(before), empty)
        ours = self.config(self.company)

        post_init_hook(self.env)

        # a copy of the shipped configuration, without the pricelists of the main company
        expected = dict(shipped)
        expected["crm.idic.segment"] = sorted(
            (*row[:3], False) for row in shipped["crm.idic.segment"]
        )
        self.assertEqual(self.config(before), expected)
        self.assertEqual(self.config(main), shipped, "the main company keeps its own")
        self.assertEqual(
            self.config(self.company)["crm.idic.score.band"],
            ours["crm.idic.score.band"],
            "a company with its own bands keeps them",
        )
        # run again (an update): nothing is copied twice
        post_init_hook(self.env)
        self.assertEqual(self.config(before), expected)


@tagged("post_install", "-at_install")
class TestExtensionPoints(IdicCase):
    def test_score_inputs_hook_adds_a_loyalty_bonus(self):
        partner = self.make_customer()
        self.make_order(partner, 1500, days_ago=400)  # tenure 400 days -> 40
        Partner = type(self.env["res.partner"])
        original = Partner._idic_score_inputs

        def with_rank_bonus(records, today):
            inputs = original(records, today)
            return {pid: replace(values, loyalty_bonus=25) for pid, values in inputs.items()}

        scored = self.recompute(partner)
        self.assertEqual(scored.idic_loyalty_score, 40)
        with patch.object(Partner, "_idic_score_inputs", with_rank_bonus):
            self.recompute(partner)
        self.assertEqual(scored.idic_loyalty_score, 65)

    def test_attention_flags_hook(self):
        partner = self.make_customer()
        self.make_order(partner, 1500, days_ago=10)
        Partner = type(self.env["res.partner"])
        original = Partner._idic_attention_flags

        def open_complaints(records):
            return original(records) | {partner.id}

        scored = self.recompute(partner)
        self.assertEqual(scored.idic_relationship_status, "regular")
        with patch.object(Partner, "_idic_attention_flags", open_complaints):
            self.recompute(partner)
        self.assertEqual(scored.idic_relationship_status, "needs_attention")

    @users("idic_user")
    def test_interaction_log_takes_contacts_from_other_documents(self):
        partner = self.make_customer(user_id=self.user.id)
        contact = self.make_customer(
            "Buyer", user=self.env.user, is_company=False, parent_id=partner.id
        )
        order = self.make_order(partner, 100, state="draft", user=self.env.user)
        interaction = self.env["crm.idic.interaction"].create(
            {
                "partner_id": contact.id,
                "channel": "email",
                "interaction_type": "complaint",
                "summary": "Late delivery",
                "source_ref": f"sale.order,{order.id}",
            }
        )
        self.assertEqual(interaction.commercial_partner_id, partner)
        self.assertEqual(interaction.source_ref, order)
        self.assertEqual(interaction.user_id, self.user)
        self.assertEqual(partner.with_env(self.env).idic_interaction_count, 1)
        models = [key for key, _label in interaction._selection_source_ref()]
        self.assertIn("sale.order", models)
        self.assertIn("crm.lead", models)

    @users("idic_user")
    def test_dealer_group_is_a_customer_group(self):
        self.env["crm.idic.completeness.rule"].sudo().create(
            {
                "company_id": self.company.id,
                "customer_group": "dealer",
                "field_id": self.partner_field("vat").id,
            }
        )
        dealer = self.make_customer("Dealer", user=self.env.user, idic_customer_group="dealer")
        Partner = self.env["res.partner"]
        self.assertEqual(
            Partner.search([("id", "=", dealer.id), *Partner._idic_customer_domain()]), dealer
        )
        self.assertEqual(dealer.idic_profile_completeness, 0.0)
        dealer.vat = "0401234567"
        self.assertEqual(dealer.idic_profile_completeness, 100.0)
