"""How a ticket reads: its name before it is saved, and the overdue mark of the list."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import HelpdeskCase

SPEC = {"name": {}, "number": {}, "display_name": {}}


@tagged("post_install", "-at_install")
class TestTicketDisplay(HelpdeskCase):
    def new_form_name(self, env):
        """The display name the form of a new ticket shows (the web client's onchange)."""
        result = env["helpdesk.ticket"].onchange({}, [], SPEC)
        return result["value"]["display_name"]

    def test_new_ticket_reads_new_ticket_not_slash_false(self):
        env = self.user_env(self.desk)
        self.assertEqual(self.new_form_name(env), "New ticket")
        typed = env["helpdesk.ticket"].new({"name": "Router does not start"})
        self.assertEqual(typed.display_name, "Router does not start")
        ticket = self.new_ticket(self.make_customer("Saved"), user=self.desk, name="Saved one")
        self.assertNotEqual(ticket.number, "/")
        self.assertEqual(ticket.display_name, f"{ticket.number} - Saved one", "helpdesk_mgmt's")

    def test_new_ticket_name_is_translated(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        env = self.user_env(self.desk)(context={"lang": "vi_VN"})
        self.assertEqual(self.new_form_name(env), "Phiếu hỗ trợ mới")

    def test_overdue_is_open_and_past_its_deadline(self):
        partner = self.make_segment_customer("A")  # 8 hours, round the clock
        with self.opened_at(self.hours_ago(10)):
            late = self.new_ticket(partner, name="Late")
            closed_late = self.new_ticket(partner, name="Closed late")
        on_time = self.new_ticket(partner, name="On time")
        no_deadline = self.new_ticket(self.make_segment_customer("D"), name="No deadline")
        closed_late.with_user(self.desk).stage_id = self.stage_done
        tickets = (late | closed_late | on_time | no_deadline).with_user(self.desk)
        self.assertEqual(tickets.filtered("idic_overdue"), late)
        Ticket = self.user_env(self.desk)["helpdesk.ticket"]
        self.assertEqual(
            Ticket.search([("id", "in", tickets.ids), ("idic_overdue", "=", True)]), late
        )
        self.assertEqual(
            Ticket.search([("id", "in", tickets.ids), ("idic_overdue", "=", False)]),
            tickets - late,
        )
        self.assertEqual(
            Ticket.search([("id", "in", tickets.ids), ("idic_overdue", "!=", True)]),
            tickets - late,
        )
        with self.assertRaises(UserError):
            Ticket.search([("idic_overdue", "in", [True])])

    def test_list_highlights_overdue_and_shows_the_customer(self):
        arch = self.user_env(self.desk)["helpdesk.ticket"].get_views([(False, "list")])["views"][
            "list"
        ]["arch"]
        self.assertIn('decoration-danger="idic_overdue"', arch)
        self.assertRegex(arch, r'<field name="partner_id"[^>]*optional="show"')
        self.assertRegex(arch, r'<field name="partner_name"[^>]*optional="hide"')
