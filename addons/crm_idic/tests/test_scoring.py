"""Differentiate: the scores a salesman gets by pressing Recompute, the nightly job, the
override a manager sets, and the configuration a manager or an administrator changes."""

from datetime import timedelta
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged, users

from ..models import res_partner_scoring as res_partner_module
from .common import IdicCase


@tagged("post_install", "-at_install")
class TestScoring(IdicCase):
    def test_scores_from_confirmed_orders_of_the_last_year(self):
        partner = self.make_customer()
        self.make_order(partner, 2000, days_ago=30)
        self.make_order(partner, 9000, days_ago=200)
        self.make_order(partner, 50000, days_ago=500)  # previous year: not current value
        self.make_order(partner, 1_000_000, days_ago=10, state="cancel")
        self.make_order(partner, 1_000_000, days_ago=10, state="draft")
        scored = self.recompute(partner)
        # 11000 in the last 12 months -> band 10000 -> 70
        self.assertEqual(scored.idic_current_value_score, 70)
        # first order 500 days ago -> band 365 -> 40
        self.assertEqual(scored.idic_loyalty_score, 40)
        self.assertEqual(scored.idic_potential_value_score, 0)
        # (70 x 50 + 0 x 20 + 40 x 30) / 100
        self.assertEqual(scored.idic_total_score, 47.0)
        self.assertEqual(scored.idic_segment_id, self.seg["C"])
        self.assertEqual(scored.idic_value_class, "large")
        self.assertEqual(scored.idic_relationship_level, "2")
        # revenue fell from 50000 to 11000: needs attention
        self.assertEqual(scored.idic_relationship_status, "needs_attention")
        self.assertEqual(scored.idic_order_count, 3)
        self.assertEqual(scored.idic_scored_date, self.today)

    def test_orders_in_another_currency_count_at_their_rate(self):
        eur = self.env.ref("base.EUR")
        eur.active = True
        self.env["res.currency.rate"].create(
            {
                "currency_id": eur.id,
                "company_id": self.company.id,
                "name": self.years_ago(3, self.today),
                "rate": 0.5,  # 1 USD = 0.5 EUR
            }
        )
        pricelist = self.env["product.pricelist"].create(
            {"name": "EUR", "currency_id": eur.id, "company_id": self.company.id}
        )
        partner = self.make_customer()
        order = self.make_order(partner, 600, days_ago=5, pricelist=pricelist, user=self.user)
        self.assertEqual(order.currency_id, eur)
        scored = self.recompute(partner)
        # 600 EUR = 1200 USD -> band 1000 -> 40; 600 alone would score 10
        self.assertEqual(scored.idic_current_value_score, 40)

    def test_contacts_orders_count_for_their_company(self):
        partner = self.make_customer()
        contact = self.env["res.partner"].create({"name": "Buyer", "parent_id": partner.id})
        self.make_order(contact, 1500, days_ago=3)
        # pressed on the contact: its company is scored
        self.recompute(contact)
        self.assertEqual(self.as_user(self.user, partner).idic_current_value_score, 40)

    def test_orders_of_other_salespeople_count(self):
        # a salesman sees his own orders only; his recompute counts every order
        partner = self.make_customer()
        other = self.make_order(partner, 1500, days_ago=3, user=self.manager)
        Order = self.user_env(self.user)["sale.order"]
        self.assertFalse(Order.search([("id", "=", other.id)]))
        scored = self.recompute(partner)
        self.assertEqual(scored.idic_current_value_score, 40)
        self.assertEqual(scored.idic_order_count, 1)

    def test_no_orders_is_a_prospect(self):
        partner = self.make_customer(user=self.user, idic_potential_estimate=20000)
        scored = self.recompute(partner)
        self.assertEqual(scored.idic_current_value_score, 0)
        self.assertEqual(scored.idic_potential_value_score, 70)
        # (0 x 50 + 70 x 20 + 0 x 30) / 100
        self.assertEqual(scored.idic_total_score, 14.0)
        self.assertEqual(scored.idic_value_class, "potential")
        self.assertFalse(scored.idic_relationship_level)
        self.assertEqual(scored.idic_segment_id, self.seg["D"])

    def test_open_opportunities_feed_potential(self):
        partner = self.make_customer()
        Lead = self.user_env(self.user)["crm.lead"]
        values = {"type": "opportunity", "partner_id": partner.id, "company_id": self.company.id}
        Lead.create(dict(values, name="Mine", expected_revenue=8000, probability=50))
        # another salesperson's opportunity, which the salesman cannot see, counts too
        theirs = (
            self.user_env(self.manager)["crm.lead"]
            .create(dict(values, name="Theirs", expected_revenue=12000, probability=50))
            .with_env(Lead.env)
        )
        self.assertFalse(Lead.search([("id", "=", theirs.id)]))
        scored = self.recompute(partner)
        # 8000 x 50% + 12000 x 50% = 10000 -> 70 (4000 alone scores 40)
        self.assertEqual(scored.idic_potential_value_score, 70)

    def test_loyal_customer_reaches_segment_a_and_level_3(self):
        partner = self.make_customer(user=self.user, idic_potential_estimate=200000)
        for days in (10, 100, 300, 800, 1900):
            self.make_order(partner, 30000, days_ago=days)
        scored = self.recompute(partner)
        # 90000 this year -> 70; potential 100; tenure 1900 days -> 100
        self.assertEqual(scored.idic_total_score, 85.0)
        self.assertEqual(scored.idic_segment_id, self.seg["A"])
        self.assertEqual(scored.idic_relationship_level, "3")
        self.assertEqual(scored.idic_relationship_status, "loyal")

    def test_priority_from_level_3(self):
        # no segment gives priority: only the level does
        self.seg["A"].priority_orders = False
        loyal = self.make_customer("Loyal", idic_potential_estimate=200000)
        for days in (10, 100, 300, 800, 1900):
            self.make_order(loyal, 30000, days_ago=days)
        repeat = self.make_customer("Repeat", idic_potential_estimate=200000)
        self.make_order(repeat, 150000, days_ago=10)
        self.make_order(repeat, 10, days_ago=1900)
        loyal, repeat = self.recompute(loyal), self.recompute(repeat)
        self.assertEqual(loyal.idic_relationship_level, "3")
        self.assertEqual(repeat.idic_relationship_level, "2")
        self.assertEqual(loyal.idic_segment_id, repeat.idic_segment_id)
        self.assertTrue(loyal.idic_priority)
        self.assertFalse(repeat.idic_priority)
        Partner = self.user_env(self.user)["res.partner"]
        ours = [("id", "in", (loyal | repeat).ids)]
        self.assertEqual(Partner.search([*ours, ("idic_priority", "=", True)]), loyal)
        self.assertEqual(Partner.search([*ours, ("idic_priority", "=", False)]), repeat)
        # a quotation says why it is a priority order (as its salesperson reads it)
        Order = self.user_env(self.user)["sale.order"]
        quote = Order.create({"partner_id": loyal.id})
        self.assertEqual(quote.idic_priority_reason, "a loyal customer (level 3)")
        other = Order.create({"partner_id": repeat.id})
        self.assertFalse(other.idic_priority_reason)
        other.idic_priority = True
        self.assertEqual(other.idic_priority_reason, "set on this order")

    def test_priority_from_segment_a(self):
        self.assertTrue(self.seg["A"].priority_orders)
        partner = self.make_customer(idic_potential_estimate=200000)
        self.make_order(partner, 150000, days_ago=10)
        self.make_order(partner, 10, days_ago=1900)
        scored = self.recompute(partner)
        # 150000 -> 100, potential 100, tenure 1900 days -> 100; two orders: level 2
        self.assertEqual(scored.idic_total_score, 100.0)
        self.assertEqual(scored.idic_segment_id, self.seg["A"])
        self.assertEqual(scored.idic_relationship_level, "2")
        self.assertTrue(scored.idic_priority)
        quote = self.user_env(self.user)["sale.order"].create({"partner_id": partner.id})
        self.assertIn("the policy of segment", quote.idic_priority_reason)
        self.assertIn(self.seg["A"].name, quote.idic_priority_reason)
        Partner = self.user_env(self.user)["res.partner"]
        self.assertEqual(
            Partner.search([("id", "=", partner.id), ("idic_priority", "=", True)]), scored
        )
        # the same customer, the segment no longer a priority one
        self.as_user(self.manager, self.seg["A"]).priority_orders = False
        self.assertFalse(scored.idic_priority)
        self.assertFalse(Partner.search([("id", "=", partner.id), ("idic_priority", "=", True)]))

    def test_lapsed_customer(self):
        partner = self.make_customer()
        self.make_order(partner, 5000, days_ago=400)
        self.make_order(partner, 5000, days_ago=600)
        scored = self.recompute(partner)
        self.assertEqual(scored.idic_value_class, "inactive")
        self.assertEqual(scored.idic_relationship_status, "no_potential")
        self.assertTrue(scored.idic_lapsed)
        self.assertEqual(scored.idic_days_since_last_order, 400)
        Partner = self.user_env(self.user)["res.partner"]
        lapsed = Partner.search([("idic_lapsed", "=", True)])
        self.assertIn(partner, lapsed)
        active = self.make_customer("Active")
        self.make_order(active, 5000, days_ago=10)
        self.assertEqual(
            Partner.search([("id", "in", (partner | active).ids), ("idic_lapsed", "=", False)]),
            active,
        )

    def test_history_keeps_every_change_once(self):
        partner = self.make_customer()
        self.score(partner, source="cron")
        history = self.as_user(self.user, partner).idic_history_ids
        self.assertEqual(len(history), 1)
        self.assertEqual(history.new_segment_id, self.seg["D"])
        self.assertEqual(history.source, "cron")
        self.assertEqual(history.user_id, self.env.ref("base.user_root"))
        scored = self.recompute(partner)
        self.assertEqual(len(scored.idic_history_ids), 1, "no change, no history")
        for days in (5, 50, 300, 800):
            self.make_order(partner, 60000, days_ago=days)
        scored = self.recompute(partner)
        self.assertEqual(len(scored.idic_history_ids), 2)
        last = scored.idic_history_ids.sorted("id")[-1]
        self.assertEqual(last.old_segment_id, self.seg["D"])
        self.assertEqual(last.new_segment_id, scored.idic_segment_id)
        self.assertEqual(last.new_level, "3")
        self.assertEqual(last.source, "manual")
        self.assertEqual(last.user_id, self.user)

    def test_recompute_queries_do_not_grow_with_partners(self):
        few = self.env["res.partner"].concat(*[self.make_customer(f"F{i}") for i in range(3)])
        many = self.env["res.partner"].concat(*[self.make_customer(f"M{i}") for i in range(30)])
        for partner in few | many:
            self.make_order(partner, 1500, days_ago=20)
        self.env.flush_all()

        def count(partners):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            partners._idic_recompute(self.today)
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        queries_few, queries_many = count(few), count(many)
        self.assertLessEqual(queries_many, queries_few + 5, (queries_few, queries_many))

    def test_cron_scores_in_runs_and_batches(self):
        partners = self.env["res.partner"].concat(
            *[self.make_customer(f"C{i}", idic_customer_group="individual") for i in range(7)]
        )
        Partner = self.env["res.partner"]
        Params = self.env["ir.config_parameter"]
        progress = res_partner_module.RECOMPUTE_PROGRESS
        # an unfinished pass already went through every older partner: only ours are left
        Params.set_param(progress, str(min(partners.ids) - 1))
        calls = []
        original = type(Partner)._idic_recompute_batch

        def spy(records, *args, **kwargs):
            calls.append(len(records))
            return original(records, *args, **kwargs)

        with (
            patch.object(res_partner_module, "BATCH_SIZE", 2),
            patch.object(res_partner_module, "CRON_RUN_SIZE", 4),
            patch.object(type(Partner), "_idic_recompute_batch", spy),
        ):
            Partner._cron_idic_recompute()
            scored = partners.filtered("idic_segment_id")
            self.assertEqual(scored, partners[:4])
            self.assertEqual(Params.get_param(progress), str(partners[3].id))
            Partner._cron_idic_recompute()
            self.assertEqual(partners.filtered("idic_segment_id"), partners)
        self.assertEqual(calls, [2, 2, 2, 1])
        self.assertFalse(Params.get_param(progress), "the pass is done: the next run starts over")

    def test_unchanged_customers_are_not_written(self):
        changing, steady = self.make_customer("Changing"), self.make_customer("Steady")
        self.recompute(changing | steady)
        last_week = self.today - timedelta(days=7)
        (changing | steady)._idic_system().write({"idic_scored_date": last_week})
        self.make_order(changing, 5000, days_ago=1)
        changing, steady = self.recompute(changing | steady)
        self.assertEqual(changing.idic_scored_date, self.today)
        self.assertEqual(steady.idic_scored_date, last_week)


@tagged("post_install", "-at_install")
class TestOverrideAndPricelist(IdicCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pricelist_a = cls.env["product.pricelist"].create(
            {"name": "Segment A prices", "company_id": cls.company.id}
        )
        cls.seg["A"].pricelist_id = cls.pricelist_a

    def _make_a(self, partner):
        """``partner`` buys like a segment A customer; the salesman recomputes it."""
        partner.idic_potential_estimate = 200000
        for days in (10, 100, 300, 800, 1900):
            self.make_order(partner, 30000, days_ago=days)
        return self.recompute(partner)

    def _override(self, partners, segment, reason):
        """The override wizard, opened on ``partners`` by the sales manager and applied."""
        wizard = (
            self.user_env(self.manager)["crm.idic.override.wizard"]
            .with_context(active_model="res.partner", active_ids=partners.ids)
            .create({"segment_id": segment.id, "reason": reason})
        )
        return wizard.action_apply()

    @users("idic_manager")
    def test_manager_overrides_with_a_reason(self):
        partner = self.make_customer().with_env(self.env)
        self.score(partner.sudo())
        self.assertEqual(partner.idic_segment_id, self.seg["D"])
        self._override(partner, self.seg["B"], "Strategic account of the group")
        self.assertEqual(partner.idic_segment_id, self.seg["B"])
        self.assertEqual(partner.idic_computed_segment_id, self.seg["D"])
        self.assertEqual(partner.idic_override_user_id, self.manager)
        self.assertEqual(partner.idic_override_date, self.today)
        last = partner.idic_history_ids.sorted("id")[-1]
        self.assertEqual(last.source, "override")
        self.assertEqual(last.reason, "Strategic account of the group")
        self.assertEqual(last.user_id, self.manager)
        # the nightly scoring keeps the override
        self.score(partner.sudo())
        self.assertEqual(partner.idic_segment_id, self.seg["B"])
        partner.action_idic_clear_override()
        self.assertEqual(partner.idic_segment_id, self.seg["D"])
        self.assertFalse(partner.idic_override_reason)
        self.assertEqual(partner.idic_history_ids.sorted("id")[-1].source, "override_cleared")

    @users("idic_manager")
    def test_override_needs_a_reason(self):
        partner = self.make_customer().with_env(self.env)
        with self.assertRaisesRegex(ValidationError, "Say why"):
            self._override(partner, self.seg["A"], "   ")
        self.assertFalse(partner.idic_segment_override_id)
        # no way around it for the system either
        with self.assertRaises(ValidationError):
            partner._idic_system().write(
                {"idic_segment_override_id": self.seg["A"].id, "idic_override_reason": False}
            )

    @users("idic_user")
    def test_user_cannot_override(self):
        partner = self.make_customer().with_env(self.env)
        with self.assertRaises(AccessError):
            partner._idic_set_override(self.seg["A"], "I like them")
        with self.assertRaises(AccessError):
            self.env["crm.idic.override.wizard"].with_context(
                active_model="res.partner", active_ids=partner.ids
            ).create({"segment_id": self.seg["A"].id, "reason": "I like them"})
        self.assertFalse(partner.idic_segment_override_id)

    def test_override_with_a_foreign_segment_is_refused(self):
        # a manager of both companies, working in both, picks the other company's segment
        other, _manager = self.make_other_company("Other Co", "idic_other_manager")
        self.manager.company_ids |= other
        foreign = self.env["crm.idic.segment"].search([("company_id", "=", other.id)], limit=1)
        partner = self.make_customer()
        wizard = (
            self.user_env(self.manager)["crm.idic.override.wizard"]
            .with_context(
                allowed_company_ids=(self.company | other).ids,
                active_model="res.partner",
                active_ids=partner.ids,
            )
            .create({"segment_id": foreign.id, "reason": "wrong company"})
        )
        with self.assertRaisesRegex(ValidationError, "belongs to another company"):
            wizard.action_apply()
        self.assertFalse(partner.idic_segment_override_id)

    def test_segment_pricelist_follows_the_segment(self):
        partner = self._make_a(self.make_customer())
        self.assertEqual(partner.idic_segment_id, self.seg["A"])
        self.assertEqual(partner.specific_property_product_pricelist, self.pricelist_a)
        # leaves A (override to D): the segment's pricelist is taken back
        self._override(partner, self.seg["D"], "Payment issues")
        self.assertFalse(partner.specific_property_product_pricelist)

    def test_pricelist_set_by_hand_stays(self):
        partner = self._make_a(self.make_customer())
        special = self.env["product.pricelist"].create(
            {"name": "Negotiated", "company_id": self.company.id}
        )
        partner.property_product_pricelist = special  # the salesman, by hand
        self._override(partner, self.seg["D"], "Payment issues")
        self.assertEqual(partner.specific_property_product_pricelist, special)

    def test_priority_flag_and_policy_on_sale_orders(self):
        partner = self._make_a(self.make_customer())
        order = self.make_order(partner, 100, state="draft", user=self.user)
        self.assertTrue(order.idic_priority)
        self.assertEqual(order.idic_segment_id, self.seg["A"])
        self.assertEqual(order.idic_policy, self.seg["A"].policy)
        small = self.recompute(self.make_customer("Small"))
        self.assertEqual(small.idic_segment_id, self.seg["D"])
        normal = self.make_order(small, 100, state="draft", user=self.user)
        self.assertFalse(normal.idic_priority)
        self.assertEqual(normal.idic_policy, self.seg["D"].policy)


@tagged("post_install", "-at_install")
class TestConfigurationErrors(IdicCase):
    """A sales manager sets segments and bands up; an administrator, the company's weights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env,
            login="idic_config_admin",
            groups="base.group_system,sales_team.group_sale_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def assertRefused(self, pattern, change, record, field_name, kept):
        """``change`` raises a ValidationError matching ``pattern`` and writes nothing."""
        with self.assertRaisesRegex(ValidationError, pattern), self.env.cr.savepoint():
            change()
            self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(record[field_name], kept)

    def test_overlapping_segments(self):
        segment = self.as_user(self.manager, self.seg["C"])
        self.assertRefused(
            "overlap", lambda: segment.write({"min_score": 55}), self.seg["C"], "min_score", 35
        )

    def test_gap_below_the_lowest_segment(self):
        segment = self.as_user(self.manager, self.seg["D"])
        self.assertRefused(
            "gap", lambda: segment.write({"min_score": 5}), self.seg["D"], "min_score", 0
        )

    def test_deleting_the_lowest_segment_is_refused(self):
        segment = self.as_user(self.manager, self.seg["D"])
        self.assertRefused("gap", segment.unlink, self.seg["D"], "code", "D")

    def test_bands_out_of_order(self):
        Band = self.user_env(self.manager)["crm.idic.score.band"]
        domain = [("company_id", "=", self.company.id), ("dimension", "=", "current")]

        def create():
            Band.create({"dimension": "current", "threshold": 50000, "score": 20})

        with self.assertRaisesRegex(ValidationError, "out of order"), self.env.cr.savepoint():
            create()
        self.assertEqual(self.env["crm.idic.score.band"].search_count(domain), 4)

    def test_negative_weights(self):
        company = self.as_user(self.admin, self.company)
        self.assertRefused(
            "negative",
            lambda: company.write({"idic_weight_current": -1}),
            self.company,
            "idic_weight_current",
            50,
        )

    def test_value_class_thresholds_out_of_order(self):
        company = self.as_user(self.admin, self.company)
        self.assertRefused(
            "must rise",
            lambda: company.write({"idic_large_threshold": 500}),
            self.company,
            "idic_large_threshold",
            10000,
        )

    def test_settings_form_validates(self):
        Settings = self.user_env(self.admin)["res.config.settings"]
        zeros = {"idic_weight_current": 0, "idic_weight_potential": 0, "idic_weight_loyalty": 0}
        self.assertRefused(
            "above zero", lambda: Settings.create(zeros), self.company, "idic_weight_loyalty", 30
        )
        settings = Settings.create({"idic_weight_loyalty": 60})
        settings.execute()
        self.assertEqual(self.company.idic_weight_loyalty, 60)
        self.assertEqual(self.company._idic_rules(with_tables=False).weights, (50, 20, 60))
