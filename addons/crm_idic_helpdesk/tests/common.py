from contextlib import contextmanager
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.crm_idic.tests import common


class HelpdeskCase(common.IdicCase):
    """crm_idic's test company, with helpdesk people and a segment A policy.

    * ``agent`` (hd_agent): a helpdesk user and a salesman (so an IDIC user);
    * ``desk`` (hd_desk): a helpdesk user only, who cannot see IDIC assessments;
    * ``desk_manager`` (hd_manager): a helpdesk manager.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
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
    def make_segment_customer(cls, code, name="Customer"):
        """A customer the IDIC manager placed in segment ``code``."""
        partner = cls.make_customer(name)
        partner._idic_system().write(
            {"idic_segment_override_id": cls.seg[code].id, "idic_override_reason": "test"}
        )
        return partner

    def new_ticket(self, partner, user=None, **vals):
        """A ticket of ``partner`` entered by ``user`` (default: the agent)."""
        env = self.user_env(user or self.agent)
        return env["helpdesk.ticket"].create(
            {
                "name": vals.pop("name", "Router does not start"),
                "description": "<p>It does not start.</p>",
                "partner_id": partner.id,
                "stage_id": self.stage_new.id,
                **vals,
            }
        )

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
