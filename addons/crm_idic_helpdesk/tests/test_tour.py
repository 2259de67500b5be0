from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestHelpdeskTour(HttpCase):
    def test_ticket_shows_segment_and_deadline(self):
        admin = self.env.ref("base.user_admin")
        company = admin.company_id
        segment = self.env["crm.idic.segment"].search(
            [("company_id", "=", company.id), ("code", "=", "A")]
        )
        segment.write({"helpdesk_service_hours": 8, "helpdesk_priority": "3"})
        partner = self.env["res.partner"].create(
            {"name": "Tour Strategic Customer", "is_company": True, "company_id": company.id}
        )
        partner._idic_system().write(
            {"idic_segment_override_id": segment.id, "idic_override_reason": "tour"}
        )
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Tour ticket",
                "description": "<p>Tour</p>",
                "partner_id": partner.id,
                "company_id": company.id,
            }
        )
        self.assertTrue(ticket.idic_deadline)
        self.start_tour(
            f"/odoo/action-helpdesk_mgmt.helpdesk_ticket_action/{ticket.id}",
            "crm_idic_helpdesk_ticket_tour",
            login="admin",
        )
        self.assertTrue(ticket.idic_is_complaint, "the tour marked the ticket a complaint")
