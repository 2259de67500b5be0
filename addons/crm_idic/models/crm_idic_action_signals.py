"""crm_idic's own signals of the action board: visits due, customers lapsing, anniversary
gifts, incomplete profiles, possible duplicates, segment drops and customers needing
attention (the columns each returns: ``crm_idic_action_refresh``)."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.misc import format_date

from ..idic_core import scoring


class CrmIdicAction(models.Model):
    _inherit = "crm.idic.action"

    # ------------------------------------------------------------ crm_idic's signals

    @api.model
    def _idic_signal_visit(self, signal, today, scope):
        """A care visit due by the segment's visit frequency; a customer never visited is
        due from the day the board first lists it."""
        return SQL(
            """
            SELECT %(signal)s, p.id, s.company_id, COALESCE(v.last::text, ''),
                   COALESCE(v.last + s.visit_interval_days, %(today)s::date),
                   NULL::varchar, NULL::int,
                   jsonb_build_object('days', %(today)s::date - v.last,
                                      'interval', s.visit_interval_days)
              FROM res_partner p
              JOIN crm_idic_segment s
                ON s.id = p.idic_segment_id AND s.visit_interval_days > 0
         LEFT JOIN LATERAL (
                   SELECT MAX(i.date)::date AS last
                     FROM crm_idic_interaction i
                    WHERE i.commercial_partner_id = p.id AND i.channel = 'visit') v ON TRUE
             WHERE p.active AND p.id = p.commercial_partner_id AND %(scope)s AND %(segments)s
               AND COALESCE(v.last + s.visit_interval_days, %(today)s::date)
                   <= %(today)s::date + %(window)s
            """,
            signal=signal.id,
            today=today,
            window=signal.window_days,
            scope=scope(SQL("p.id")),
            segments=self._idic_segment_filter(signal, SQL("s")),
        )

    @api.model
    def _idic_signal_winback(self, signal, today, scope):
        """A customer lapsing within the window, or lapsed (by the company's lapse days) no
        longer ago than the threshold in days (0: however long ago)."""
        return SQL(
            """
            SELECT %(signal)s, o.partner_id, o.company_id, o.last::text,
                   o.last + c.idic_lapse_days, NULL::varchar, NULL::int,
                   jsonb_build_object('days', %(today)s::date - o.last,
                                      'lapse', c.idic_lapse_days)
              FROM (SELECT cp.commercial_partner_id AS partner_id, so.company_id,
                           MAX(so.date_order)::date AS last
                      FROM sale_order so
                      JOIN res_partner cp ON cp.id = so.partner_id
                     WHERE so.state = 'sale' AND %(scope)s
                  GROUP BY cp.commercial_partner_id, so.company_id) o
              JOIN res_company c ON c.id = o.company_id AND c.idic_lapse_days > 0
              JOIN res_partner p ON p.id = o.partner_id AND p.active
         LEFT JOIN crm_idic_segment s ON s.id = p.idic_segment_id
             WHERE o.last + c.idic_lapse_days <= %(today)s::date + %(window)s
               AND (%(max_age)s = 0 OR o.last + c.idic_lapse_days >= %(today)s::date - %(max_age)s)
               AND %(segments)s
            """,
            signal=signal.id,
            today=today,
            window=signal.window_days,
            max_age=int(signal.threshold),
            scope=scope(SQL("cp.commercial_partner_id")),
            segments=self._idic_segment_filter(signal, SQL("s")),
        )

    @api.model
    def _idic_gift_given_sql(self):
        """SQL condition over the customer ``p`` and its segment ``s``: the customer gets
        an anniversary gift to hand over. Here, when the segment gives one; an addon
        adds its own reasons (crm_loyalty: the member's rank gives one)."""
        return SQL("s.anniversary_gift")

    @api.model
    def _idic_signal_gift(self, signal, today, scope):
        """An anniversary gift (a person's birthday, a company's founding day) of a
        customer who gets one (``_idic_gift_given_sql``), within the window; a missed one
        stays the threshold's number of days. 29 February falls on 28 February in common
        years."""
        return SQL(
            """
            SELECT %(signal)s, p.id, s.company_id, EXTRACT(YEAR FROM ann.day)::int::text,
                   ann.day, NULL::varchar, NULL::int,
                   jsonb_build_object('date', ann.day, 'company', p.is_company)
              FROM res_partner p
              JOIN crm_idic_segment s ON s.id = p.idic_segment_id
        CROSS JOIN LATERAL (
                   SELECT CASE WHEN p.is_company THEN p.idic_founding_date
                               ELSE p.idic_birthday END AS born) b
        CROSS JOIN LATERAL (
                   SELECT (b.born + make_interval(
                              years => y - EXTRACT(YEAR FROM b.born)::int))::date AS day
                     FROM unnest(ARRAY[%(year)s - 1, %(year)s, %(year)s + 1]) AS y) ann
             WHERE p.active AND p.id = p.commercial_partner_id AND %(scope)s AND %(segments)s
               AND %(given)s AND b.born IS NOT NULL AND ann.day > b.born
               AND ann.day BETWEEN %(today)s::date - %(grace)s AND %(today)s::date + %(window)s
            """,
            signal=signal.id,
            today=today,
            year=today.year,
            window=signal.window_days,
            grace=int(signal.threshold),
            given=self._idic_gift_given_sql(),
            scope=scope(SQL("p.id")),
            segments=self._idic_segment_filter(signal, SQL("s")),
        )

    @api.model
    def _idic_signal_profile(self, signal, today, scope):
        """A customer of the signal's segments whose profile is less complete than the
        threshold (in %)."""
        return SQL(
            """
            SELECT %(signal)s, p.id, s.company_id, '', %(today)s::date,
                   NULL::varchar, NULL::int,
                   jsonb_build_object('pct', p.idic_profile_completeness,
                                      'missing', p.idic_missing_field_names)
              FROM res_partner p
              JOIN crm_idic_segment s ON s.id = p.idic_segment_id
             WHERE p.active AND p.id = p.commercial_partner_id AND %(scope)s AND %(segments)s
               AND COALESCE(p.idic_profile_completeness, 0) < %(threshold)s
            """,
            signal=signal.id,
            today=today,
            threshold=signal.threshold or 100.0,
            scope=scope(SQL("p.id")),
            segments=self._idic_segment_filter(signal, SQL("s")),
        )

    @api.model
    def _idic_signal_duplicate(self, signal, today, scope):
        """A customer flagged as a possible duplicate, to review and merge."""
        return SQL(
            """
            SELECT %(signal)s, p.id, %(company)s, '', %(today)s::date,
                   NULL::varchar, NULL::int, '{}'::jsonb
              FROM res_partner p
         LEFT JOIN crm_idic_segment s ON s.id = p.idic_segment_id
             WHERE p.idic_is_duplicate AND p.active AND p.id = p.commercial_partner_id
               AND %(scope)s AND %(company)s IS NOT NULL
            """,
            signal=signal.id,
            today=today,
            company=self._idic_partner_company_sql(),
            scope=scope(SQL("p.id")),
        )

    @api.model
    def _idic_signal_segment_drop(self, signal, today, scope):
        """A customer whose segment dropped within the window (days back), from one of
        the signal's segments: its last drop."""
        return SQL(
            """
            SELECT DISTINCT ON (h.partner_id)
                   %(signal)s, h.partner_id, h.company_id, h.id::text, h.date::date,
                   NULL::varchar, NULL::int,
                   jsonb_build_object('from', s.code, 'to', n.code)
              FROM crm_idic_segment_history h
              JOIN crm_idic_segment s ON s.id = h.old_segment_id
              JOIN crm_idic_segment n ON n.id = h.new_segment_id
              JOIN res_partner p ON p.id = h.partner_id AND p.active
             WHERE h.direction = 'down' AND h.date >= %(since)s AND %(scope)s AND %(segments)s
          ORDER BY h.partner_id, h.date DESC, h.id DESC
            """,
            signal=signal.id,
            since=fields.Datetime.to_datetime(today) - timedelta(days=signal.window_days or 7),
            scope=scope(SQL("h.partner_id")),
            segments=self._idic_segment_filter(signal, SQL("s")),
        )

    @api.model
    def _idic_signal_attention(self, signal, today, scope):
        """A customer the scoring marked as needing attention (revenue falling, an open
        complaint)."""
        return SQL(
            """
            SELECT %(signal)s, p.id, s.company_id, '', %(today)s::date,
                   NULL::varchar, NULL::int, '{}'::jsonb
              FROM res_partner p
              JOIN crm_idic_segment s ON s.id = p.idic_segment_id
             WHERE p.active AND p.id = p.commercial_partner_id AND %(scope)s AND %(segments)s
               AND p.idic_relationship_status = %(status)s
            """,
            signal=signal.id,
            today=today,
            status=scoring.NEEDS_ATTENTION,
            scope=scope(SQL("p.id")),
            segments=self._idic_segment_filter(signal, SQL("s")),
        )

    # ------------------------------------------------------------ their reasons

    def _idic_reason_visit(self, params):
        if params.get("days") is None:
            return self.env._(
                "%(customer)s has never been visited; the segment asks for a visit every "
                "%(interval)s days.",
                **params,
            )
        return self.env._(
            "%(customer)s has not been visited for %(days)s days; the segment asks for a "
            "visit every %(interval)s days.",
            **params,
        )

    def _idic_reason_winback(self, params):
        if params["days"] >= params["lapse"]:
            return self.env._(
                "%(customer)s has not ordered for %(days)s days and has lapsed (after "
                "%(lapse)s days): win them back.",
                **params,
            )
        return self.env._(
            "%(customer)s has not ordered for %(days)s days and lapses after %(lapse)s days: "
            "keep them buying.",
            **params,
        )

    def _idic_reason_gift(self, params):
        day = format_date(self.env, params["date"])
        if params.get("company"):
            return self.env._(
                "%(customer)s celebrates its founding day on %(date)s: send the gift.",
                customer=params["customer"],
                date=day,
            )
        return self.env._(
            "%(customer)s has a birthday on %(date)s: send the gift.",
            customer=params["customer"],
            date=day,
        )

    def _idic_reason_profile(self, params):
        fields_ = self.env["res.partner"]._fields
        missing = [
            fields_[name]._description_string(self.env)
            for name in (params.get("missing") or "").split(",")
            if name in fields_
        ]
        return self.env._(
            "The profile of %(customer)s is %(pct)s%% complete; missing: %(missing)s.",
            customer=params["customer"],
            pct=round(params.get("pct") or 0),
            missing=", ".join(missing) or "-",
        )

    def _idic_reason_duplicate(self, params):
        return self.env._(
            "%(customer)s may be a duplicate of another customer: review and merge.", **params
        )

    def _idic_reason_attention(self, params):
        return self.env._(
            "%(customer)s needs attention (revenue falling or a complaint open): call them.",
            **params,
        )

    def _idic_reason_segment_drop(self, params):
        return self.env._(
            "%(customer)s dropped from segment %(from)s to %(to)s: find out why.", **params
        )

    # ------------------------------------------------------------ what does them

    def _idic_do_visit(self):
        return self._idic_do_interaction(channel="visit", interaction_type="care_visit")

    def _idic_do_gift(self):
        return self._idic_do_interaction(channel="visit", interaction_type="gift")

    def _idic_do_duplicate(self):
        return self.partner_id.action_idic_merge_duplicates()
