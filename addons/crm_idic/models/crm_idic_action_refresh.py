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

A signal about a salesperson's own work (a weekly report due, a target behind pace) is
a method ``_idic_staff_signal_x(signal, today)`` with the same columns but the
salesperson (res_users id) in place of the customer; its key names the salesperson too.
Its lines have no customer and are refreshed with the whole board only.

The refresh (``_idic_refresh``) reopens the snoozed lines whose day came, inserts the
new actions, updates the open ones (due date, urgency, escalation, salesperson, segment)
and removes the open lines whose reason is gone; done and dismissed lines stay, and
keep their occurrence from coming back.
"""

from odoo import api, fields, models
from odoo.tools import SQL


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

        found = self._idic_found_sql(today, scope, staff=scope_ids is None)
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
        due = SQL("COALESCE(CASE WHEN a.key = '' THEN a.date_due END, EXCLUDED.date_due)")
        cr.execute(
            SQL(
                """
                WITH found (signal_id, partner_id, company_id, key, date_due, res_model,
                            res_id, params, user_id) AS (%(found)s),
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
                 LEFT JOIN res_partner p ON p.id = f.partner_id
                      JOIN res_company c ON c.id = f.company_id
                 LEFT JOIN %(care)s ON care.company_id = c.id
                 LEFT JOIN res_users u ON u.id = COALESCE(f.user_id, p.user_id, care.user_id)
                 LEFT JOIN segment s ON s.id = p.idic_segment_id
                    ON CONFLICT (signal_id, COALESCE(partner_id, 0), company_id, key)
                    DO UPDATE SET
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
                            WHERE f.signal_id = a.signal_id
                              AND COALESCE(f.partner_id, 0) = COALESCE(a.partner_id, 0)
                              AND f.company_id = a.company_id AND f.key = a.key)
                )
                SELECT COUNT(*) FROM upserted
                """,
                found=found,
                care=self._idic_care_users_sql(),
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
    def _idic_found_sql(self, today, scope, staff=True):
        """The actions every active signal finds, as one SQL query of the columns
        (signal_id, partner_id, company_id, key, date_due, res_model, res_id, params,
        user_id): the customers' signals limited by ``scope``, and (``staff``) the
        signals about the salespeople's own work."""
        columns = SQL("f (c1, c2, c3, c4, c5, c6, c7, c8)")
        queries = []
        for signal in self.env["crm.idic.action.signal"].sudo().search([]):
            method = getattr(self, f"_idic_signal_{signal.code}", None)
            if method:
                queries.append(
                    SQL(
                        "SELECT f.*, NULL::int FROM (%s) %s",
                        method(signal, today, scope),
                        columns,
                    )
                )
            staff_method = getattr(self, f"_idic_staff_signal_{signal.code}", None)
            if staff_method and staff:
                queries.append(
                    SQL(
                        "SELECT f.c1, NULL::int, f.c3, f.c4, f.c5, f.c6, f.c7, f.c8, f.c2 "
                        "FROM (%s) %s",
                        staff_method(signal, today),
                        columns,
                    )
                )
        return SQL(" UNION ALL ").join(queries) if queries else self._idic_no_signal()

    @api.model
    def _idic_care_users_sql(self):
        """Who gets the actions of customers without a salesperson, per company (the
        company's care user, as for the care activities): an SQL relation
        ``care (company_id, user_id)``."""
        # sudo: the board is refreshed over every company, whoever triggered it
        pairs = [
            SQL("(%s::int, %s::int)", company.id, company._idic_care_user().id or None)
            for company in self.env["res.company"].sudo().search([])
        ]
        return SQL(
            "(VALUES %s) AS care (company_id, user_id)",
            SQL(", ").join(pairs) if pairs else SQL("(NULL::int, NULL::int)"),
        )

    @api.model
    def _idic_no_signal(self):
        return SQL(
            "SELECT NULL::int, NULL::int, NULL::int, NULL::varchar, NULL::date, "
            "NULL::varchar, NULL::int, NULL::jsonb, NULL::int WHERE FALSE"
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
    def _idic_partner_company_sql(self, segment=True):
        """The company a customer's actions belong to (``p``, an alias of res_partner): its
        segment's (``s``, when ``segment``), else the customer's company, the company that
        scores it, its salesperson's company."""
        companies = [
            SQL("p.company_id"),
            SQL("p.idic_scoring_company_id"),
            SQL("(SELECT u.company_id FROM res_users u WHERE u.id = p.user_id)"),
        ]
        if segment:
            companies.insert(0, SQL("s.company_id"))
        return SQL("COALESCE(%s)", SQL(", ").join(companies))
