"""The dealer signals of the IDIC action board: a contract to renew, a tier review
proposal to decide."""

from odoo import api, models
from odoo.tools import SQL
from odoo.tools.misc import format_amount, format_date


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

    @api.model
    def _idic_signal_dealer_compliance(self, signal, today, scope):
        """A dealer (a partner with a tier) missing requirements of the compliance
        standard: a manager's check not met, or a training not attended."""
        return SQL(
            """
            SELECT %(signal)s, p.id, c.id, '', %(today)s::date, NULL::varchar, NULL::int,
                   jsonb_build_object('missing', array_agg(r.id ORDER BY r.sequence, r.id))
              FROM res_partner p
              JOIN res_company c ON c.id = %(company)s
              JOIN crm_dealer_compliance_requirement r
                ON r.active AND (r.company_id IS NULL OR r.company_id = c.id)
             WHERE p.dealer_tier_id IS NOT NULL AND p.active
               AND p.id = p.commercial_partner_id AND %(scope)s
               AND NOT (CASE WHEN r.kind = 'training' THEN EXISTS (
                            SELECT 1 FROM crm_dealer_training t
                              JOIN crm_dealer_training_res_partner_rel a
                                ON a.crm_dealer_training_id = t.id
                             WHERE a.res_partner_id = p.id AND t.requirement_id = r.id)
                        ELSE EXISTS (
                            SELECT 1 FROM crm_dealer_compliance_check k
                             WHERE k.partner_id = p.id AND k.requirement_id = r.id AND k.met)
                        END)
          GROUP BY p.id, c.id
            """,
            signal=signal.id,
            today=today,
            company=self._idic_partner_company_sql(segment=False),
            scope=scope(SQL("p.id")),
        )

    def _idic_reason_dealer_compliance(self, params):
        missing = (
            self.env["crm.dealer.compliance.requirement"].sudo().browse(params.get("missing") or [])
        )
        return self.env._(
            "%(customer)s does not meet the dealer standard yet: %(missing)s.",
            customer=params["customer"],
            # the requirements' names, for the reason only
            missing=", ".join(missing.exists().mapped("name")) or "-",
        )

    def _idic_do_dealer_renewal(self):
        """A dealer manager starts the renewal at once (the next draft contract, which
        closes the line); anyone else opens the contract to follow it up."""
        contract = self.env["crm.dealer.contract"].browse(self.res_id)
        if self.env.user.has_group("crm_dealer_tiers.group_dealer_manager"):
            return contract.action_renew()
        return self._idic_open_document()

    def _idic_do_dealer_compliance(self):
        return self._idic_do_profile()

    @api.model
    def _idic_signal_dealer_pace(self, signal, today, scope):
        """A dealer whose sales since the start of the year (confirmed orders, untaxed, in
        the company currency at the order's rate) are below the threshold (%) of its
        tier's yearly target prorated to today. One line a month."""
        year_start = today.replace(month=1, day=1)
        days = (today.replace(year=today.year + 1, month=1, day=1) - year_start).days
        elapsed = ((today - year_start).days + 1) / days
        return SQL(
            """
            SELECT %(signal)s, p.id, c.id, %(month)s, %(month_start)s::date,
                   NULL::varchar, NULL::int,
                   jsonb_build_object('sales', COALESCE(o.sales, 0),
                                      'expected', t.yearly_target * %(elapsed)s,
                                      'target', t.yearly_target)
              FROM res_partner p
              JOIN crm_dealer_tier t ON t.id = p.dealer_tier_id AND t.yearly_target > 0
              JOIN res_company c ON c.id = COALESCE(t.company_id, p.company_id)
         LEFT JOIN LATERAL (
                   SELECT SUM(%(amount)s) AS sales
                     FROM sale_order so
                     JOIN res_partner rp ON rp.id = so.partner_id
                    WHERE rp.commercial_partner_id = p.id AND so.state = 'sale'
                      AND so.company_id = c.id AND so.date_order >= %(year_start)s) o ON TRUE
             WHERE p.active AND p.id = p.commercial_partner_id AND %(scope)s
               AND COALESCE(o.sales, 0) < t.yearly_target * %(elapsed)s * %(threshold)s / 100.0
            """,
            signal=signal.id,
            month=today.strftime("%Y-%m"),
            month_start=today.replace(day=1),
            year_start=year_start,
            elapsed=elapsed,
            threshold=signal.threshold or 100.0,
            scope=scope(SQL("p.id")),
            amount=self.env["sale.order"]._idic_revenue_sql(),
        )

    def _idic_reason_dealer_pace(self, params):
        def money(amount):
            return format_amount(self.env, amount or 0.0, self.currency_id)

        return self.env._(
            "%(customer)s has bought %(sales)s this year, below the %(expected)s its tier's "
            "yearly target of %(target)s asks by today.",
            customer=params["customer"],
            sales=money(params.get("sales")),
            expected=money(params.get("expected")),
            target=money(params.get("target")),
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
