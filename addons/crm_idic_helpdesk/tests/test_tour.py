from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestHelpdeskTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.user_admin").company_id
        cls.segment = cls.env["crm.idic.segment"].search(
            [("company_id", "=", cls.company.id), ("code", "=", "A")]
        )
        cls.segment.write({"helpdesk_service_hours": 8, "helpdesk_priority": "3"})

    def make_customer(self, name):
        partner = self.env["res.partner"].create(
            {"name": name, "is_company": True, "company_id": self.company.id}
        )
        partner._idic_system().write(
            {"idic_segment_override_id": self.segment.id, "idic_override_reason": "tour"}
        )
        return partner

    def make_ticket(self, name, partner, opened=None):
        """A ticket of ``partner`` opened at ``opened`` (the transaction's time)."""
        cursor = self.env.cr
        saved = cursor._now
        cursor._now = opened or saved
        try:
            return self.env["helpdesk.ticket"].create(
                {
                    "name": name,
                    "description": "<p>Tour</p>",
                    "partner_id": partner.id,
                    "company_id": self.company.id,
                }
            )
        finally:
            cursor._now = saved

    def test_ticket_shows_segment_and_deadline(self):
        ticket = self.make_ticket("Tour ticket", self.make_customer("Tour Strategic Customer"))
        self.assertTrue(ticket.idic_deadline)
        self.start_tour(
            f"/odoo/action-helpdesk_mgmt.helpdesk_ticket_action/{ticket.id}",
            "crm_idic_helpdesk_ticket_tour",
            login="admin",
        )
        self.assertTrue(ticket.idic_is_complaint, "the tour marked the ticket a complaint")

    def test_tickets_list_in_vietnamese(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        # what installing Vietnamese loads, for the helpdesk modules and ours
        self.env["ir.module.module"].search(
            [
                (
                    "name",
                    "in",
                    (
                        "helpdesk_mgmt",
                        "helpdesk_mgmt_rating",
                        "helpdesk_mgmt_sla",
                        "crm_idic_helpdesk",
                    ),
                )
            ]
        )._update_translations("vi_VN")
        new_test_user(
            self.env,
            login="hd_vi_tour",
            groups="helpdesk_mgmt.group_helpdesk_user",
            lang="vi_VN",
            tz="Asia/Ho_Chi_Minh",
            company_id=self.company.id,
        )
        customer = self.make_customer("VN tour customer")
        # 8 working hours from ten days ago have passed, whatever the company's calendar
        overdue = self.make_ticket(
            "VN tour overdue ticket", customer, fields.Datetime.now() - timedelta(days=10)
        )
        fresh = self.make_ticket("VN tour fresh ticket", customer)
        self.assertTrue(overdue.idic_overdue)
        self.assertFalse(fresh.idic_overdue)
        self.start_tour(
            "/odoo/action-helpdesk_mgmt.helpdesk_ticket_action",
            "crm_idic_helpdesk_list_vi_tour",
            login="hd_vi_tour",
        )
