"""Customer-side measures of an evaluation period from satisfaction campaigns: the
average satisfaction (0-100) of the answers completed in the period, their number and
the NPS, for the whole company and per segment; satisfaction also per salesperson
(the customer's) and sales team (the salesperson's), which the staff scorecard and
the targets read."""

from collections import defaultdict

from odoo import fields, models
from odoo.tools import SQL

from ..evaluation_core import RuleProblem, measures
from ..evaluation_core.survey import average_percent
from .crm_evaluation_survey_user_input import HIGH_SQL, LOW_SQL, SCORE_SQL
from .rule_errors import raise_evaluation_problem

SURVEY_MEASURES = [
    ("satisfaction_answers", "Satisfaction answers"),
    ("nps", "Net Promoter Score"),
]


class CrmEvaluationLine(models.Model):
    _inherit = "crm.evaluation.line"

    measure = fields.Selection(
        selection_add=SURVEY_MEASURES,
        ondelete={code: "cascade" for code, _label in SURVEY_MEASURES},
    )


class CrmEvaluationPeriod(models.Model):
    _inherit = "crm.evaluation.period"

    def _evaluation_collect(self):
        lines = super()._evaluation_collect()
        lines += self._evaluation_survey_lines()
        return lines

    def _evaluation_survey_rows(self):
        """Per segment and salesperson of the answering customer and per scale of the
        satisfaction question: satisfaction sum and count, promoters, detractors and
        NPS answers of the campaign answers of the period's company completed in the
        period. One statement."""
        self.ensure_one()
        start, end = self._evaluation_bounds()
        for model in ("survey.user_input", "survey.user_input.line", "survey.question"):
            self.env[model].flush_model()
        self.env["res.partner"].flush_model(["idic_segment_id", "user_id", "commercial_partner_id"])
        self.env["res.users"].flush_model(["sale_team_id"])
        self.env["crm.evaluation.survey.campaign"].flush_model()
        sat = SQL("l.question_id = c.satisfaction_question_id")
        nps = SQL("l.question_id = c.nps_question_id")
        return self.env.execute_query(
            SQL(
                """SELECT cp.idic_segment_id, cp.user_id, t.id, %(low)s, %(high)s,
                          COALESCE(SUM(%(score)s) FILTER (WHERE %(sat)s), 0),
                          COUNT(*) FILTER (WHERE %(sat)s),
                          COUNT(*) FILTER (WHERE %(nps)s AND %(score)s >= 9),
                          COUNT(*) FILTER (WHERE %(nps)s AND %(score)s <= 6),
                          COUNT(*) FILTER (WHERE %(nps)s)
                     FROM survey_user_input ui
                     JOIN crm_evaluation_survey_campaign c ON c.id = ui.evaluation_campaign_id
                     JOIN survey_question q ON q.id = c.satisfaction_question_id
                     JOIN survey_user_input_line l ON l.user_input_id = ui.id
                     JOIN res_partner p ON p.id = ui.partner_id
                     JOIN res_partner cp ON cp.id = p.commercial_partner_id
                LEFT JOIN res_users u ON u.id = cp.user_id
                LEFT JOIN crm_team t ON t.id = u.sale_team_id
                      AND (t.company_id IS NULL OR t.company_id = c.company_id)
                    WHERE c.company_id = %(company)s
                      AND ui.state = 'done'
                      AND ui.end_datetime >= %(start)s AND ui.end_datetime < %(end)s
                      AND NOT COALESCE(l.skipped, FALSE)
                      AND l.answer_type IN ('scale', 'numerical_box')
                 GROUP BY cp.idic_segment_id, cp.user_id, t.id, %(low)s, %(high)s""",
                score=SCORE_SQL,
                low=LOW_SQL,
                high=HIGH_SQL,
                sat=sat,
                nps=nps,
                company=self.company_id.id,
                start=start,
                end=end,
            )
        )

    def _evaluation_survey_lines(self):
        rows = self._evaluation_survey_rows()
        # (dimension, key name, key value) -> [satisfaction groups], [nps counts]
        satisfaction = defaultdict(list)
        nps = defaultdict(lambda: [0, 0, 0])
        for row in rows:
            segment_id, user_id, team_id, low, high = row[:5]
            total, count, promoters, detractors, answers = row[5:]
            keys = [
                ("total", None, None),
                ("segment", "segment_id", segment_id),
                ("salesperson", "user_id", user_id),
                ("team", "team_id", team_id),
            ]
            for dimension, name, value in keys:
                if dimension != "total" and not value:
                    continue
                if count:
                    satisfaction[(dimension, name, value)].append((total, count, low, high))
                if dimension in ("total", "segment"):
                    counts = nps[(dimension, name, value)]
                    counts[0] += promoters
                    counts[1] += detractors
                    counts[2] += answers
        lines = []
        try:
            for (dimension, name, value), groups in satisfaction.items():
                keys = {name: value} if name else {}
                count = sum(group[1] for group in groups)
                average = average_percent(groups)
                lines.append(
                    self._evaluation_line(
                        "satisfaction",
                        average,
                        dimension,
                        numerator=average * count,
                        denominator=count,
                        **keys,
                    )
                )
                lines.append(
                    self._evaluation_line("satisfaction_answers", count, dimension, **keys)
                )
            for (dimension, name, value), (promoters, detractors, answers) in nps.items():
                if not answers:
                    continue
                keys = {name: value} if name else {}
                lines.append(
                    self._evaluation_line(
                        "nps",
                        measures.nps_from_counts(promoters, detractors, answers),
                        dimension,
                        numerator=promoters - detractors,
                        denominator=answers,
                        **keys,
                    )
                )
        except RuleProblem as problem:
            raise_evaluation_problem(self.env, problem)
        return lines
