"""The extension points other addons use, each exercised the way an addon would."""

from dataclasses import replace
from unittest.mock import patch

from odoo.tests import tagged

from .common import IdicCase


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

        self.recompute(partner)
        self.assertEqual(partner.idic_loyalty_score, 40)
        with patch.object(Partner, "_idic_score_inputs", with_rank_bonus):
            self.recompute(partner)
        self.assertEqual(partner.idic_loyalty_score, 65)

    def test_attention_flags_hook(self):
        partner = self.make_customer()
        self.make_order(partner, 1500, days_ago=10)
        Partner = type(self.env["res.partner"])
        original = Partner._idic_attention_flags

        def open_complaints(records):
            return original(records) | {partner.id}

        self.recompute(partner)
        self.assertNotEqual(partner.idic_relationship_status, "needs_attention")
        with patch.object(Partner, "_idic_attention_flags", open_complaints):
            self.recompute(partner)
        self.assertEqual(partner.idic_relationship_status, "needs_attention")

    def test_interaction_log_takes_contacts_from_other_documents(self):
        partner = self.make_customer()
        contact = self.env["res.partner"].create({"name": "Buyer", "parent_id": partner.id})
        order = self.make_order(partner, 100, state="draft")
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
        self.assertEqual(partner.idic_interaction_count, 1)
        models = [key for key, _label in interaction._selection_source_ref()]
        self.assertIn("sale.order", models)

    def test_dealer_group_is_a_customer_group(self):
        self.env["crm.idic.completeness.rule"].create(
            {
                "company_id": self.company.id,
                "customer_group": "dealer",
                "field_id": self.partner_field("vat").id,
            }
        )
        dealer = self.make_customer("Dealer", idic_customer_group="dealer")
        self.assertIn(
            dealer, self.env["res.partner"].search(self.env["res.partner"]._idic_customer_domain())
        )
        self.assertEqual(dealer.idic_profile_completeness, 0.0)
        dealer.vat = "0401234567"
        self.assertEqual(dealer.idic_profile_completeness, 100.0)
