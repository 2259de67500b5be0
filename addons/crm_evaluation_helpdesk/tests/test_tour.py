"""The CRM committee member reads the ticket measures of a period, in Vietnamese."""

from datetime import datetime, timedelta

from odoo import Command
from odoo.tests import tagged

from odoo.addons.crm_evaluation.tests import committee_tour


@tagged("post_install", "-at_install")
class TestEvaluationHelpdeskTourVi(committee_tour.CommitteeTourCase):
    """November 2026 in a company whose care team works round the clock; its customer is
    in segment A (8 hours to resolve a ticket). Tickets opened at 02:00 UTC on the day given:

    ======  =========  ==================  ============  ======
    day     complaint  closed after        in time       rating
    ======  =========  ==================  ============  ======
    2/11    yes        2 hours             yes           5
    3/11    yes        4 hours             yes           3
    4/11    no         6 hours             yes           5
    5/11    yes        12 hours            no            1
    6/11    yes        still open
    ======  =========  ==================  ============  ======
    """

    modules = ("helpdesk_mgmt", "crm_idic_helpdesk", "crm_evaluation_helpdesk")

    def test_committee_reads_complaints_resolution_and_ratings_in_vietnamese(self):
        company = self.company
        round_the_clock = self.env["resource.calendar"].create(
            {
                "name": "Cả ngày",
                "tz": "UTC",
                "company_id": company.id,
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": f"Ngày {day} {start}h",
                            "dayofweek": str(day),
                            "hour_from": start,
                            "hour_to": start + 12,
                            "day_period": "morning" if start < 12 else "afternoon",
                        }
                    )
                    for day in range(7)
                    for start in (0, 12)
                ],
            }
        )
        # the company's care team works round the clock
        team = self.env["helpdesk.ticket.team"].create(
            {
                "name": "Chăm sóc khách hàng",
                "company_id": company.id,
                "resource_calendar_id": round_the_clock.id,
            }
        )
        segment = self.env["crm.idic.segment"].search(
            [("company_id", "=", company.id), ("code", "=", "A")]
        )
        segment.helpdesk_service_hours = 8
        customer = self.env["res.partner"].create(
            {"name": "Công ty Minh Phát", "is_company": True, "company_id": company.id}
        )
        customer._idic_system().write(
            {"idic_segment_override_id": segment.id, "idic_override_reason": "Khách chiến lược"}
        )
        Stage = self.env["helpdesk.ticket.stage"]
        new = Stage.create({"name": "Mới", "sequence": 1, "company_id": False})
        done = Stage.create(
            {"name": "Đã giải quyết", "sequence": 9, "closed": True, "company_id": False}
        )
        Ticket = self.env["helpdesk.ticket"].with_company(company)
        cursor = self.env.cr
        for day, complaint, hours, rating in (
            (2, True, 2, 5),
            (3, True, 4, 3),
            (4, False, 6, 5),
            (5, True, 12, 1),
            (6, True, None, None),
        ):
            opened = datetime(2026, 11, day, 2)
            saved, cursor._now = cursor._now, opened  # opened then
            try:
                ticket = Ticket.create(
                    {
                        "name": f"Phiếu ngày {day}/11",
                        "description": "<p>Bộ định tuyến không khởi động.</p>",
                        "partner_id": customer.id,
                        "company_id": company.id,
                        "team_id": team.id,
                        "stage_id": new.id,
                        "idic_is_complaint": complaint,
                    }
                )
            finally:
                cursor._now = saved
            # the team works round the clock: due 8 hours after the opening
            self.assertEqual(ticket.idic_deadline, opened + timedelta(hours=8))
            if hours is None:
                continue
            ticket.stage_id = done
            ticket._idic_backdate_closing(opened.replace(hour=2 + hours))
            # the customer rates it from the rating email
            ticket.sudo().rating_apply(rating, token=ticket._rating_get_access_token())
        self.assertEqual(ticket.idic_segment_id, segment)

        period = self.computed_period()
        vnd = {}
        for dimension, keys in (("total", {}), ("segment", {"segment_id": segment})):
            lines = self.measures(period, dimension, **keys)
            self.assertReads(lines["complaints_opened"], 4, "4")
            self.assertReads(lines["complaints_closed"], 3, "3")
            self.assertReads(lines["ticket_resolution_avg"], 6, "6")
            self.assertReads(lines["ticket_resolution_p90"], 10.2, "10,20")
            self.assertReads(lines["tickets_in_time"], 75, "75,0 %")
            self.assertReads(lines["ticket_rating"], 3.5, "3,50")
            self.assertReads(lines["tickets_satisfied"], 50, "50,0 %")
            vnd[dimension] = lines["complaints_opened"].dimension_value
        self.assertEqual(vnd, {"total": "Toàn công ty", "segment": "A - Chiến lược"})
        # the committee's form lists the whole company's measures on one page
        self.assertLessEqual(len(period.total_line_ids), 40)
        self.start_committee_tour("crm_evaluation_helpdesk_vi_tour")
