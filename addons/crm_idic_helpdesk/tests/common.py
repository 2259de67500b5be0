from contextlib import contextmanager
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.crm_idic.tests import common


class HelpdeskCase(common.IdicCase):
    """crm_idic's test company, with helpdesk people and a segment A policy.

    * ``agent`` (hd_agent): a helpdesk user and a salesman (so an IDIC user);
    * ``desk`` (hd_desk): a helpdesk user only, who cannot see IDIC assessments;
    * ``desk_manager`` (hd_manager): a helpdesk manager;
    * ``admin``: Odoo's administrator (base.user_admin), given the test company.

    The company works round the clock (a 24/7 calendar in UTC), so that a deadline is
    the opening time plus the service level whatever the day the test runs; the tests
    of working hours give the company or a team a calendar of their own.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.resource_calendar_id = cls.make_calendar(
            "Round the clock", "UTC", [(day, 0, 24) for day in range(7)]
        )
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.company_ids = [Command.link(cls.company.id)]
        cls.agent = cls.helpdesk_user(
            "hd_agent", "helpdesk_mgmt.group_helpdesk_user,sales_team.group_sale_salesman"
        )
        cls.desk = cls.helpdesk_user("hd_desk", "helpdesk_mgmt.group_helpdesk_user")
        cls.desk_manager = cls.helpdesk_user("hd_manager", "helpdesk_mgmt.group_helpdesk_manager")
        cls.seg["A"].write({"helpdesk_service_hours": 8, "helpdesk_priority": "3"})
        cls.seg["D"].write({"helpdesk_service_hours": 0, "helpdesk_priority": False})
        stages = cls.env["helpdesk.ticket.stage"]
        cls.stage_new = stages.create({"name": "HD new", "sequence": 1, "company_id": False})
        cls.stage_done = stages.create(
            {"name": "HD solved", "sequence": 9, "closed": True, "company_id": False}
        )
        cls.delivery = cls.env.ref("crm_idic_helpdesk.complaint_type_delivery")

    @classmethod
    def helpdesk_user(cls, login, groups, company=None):
        company = company or cls.company
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    @classmethod
    def make_calendar(cls, name, tz, hours):
        """A calendar of the test company in ``tz``, working ``hours``: (weekday (0:
        Monday), from, to) triples."""
        return cls.env["resource.calendar"].create(
            {
                "name": name,
                "tz": tz,
                "company_id": cls.company.id,
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": f"{name} {day} {start}",
                            "dayofweek": str(day),
                            "hour_from": start,
                            "hour_to": stop,
                            "day_period": "morning" if start < 12 else "afternoon",
                        }
                    )
                    for day, start, stop in hours
                ],
            }
        )

    @classmethod
    def admin_env(cls):
        """The administrator's environment, working in the test company."""
        return cls.env(user=cls.admin)

    @classmethod
    def make_segment_customer(cls, code, name="Customer"):
        """A customer the IDIC manager placed in segment ``code``."""
        partner = cls.make_customer(name)
        partner._idic_system().write(
            {"idic_segment_override_id": cls.seg[code].id, "idic_override_reason": "test"}
        )
        return partner

    def new_ticket(self, partner, user=None, **vals):
        """A ticket of ``partner`` entered by ``user`` (default: the agent)."""
        env = self.admin_env() if user == self.admin else self.user_env(user or self.agent)
        return env["helpdesk.ticket"].create(
            {
                "name": vals.pop("name", "Router does not start"),
                "description": "<p>It does not start.</p>",
                "partner_id": partner.id,
                "stage_id": self.stage_new.id,
                **vals,
            }
        )

    @staticmethod
    def rate(ticket, value, feedback=None):
        """The customer rates ``ticket`` ``value`` (1, 3 or 5) as from the rating email:
        the email carries the rating's token (``_rating_get_access_token``), Odoo's
        rating page applies it as superuser (rating/controllers/main.py)."""
        token = ticket._rating_get_access_token()
        return ticket.sudo().rating_apply(value, token=token, feedback=feedback)

    @contextmanager
    def opened_at(self, when):
        """Tickets created in this block are opened at ``when`` (the transaction's time)."""
        cursor = self.env.cr
        saved = cursor._now
        cursor._now = when
        try:
            yield
        finally:
            cursor._now = saved

    @staticmethod
    def hours_ago(hours):
        return fields.Datetime.now() - timedelta(hours=hours)
