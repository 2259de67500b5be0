"""An evaluation period computed from real tickets."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import new_test_user, tagged

from odoo.addons.crm_idic_helpdesk.tests.common import HelpdeskCase


@tagged("post_install", "-at_install")
class TestPeriodTickets(HelpdeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.analyst = new_test_user(
            cls.env,
            login="hd_analyst",
            groups="crm_evaluation.group_evaluation_user",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.seg["B"].write({"helpdesk_service_hours": 24})

    def close(self, partner, hours, rating=None, complaint=True):
        """A ticket of ``partner`` opened ``hours`` ago, closed now by the desk, rated
        ``rating`` by the customer from the rating email."""
        with self.opened_at(self.hours_ago(hours)):
            ticket = self.new_ticket(partner, idic_is_complaint=complaint)
        ticket.with_user(self.desk).write({"stage_id": self.stage_done.id})
        if rating:
            self.rate(ticket, rating)
        return ticket

    @staticmethod
    def satisfied_rate(ratings):
        """% of ``ratings`` that say satisfied (4 or more out of 5)."""
        return 100 * sum(1 for rating in ratings if rating >= 4) / len(ratings)

    def lines(self, period, dimension="total", segment=None):
        return {
            line.measure: line
            for line in period.line_ids
            if line.dimension == dimension and line.segment_id == (segment or line.segment_id)
        }

    def test_period_measures_tickets_in_total_and_per_segment(self):
        a = self.make_segment_customer("A", "Strategic")
        b = self.make_segment_customer("B", "Priority")
        rated_a, rated_b = [5, 3, 5], [1]  # Odoo's smileys: 5, 3 or 1
        self.close(a, 2, rated_a[0])
        self.close(a, 4, rated_a[1])
        self.close(a, 10, rated_a[2], complaint=False)  # late: segment A has 8 hours
        self.close(b, 30, rated_b[0])  # late: segment B has 24 hours
        self.close(b, 20)
        self.new_ticket(a, idic_is_complaint=True)  # opened, still open
        old = self.close(b, 5, 3)
        # set-up: closed long ago, as the system records it
        old.with_env(self.env)._idic_system().write(
            {"closed_date": fields.Datetime.now() - timedelta(days=40)}
        )
        self.new_ticket(self.make_segment_customer("A", "Asking"))  # no complaint, open

        today = fields.Date.context_today(self.analyst)
        period = (
            self.env["crm.evaluation.period"]
            .with_user(self.analyst)
            .create(
                {
                    "name": "This week",
                    "kind": "weekly",
                    "company_id": self.company.id,
                    "date_from": today - timedelta(days=3),
                    "date_to": today + timedelta(days=3),
                }
            )
        )
        period.action_compute()

        total = self.lines(period)
        self.assertEqual(total["complaints_opened"].value, 6, "opened in the week")
        self.assertEqual(total["complaints_closed"].value, 4, "the old one closed before")
        self.assertAlmostEqual(total["ticket_resolution_avg"].value, 13.2, delta=0.1)
        self.assertEqual(total["ticket_resolution_avg"].denominator, 5)
        self.assertAlmostEqual(total["ticket_resolution_p90"].value, 26.0, delta=0.1)
        self.assertAlmostEqual(total["tickets_in_time"].value, 60.0)
        self.assertEqual(total["tickets_in_time"].numerator, 3)
        self.assertEqual(total["tickets_in_time"].denominator, 5)
        rated = rated_a + rated_b
        self.assertAlmostEqual(total["ticket_rating"].value, sum(rated) / len(rated))  # 3.5
        self.assertEqual(total["ticket_rating"].numerator, sum(rated))
        self.assertEqual(total["ticket_rating"].denominator, 4)
        self.assertAlmostEqual(total["tickets_satisfied"].value, self.satisfied_rate(rated))
        self.assertEqual(total["tickets_satisfied"].numerator, 2)
        self.assertEqual(total["tickets_satisfied"].denominator, 4)
        self.assertEqual(total["tickets_satisfied"].value_text, "50.0 %")

        seg_a = self.lines(period, "segment", self.seg["A"])
        self.assertEqual(seg_a["complaints_opened"].value, 3)
        self.assertEqual(seg_a["complaints_closed"].value, 2)
        self.assertAlmostEqual(seg_a["ticket_resolution_avg"].value, 16 / 3, delta=0.1)
        self.assertAlmostEqual(seg_a["tickets_in_time"].value, 200 / 3)
        self.assertAlmostEqual(seg_a["ticket_rating"].value, sum(rated_a) / 3)
        self.assertAlmostEqual(seg_a["tickets_satisfied"].value, self.satisfied_rate(rated_a))
        seg_b = self.lines(period, "segment", self.seg["B"])
        self.assertEqual(seg_b["complaints_closed"].value, 2)
        self.assertAlmostEqual(seg_b["tickets_in_time"].value, 50.0)
        self.assertAlmostEqual(seg_b["ticket_rating"].value, 1.0)
        self.assertEqual(seg_b["tickets_satisfied"].value, 0, "dissatisfied")
        self.assertEqual(seg_b["tickets_satisfied"].denominator, 1)
        self.assertAlmostEqual(seg_b["ticket_resolution_p90"].value, 29.0, delta=0.1)

    def test_scorecard_counts_the_complaints_each_salesperson_closed(self):
        self.env["crm.team"].create(
            {
                "name": "Care desk",
                "company_id": self.company.id,
                "member_ids": [Command.link(self.desk.id)],
            }
        )
        a = self.make_segment_customer("A", "Strategic")
        for hours, complaint in ((2, True), (3, True), (4, False)):
            with self.opened_at(self.hours_ago(hours)):
                ticket = self.new_ticket(a, idic_is_complaint=complaint, user_id=self.desk.id)
            ticket.with_user(self.desk).write({"stage_id": self.stage_done.id})
        self.new_ticket(a, idic_is_complaint=True, user_id=self.desk.id)  # still open
        period = (
            self.env["crm.evaluation.period"]
            .with_user(self.analyst)
            .create({"name": "Desk month", "kind": "monthly", "company_id": self.company.id})
        )
        period.action_compute()
        card = self.env["crm.evaluation.scorecard"].search(
            [("period_id", "=", period.id), ("user_id", "=", self.desk.id)]
        )
        self.assertEqual(card.complaints_handled, 2, "closed complaints only, not the open one")

    def test_period_without_tickets_measures_nothing(self):
        period = (
            self.env["crm.evaluation.period"]
            .with_user(self.analyst)
            .create({"name": "Empty", "kind": "monthly", "company_id": self.company.id})
        )
        period.action_compute()
        total = self.lines(period)
        self.assertEqual(total["complaints_opened"].value, 0)
        self.assertEqual(total["ticket_resolution_avg"].value, 0)
        self.assertEqual(total["ticket_resolution_avg"].denominator, 0, "nothing measured")
        self.assertEqual(total["tickets_in_time"].denominator, 0)
        self.assertEqual(total["tickets_satisfied"].denominator, 0)
