"""The nightly scoring job: who it scores, reruns, failures, collisions, and what it leaves."""

from unittest.mock import patch

from odoo import Command, sql_db
from odoo.tests import new_test_user, tagged
from odoo.tools.sql import index_exists

from ..hooks import uninstall_hook
from ..models.res_partner_scoring import RECOMPUTE_PROGRESS
from ..models.sale_order import CONFIRMED_ORDERS_INDEX
from .common import IdicCase


@tagged("post_install", "-at_install")
class TestScoringJob(IdicCase):
    def run_job(self):
        # the job scores the customers of every company; ours only are checked
        self.env["res.partner"]._cron_idic_recompute()

    def test_a_customer_without_invoices_is_scored(self):
        partner = self.make_customer("Orders, no invoice")
        self.make_order(partner, 20000, days_ago=5)
        self.assertEqual(partner.customer_rank, 0)
        customers = self.env["res.partner"].search(
            [("id", "=", partner.id), *self.env["res.partner"]._idic_customer_domain()]
        )
        self.assertEqual(customers, partner)
        self.run_job()
        self.assertTrue(partner.idic_segment_id)
        self.assertEqual(partner.idic_scored_date, self.today)

    def test_running_again_the_same_day_scores_new_customers(self):
        first = self.make_customer("First")
        self.make_order(first, 20000, days_ago=5)
        self.run_job()
        self.assertTrue(first.idic_segment_id)
        Params = self.env["ir.config_parameter"].sudo()
        self.assertFalse(Params.get_param(RECOMPUTE_PROGRESS), "a finished pass keeps no mark")
        second = self.make_customer("Added later")
        self.make_order(second, 20000, days_ago=5)
        self.run_job()
        self.assertTrue(second.idic_segment_id)

    def test_a_failing_customer_is_skipped_and_logged(self):
        good = self.make_customer("Good")
        bad = self.make_customer("Broken")
        after = self.make_customer("After the broken one")
        for partner in good | bad | after:
            self.make_order(partner, 20000, days_ago=5)
        Partner = type(self.env["res.partner"])
        original = Partner._idic_score_inputs

        def broken(records, today):
            if bad in records:
                raise ValueError("corrupt data")
            return original(records, today)

        with (
            patch.object(Partner, "_idic_score_inputs", broken),
            self.assertLogs("odoo.addons.crm_idic.models.res_partner_scoring", "ERROR") as logs,
        ):
            self.run_job()
        self.assertTrue(good.idic_segment_id)
        self.assertTrue(after.idic_segment_id)
        self.assertFalse(bad.idic_segment_id)
        self.assertIn(f"partner {bad.id} failed", "\n".join(logs.output))
        self.assertFalse(self.env["ir.config_parameter"].sudo().get_param(RECOMPUTE_PROGRESS))

    def test_rows_another_transaction_writes_are_skipped_not_waited_for(self):
        # a partner committed before the test (and that nothing in the test's own
        # transaction writes), locked by another connection as a user's recompute would
        locked = self.env.ref("base.public_partner")
        free = self.make_customer("Free")
        other = sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            other.execute("SET lock_timeout = '5s'")
            other.execute("SELECT id FROM res_partner WHERE id = %s FOR UPDATE", [locked.id])
            self.env.cr.execute("SET LOCAL lock_timeout = '5s'")
            got = (locked | free)._idic_lock_rows()
        finally:
            other.rollback()
            other.close()
        self.assertEqual(got, free)

    def test_activities_without_salesperson_go_to_the_care_responsible(self):
        self.seg["D"].visit_interval_days = 30
        partner = self.make_customer("Nobody's customer")
        self.make_order(partner, 10, days_ago=5)
        partner._idic_recompute(self.today)
        self.assertEqual(partner.idic_segment_id, self.seg["D"])
        self.env["res.partner"]._cron_idic_visit_schedule()
        activity = partner.activity_ids
        self.assertEqual(activity.user_id, self.manager, "the company's sales manager")
        activity.unlink()
        care = self.user
        self.company.idic_care_user_id = care
        self.env["res.partner"]._cron_idic_visit_schedule()
        self.assertEqual(partner.activity_ids.user_id, care)

    def test_open_orders_follow_the_customers_priority(self):
        self.seg["A"].priority_orders = True
        partner = self.make_customer("Rising")
        confirmed = self.make_order(partner, 10, days_ago=5)
        draft = self.make_order(partner, 10, state="draft")
        self.assertFalse(draft.idic_priority)
        wizard = (
            self.env["crm.idic.override.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "partner_ids": [Command.set(partner.ids)],
                    "segment_id": self.seg["A"].id,
                    "reason": "Key account",
                }
            )
        )
        wizard.action_apply()
        self.assertTrue(draft.idic_priority, "open orders take the new priority")
        self.assertFalse(confirmed.idic_priority, "confirmed orders keep theirs")

    def test_deleting_a_partner_keeps_its_history(self):
        partner = self.make_customer("Short-lived", idic_customer_group="individual")
        partner._idic_recompute(self.today)
        history = partner.idic_history_ids
        self.assertTrue(history)
        partner.unlink()
        self.assertTrue(history.exists())
        self.assertEqual(history.partner_name, "Short-lived")

    def test_settings_open_without_the_jobs(self):
        self.env.ref("crm_idic.ir_cron_idic_recompute").unlink()
        admin = new_test_user(
            self.env,
            login="idic_settings_admin",
            groups="base.group_system,sales_team.group_sale_manager",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        settings = self.env["res.config.settings"].with_user(admin).create({})
        self.assertFalse(settings.idic_cron_recompute)
        settings.execute()

    def test_uninstall_leaves_no_parameter_activity_type_or_index(self):
        self.assertTrue(index_exists(self.env.cr, CONFIRMED_ORDERS_INDEX))
        Params = self.env["ir.config_parameter"].sudo()
        Params.set_param(RECOMPUTE_PROGRESS, "42")
        gift = self.env.ref("crm_idic.mail_activity_type_idic_gift")
        partner = self.make_customer("Gifted")
        partner.activity_schedule(activity_type_id=gift.id, user_id=self.user.id)
        uninstall_hook(self.env)
        self.assertFalse(Params.search([("key", "=like", "crm_idic.%")]))
        self.assertFalse(gift.exists())
        self.assertFalse(partner.activity_ids)
        self.assertFalse(index_exists(self.env.cr, CONFIRMED_ORDERS_INDEX))
