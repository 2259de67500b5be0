"""The resolution deadline counts the working hours of the team's calendar, else the
company's, in the calendar's time zone, without its public holidays."""

from datetime import datetime

from pytz import timezone, utc

from odoo.tests import tagged

from .common import HelpdeskCase

TZ = "Asia/Ho_Chi_Minh"  # UTC+7, no daylight saving
# a standard week: 8:00 to 12:00 and 13:00 to 17:00, Monday to Friday
OFFICE = [(day, start, stop) for day in range(5) for start, stop in ((8, 12), (13, 17))]
FRIDAY_EVENING = datetime(2026, 3, 6, 18, 0)  # a Friday, 18:00 in Ho Chi Minh City


def utc_of(local):
    """The naive UTC datetime Odoo stores for ``local``, a time in ``TZ``."""
    return timezone(TZ).localize(local).astimezone(utc).replace(tzinfo=None)


@tagged("post_install", "-at_install")
class TestWorkingHours(HelpdeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.office = cls.make_calendar("Office hours", TZ, OFFICE)
        cls.company.resource_calendar_id = cls.office
        cls.customer = cls.make_segment_customer("A", "Strategic")

    def open_friday_evening(self, **vals):
        """A segment-A ticket the administrator opens on Friday at 18:00, local time."""
        with self.opened_at(utc_of(FRIDAY_EVENING)):
            return self.new_ticket(self.customer, user=self.admin, **vals)

    def test_friday_evening_ticket_is_due_on_monday(self):
        self.assertEqual(self.seg["A"].helpdesk_service_hours, 8)
        ticket = self.open_friday_evening()
        self.assertEqual(ticket.create_date, utc_of(FRIDAY_EVENING))
        # 8 working hours: Monday 8:00-12:00 and 13:00-17:00
        self.assertEqual(ticket.idic_deadline, utc_of(datetime(2026, 3, 9, 17, 0)))
        self.seg["A"].helpdesk_service_hours = 5
        ticket = self.open_friday_evening()
        self.assertEqual(
            ticket.idic_deadline, utc_of(datetime(2026, 3, 9, 14, 0)), "after the lunch break"
        )
        self.seg["A"].helpdesk_service_hours = 10
        ticket = self.open_friday_evening()
        self.assertEqual(ticket.idic_deadline, utc_of(datetime(2026, 3, 10, 10, 0)), "Tuesday")

    def test_a_ticket_opened_during_working_hours_counts_from_its_opening(self):
        with self.opened_at(utc_of(datetime(2026, 3, 5, 15, 30))):  # Thursday 15:30
            ticket = self.new_ticket(self.customer, user=self.admin)
        # 1.5 hours on Thursday, 6.5 on Friday: 8:00-12:00, 13:00-15:30
        self.assertEqual(ticket.idic_deadline, utc_of(datetime(2026, 3, 6, 15, 30)))

    def test_public_holidays_are_not_working_hours(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "calendar_id": self.office.id,
                "date_from": utc_of(datetime(2026, 3, 9, 0, 0)),
                "date_to": utc_of(datetime(2026, 3, 9, 23, 59)),
            }
        )
        ticket = self.open_friday_evening()
        self.assertEqual(ticket.idic_deadline, utc_of(datetime(2026, 3, 10, 17, 0)), "Tuesday")

    def test_the_team_calendar_comes_first(self):
        saturday_desk = self.make_calendar("Saturday desk", TZ, [*OFFICE, (5, 8, 12), (5, 13, 17)])
        team = self.env["helpdesk.ticket.team"].create(
            {
                "name": "Weekend desk",
                "company_id": self.company.id,
                "resource_calendar_id": saturday_desk.id,
            }
        )
        ticket = self.open_friday_evening(team_id=team.id)
        self.assertEqual(ticket.idic_deadline, utc_of(datetime(2026, 3, 7, 17, 0)), "Saturday")
        # handed to a team without a calendar: the company's working hours
        team.resource_calendar_id = False
        ticket = self.open_friday_evening(team_id=team.id)
        self.assertEqual(ticket.idic_deadline, utc_of(datetime(2026, 3, 9, 17, 0)))

    def test_a_calendar_without_working_time_falls_back_to_calendar_hours(self):
        self.company.resource_calendar_id = self.make_calendar("Closed", TZ, [])
        ticket = self.open_friday_evening()
        self.assertEqual(ticket.idic_deadline, utc_of(datetime(2026, 3, 7, 2, 0)))

    def test_deadlines_of_many_tickets_read_the_calendar_once(self):
        def queries(count):
            with self.opened_at(utc_of(FRIDAY_EVENING)):
                tickets = self.admin_env()["helpdesk.ticket"].create(
                    [
                        {
                            "name": f"Batch {i}",
                            "description": "<p>x</p>",
                            "partner_id": self.customer.id,
                            "stage_id": self.stage_new.id,
                        }
                        for i in range(count)
                    ]
                )
            field = tickets._fields["idic_deadline"]
            self.env.flush_all()
            self.env.invalidate_all()
            self.env.add_to_compute(field, tickets)
            before = self.env.cr.sql_log_count
            tickets._recompute_field(field)
            spent = self.env.cr.sql_log_count - before
            self.assertEqual(
                set(tickets.mapped("idic_deadline")), {utc_of(datetime(2026, 3, 9, 17, 0))}
            )
            return spent

        self.assertEqual(queries(2), queries(30), "one reading of the calendar for all")
