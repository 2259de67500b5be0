"""The printed evaluation report of a period (QWeb PDF): summary, segments, staff
ranking, satisfaction and complaints, with charts drawn on the server.

Everything is read from the period's snapshot lines, generically by measure: the
sections show whatever measures the installed addons computed (the satisfaction and
complaint measures of the survey and helpdesk addons appear when they are there).
"""

from odoo import api, models
from odoo.exceptions import AccessError
from odoo.tools.misc import formatLang

from ..evaluation_core import chart_numbers
from ..models.crm_evaluation_period import EVAL_USER
from . import evaluation_charts

# measures in the summary, in this order when present (others follow in selection order)
SUMMARY_MEASURES = (
    "revenue",
    "buying_customers",
    "revenue_per_customer",
    "new_customers",
    "lapsed_customers",
    "retention_rate",
    "churn_rate",
    "repeat_rate",
)
# sections of the measures other addons add, recognised by words of their technical names
SECTION_WORDS = {
    "satisfaction": ("satisfaction", "nps", "survey", "rating", "promoter", "detractor"),
    "complaints": ("complaint", "ticket", "resolution", "resolved", "sla"),
}
# columns of the segments and teams tables (churn is 100 - retention; revenue per
# customer is revenue / buying customers: left out so the table fits a portrait page)
TABLE_MEASURES = (
    "revenue",
    "buying_customers",
    "new_customers",
    "lapsed_customers",
    "retention_rate",
    "repeat_rate",
)
TREND_PERIODS = 12


class ReportEvaluationPeriod(models.AbstractModel):
    _name = "report.crm_evaluation.report_evaluation_period"
    _description = "Printed evaluation report"

    @api.model
    def _get_report_values(self, docids, data=None):
        if not self.env.su and not self.env.user.has_group(EVAL_USER):
            raise AccessError(self.env._("Only evaluation users print evaluation reports."))
        periods = self.env["crm.evaluation.period"].browse(docids)
        periods.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": "crm.evaluation.period",
            "docs": periods,
            "evaluation": {period.id: self._evaluation_report(period) for period in periods},
        }

    # ------------------------------------------------------------ sections

    def _evaluation_report(self, period):
        lines = period.line_ids
        labels = dict(lines._fields["measure"]._description_selection(self.env))
        totals = {line.measure: line for line in lines if line.dimension == "total"}
        order = [m for m in SUMMARY_MEASURES if m in totals]
        summary = [self._row(period, labels, totals[m]) for m in order]
        sections = {key: [] for key in SECTION_WORDS}
        others = []
        for measure, _label in lines._fields["measure"]._description_selection(self.env):
            if measure not in totals or measure in SUMMARY_MEASURES:
                continue
            section = next(
                (key for key, words in SECTION_WORDS.items() if any(w in measure for w in words)),
                None,
            )
            row = self._row(period, labels, totals[measure])
            (sections[section] if section else others).append(row)
        segments = self._dimension_table(period, labels, lines, "segment")
        charts = self._chart_drawings(period, lines, segments)
        return {
            "summary": summary,
            "segments": segments,
            "teams": self._dimension_table(period, labels, lines, "team"),
            "ranking": self._ranking(period, lines),
            "score_rule": self._score_rule(period),
            "satisfaction": sections["satisfaction"],
            "complaints": sections["complaints"],
            "others": others,
            "charts": [
                {"title": title, "uri": evaluation_charts.data_uri(drawing)}
                for title, drawing in charts
            ],
            # a first period: nothing earlier to draw a trend with
            "no_trend": len(self._trend(period, "revenue")) < 2,
        }

    def _row(self, period, labels, line):
        return {
            "measure": line.measure,
            "label": labels.get(line.measure, line.measure),
            "value": self._format(period, line.measure, line.value),
        }

    def _dimension_table(self, period, labels, lines, dimension):
        """Rows of one dimension (a segment, a team): its name and a value per measure.
        Segments in their order, A to D; other dimensions by revenue, highest first."""
        chosen = lines.filtered(
            lambda line: line.dimension == dimension and line.measure in TABLE_MEASURES
        )
        measures = [m for m in TABLE_MEASURES if m in set(chosen.mapped("measure"))]
        rows = {}
        for line in chosen:
            key = self._dimension_value(line)
            row = rows.setdefault(key, {"name": key[1], "values": {}, "raw": {}})
            row["values"][line.measure] = self._format(period, line.measure, line.value)
            row["raw"][line.measure] = line.value
            if line.segment_id:
                row.update(min_score=line.segment_id.min_score, code=line.segment_id.code)
        ordered = sorted(
            rows.values(), key=lambda row: (-row["raw"].get("revenue", 0), row["name"])
        )
        if dimension == "segment":
            ordered = chart_numbers.segment_order(ordered)
        return {
            "columns": [{"measure": m, "label": labels.get(m, m)} for m in measures],
            "rows": ordered,
        }

    def _dimension_value(self, line):
        record = line.segment_id or line.user_id or line.team_id
        if record:
            return (record._name, record.id), record.display_name
        for field in ("value_class", "customer_group"):
            if line[field]:
                name = dict(line._fields[field]._description_selection(self.env))[line[field]]
                return (field, line[field]), name
        return ("label", line.label), line.label or self.env._("Not set")

    def _ranking(self, period, lines):
        """The staff ranking: the period's scorecards when the scorecard model is there,
        otherwise the salespeople ordered by revenue."""
        if "crm.evaluation.scorecard" in self.env:
            cards = self.env["crm.evaluation.scorecard"].search(
                [("period_id", "=", period.id)], order="rank, id"
            )
            if cards:
                return [
                    {
                        "rank": card.rank,
                        "name": card.user_id.display_name,
                        "score": formatLang(self.env, card.score, digits=1),
                        "revenue": self._format(period, "revenue", card.revenue),
                        "note": card.rank_note or "",
                    }
                    for card in cards
                ]
        revenue = lines.filtered(
            lambda line: line.dimension == "salesperson" and line.measure == "revenue"
        ).sorted(lambda line: (-line.value, line.user_id.display_name or ""))
        ranking = []
        for index, line in enumerate(revenue, 1):
            ranking.append(
                {
                    "rank": index,
                    "name": line.user_id.display_name or line.label or "",
                    "score": "",
                    "revenue": self._format(period, "revenue", line.value),
                    "note": "",
                }
            )
        return ranking

    # ------------------------------------------------------------ charts

    def _chart_formatter(self, period, kind):
        """Short labels of a chart's values in the reader's language: money with the
        currency's symbol (``1,3 tỷ ₫`` in Vietnamese, ``1.3B ₫`` in English), a rate
        with "%"."""
        lang = self.env["res.lang"]._get_data(code=self.env.lang or "en_US")
        style = chart_numbers.style_for(
            self.env.lang,
            lang.decimal_point or None,
            lang.thousands_sep if lang else None,
        )
        currency = period.currency_id
        unit, before = "", False
        if kind == "money" and currency:
            unit, before = currency.symbol, currency.position == "before"
        elif kind == "rate":
            unit = "%"

        def formatter(value):
            return chart_numbers.abbreviate(value, style, unit, unit_before=before)

        return formatter

    def _chart_drawings(self, period, lines, segments):
        """``[(title, drawing)]``: revenue per segment (A to D), and, from the second
        period on, revenue and retention over the periods."""
        charts = []
        money = self._chart_formatter(period, "money")
        if segments["rows"] and any("revenue" in row["raw"] for row in segments["rows"]):
            title = self.env._("Revenue per segment")
            drawing = evaluation_charts.bar_chart(
                title,
                [row["name"] for row in segments["rows"]],
                [row["raw"].get("revenue", 0.0) for row in segments["rows"]],
                formatter=money,
            )
            charts.append((title, drawing))
        history = self._trend(period, "revenue")
        if len(history) > 1:
            title = self.env._("Revenue over the last periods")
            drawing = evaluation_charts.line_chart(
                title,
                [label for label, _value in history],
                [value for _label, value in history],
                formatter=money,
            )
            charts.append((title, drawing))
        retention = self._trend(period, "retention_rate")
        if len(retention) > 1:
            title = self.env._("Retention rate (%) over the last periods")
            drawing = evaluation_charts.line_chart(
                title,
                [label for label, _value in retention],
                [value for _label, value in retention],
                formatter=self._chart_formatter(period, "rate"),
            )
            charts.append((title, drawing))
        return charts

    def _trend(self, period, measure):
        """(period name, total value) of the measure over this period and the reported
        periods of the same kind and company before it, oldest first."""
        rows = self.env["crm.evaluation.report"]._read_group(
            [
                ("company_id", "=", period.company_id.id),
                ("kind", "=", period.kind),
                ("date_from", "<=", period.date_from),
                ("measure", "=", measure),
                ("dimension", "=", "total"),
            ],
            ["period_id"],
            ["value:sum"],
        )
        rows = [(p, v) for p, v in rows if p]
        if period.state == "draft" or period not in [p for p, _v in rows]:
            own = period.line_ids.filtered(
                lambda line: line.measure == measure and line.dimension == "total"
            )
            if own:
                rows.append((period, sum(own.mapped("value"))))
        rows.sort(key=lambda row: row[0].date_from)
        return [(p.name, v) for p, v in rows[-TREND_PERIODS:]]

    def _score_rule(self, period):
        """How the ranking's scores are made, in words (empty without scorecards)."""
        if not self.env["crm.evaluation.scorecard"].search_count(
            [("period_id", "=", period.id)], limit=1
        ):
            return ""
        return self.env["crm.evaluation.criterion"]._evaluation_rule_text(period.company_id)

    # ------------------------------------------------------------ formatting

    def _format(self, period, measure, value):
        return self.env["crm.evaluation.line"]._evaluation_format(
            measure, value, period.currency_id
        )
