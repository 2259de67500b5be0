from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestIdicTour(HttpCase):
    def test_customer_idic_tab_and_interaction(self):
        partner = self.env["res.partner"].create(
            {"name": "Tour Customer IDIC", "is_company": True, "idic_customer_group": "project"}
        )
        partner._idic_recompute(partner.create_date.date())
        self.start_tour(
            f"/odoo/action-crm_idic.action_idic_customers/{partner.id}",
            "crm_idic_customer_tour",
            login="admin",
        )
        interaction = self.env["crm.idic.interaction"].search([("partner_id", "=", partner.id)])
        self.assertEqual(interaction.summary, "Tour visit to the customer")
        self.assertEqual(interaction.channel, "visit")
