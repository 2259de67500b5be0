"""What the screens rely on: merge direction, customer lists, reports, wizards, dates."""

from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import IdicCase


@tagged("post_install", "-at_install")
class TestScreens(IdicCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # sales users who may create contacts may merge them (Odoo's rule)
        (cls.user | cls.manager).groups_id |= cls.env.ref("base.group_partner_manager")

    def test_merge_keeps_the_customer_with_the_most_orders(self):
        older = self.make_customer("Older, few orders", vat="0401112223")
        busy = self.make_customer("Busy", vat="0401112223")
        self.make_order(busy, 100)
        self.make_order(busy, 100)
        self.make_order(older, 100)
        Wizard = self.env["base.partner.merge.automatic.wizard"].with_user(self.user)
        self.assertEqual(Wizard._get_ordered_partner((busy | older).ids)[-1], busy)
        self.assertEqual(Wizard._get_ordered_partner((older | busy).ids)[-1], busy)
        wizard = Wizard.with_context(
            active_model="res.partner", active_ids=(older | busy).ids
        ).create({})
        self.assertEqual(wizard.dst_partner_id, busy)
        self.assertIn("Busy is kept", wizard.idic_survivor_note)

    def test_review_and_merge_keeps_the_customer_we_came_from(self):
        small = self.make_customer("Small", vat="0401112224")
        big = self.make_customer("Big", vat="0401112224")
        self.make_order(small, 100)  # the other has more orders, but we came from big
        self.make_order(small, 100)
        self.env["res.partner"]._idic_flag_duplicates()
        action = big.with_user(self.user).action_idic_merge_duplicates()
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(self.user)
            .with_context(**action["context"])
            .create({})
        )
        self.assertEqual(wizard.dst_partner_id, big)
        self.assertEqual(wizard.partner_ids, small | big)

    def test_merging_does_not_copy_scores(self):
        kept = self.make_customer("Kept", email="same@merge.vn")
        gone = self.make_customer("Gone", email="same@merge.vn")
        self.make_order(gone, 200000, days_ago=10)
        (kept | gone)._idic_recompute(self.today)
        self.assertTrue(gone.idic_total_score > kept.idic_total_score)
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(self.manager)
            .with_context(active_model="res.partner", active_ids=(kept | gone).ids)
            .create({"dst_partner_id": kept.id})
        )
        wizard.action_merge()
        self.assertFalse(gone.exists())
        # the orders moved to the kept customer, which was rated again from them
        self.assertEqual(kept.idic_last_order_date, self.today - timedelta(days=10))
        self.assertTrue(kept.idic_total_score > 0)

    def test_customers_list_shows_customers_and_prospects(self):
        buyer = self.make_customer("Buyer")
        self.make_order(buyer, 100)
        grouped = self.make_customer("Grouped", idic_customer_group="dealer")
        contact = self.make_customer("Just a contact")
        Partner = self.env["res.partner"].with_user(self.user)
        found = Partner.search(
            [("idic_is_customer", "=", True), ("company_id", "=", self.company.id)]
        )
        self.assertIn(buyer, found)
        self.assertIn(grouped, found)
        self.assertNotIn(contact, found)
        self.assertNotIn(self.company.partner_id, found)
        others = Partner.search([("idic_is_customer", "=", False), ("id", "=", contact.id)])
        self.assertEqual(others, contact)
        self.assertEqual((buyer | contact).mapped("idic_is_customer"), [True, False])

    def test_conference_wizard_starts_from_selected_customers(self):
        a, b = self.make_customer("Invited A"), self.make_customer("Invited B")
        contact = self.env["res.partner"].create({"name": "Buyer of B", "parent_id": b.id})
        wizard = (
            self.env["crm.idic.conference.wizard"]
            .with_user(self.user)
            .with_context(active_model="res.partner", active_ids=[a.id, contact.id])
            .create({"name": "Gratitude day", "event_date": self.today})
        )
        self.assertEqual(wizard.partner_ids, a | b)
        self.assertEqual(wizard.invitation_count, 2)
        action = self.env.ref("crm_idic.action_idic_conference_wizard")
        self.assertEqual(action.binding_model_id.model, "res.partner")

    def test_history_says_which_way_customers_moved(self):
        partner = self.make_customer("Mover", idic_customer_group="individual")
        partner._idic_recompute(self.today)
        first = partner.idic_history_ids
        self.assertEqual(first.direction, "new")
        self.assertEqual(first.new_segment_id, self.seg["D"])
        self.make_order(partner, 200000, days_ago=10)
        partner._idic_recompute(self.today)
        move = partner.idic_history_ids - first
        self.assertEqual(move.old_segment_id, self.seg["D"])
        self.assertNotEqual(move.new_segment_id, self.seg["D"])
        self.assertEqual(move.direction, "up")
        wizard = (
            self.env["crm.idic.override.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "partner_ids": [Command.set(partner.ids)],
                    "segment_id": self.seg["D"].id,
                    "reason": "Payment problems",
                }
            )
        )
        wizard.action_apply()
        override = partner.idic_history_ids - first - move
        self.assertEqual(override.direction, "down")
        counts = dict(
            self.env["crm.idic.segment.history"]
            .with_user(self.manager)
            ._read_group([("partner_id", "=", partner.id)], ["direction"], ["__count"])
        )
        self.assertEqual(counts, {"new": 1, "up": 1, "down": 1})

    def test_score_bands_are_not_summed(self):
        Band = self.env["crm.idic.score.band"]
        self.assertFalse(Band._fields["threshold"].aggregator)
        self.assertFalse(Band._fields["score"].aggregator)
        groups = Band.with_user(self.manager).read_group(
            [("company_id", "=", self.company.id)], ["threshold", "score"], ["dimension"]
        )
        self.assertTrue(groups)
        self.assertNotIn("threshold", groups[0])

    def test_dates_in_messages_are_written_the_readers_way(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        partner = self.make_customer("Future founder")
        with self.assertRaises(ValidationError) as caught:
            partner.with_user(self.user).with_context(lang="vi_VN").write(
                {"idic_founding_date": date(2999, 12, 20)}
            )
        self.assertIn("20/12/2999", str(caught.exception))
        self.assertNotIn("2999-12-20", str(caught.exception))
