"""The customer's rating of a ticket is Odoo's (helpdesk_mgmt_rating): given from the
rating email or the portal, shown on the ticket and on the customer's IDIC tab."""

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import HelpdeskCase


@tagged("post_install", "-at_install")
class TestCustomerRating(HelpdeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.make_segment_customer("A", "Rating customer")
        cls.buyer = cls.make_customer("Rating buyer", is_company=False, parent_id=cls.customer.id)

    def closed_ticket(self, partner=None, **vals):
        """A ticket the administrator opens for ``partner`` (default: the buyer),
        assigns to the agent and closes."""
        ticket = self.new_ticket(partner or self.buyer, user=self.admin, user_id=self.agent.id)
        ticket.with_user(self.admin).write({"stage_id": self.stage_done.id, **vals})
        return ticket

    def tab(self):
        """The customer's IDIC tab as the salesman reads it (no helpdesk rights)."""
        return self.as_user(self.user, self.customer)

    def test_a_rating_from_the_email_shows_on_the_ticket_and_the_tab(self):
        first = self.closed_ticket()
        rating = self.rate(first, 5, "Fast and friendly")
        self.assertEqual(first.idic_customer_rating, 5)
        self.assertTrue(rating.consumed)
        self.assertEqual((rating.res_model, rating.res_id), ("helpdesk.ticket", first.id))
        self.assertEqual(rating.partner_id, self.buyer, "the customer who was asked rated")
        self.assertEqual(rating.rated_partner_id, self.agent.partner_id)
        self.assertEqual(rating.feedback, "Fast and friendly")
        self.assertEqual(rating.rating_text, "top")
        self.assertEqual(
            (self.tab().idic_ticket_rating, self.tab().idic_ticket_satisfied_rate), (5, 100)
        )

        second = self.closed_ticket()
        self.rate(second, 1)
        self.closed_ticket()  # not rated: not in the ratings
        self.tab().invalidate_recordset()
        given = [5, 1]
        self.assertAlmostEqual(self.tab().idic_ticket_rating, sum(given) / len(given))
        self.assertAlmostEqual(self.tab().idic_ticket_satisfied_rate, 100 * 1 / len(given))
        self.assertEqual(self.tab().idic_tickets_closed, 3)

    def test_the_customers_latest_rating_counts(self):
        ticket = self.closed_ticket()
        token = ticket._rating_get_access_token()
        ticket.sudo().rating_apply(1, token=token)
        self.assertEqual(ticket.idic_customer_rating, 1)
        # the customer changes their mind from the same email
        ticket.sudo().rating_apply(3, token=token)
        self.assertEqual(ticket.idic_customer_rating, 3)
        self.assertEqual(len(ticket.rating_ids), 1)
        # reopened, closed again, asked again
        ticket.with_user(self.admin).stage_id = self.stage_new
        ticket.with_user(self.admin).stage_id = self.stage_done
        self.rate(ticket, 5)
        self.assertEqual(len(ticket.rating_ids.filtered("consumed")), 2)
        self.assertEqual(ticket.idic_customer_rating, 5)
        self.assertEqual(self.tab().idic_ticket_rating, 5, "one ticket, its latest rating")

    def test_a_rating_an_employee_posts_is_not_the_customers(self):
        ticket = self.closed_ticket()
        self.rate(ticket, 1)
        # a chatter message with a rating (an RPC call of message_post) is the agent's
        ticket.with_user(self.agent).message_post(body="All good!", rating_value=5)
        posted = ticket.rating_ids.filtered(lambda r: r.partner_id == self.agent.partner_id)
        self.assertEqual(posted.rating, 5)
        self.assertEqual(ticket.idic_customer_rating, 1)
        self.assertEqual(self.tab().idic_ticket_rating, 1)

    def test_the_rating_request_email_carries_the_customers_token(self):
        self.stage_done.rating_mail_template_id = self.env.ref(
            "helpdesk_mgmt_rating.rating_ticket_email_template"
        )
        self.buyer.email = "buyer@example.com"
        ticket = self.closed_ticket()
        request = ticket.rating_ids.filtered(lambda r: not r.consumed)
        self.assertEqual(request.partner_id, self.buyer)
        message = ticket.message_ids.filtered(lambda m: request.access_token in (m.body or ""))
        self.assertTrue(message, "the email holds the links with the token")
        self.assertFalse(ticket.idic_customer_rating, "asked, not rated yet")
        ticket.sudo().rating_apply(3, token=request.access_token)
        self.assertEqual(ticket.idic_customer_rating, 3)


@tagged("post_install", "-at_install")
class TestRatingSecurity(HelpdeskCase):
    """A rating is the customer's word: the helpdesk cannot forge or change it."""

    def test_a_helpdesk_user_cannot_write_a_customers_rating(self):
        customer = self.make_segment_customer("A", "Rated customer")
        ticket = self.new_ticket(customer, user=self.desk, user_id=self.desk.id)
        ticket.with_user(self.desk).stage_id = self.stage_done
        rating = self.rate(ticket, 1, "Too slow")
        as_desk = rating.with_user(self.desk)
        self.assertEqual(as_desk.rating, 1, "the desk reads the rating")
        with self.assertRaises(AccessError):
            as_desk.write({"rating": 5})
        with self.assertRaises(AccessError):
            as_desk.write({"feedback": "Great"})
        with self.assertRaises(AccessError):
            as_desk.reset()
        with self.assertRaises(AccessError):  # nor a rating in the customer's name
            self.env["rating.rating"].with_user(self.desk).create(
                {
                    "res_model_id": self.env["ir.model"]._get_id("helpdesk.ticket"),
                    "res_id": ticket.id,
                    "partner_id": customer.id,
                    "rating": 5,
                    "consumed": True,
                }
            )
        with self.assertRaises(AccessError):  # as in Odoo, no employee deletes a rating
            as_desk.unlink()
        with self.assertRaises(AccessError):  # nor the computed value
            ticket.with_user(self.desk).write({"idic_customer_rating": 5})
        with self.assertRaises(AccessError):
            ticket.with_user(self.desk).write({"idic_deadline": "2099-01-01 00:00:00"})
        self.assertEqual((rating.rating, rating.feedback), (1, "Too slow"))
        self.assertEqual(ticket.idic_customer_rating, 1)
        # the administrator corrects what has to be corrected
        rating.with_user(self.admin).feedback = "Too slow (phone call)"
        self.assertEqual(rating.feedback, "Too slow (phone call)")


@tagged("post_install", "-at_install")
class TestRatingFromThePortal(HttpCase):
    def test_the_customer_rates_from_the_rating_page(self):
        admin = self.env.ref("base.user_admin")
        customer = self.env["res.partner"].create(
            {"name": "Rating Portal Customer", "is_company": True}
        )
        buyer = new_test_user(self.env, login="hd_rating_buyer", groups="base.group_portal")
        buyer.partner_id.parent_id = customer
        solved = self.env["helpdesk.ticket.stage"].create(
            {"name": "Rating solved", "sequence": 9, "closed": True, "company_id": False}
        )
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(admin)
            .create(
                {
                    "name": "Rated from the portal",
                    "description": "<p>x</p>",
                    "partner_id": buyer.partner_id.id,
                    "user_id": admin.id,
                }
            )
        )
        ticket.stage_id = solved
        token = ticket._rating_get_access_token()  # what the rating email links to

        self.authenticate("hd_rating_buyer", "hd_rating_buyer")
        page = self.url_open(f"/rate/{token}/5")
        self.assertEqual(page.status_code, 200)
        response = self.url_open(
            f"/rate/{token}/submit_feedback",
            data={"rate": 5, "feedback": "Thank you", "csrf_token": http.Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 200)

        ticket.invalidate_recordset()
        self.assertEqual(ticket.idic_customer_rating, 5)
        self.assertEqual(ticket.rating_ids.feedback, "Thank you")
        tab = customer.with_user(admin)
        self.assertEqual((tab.idic_ticket_rating, tab.idic_ticket_satisfied_rate), (5, 100))
