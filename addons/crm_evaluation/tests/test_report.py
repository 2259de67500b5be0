"""The report over snapshot lines: trends across periods, the latest period, access."""

from datetime import date

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from .test_report_common import ReportData


@tagged("post_install", "-at_install")
class TestEvaluationReport(ReportData, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._report_setup()

    def _report(self, user=None):
        return self.env["crm.evaluation.report"].with_user(user or self.analyst)

    def test_trend_of_revenue_across_periods(self):
        rows = self._report()._read_group(
            [("measure", "=", "revenue"), ("dimension", "=", "total")],
            ["date_from:month"],
            ["value:sum", "previous_value:sum", "change:sum"],
        )
        self.assertEqual(
            [
                (fields.Date.to_date(day), value, prev or 0, change or 0)
                for day, value, prev, change in rows
            ],
            [
                (date(2026, 10, 1), 800_000_000, 0, 0),
                (date(2026, 11, 1), 1_250_000_000, 800_000_000, 450_000_000),
            ],
        )

    def test_latest_period_and_previous_value(self):
        latest = self._report().search([("period_rank", "=", 1), ("dimension", "=", "total")])
        self.assertEqual(latest.period_id, self.november)
        retention = latest.filtered(lambda row: row.measure == "retention_rate")
        self.assertEqual((retention.value, retention.previous_value), (80.0, 75.0))
        self.assertEqual(retention.state, "computed")
        # the segment's own series: segment A's revenue against segment A's month before
        seg_a = self._report().search(
            [
                ("period_rank", "=", 1),
                ("segment_id", "=", self.seg_a.id),
                ("measure", "=", "revenue"),
            ]
        )
        self.assertEqual((seg_a.value, seg_a.previous_value), (900_000_000, 500_000_000))

    def test_drafts_are_left_out(self):
        self.november.with_user(self.committee).action_reset_draft()
        rows = self._report().search([("measure", "=", "revenue"), ("dimension", "=", "total")])
        self.assertEqual(rows.period_id, self.october)
        self.assertEqual(rows.period_rank, 1)

    def test_approved_and_locked_periods_stay(self):
        self.october.with_user(self.committee).action_approve()
        self.october.with_user(self.committee).action_lock()
        rows = self._report().search(
            [("measure", "=", "revenue"), ("dimension", "=", "total"), ("state", "=", "locked")]
        )
        self.assertEqual(rows.period_id, self.october)

    def test_access(self):
        with self.assertRaises(AccessError):
            self._report(self.employee).search([])
        with self.assertRaises(AccessError):
            self._report(self.seller).search([])
        self.assertTrue(self._report(self.committee).search([]))
        other = self.env["res.company"].create({"name": "Other reported Co"})
        outsider = new_test_user(
            self.env,
            "rep_outsider",
            groups="crm_evaluation.group_evaluation_committee",
            company_id=other.id,
            company_ids=[other.id],
        )
        self.assertFalse(self._report(outsider).search([]))
        self.assertEqual(self._report(outsider).search_count([]), 0)

    def test_dashboard_actions_open(self):
        for xmlid in (
            "crm_evaluation.action_crm_evaluation_dashboard",
            "crm_evaluation.action_crm_evaluation_trends",
        ):
            action = self.env["ir.actions.act_window"].with_user(self.analyst)._for_xml_id(xmlid)
            self.assertEqual(action["res_model"], "crm.evaluation.report")
            Report = self._report()
            for view_type in ("kanban", "pivot", "graph", "list", "search"):
                if view_type in action["view_mode"] or view_type == "search":
                    self.assertTrue(Report.get_views([(False, view_type)])["views"][view_type])
        # the board's default filters: the whole company's measures of the latest month
        board = self._report().search(
            [("period_rank", "=", 1), ("kind", "=", "monthly"), ("dimension", "=", "total")]
        )
        self.assertEqual(
            sorted(board.mapped("measure")), ["buying_customers", "retention_rate", "revenue"]
        )

    def test_measure_labels_follow_the_lines(self):
        labels = dict(self._report()._fields["measure"]._description_selection(self.env))
        line_labels = dict(
            self.env["crm.evaluation.line"]._fields["measure"]._description_selection(self.env)
        )
        self.assertEqual(labels, line_labels)

    def test_rates_add_up_as_rates(self):
        """The trends pivot's total of a rate is the rate of the totals."""
        Report = self._report()
        total = [("dimension", "=", "total"), ("kind", "=", "monthly")]
        rows = dict(Report._read_group(total, ["measure"], ["value:sum"]))
        # retention 75 of 100, then 80 of 100: 155 of 200, not 155 %
        self.assertEqual(rows["retention_rate"], 77.5)
        self.assertEqual(rows["revenue"], 800_000_000 + 1_250_000_000)
        self.assertEqual(rows["buying_customers"], 25 + 25)
        # a group mixing money and rates has no meaningful sum
        [(mixed,)] = Report._read_group(total, [], ["value:sum"])
        self.assertFalse(mixed)

    def test_the_board_reads_the_latest_approved_period(self):
        Report = self._report()
        decided = [("decided_rank", "=", 1), ("dimension", "=", "total")]
        self.assertFalse(Report.search(decided), "no period is approved yet")
        self.october.with_user(self.committee).action_approve()
        self.assertEqual(Report.search(decided).period_id, self.october)
        self.november.with_user(self.committee).action_approve()
        self.assertEqual(Report.search(decided).period_id, self.november)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_evaluation.action_crm_evaluation_dashboard"
        )
        self.assertIn("search_default_latest_decided", action["context"])

    def test_changes_are_coloured_by_whether_they_are_good_news(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.company.currency_id = self.env.ref("base.VND")
        self.env.ref("base.VND").active = True
        for period, lost in ((self.october, 3), (self.november, 5)):
            self.env["crm.evaluation.line"].create(
                [{**period._evaluation_line("lapsed_customers", lost), "period_id": period.id}]
            )
        rows = (
            self._report()
            .with_context(lang="vi_VN")
            .search([("period_rank", "=", 1), ("dimension", "=", "total")])
        )
        by_measure = {row.measure: row for row in rows}
        retention, lost = by_measure["retention_rate"], by_measure["lapsed_customers"]
        revenue, buyers = by_measure["revenue"], by_measure["buying_customers"]
        # retention up 5 points: good news; two more customers lost: bad news, arrow up
        self.assertEqual((retention.change_tone, lost.change_tone), ("good", "bad"))
        self.assertEqual(buyers.change_tone, "same")
        self.assertEqual(retention.value_text, "80,0 %")
        self.assertEqual(retention.change_text, "+5,0 %")
        self.assertEqual(lost.value_text, "5")
        self.assertEqual(buyers.value_text, "25")
        self.assertEqual(revenue.value_text.replace("\xa0", " "), "1.250.000.000 ₫")
        self.assertEqual(revenue.change_text.replace("\xa0", " "), "+450.000.000 ₫")

    def test_every_measure_row_says_what_it_is(self):
        period = self.november.with_user(self.analyst)
        lines = period.line_ids
        self.assertTrue(all(lines.mapped("dimension_value")), "no row without a label")
        by_dimension = {(line.dimension, line.dimension_value) for line in lines}
        self.assertIn(("total", "Whole company"), by_dimension)
        self.assertIn(("segment", self.seg_a.display_name), by_dimension)
        self.assertIn(("salesperson", self.seller.name), by_dimension)
        # the form shows the whole company's rows; all of them open grouped
        self.assertEqual(set(period.total_line_ids.mapped("dimension")), {"total"})
        action = period.action_open_lines()
        self.assertEqual(action["views"][0][1], "list")
        self.assertTrue(action["context"]["search_default_group_dimension"])
