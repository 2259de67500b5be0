"""The demo's past closings are recorded by the system, with their log entries."""

from datetime import timedelta

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    def test_demo_closing_times(self):
        ticket = self.env.ref("crm_idic_helpdesk.demo_ticket_vnpt_1", False)
        if not ticket:
            return  # installed without demo data
        self.assertTrue(ticket.stage_id.closed)
        self.assertEqual(ticket.closed_date - ticket.create_date, timedelta(hours=6))
        self.assertAlmostEqual(ticket.idic_resolution_hours, 6.0)
        log = self.env["crm.idic.interaction"].search(
            [("source_ref", "=", f"helpdesk.ticket,{ticket.id}")]
        )
        self.assertEqual(log.date, ticket.closed_date)

    def test_demo_ratings_came_through_the_rating_mechanism(self):
        ticket = self.env.ref("crm_idic_helpdesk.demo_ticket_minh_khoa_1", False)
        if not ticket:
            return  # installed without demo data
        rating = ticket.rating_ids
        self.assertEqual(len(rating), 1)
        self.assertTrue(rating.consumed)
        self.assertEqual(rating.partner_id, ticket.partner_id)
        self.assertEqual(rating.message_id.model, "helpdesk.ticket", "posted on the ticket")
        self.assertEqual(ticket.idic_customer_rating, 1)
        self.assertEqual(ticket.rating_last_value, 1, "Odoo's own figure agrees")
