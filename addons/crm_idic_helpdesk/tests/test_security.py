"""System fields of a ticket, companies, complaint types."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import HelpdeskCase


@tagged("post_install", "-at_install")
class TestTicketSecurity(HelpdeskCase):
    def test_system_fields_cannot_be_written_by_rpc(self):
        ticket = self.new_ticket(self.make_segment_customer("A"), user=self.desk_manager)
        deadline = ticket.idic_deadline
        forged = {
            "idic_deadline": "2099-01-01 00:00:00",
            "idic_within_sla": True,
            "idic_resolution_hours": 0.5,
            "idic_service_hours": 1000,
            "closed_date": "2000-01-01 00:00:00",
        }
        for name, value in forged.items():
            with self.subTest(field=name), self.assertRaises(AccessError):
                ticket.write({name: value})
            with self.subTest(field=name, on="create"), self.assertRaises(AccessError):
                self.new_ticket(ticket.partner_id, user=self.desk_manager, **{name: value})
        with self.assertRaises(AccessError):
            self.env["helpdesk.ticket"].with_user(self.desk_manager).with_context(
                default_idic_within_sla=True
            ).create({"name": "x", "description": "<p>x</p>"})
        self.assertEqual(ticket.idic_deadline, deadline)

    def test_another_company_ticket_is_not_visible(self):
        other, _manager = self.make_other_company()
        outsider = self.helpdesk_user("hd_outsider", "helpdesk_mgmt.group_helpdesk_manager", other)
        theirs = self.new_ticket(
            self.env["res.partner"].create({"name": "Their customer", "company_id": other.id}),
            user=outsider,
        )
        ours = self.new_ticket(self.make_segment_customer("A"))
        Ticket = self.env["helpdesk.ticket"].with_user(self.desk_manager)
        found = Ticket.search([("id", "in", (theirs | ours).ids)])
        self.assertEqual(found, ours.with_user(self.desk_manager))
        with self.assertRaises(AccessError):
            theirs.with_user(self.desk_manager).read(["name"])

    def test_complaint_types_per_company(self):
        other, manager = self.make_other_company()
        theirs = self.user_env(manager)["crm.idic.complaint.type"].create(
            {"name": "Their type", "company_id": other.id}
        )
        Type = self.env["crm.idic.complaint.type"].with_user(self.agent)
        visible = Type.search([])
        self.assertIn(self.delivery, visible, "shipped types serve every company")
        self.assertNotIn(theirs, visible)
        with self.assertRaises(AccessError):
            Type.create({"name": "Not allowed"})
