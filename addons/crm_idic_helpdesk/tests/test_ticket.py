"""Segment policy on tickets, resolution times, ratings and the interaction log."""

from datetime import timedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import HelpdeskCase


@tagged("post_install", "-at_install")
class TestTicketPolicy(HelpdeskCase):
    def test_segment_gives_priority_and_deadline(self):
        partner = self.make_segment_customer("A")
        contact = self.make_customer("Buyer", is_company=False, parent_id=partner.id)
        ticket = self.new_ticket(contact)
        self.assertEqual(ticket.priority, "3", "segment A's priority when none was chosen")
        self.assertEqual(ticket.idic_segment_id, self.seg["A"])
        self.assertEqual(ticket.idic_current_segment_id, self.seg["A"])
        self.assertEqual(ticket.idic_service_hours, 8)
        # to the second: a deadline past midnight (UTC) starts the next day's interval of
        # the round-the-clock calendar, and is rounded to the second there
        self.assertAlmostEqual(
            ticket.idic_deadline,
            ticket.create_date + timedelta(hours=8),
            delta=timedelta(seconds=1),
        )
        chosen = self.new_ticket(partner, priority="0")
        self.assertEqual(chosen.priority, "0", "the creator's choice is kept")

    def test_snapshot_keeps_the_deadline_when_the_policy_changes(self):
        partner = self.make_segment_customer("A")
        ticket = self.new_ticket(partner)
        deadline = ticket.idic_deadline
        self.seg["A"].with_user(self.manager).helpdesk_service_hours = 2
        partner._idic_system().write({"idic_segment_override_id": self.seg["B"].id})
        self.assertEqual(ticket.idic_segment_id, self.seg["A"], "segment at opening")
        self.assertEqual(ticket.idic_current_segment_id, self.seg["B"])
        self.assertEqual(ticket.idic_deadline, deadline)

    def test_segment_without_service_level_and_customer_without_segment(self):
        ticket = self.new_ticket(self.make_segment_customer("D"))
        self.assertFalse(ticket.idic_deadline)
        self.assertEqual(ticket.priority, "1", "the helpdesk's default priority")
        ticket = self.new_ticket(self.make_customer("Unscored"))
        self.assertFalse(ticket.idic_segment_id)
        self.assertFalse(ticket.idic_deadline)

    def test_form_takes_the_segment_priority(self):
        partner = self.make_segment_customer("A")
        form = Form(self.env["helpdesk.ticket"].with_user(self.agent))
        form.name = "Broken switch"
        form.description = "<p>Broken</p>"
        form.partner_id = partner
        self.assertEqual(form.priority, "3")
        form.priority = "1"
        self.assertEqual(form.save().priority, "1")

    def test_negative_service_hours_are_refused(self):
        segment = self.seg["B"].with_user(self.manager)
        before = segment.helpdesk_service_hours
        with self.assertRaises(ValidationError) as caught:
            segment.helpdesk_service_hours = -4
        self.assertIn("zero or more hours", str(caught.exception))
        self.assertEqual(segment.helpdesk_service_hours, before, "nothing written")

    def test_helpdesk_user_without_idic_rights(self):
        ticket = self.new_ticket(self.make_segment_customer("A"), user=self.desk)
        self.assertEqual(ticket.priority, "3")
        self.assertTrue(ticket.idic_deadline, "the deadline is for every helpdesk user")
        with self.assertRaises(AccessError):  # assessments are for IDIC users
            ticket.read(["idic_segment_id"])
        self.assertEqual(ticket.sudo().idic_segment_id, self.seg["A"])


@tagged("post_install", "-at_install")
class TestTicketClosing(HelpdeskCase):
    def test_closing_measures_and_logs_an_interaction(self):
        partner = self.make_segment_customer("A")
        with self.opened_at(self.hours_ago(6)):
            ticket = self.new_ticket(
                partner, user=self.desk, idic_complaint_type_id=self.delivery.id
            )
        self.assertTrue(ticket.idic_is_complaint, "a complaint type makes a complaint")
        self.assertFalse(ticket.idic_resolution_hours)
        ticket.stage_id = self.stage_done
        self.assertAlmostEqual(ticket.idic_resolution_hours, 6, delta=0.1)
        self.assertTrue(ticket.idic_within_sla)
        log = self.env["crm.idic.interaction"].search(
            [("source_ref", "=", f"helpdesk.ticket,{ticket.id}")]
        )
        self.assertEqual(len(log), 1)
        self.assertEqual(log.partner_id, partner)
        self.assertEqual(log.interaction_type, "complaint")
        self.assertEqual(log.channel, "helpdesk")
        self.assertEqual(log.company_id, self.company)
        self.assertIn(ticket.number, log.summary)
        self.assertIn("helpdesk.ticket", [m for m, _label in log._selection_source_ref()])
        # a closed ticket saved again is not logged twice
        ticket.stage_id = self.stage_done
        ticket.name = "Router does not start at all"
        self.assertEqual(
            self.env["crm.idic.interaction"].search_count(
                [("source_ref", "=", f"helpdesk.ticket,{ticket.id}")]
            ),
            1,
        )

    def test_late_resolution(self):
        with self.opened_at(self.hours_ago(30)):
            ticket = self.new_ticket(self.make_segment_customer("A"))
        ticket.write({"stage_id": self.stage_done.id})
        self.assertAlmostEqual(ticket.idic_resolution_hours, 30, delta=0.1)
        self.assertFalse(ticket.idic_within_sla, "8 hours for segment A")
        self.rate(ticket, 1, "Far too slow")
        self.assertEqual(ticket.idic_customer_rating, 1)

    def test_ticket_without_customer_is_not_logged(self):
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.desk)
            .create({"name": "Anonymous", "description": "<p>?</p>", "stage_id": self.stage_new.id})
        )
        ticket.stage_id = self.stage_done
        self.assertFalse(
            self.env["crm.idic.interaction"].search(
                [("source_ref", "=", f"helpdesk.ticket,{ticket.id}")]
            )
        )

    def test_customer_measures(self):
        partner = self.make_segment_customer("A")
        ratings = {2: 5, 4: 5, 6: None, 10: 3, 20: 1}  # hours to resolve: the rating
        for hours, rating in ratings.items():
            with self.opened_at(self.hours_ago(hours)):
                ticket = self.new_ticket(partner, idic_is_complaint=True)
            ticket.write({"stage_id": self.stage_done.id})
            if rating:
                self.rate(ticket, rating)
        self.new_ticket(partner, idic_is_complaint=True)  # still open
        given = [rating for rating in ratings.values() if rating]
        seen = self.as_user(self.user, partner)  # a salesman: no helpdesk rights
        self.assertEqual(seen.idic_open_complaint_count, 1)
        self.assertEqual(seen.idic_complaints_opened, 6)
        self.assertEqual(seen.idic_complaints_closed, 5)
        self.assertEqual(seen.idic_tickets_closed, 5)
        self.assertAlmostEqual(seen.idic_resolution_avg, 8.4, delta=0.1)
        self.assertAlmostEqual(seen.idic_resolution_p90, 16, delta=0.1)
        self.assertAlmostEqual(seen.idic_within_sla_rate, 60.0)
        self.assertAlmostEqual(seen.idic_ticket_rating, sum(given) / len(given))  # 3.5
        self.assertAlmostEqual(
            seen.idic_ticket_satisfied_rate,
            100 * sum(1 for rating in given if rating >= 4) / len(given),  # 50 %
        )

    def test_customer_closing_from_the_portal_is_logged_without_a_user(self):
        partner = self.make_segment_customer("A")
        ticket = self.new_ticket(partner, user_id=False)
        # the portal's close button writes the stage as superuser, for the portal user
        ticket.with_user(self.portal_user).sudo().stage_id = self.stage_done
        log = self.env["crm.idic.interaction"].search(
            [("source_ref", "=", f"helpdesk.ticket,{ticket.id}")]
        )
        self.assertEqual(len(log), 1)
        self.assertFalse(log.user_id, "a customer is not the responsible of the contact")
