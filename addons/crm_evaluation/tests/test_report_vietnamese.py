"""The printed report and the scorecards read the reader's way: short amounts with the
currency on the charts (1,3 tỷ ₫ in Vietnamese, 1.3B ₫ in English), segments A to D,
no trend chart for a first period, scores and weights in words."""

import html
from datetime import date

from reportlab.graphics import renderSVG

from odoo.tests import TransactionCase, tagged

from .common import EvaluationCase
from .test_report_common import ReportData

REPORT = "crm_evaluation.report_evaluation_period"


def _load_vietnamese(env):
    env["res.lang"]._activate_lang("vi_VN")
    env["ir.module.module"]._load_module_terms(["crm_evaluation"], ["vi_VN"], overwrite=True)


@tagged("post_install", "-at_install")
class TestReportCharts(ReportData, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._report_setup()
        vnd = cls.env.ref("base.VND")
        vnd.active = True
        cls.company.currency_id = vnd
        _load_vietnamese(cls.env)

    def _values(self, period, lang):
        report = self.env["report.crm_evaluation.report_evaluation_period"]
        return (
            report.with_user(self.analyst)
            .with_context(lang=lang)
            ._evaluation_report(period.with_context(lang=lang))
        )

    def _chart_texts(self, period, lang):
        """{title: the text drawn on the chart} of the period's charts."""
        report = (
            self.env["report.crm_evaluation.report_evaluation_period"]
            .with_user(self.analyst)
            .with_context(lang=lang)
        )
        lines = period.line_ids
        segments = report._dimension_table(period, {}, lines, "segment")
        return {
            title: html.unescape(renderSVG.drawToString(drawing))
            for title, drawing in report._chart_drawings(period, lines, segments)
        }

    def _html(self, period, lang):
        content, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.analyst)
            .with_context(lang=lang)
            ._render_qweb_html(REPORT, period.ids)
        )
        return content.decode()

    def test_chart_amounts_in_vietnamese(self):
        charts = self._chart_texts(self.november, "vi_VN")
        self.assertEqual(
            list(charts),
            [
                "Doanh thu theo phân khúc",
                "Doanh thu qua các kỳ gần đây",
                "Tỷ lệ giữ chân (%) qua các kỳ gần đây",
            ],
        )
        per_segment, revenue, retention = charts.values()
        self.assertIn("900 tr ₫", per_segment)  # segment A
        self.assertIn("350 tr ₫", per_segment)  # segment B
        self.assertIn("1,3 tỷ ₫", revenue)  # November, 1.25 billion
        self.assertIn("800 tr ₫", revenue)  # October
        self.assertIn("80 %", retention)
        for english in ("900M", "1.3B", "1.2B"):
            self.assertNotIn(english, per_segment + revenue)

    def test_chart_amounts_in_english(self):
        per_segment, revenue, _retention = self._chart_texts(self.november, "en_US").values()
        self.assertIn("900M ₫", per_segment)
        self.assertIn("1.3B ₫", revenue)
        self.assertNotIn("tỷ", revenue)

    def test_segments_from_a_to_d_whatever_their_revenue(self):
        line = self.november._evaluation_line
        seg_d = self.env["crm.idic.segment"].create(
            {"name": "Standard", "code": "RD", "min_score": 5, "company_id": self.company.id}
        )
        self.env["crm.evaluation.line"].create(
            {**line("revenue", 5e9, dimension="segment", segment_id=seg_d.id)}
            | {"period_id": self.november.id}
        )
        data = self._values(self.november, "en_US")
        names = [row["name"] for row in data["segments"]["rows"]]
        self.assertEqual(names, ["RA - Key accounts", "RB - Growing", "RD - Standard"])
        per_segment = self._chart_texts(self.november, "en_US")["Revenue per segment"]
        # the bars, left to right: A's first, D's (the largest) last
        self.assertLess(per_segment.index("Key accounts"), per_segment.index("Growing"))
        self.assertLess(per_segment.index("Growing"), per_segment.index("Standard"))
        self.assertIn("5B ₫", per_segment)

    def test_report_html_of_a_month_with_history(self):
        content = html.unescape(self._html(self.november, "vi_VN"))
        self.assertEqual(content.count("o_evaluation_chart"), 3)
        self.assertIn('alt="Doanh thu theo phân khúc"', content)
        self.assertIn("data:image/", content)
        self.assertNotIn("o_evaluation_no_trend", content)
        self.assertIn("80,0 %", content)  # the retention rate in the summary
        self.assertIn("₫", content)

    def test_first_period_draws_no_empty_trend(self):
        """October has no earlier period: its segments are drawn, its trends are not;
        a line says when they start."""
        data = self._values(self.october, "en_US")
        self.assertEqual([chart["title"] for chart in data["charts"]], ["Revenue per segment"])
        self.assertTrue(data["no_trend"])
        content = html.unescape(self._html(self.october, "vi_VN"))
        self.assertEqual(content.count("o_evaluation_chart"), 1)
        self.assertIn("o_evaluation_no_trend", content)
        self.assertIn("Chưa có kỳ trước để so sánh", content)
        # a first period with no segment either: no chart at all, no empty frame
        lonely = self.env["crm.evaluation.period"].create(
            {
                "name": "Lonely week",
                "kind": "weekly",
                "date_from": date(2026, 11, 2),
                "company_id": self.company.id,
            }
        )
        self.assertEqual(self._values(lonely, "en_US")["charts"], [])
        self.assertNotIn("o_evaluation_chart", self._html(lonely, "en_US"))


@tagged("post_install", "-at_install")
class TestScorecardInWords(EvaluationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        _load_vietnamese(cls.env)
        cls.alpha = cls.customer("Alpha")
        cls.gamma = cls.customer("Gamma")
        cls.order(cls.alpha, 400, date(2026, 11, 4), cls.sales1, cls.team1)
        cls.order(cls.gamma, 100, date(2026, 11, 6), cls.sales2, cls.team2)
        cls.env["crm.evaluation.criterion"].create(
            [
                {"company_id": cls.company.id, "component": code, "weight": weight}
                for code, weight in (("revenue", 2), ("new_customers", 1), ("achievement", 1))
            ]
        )

    def test_scores_and_weights_in_vietnamese(self):
        self.committee.lang = "vi_VN"
        period = self.period(user=self.committee)
        period.with_user(self.committee).with_context(lang="vi_VN").action_compute()
        one = period.scorecard_ids.filtered(lambda card: card.user_id == self.sales1)
        two = period.scorecard_ids.filtered(lambda card: card.user_id == self.sales2)
        # nobody had a target: revenue and new customers share the whole score
        self.assertEqual(two.score, 50.0)  # 25 of 100 on revenue, 100 on new customers
        self.assertIn("Doanh thu: 25,0 điểm với trọng số 66,7 % = 16,7", two.score_detail)
        self.assertIn("Khách hàng mới: 100,0 điểm với trọng số 33,3 % = 33,3", two.score_detail)
        self.assertNotIn(".", two.score_detail)
        self.assertEqual(one.score, 100.0)
        rule = one.with_user(self.sales1).with_context(lang="vi_VN").score_rule
        self.assertTrue(
            rule.startswith(
                "Điểm = 50 % doanh thu + 25 % khách hàng mới + 25 % mức hoàn thành chỉ tiêu"
            ),
            rule,
        )
        self.assertIn("Doanh thu, khách hàng mới: so với", rule)
        english = one.with_user(self.sales1).with_context(lang="en_US").score_rule
        self.assertTrue(
            english.startswith(
                "Score = 50 % revenue + 25 % new customers + 25 % achievement of targets, "
                "out of 100."
            ),
            english,
        )

    def test_report_ranking_explains_the_score(self):
        period = self.period(user=self.committee)
        period.action_compute()
        content, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.analyst)
            .with_context(lang="vi_VN")
            ._render_qweb_html(REPORT, period.ids)
        )
        content = html.unescape(content.decode())
        self.assertIn("o_evaluation_score_rule", content)
        self.assertIn("Điểm = 50 % doanh thu", content)
        self.assertIn("50,0", content)  # sales2's score, in the ranking
