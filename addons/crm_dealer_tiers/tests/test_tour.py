from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDealerTour(HttpCase):
    """Submit an application and see the recommended tier, then the network tree."""

    def make_dealer(self, name, tier, parent=None):
        partner = self.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "idic_customer_group": "dealer",
                "dealer_parent_id": parent.id if parent else False,
            }
        )
        partner._dealer_set_tier(self.env.ref(f"crm_dealer_tiers.{tier}"), "contract")
        return partner

    def test_submit_an_application_and_see_the_recommended_tier(self):
        # a network to see as a tree at the end: two roots, one with a sub-dealer
        top = self.make_dealer("Tour Distributor", "tier_distributor")
        self.make_dealer("Tour Agent", "tier_level_1", parent=top)
        self.make_dealer("Tour Other Distributor", "tier_distributor")
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
