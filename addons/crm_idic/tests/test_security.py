from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import IdicCase


@tagged("post_install", "-at_install")
class TestAccess(IdicCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.make_customer("Secured customer")
        cls.other_company = cls.env["res.company"].create({"name": "Other IDIC Company"})
        cls.outsider = new_test_user(
            cls.env,
            login="idic_outsider",
            groups="sales_team.group_sale_manager",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
        )
        cls.portal = new_test_user(cls.env, login="idic_portal_sec", groups="base.group_portal")
        cls.interaction = cls.env["crm.idic.interaction"].create(
            {
                "partner_id": cls.partner.id,
                "summary": "Manager call",
                "user_id": cls.manager.id,
                "company_id": cls.company.id,
            }
        )

    def test_user_reads_scores_and_logs_interactions(self):
        env = self.env(user=self.user)
        partner = self.partner.with_env(env)
        self.assertEqual(partner.idic_total_score, 0)
        mine = env["crm.idic.interaction"].create(
            {"partner_id": partner.id, "summary": "My call", "channel": "phone"}
        )
        mine.outcome = "Agreed on a visit"
        self.assertEqual(mine.user_id, self.user)
        # reads the manager's interaction, may not change it
        other = self.interaction.with_env(env)
        self.assertEqual(other.summary, "Manager call")
        with self.assertRaises(AccessError):
            other.write({"summary": "changed"})
        with self.assertRaises(AccessError):
            other.unlink()

    def test_user_cannot_configure(self):
        env = self.env(user=self.user)
        segment = self.seg["A"].with_env(env)
        self.assertEqual(segment.code, "A")
        with self.assertRaises(AccessError):
            segment.min_score = 80
        with self.assertRaises(AccessError):
            env["crm.idic.score.band"].create({"dimension": "current", "threshold": 5, "score": 5})
        with self.assertRaises(AccessError):
            env["crm.idic.completeness.rule"].create({"field_id": self.partner_field("phone").id})

    def test_history_is_read_only(self):
        self.recompute(self.partner)
        history = self.partner.idic_history_ids.with_user(self.manager)
        self.assertTrue(history.new_segment_id)
        with self.assertRaises(AccessError):
            history.write({"reason": "rewrite history"})
        with self.assertRaises(AccessError):
            history.unlink()

    def test_manager_configures_and_changes_all(self):
        env = self.env(user=self.manager)
        self.seg["A"].with_env(env).visit_interval_days = 15
        self.assertEqual(self.seg["A"].visit_interval_days, 15)
        other = env["crm.idic.interaction"].create(
            {"partner_id": self.partner.id, "summary": "x", "user_id": self.user.id}
        )
        other.summary = "edited by manager"

    def test_other_company_sees_nothing_of_ours(self):
        env = self.env(user=self.outsider, context={"allowed_company_ids": self.other_company.ids})
        segments = env["crm.idic.segment"].search([])
        self.assertTrue(segments)
        self.assertFalse(segments & self.seg["A"])
        self.assertFalse(env["crm.idic.interaction"].search([("id", "=", self.interaction.id)]))
        with self.assertRaises(AccessError):
            self.interaction.with_env(env).read(["summary"])
        with self.assertRaises(AccessError):
            env["crm.idic.score.band"].browse(
                env["crm.idic.score.band"].sudo().search([("company_id", "=", self.company.id)]).ids
            ).read(["score"])

    def test_portal_user_has_no_access(self):
        env = self.env(user=self.portal)
        with self.assertRaises(AccessError):
            env["crm.idic.interaction"].search([])
        with self.assertRaises(AccessError):
            env["crm.idic.segment.history"].search([])

    def test_recompute_action_needs_idic_group(self):
        plain = new_test_user(self.env, login="idic_plain", groups="base.group_user")
        with self.assertRaises(UserError) as caught:
            self.partner.with_user(plain).action_idic_recompute()
        self.assertIn("IDIC users", str(caught.exception))
        result = self.partner.with_user(self.user).action_idic_recompute()
        self.assertEqual(result["tag"], "display_notification")
        self.assertEqual(self.partner.idic_scored_date, self.today)
