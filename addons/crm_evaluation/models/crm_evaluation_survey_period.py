"""Customer-side measures of an evaluation period from satisfaction campaigns: the
average satisfaction of the answers completed in the period and the NPS, for the whole
company and per segment."""

from odoo import fields, models
from odoo.tools import SQL

from ..evaluation_core import measures

SURVEY_MEASURES = [
    ("satisfaction", "Average satisfaction"),
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
        """Per segment of the answering customer (``None``: no segment): satisfaction
        sum and count, promoters, detractors and NPS answers of the campaign answers of
        the period's company completed in the period. One statement."""
        self.ensure_one()
        start, end = self._evaluation_bounds()
        for model in ("survey.user_input", "survey.user_input.line", "res.partner"):
            self.env[model].flush_model()
        self.env["crm.evaluation.survey.campaign"].flush_model()
        score = SQL(
            "CASE WHEN l.answer_type = 'scale' THEN l.value_scale ELSE l.value_numerical_box END"
        )
        satisfaction = SQL("l.question_id = c.satisfaction_question_id")
        nps = SQL("l.question_id = c.nps_question_id")
        return self.env.execute_query(
            SQL(
                """SELECT cp.idic_segment_id,
                          COALESCE(SUM(%(score)s) FILTER (WHERE %(sat)s), 0),
                          COUNT(*) FILTER (WHERE %(sat)s),
                          COUNT(*) FILTER (WHERE %(nps)s AND %(score)s >= 9),
                          COUNT(*) FILTER (WHERE %(nps)s AND %(score)s <= 6),
                          COUNT(*) FILTER (WHERE %(nps)s)
                     FROM survey_user_input ui
                     JOIN crm_evaluation_survey_campaign c ON c.id = ui.evaluation_campaign_id
                     JOIN survey_user_input_line l ON l.user_input_id = ui.id
                     JOIN res_partner p ON p.id = ui.partner_id
                     JOIN res_partner cp ON cp.id = p.commercial_partner_id
                    WHERE c.company_id = %(company)s
                      AND ui.state = 'done'
                      AND ui.end_datetime >= %(start)s AND ui.end_datetime < %(end)s
                      AND NOT COALESCE(l.skipped, FALSE)
                      AND l.answer_type IN ('scale', 'numerical_box')
                 GROUP BY cp.idic_segment_id""",
                score=score,
                sat=satisfaction,
                nps=nps,
                company=self.company_id.id,
                start=start,
                end=end,
            )
        )

    def _evaluation_survey_lines(self):
        rows = self._evaluation_survey_rows()
        if not rows:
            return []
        groups = [("total", {}, [sum(row[i] for row in rows) for i in range(1, 6)])]
        groups += [("segment", {"segment_id": row[0]}, list(row[1:])) for row in rows if row[0]]
        lines = []
        for dimension, keys, (total, count, promoters, detractors, nps_count) in groups:
            if count:
                lines.append(
                    self._evaluation_line(
                        "satisfaction",
                        total / count,
                        dimension,
                        numerator=total,
                        denominator=count,
                        **keys,
                    )
                )
                lines.append(
                    self._evaluation_line("satisfaction_answers", count, dimension, **keys)
                )
            if nps_count:
                lines.append(
                    self._evaluation_line(
                        "nps",
                        measures.nps_from_counts(promoters, detractors, nps_count),
                        dimension,
                        numerator=promoters - detractors,
                        denominator=nps_count,
                        **keys,
                    )
                )
        return lines
