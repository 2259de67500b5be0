"""The portal's close button, as two customers: each closes only their own tickets."""

from urllib.parse import urlencode

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPortalClose(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.customer_a = Partner.create({"name": "Portal Customer A", "is_company": True})
        cls.customer_b = Partner.create({"name": "Portal Customer B", "is_company": True})
        # each customer's buyer has a portal login
        cls.buyer_a = new_test_user(cls.env, login="hd_portal_a", groups="base.group_portal")
        cls.buyer_a.partner_id.parent_id = cls.customer_a
        cls.buyer_b = new_test_user(cls.env, login="hd_portal_b", groups="base.group_portal")
        cls.buyer_b.partner_id.parent_id = cls.customer_b
        Stage = cls.env["helpdesk.ticket.stage"]
        cls.stage_open = Stage.create({"name": "Portal open", "sequence": 1, "company_id": False})
        cls.stage_closed = Stage.create(
            {
                "name": "Portal solved",
                "sequence": 9,
                "closed": True,
                "close_from_portal": True,
                "company_id": False,
            }
        )
        cls.stage_staff_only = Stage.create(
            {"name": "Portal rejected", "sequence": 10, "closed": True, "company_id": False}
        )
        # ticket of the customer company itself, and one its buyer opened
        cls.ticket_a = cls._ticket(cls.customer_a, "Customer A's ticket")
        cls.ticket_a_buyer = cls._ticket(cls.buyer_a.partner_id, "A's buyer's ticket")
        cls.ticket_b = cls._ticket(cls.buyer_b.partner_id, "Customer B's ticket")

    @classmethod
    def _ticket(cls, partner, name):
        return cls.env["helpdesk.ticket"].create(
            {
                "name": name,
                "description": f"<p>{name}</p>",
                "partner_id": partner.id,
                "stage_id": cls.stage_open.id,
            }
        )

    def close(self, **params):
        """The portal's close form (a GET), without following the redirect."""
        return self.url_open(f"/ticket/close?{urlencode(params)}", allow_redirects=False)

    def closing_logs(self, ticket):
        return self.env["crm.idic.interaction"].search_count(
            [("source_ref", "=", f"helpdesk.ticket,{ticket.id}")]
        )

    def assert_untouched(self, ticket):
        ticket.invalidate_recordset()
        self.assertEqual(ticket.stage_id, self.stage_open)
        self.assertFalse(ticket.closed_date)
        self.assertFalse(self.closing_logs(ticket), "nothing logged, nothing counted")

    def test_own_tickets_close(self):
        self.authenticate("hd_portal_a", "hd_portal_a")
        for ticket in (self.ticket_a, self.ticket_a_buyer):
            response = self.close(ticket_id=ticket.id, stage_id=self.stage_closed.id)
            self.assertEqual(response.status_code, 302)
            self.assertTrue(response.headers["Location"].endswith(f"/my/ticket/{ticket.id}"))
            ticket.invalidate_recordset()
            self.assertEqual(ticket.stage_id, self.stage_closed)
            self.assertTrue(ticket.closed_date)
            self.assertEqual(self.closing_logs(ticket), 1)
        self.authenticate("hd_portal_b", "hd_portal_b")
        response = self.close(ticket_id=self.ticket_b.id, stage_id=self.stage_closed.id)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.ticket_b.stage_id, self.stage_closed)

    def test_a_stage_customers_may_not_close_in_changes_nothing(self):
        self.authenticate("hd_portal_a", "hd_portal_a")
        response = self.close(ticket_id=self.ticket_a.id, stage_id=self.stage_staff_only.id)
        self.assertEqual(response.status_code, 302, "as upstream: back to the ticket")
        self.assert_untouched(self.ticket_a)

    def test_another_customers_ticket_is_not_found(self):
        self.authenticate("hd_portal_b", "hd_portal_b")
        for ticket in (self.ticket_a, self.ticket_a_buyer):
            response = self.close(ticket_id=ticket.id, stage_id=self.stage_closed.id)
            self.assertEqual(response.status_code, 404)
            self.assert_untouched(ticket)

    def test_malformed_unknown_and_huge_ids_are_not_found(self):
        self.authenticate("hd_portal_a", "hd_portal_a")
        unknown = self.env["helpdesk.ticket"].search([], order="id desc", limit=1).id + 1000
        unknown_stage = self.env["helpdesk.ticket.stage"].search([], order="id desc", limit=1).id
        stage = self.stage_closed.id
        for params in (
            {"ticket_id": "abc", "stage_id": stage},
            {"ticket_id": "", "stage_id": stage},
            {"stage_id": stage},
            {"ticket_id": f"{self.ticket_a.id}.0", "stage_id": stage},
            {"ticket_id": f"-{self.ticket_a.id}", "stage_id": stage},
            {"ticket_id": "99999999999999999999", "stage_id": stage},
            {"ticket_id": 2**31, "stage_id": stage},
            {"ticket_id": unknown, "stage_id": stage},
            {"ticket_id": self.ticket_a.id},
            {"ticket_id": self.ticket_a.id, "stage_id": "done"},
            {"ticket_id": self.ticket_a.id, "stage_id": "99999999999999999999"},
            {"ticket_id": self.ticket_a.id, "stage_id": unknown_stage + 1000},
        ):
            with self.subTest(params=params):
                response = self.close(**params)
                self.assertEqual(response.status_code, 404)
        self.assert_untouched(self.ticket_a)
