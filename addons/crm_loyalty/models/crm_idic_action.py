"""The loyalty signals of the IDIC action board: points about to expire, a rank about to
drop at its review, a redemption waiting for the salesperson."""

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.misc import format_amount, format_date


class CrmIdicAction(models.Model):
    _inherit = "crm.idic.action"

    @api.model
    def _idic_card_company_sql(self):
        return SQL("COALESCE(c.company_id, p.company_id, p.idic_scoring_company_id)")

    @api.model
    def _idic_gift_given_sql(self):
        """A member whose rank has a gift to hand over gets it, whatever the segment."""
        return SQL(
            """(%s OR EXISTS (
                    SELECT 1 FROM loyalty_card gc
                      JOIN crm_loyalty_tier gt ON gt.id = gc.crm_loyalty_tier_id
                     WHERE gc.partner_id = p.id AND gt.gift_description IS NOT NULL))""",
            super()._idic_gift_given_sql(),
        )

    @api.model
    def _idic_signal_loyalty_expiry(self, signal, today, scope):
        """A member whose points expire within the window (as the expiry job announced
        them), still holding points."""
        return SQL(
            """
            SELECT %(signal)s, p.id, %(company)s, c.crm_loyalty_expiry_notice_date::text,
                   c.crm_loyalty_expiry_notice_date, 'loyalty.card', c.id,
                   jsonb_build_object('points', c.crm_loyalty_expiry_notice_points,
                                      'date', c.crm_loyalty_expiry_notice_date)
              FROM loyalty_card c
              JOIN res_partner p ON p.id = c.partner_id AND p.active
             WHERE c.crm_loyalty_expiry_notice_points > 0 AND c.points > 0
               AND c.crm_loyalty_expiry_notice_date
                   BETWEEN %(today)s::date AND %(today)s::date + %(window)s
               AND %(scope)s AND %(company)s IS NOT NULL
            """,
            signal=signal.id,
            today=today,
            window=signal.window_days,
            company=self._idic_card_company_sql(),
            scope=scope(SQL("c.partner_id")),
        )

    @api.model
    def _idic_signal_loyalty_rank_drop(self, signal, today, scope):
        """A member whose qualifying points are below its rank's threshold with the
        review, where the rank can drop, within the window."""
        return SQL(
            """
            SELECT %(signal)s, p.id, %(company)s, c.crm_loyalty_review_date::text,
                   c.crm_loyalty_review_date, 'loyalty.card', c.id,
                   jsonb_build_object('tier', t.id,
                                      'missing', t.threshold - c.crm_loyalty_qualifying_points,
                                      'amount', (t.threshold - c.crm_loyalty_qualifying_points)
                                                * pr.crm_loyalty_amount_per_point,
                                      'date', c.crm_loyalty_review_date)
              FROM loyalty_card c
              JOIN loyalty_program pr ON pr.id = c.program_id
              JOIN crm_loyalty_tier t ON t.id = c.crm_loyalty_tier_id
              JOIN res_partner p ON p.id = c.partner_id AND p.active
             WHERE c.crm_loyalty_qualifying_points < t.threshold
               AND c.crm_loyalty_review_date
                   BETWEEN %(today)s::date AND %(today)s::date + %(window)s
               AND %(scope)s AND %(company)s IS NOT NULL
            """,
            signal=signal.id,
            today=today,
            window=signal.window_days,
            company=self._idic_card_company_sql(),
            scope=scope(SQL("c.partner_id")),
        )

    @api.model
    def _idic_signal_loyalty_redemption(self, signal, today, scope):
        """A reward a member asked for, waiting for approval."""
        return SQL(
            """
            SELECT %(signal)s, p.id, r.company_id, r.id::text, r.create_date::date,
                   'crm.loyalty.redemption', r.id,
                   jsonb_build_object('points', r.points)
              FROM crm_loyalty_redemption r
              JOIN res_partner p ON p.id = r.partner_id AND p.active
             WHERE r.state = 'requested' AND r.company_id IS NOT NULL AND %(scope)s
            """,
            signal=signal.id,
            scope=scope(SQL("r.partner_id")),
        )

    def _idic_reason_loyalty_expiry(self, params):
        return self.env._(
            "%(points)s points of %(customer)s expire on %(date)s: remind the member to use them.",
            points=params.get("points"),
            customer=params["customer"],
            date=format_date(self.env, params["date"]),
        )

    def _idic_do_loyalty_expiry(self):
        """Remind the member now: the expiry email of the program sent again, and the
        reminder logged as an interaction, which closes the line (``action_do`` checked
        the user and the line)."""
        # the member's card is the program's; the user may act on this customer (checked)
        card = self.env["loyalty.card"].sudo().browse(self.res_id).exists()
        if not card or card.points <= 0:
            raise UserError(self.env._("This member has no points left to expire."))
        card._crm_loyalty_send_notices()
        self.env["crm.idic.interaction"].create(
            {
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "channel": "email",
                "interaction_type": "other",
                "summary": self.name,
                "outcome": self.env._("Reminder of the expiring points sent by email."),
                "action_id": self.id,
            }
        )
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def _idic_reason_loyalty_rank_drop(self, params):
        tier = self.env["crm.loyalty.tier"].sudo().browse(params.get("tier")).exists()
        return self.env._(
            "%(customer)s keeps the rank %(rank)s at the review of %(date)s only with "
            "%(points)s more qualifying points (about %(amount)s of purchases).",
            customer=params["customer"],
            rank=tier.name or "-",  # a rank's name, for the reason only
            date=format_date(self.env, params["date"]),
            points=params.get("missing"),
            amount=format_amount(self.env, params.get("amount") or 0.0, self.currency_id),
        )

    def _idic_reason_loyalty_redemption(self, params):
        return self.env._(
            "%(customer)s asked for a reward of %(points)s points: approve it or say why not.",
            **params,
        )
