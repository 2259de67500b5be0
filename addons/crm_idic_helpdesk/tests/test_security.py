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

    def test_sudo_and_default_keys_are_no_way_past(self):
        """Being the superuser is about access rights: it lets no closing time through."""
        ticket = self.new_ticket(self.make_segment_customer("A"), user=self.desk)
        as_desk = ticket.with_user(self.desk)
        with self.assertRaises(AccessError):
            as_desk.sudo().write({"closed_date": "2000-01-01 00:00:00"})
        with self.assertRaises(AccessError):
            as_desk.sudo().write({"idic_within_sla": True, "name": "Renamed"})
        Ticket = self.env["helpdesk.ticket"].with_user(self.desk)
        with self.assertRaises(AccessError):
            Ticket.sudo().create(
                {"name": "x", "description": "<p>x</p>", "idic_deadline": "2099-01-01 00:00:00"}
            )
        for key in ("default_closed_date", "default_idic_resolution_hours"):
            with self.subTest(key=key), self.assertRaises(AccessError):
                Ticket.with_context(**{key: "2000-01-01 00:00:00"}).create(
                    {"name": "x", "description": "<p>x</p>"}
                )
        # a closing time sent with a stage change is the client's, refused with it
        with self.assertRaises(AccessError):
            as_desk.write({"stage_id": self.stage_done.id, "closed_date": "2000-01-01 00:00:00"})
        self.assertEqual(ticket.stage_id, self.stage_new)
        self.assertFalse(ticket.closed_date)
        self.assertEqual(ticket.name, "Router does not start")

    def test_the_system_writes_the_closing_time(self):
        """A helpdesk user changes the stage; the closing time is the system's."""
        ticket = self.new_ticket(self.make_segment_customer("A"), user=self.desk)
        ticket.with_user(self.desk).write({"stage_id": self.stage_done.id, "priority": "2"})
        self.assertTrue(ticket.closed_date)
        self.assertEqual(ticket.priority, "2")
        self.assertTrue(ticket.idic_within_sla)
        # a ticket entered closed (an import) was closed when it was entered
        entered = self.new_ticket(ticket.partner_id, user=self.desk, stage_id=self.stage_done.id)
        self.assertTrue(entered.closed_date)
        self.assertEqual(
            self.env["crm.idic.interaction"].search_count(
                [("source_ref", "=", f"helpdesk.ticket,{entered.id}")]
            ),
            1,
        )

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
