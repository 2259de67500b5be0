from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDealerTour(HttpCase):
    def test_submit_an_application_and_see_the_recommended_tier(self):
        self.start_tour(
            "/odoo/action-crm_dealer_tiers.action_dealer_application/new",
            "crm_dealer_tiers_application_tour",
            login="admin",
        )
        app = self.env["crm.dealer.application"].search(
            [("applicant_name", "=", "Tour Dealer Shop")]
        )
        self.assertEqual(app.state, "submitted")
        self.assertEqual(app.recommended_tier_id, self.env.ref("crm_dealer_tiers.tier_level_1"))
