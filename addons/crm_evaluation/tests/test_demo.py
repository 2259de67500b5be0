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
