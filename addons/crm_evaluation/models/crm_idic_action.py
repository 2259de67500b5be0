"""The evaluation's signals of the IDIC action board, about a salesperson's own work
(lines without a customer, see crm_idic's ``crm_idic_action_refresh``): a weekly report
not submitted, a target behind the pace of its period."""

from odoo import api, models
from odoo.tools import SQL
from odoo.tools.misc import format_amount, format_date

# measures that add up over a period: a target of these has a pace (satisfaction has not)
PACED_MEASURES = ("revenue", "new_customers", "visits", "debt_collected")
MONEY_MEASURES = ("revenue", "debt_collected")


class CrmIdicAction(models.Model):
    _inherit = "crm.idic.action"

    @api.model
    def _idic_staff_signal_weekly_report(self, signal, today):
        """A weekly report still a draft on its week's last day (listed the window's days
        before). Submitting the report closes the line."""
        return SQL(
            """
            SELECT %(signal)s, r.user_id, r.company_id,
                   'u' || r.user_id || ':' || r.week_start, r.week_end,
                   'crm.evaluation.weekly.report', r.id,
                   jsonb_build_object('week', r.week_start, 'end', r.week_end)
              FROM crm_evaluation_weekly_report r
              JOIN res_users u ON u.id = r.user_id AND u.active
             WHERE r.state = 'draft' AND r.week_end <= %(today)s::date + %(window)s
            """,
            signal=signal.id,
            today=today,
            window=signal.window_days,
        )

    @api.model
    def _idic_staff_signal_target_pace(self, signal, today):
        """A salesperson's target of a running period, reached below the threshold (%) of
        its pace: the share of the period gone by when the period was last computed,
        by the achievement that compute wrote. One line per period and measure."""
        local_day = SQL("(p.computed_date AT TIME ZONE 'UTC' AT TIME ZONE p.tz)::date")
        elapsed = SQL(
            "(LEAST(%(day)s, p.date_to) - p.date_from + 1)::numeric"
            " / (p.date_to - p.date_from + 1)",
            day=local_day,
        )
        return SQL(
            """
            SELECT %(signal)s, l.user_id, p.company_id,
                   'u' || l.user_id || ':' || p.id || ':' || l.target_measure,
                   GREATEST(%(day)s, p.date_from),
                   'crm.evaluation.period', p.id,
                   jsonb_build_object('measure', l.target_measure, 'period', p.name,
                                      'actual', l.numerator, 'target', l.denominator,
                                      'expected', l.denominator * %(elapsed)s)
              FROM crm_evaluation_line l
              JOIN crm_evaluation_period p ON p.id = l.period_id
              JOIN res_users u ON u.id = l.user_id AND u.active
             WHERE l.measure = 'target_achievement' AND l.dimension = 'salesperson'
               AND l.target_measure = ANY(%(measures)s) AND l.denominator > 0
               AND p.state = 'computed' AND p.computed_date IS NOT NULL
               AND p.date_from <= %(today)s AND p.date_to >= %(today)s
               AND l.numerator < l.denominator * %(elapsed)s * %(threshold)s / 100.0
            """,
            signal=signal.id,
            day=local_day,
            elapsed=elapsed,
            measures=list(PACED_MEASURES),
            today=today,
            threshold=signal.threshold or 100.0,
        )

    def _idic_reason_weekly_report(self, params):
        return self.env._(
            "The weekly report of %(customer)s for the week of %(week)s is not submitted "
            "yet (the week ends on %(end)s).",
            customer=params["customer"],
            week=format_date(self.env, params.get("week")),
            end=format_date(self.env, params.get("end")),
        )

    def _idic_reason_target_pace(self, params):
        measure = params.get("measure")
        if measure in MONEY_MEASURES:

            def figure(value):
                return format_amount(self.env, value or 0.0, self.currency_id)

        else:

            def figure(value):
                return f"{round(value or 0):,}"

        field = self.env["crm.evaluation.line"]._fields["target_measure"]
        labels = dict(field._description_selection(self.env))
        return self.env._(
            "%(customer)s is behind the pace of the %(measure)s target of %(period)s: "
            "%(actual)s reached of %(target)s, %(expected)s expected by now.",
            customer=params["customer"],
            measure=labels.get(measure, measure or ""),
            period=params.get("period") or "",
            actual=figure(params.get("actual")),
            target=figure(params.get("target")),
            expected=figure(params.get("expected")),
        )

    def _idic_do_target_pace(self):
        """The salesperson's scorecard of the period (their achievements), else the
        period itself."""
        scorecard = self.env["crm.evaluation.scorecard"].search(
            [("period_id", "=", self.res_id), ("user_id", "=", self.user_id.id)], limit=1
        )
        if scorecard:
            return {
                "type": "ir.actions.act_window",
                "res_model": "crm.evaluation.scorecard",
                "res_id": scorecard.id,
                "view_mode": "form",
                "views": [(False, "form")],
                "target": "current",
            }
        return self._idic_open_document()
