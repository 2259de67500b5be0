"""The helpdesk signal of the IDIC action board: a complaint open past its deadline."""

from odoo import api, models
from odoo.tools import SQL
from odoo.tools.misc import format_datetime


class CrmIdicAction(models.Model):
    _inherit = "crm.idic.action"

    @api.model
    def _idic_signal_complaint_late(self, signal, today, scope):
        """An open complaint whose resolution deadline passed, or falls within the
        window."""
        return SQL(
            """
            SELECT %(signal)s, cp.commercial_partner_id, t.company_id, t.id::text,
                   t.idic_deadline::date, 'helpdesk.ticket', t.id,
                   jsonb_build_object('ticket', t.number,
                                      'deadline', to_char(t.idic_deadline, 'YYYY-MM-DD HH24:MI:SS'))
              FROM helpdesk_ticket t
              JOIN helpdesk_ticket_stage st ON st.id = t.stage_id AND st.closed IS NOT TRUE
              JOIN res_partner cp ON cp.id = t.partner_id
             WHERE t.idic_is_complaint AND t.idic_deadline IS NOT NULL AND t.active
               AND t.idic_deadline::date <= %(today)s::date + %(window)s
               AND t.company_id IS NOT NULL AND %(scope)s
            """,
            signal=signal.id,
            today=today,
            window=signal.window_days,
            scope=scope(SQL("cp.commercial_partner_id")),
        )

    def _idic_reason_complaint_late(self, params):
        return self.env._(
            "The complaint %(ticket)s of %(customer)s was due by %(deadline)s: resolve it.",
            ticket=params.get("ticket") or "",
            customer=params["customer"],
            deadline=format_datetime(self.env, params["deadline"]),
        )
