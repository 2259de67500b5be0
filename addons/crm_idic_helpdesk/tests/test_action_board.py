"""The helpdesk signal of the IDIC action board: a complaint past its deadline."""

from odoo.tests import tagged

from .common import HelpdeskCase


@tagged("post_install", "-at_install")
class TestComplaintOnTheBoard(HelpdeskCase):
    def test_a_late_complaint_is_on_the_board_until_closed(self):
        partner = self.make_segment_customer("A", "Late customer")
        partner.user_id = self.agent
        with self.opened_at(self.hours_ago(30)):
            ticket = self.new_ticket(partner, idic_complaint_type_id=self.delivery.id)
        self.assertTrue(ticket.idic_is_complaint)
        Action = self.env["crm.idic.action"]
        Action._idic_refresh([partner.id])
        line = self.as_user(self.agent, Action).search(
            [("partner_id", "=", partner.id), ("signal_id.code", "=", "complaint_late")]
        )
        self.assertEqual(line.date_due, ticket.idic_deadline.date())
        self.assertIn(ticket.number, line.name)
        opened = line.action_do()
        self.assertEqual((opened["res_model"], opened["res_id"]), ("helpdesk.ticket", ticket.id))
        self.as_user(self.agent, ticket).stage_id = self.stage_done
        self.assertEqual(line.state, "done")
        self.assertEqual(line.closed_by_id, self.agent)

    def test_a_complaint_within_its_deadline_waits(self):
        self.seg["A"].helpdesk_service_hours = 72
        partner = self.make_segment_customer("A", "Fresh customer")
        self.new_ticket(partner, idic_complaint_type_id=self.delivery.id)
        self.env["crm.idic.action"]._idic_refresh([partner.id])
        lines = self.env["crm.idic.action"].search(
            [("partner_id", "=", partner.id), ("signal_id.code", "=", "complaint_late")]
        )
        self.assertFalse(lines, "due in three days, outside a window of 0 days")
