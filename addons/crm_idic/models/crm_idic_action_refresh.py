"""The action board's refresh: every active signal's SQL, merged into the board in one
statement.

A signal of code ``x`` (a ``crm.idic.action.signal`` record) is a method
``_idic_signal_x(signal, today, scope)`` returning an SQL ``SELECT`` of its actions,
with these columns in this order:

    signal_id, partner_id (the commercial partner), company_id, key, date_due,
    res_model, res_id (the document it is about, or NULLs), params (jsonb, the
    figures its reason quotes)

``key`` says which occurrence it is (the last visit, the anniversary's year...): a done
or dismissed occurrence does not come back. A key of '' is a state (a customer never
visited, a profile incomplete) whose line keeps the day it was first listed as its due
day. One row per (partner, company, key).

``scope(column)`` is the SQL condition that limits a column holding commercial partner
ids to the customers refreshed (TRUE for all).
``_idic_reason_x(params)`` says why in plain words and ``_idic_do_x()`` does it (default:
an interaction to log). An addon adds a signal with its data record and these methods,
without touching the board.

The refresh (``_idic_refresh``) reopens the snoozed lines whose day came, inserts the
new actions, updates the open ones (due date, urgency, escalation, salesperson, segment)
and removes the open lines whose reason is gone; done and dismissed lines stay, and
keep their occurrence from coming back.
"""

from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.misc import format_date

from ..idic_core import scoring


class CrmIdicAction(models.Model):
    _inherit = "crm.idic.action"

    # ------------------------------------------------------------ the refresh

    @api.model
    def _cron_idic_refresh(self):
        """The nightly refresh of the whole board (after the scoring)."""
        return self.sudo()._idic_refresh()  # the board is the system's, over all customers

    @api.model
    def _idic_refresh(self, partner_ids=None):
        """Refresh the board: of every customer (``partner_ids`` None), or of the
        commercial partners ``partner_ids``. Returns the number of lines inserted or
        changed."""
        today = fields.Date.context_today(self)
        scope_ids = None if partner_ids is None else list(partner_ids)
        if scope_ids == []:
            return 0

        def scope(column):
            return SQL("TRUE") if scope_ids is None else SQL("%s = ANY(%s)", column, scope_ids)

        queries = []
        for signal in self.env["crm.idic.action.signal"].sudo().search([]):
            method = getattr(self, f"_idic_signal_{signal.code}", None)
            if method:
                queries.append(SQL("(%s)", method(signal, today, scope)))
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            SQL(
                """UPDATE crm_idic_action SET state = 'open', snooze_until = NULL
                    WHERE state = 'snoozed' AND snooze_until <= %s AND %s""",
                today,
                scope(SQL("partner_id")),
            )
        )
        found = SQL(" UNION ALL ").join(queries) if queries else self._idic_no_signal()
        due = SQL("COALESCE(CASE WHEN a.key = '' THEN a.date_due END, EXCLUDED.date_due)")
        cr.execute(
            SQL(
                """
                WITH found (signal_id, partner_id, company_id, key, date_due, res_model,
                            res_id, params) AS (%(found)s),
                segment AS (
                    SELECT id, ROW_NUMBER() OVER (PARTITION BY company_id
                                                  ORDER BY min_score DESC, id) AS priority
                      FROM crm_idic_segment
                ),
                upserted AS (
                    INSERT INTO crm_idic_action AS a (
                        signal_id, partner_id, company_id, key, date_due, res_model, res_id,
                        params, state, urgency, escalated, user_id, team_id, segment_id,
                        segment_priority, relationship_level, score,
                        create_uid, write_uid, create_date, write_date)
                    SELECT f.signal_id, f.partner_id, f.company_id, f.key, f.date_due,
                           f.res_model, f.res_id, f.params, 'open',
                           %(urgency_new)s,
                           %(escalated_new)s,
                           u.id, u.sale_team_id,
                           p.idic_segment_id, COALESCE(s.priority, 99),
                           p.idic_relationship_level, COALESCE(p.idic_total_score, 0),
                           %(uid)s, %(uid)s, %(now)s, %(now)s
                      FROM found f
                      JOIN res_partner p ON p.id = f.partner_id
                      JOIN res_company c ON c.id = f.company_id
                 LEFT JOIN res_users u ON u.id = COALESCE(p.user_id, c.idic_care_user_id)
                 LEFT JOIN segment s ON s.id = p.idic_segment_id
                    ON CONFLICT (signal_id, partner_id, company_id, key) DO UPDATE SET
                        date_due = %(due)s,
                        urgency = %(urgency_old)s,
                        escalated = a.state = 'open' AND %(escalated_old)s,
                        params = EXCLUDED.params,
                        res_model = EXCLUDED.res_model,
                        res_id = EXCLUDED.res_id,
                        user_id = EXCLUDED.user_id,
                        team_id = EXCLUDED.team_id,
                        segment_id = EXCLUDED.segment_id,
                        segment_priority = EXCLUDED.segment_priority,
                        relationship_level = EXCLUDED.relationship_level,
                        score = EXCLUDED.score,
                        write_uid = EXCLUDED.write_uid,
                        write_date = EXCLUDED.write_date
                     WHERE a.state IN ('open', 'snoozed')
                       -- a line whose values are the same is left alone (no write)
                       AND (a.date_due, a.urgency, a.escalated, a.params, a.res_model,
                            a.res_id, a.user_id, a.team_id, a.segment_id, a.segment_priority,
                            a.relationship_level, a.score)
                           IS DISTINCT FROM
                           (%(due)s, %(urgency_old)s, a.state = 'open' AND %(escalated_old)s,
                            EXCLUDED.params, EXCLUDED.res_model, EXCLUDED.res_id,
                            EXCLUDED.user_id, EXCLUDED.team_id, EXCLUDED.segment_id,
                            EXCLUDED.segment_priority, EXCLUDED.relationship_level,
                            EXCLUDED.score)
                 RETURNING a.id
                ),
                gone AS (
                    DELETE FROM crm_idic_action a
                     WHERE a.state IN ('open', 'snoozed') AND %(scope)s
                       AND NOT EXISTS (
                           SELECT 1 FROM found f
                            WHERE f.signal_id = a.signal_id AND f.partner_id = a.partner_id
                              AND f.company_id = a.company_id AND f.key = a.key)
                )
                SELECT COUNT(*) FROM upserted
                """,
                found=found,
                urgency_new=self._idic_urgency_sql(SQL("f.date_due"), today),
                escalated_new=self._idic_escalated_sql(SQL("f.date_due"), SQL("c"), today),
                due=due,
                urgency_old=self._idic_urgency_sql(due, today),
                escalated_old=self._idic_escalated_sql(
                    due,
                    SQL("(SELECT c FROM res_company c WHERE c.id = a.company_id)"),
                    today,
                ),
                uid=self.env.uid,
                now=fields.Datetime.now(),
                scope=scope(SQL("a.partner_id")),
            )
        )
        written = cr.fetchone()[0]
        self.invalidate_model()
        return written

    @api.model
    def _idic_no_signal(self):
        return SQL(
            "SELECT NULL::int, NULL::int, NULL::int, NULL::varchar, NULL::date, "
            "NULL::varchar, NULL::int, NULL::jsonb WHERE FALSE"
        )

    @api.model
    def _idic_urgency_sql(self, due, today):
        return SQL(
            "CASE WHEN %(due)s < %(today)s THEN 'overdue' "
            "WHEN %(due)s = %(today)s THEN 'today' ELSE 'soon' END",
            due=due,
            today=today,
        )

    @api.model
    def _idic_escalated_sql(self, due, company, today):
        """Whether a line due on ``due`` is past the escalation delay of ``company`` (an SQL
        row of res_company): open that many days after its due day."""
        return SQL(
            "COALESCE((%(company)s).idic_action_escalation_days > 0 "
            "AND %(due)s <= %(today)s::date - (%(company)s).idic_action_escalation_days, FALSE)",
            company=company,
            due=due,
            today=today,
        )

    @api.model
    def _idic_segment_filter(self, signal, segment):
        """The SQL condition limiting ``segment`` (an alias of crm_idic_segment) to the
        signal's segment codes."""
        codes = signal._idic_segment_codes()
        return SQL("%s.code = ANY(%s)", segment, codes) if codes else SQL("TRUE")

    @api.model
    def _idic_partner_company_sql(self):
        """The company a customer's actions belong to when no segment says it (the
        customer's company, the company that scores it, its salesperson's company)."""
        return SQL(
            "COALESCE(s.company_id, p.company_id, p.idic_scoring_company_id, "
            "(SELECT u.company_id FROM res_users u WHERE u.id = p.user_id))"
        )

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
    def _idic_signal_gift(self, signal, today, scope):
        """An anniversary gift (a person's birthday, a company's founding day) of a
        customer whose segment gives one, within the window; a missed one stays the
        threshold's number of days. 29 February falls on 28 February in common years."""
        return SQL(
            """
            SELECT %(signal)s, p.id, s.company_id, EXTRACT(YEAR FROM ann.day)::int::text,
                   ann.day, NULL::varchar, NULL::int,
                   jsonb_build_object('date', ann.day, 'company', p.is_company)
              FROM res_partner p
              JOIN crm_idic_segment s ON s.id = p.idic_segment_id AND s.anniversary_gift
        CROSS JOIN LATERAL (
                   SELECT CASE WHEN p.is_company THEN p.idic_founding_date
                               ELSE p.idic_birthday END AS born) b
        CROSS JOIN LATERAL (
                   SELECT (b.born + make_interval(
                              years => y - EXTRACT(YEAR FROM b.born)::int))::date AS day
                     FROM unnest(ARRAY[%(year)s - 1, %(year)s, %(year)s + 1]) AS y) ann
             WHERE p.active AND p.id = p.commercial_partner_id AND %(scope)s AND %(segments)s
               AND b.born IS NOT NULL AND ann.day > b.born
               AND ann.day BETWEEN %(today)s::date - %(grace)s AND %(today)s::date + %(window)s
            """,
            signal=signal.id,
            today=today,
            year=today.year,
            window=signal.window_days,
            grace=int(signal.threshold),
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
