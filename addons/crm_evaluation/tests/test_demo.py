"""The demo data reaches its states through the workflow and the system, as a company's
data would (nothing written around the guard of system fields)."""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    def test_demo_states(self):
        report = self.env.ref("crm_evaluation.demo_weekly_report_last_week", False)
        if not report:
            return  # installed without demo data
        admin = self.env.ref("base.user_admin")
        self.assertEqual(report.state, "reviewed")
        self.assertEqual(report.reviewed_by_id, admin)
        self.assertTrue(report.manager_comment)
        campaign = self.env.ref("crm_evaluation.demo_survey_campaign_dealers")
        self.assertEqual(campaign.state, "sent")
        self.assertTrue(campaign.sent_date)
        self.assertEqual(len(campaign.user_input_ids), 4)
        self.assertEqual(campaign.answered_count, 3)
        answered = self.env.ref("crm_idic.demo_partner_hoa_phat_kd")
        self.assertEqual(answered.evaluation_satisfaction_score, 100.0)
        approved = self.env.ref("crm_evaluation.demo_period_month_2")
        self.assertEqual(approved.state, "approved")

    def test_the_demo_reads_as_its_administrator(self):
        company = self.env.ref("crm_idic.demo_company_vn", False)
        if not company:
            return  # installed without demo data
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["crm_evaluation"], ["vi_VN"])
        periods = self.env["crm.evaluation.period"].search(
            [("company_id", "=", company.id), ("state", "=", "computed")]
        )
        self.assertTrue(periods)
        # what scripts/demo does: the administrator, renamed and reading Vietnamese
        company._crm_idic_demo_ready()
        cards = periods.scorecard_ids
        self.assertTrue(cards)
        self.assertNotIn(self.env.ref("base.user_root"), cards.user_id, "no card for OdooBot")
        notes = " ".join(filter(None, cards.mapped("rank_note")))
        self.assertNotIn("Mitchell", notes)
        self.assertNotIn("Tied with", notes)
        if notes:
            self.assertIn("Đồng hạng với", notes)
