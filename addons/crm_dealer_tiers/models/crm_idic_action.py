"""The dealer signals of the IDIC action board: a contract to renew, a tier review
proposal to decide."""

from odoo import api, models
from odoo.tools import SQL
from odoo.tools.misc import format_date


class CrmIdicAction(models.Model):
    _inherit = "crm.idic.action"

    @api.model
    def _idic_signal_dealer_renewal(self, signal, today, scope):
        """A running contract within its own renewal notice (days before its end, plus
        the signal's window), not renewed yet."""
        return SQL(
            """
            SELECT %(signal)s, cp.commercial_partner_id, c.company_id, c.id::text,
                   c.date_end - c.renewal_days, 'crm.dealer.contract', c.id,
                   jsonb_build_object('contract', c.name, 'end', c.date_end)
              FROM crm_dealer_contract c
              JOIN res_partner cp ON cp.id = c.partner_id
             WHERE c.state IN ('active', 'expiring') AND c.next_contract_id IS NULL
               AND c.date_end - c.renewal_days <= %(today)s::date + %(window)s
               AND %(scope)s
            """,
            signal=signal.id,
            today=today,
            window=signal.window_days,
            scope=scope(SQL("cp.commercial_partner_id")),
        )

    @api.model
    def _idic_signal_dealer_review(self, signal, today, scope):
        """A tier review proposal nobody decided yet."""
        return SQL(
            """
            SELECT %(signal)s, cp.commercial_partner_id, r.company_id, r.id::text, r.date,
                   'crm.dealer.review', r.id,
                   jsonb_build_object('action', r.action, 'tier', r.proposed_tier_id)
              FROM crm_dealer_review r
              JOIN res_partner cp ON cp.id = r.partner_id
             WHERE r.state = 'proposed' AND r.action != 'keep' AND %(scope)s
            """,
            signal=signal.id,
            scope=scope(SQL("cp.commercial_partner_id")),
        )

    def _idic_reason_dealer_renewal(self, params):
        return self.env._(
            "The contract %(contract)s of %(customer)s ends on %(end)s: start its renewal.",
            contract=params.get("contract") or "",
            customer=params["customer"],
            end=format_date(self.env, params["end"]),
        )

    def _idic_reason_dealer_review(self, params):
        tier = self.env["crm.dealer.tier"].sudo().browse(params.get("tier")).exists()
        if params.get("action") == "upgrade":
            return self.env._(
                "The review proposes to move %(customer)s up to %(tier)s: decide on it.",
                customer=params["customer"],
                tier=tier.name or "-",  # a tier's name, for the reason only
            )
        return self.env._(
            "The review proposes to move %(customer)s down to %(tier)s: decide on it.",
            customer=params["customer"],
            tier=tier.name or "-",
        )
