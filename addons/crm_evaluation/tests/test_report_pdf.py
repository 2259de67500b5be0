"""The printed evaluation report: sections, figures and charts in the PDF."""

import re
import subprocess
import tempfile
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import float_repr, float_round, mute_logger

from .common import EvaluationCase
from .test_report_common import ReportData

REPORT = "crm_evaluation.action_report_evaluation_period"


def _pdf_output(pdf, *command):
    """What a poppler tool (pdftotext, pdfimages) prints about ``pdf``."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        return subprocess.run(
            [*command, handle.name, *(["-"] if command[0] == "pdftotext" else [])],
            capture_output=True,
            check=True,
            text=True,
        ).stdout


@tagged("post_install", "-at_install")
class TestEvaluationPdf(ReportData, HttpCase):
    """wkhtmltopdf fetches the report's assets from the test server: an HttpCase, so that
    the server reads through the test's cursor."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._report_setup()

    def _pdf(self, period, user, lang="en_US"):
        # Debian's wkhtmltopdf (unpatched Qt) warns that it ignores the header switches
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, kind = (
                self.env["ir.actions.report"]
                .with_user(user)
                .with_context(force_report_rendering=True, lang=lang)
                ._render_qweb_pdf(REPORT, period.ids)
            )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        return pdf

    def _run(self, pdf, *command):
        return _pdf_output(pdf, *command)

    def test_pdf_has_sections_figures_and_charts(self):
        self.november.with_user(self.committee).action_approve()
        pdf = self._pdf(self.november, self.analyst)
        text = self._run(pdf, "pdftotext", "-layout")
        for title in (
            "EVALUATION REPORT",
            "November 2026",
            "Summary",
            "Segments",
            "Staff ranking",
            "Customer satisfaction",
            "Complaints",
        ):
            self.assertIn(title, text)
        self.assertIn(self.committee.name, text)  # approved by
        self.assertIn("1,250,000,000", text)  # revenue of the month
        self.assertIn("80.0 %", text)  # retention rate
        self.assertIn("Key accounts", text)  # segment A, in the segments table
        self.assertIn("900,000,000", text)  # its revenue
        self.assertIn(self.seller.name, text)  # ranked by revenue (no scorecard here)
        # two charts: revenue per segment, revenue over the periods, retention over them
        images = self._run(pdf, "pdfimages", "-list").splitlines()[2:]
        self.assertGreaterEqual(len(images), 3, images)

    def test_pdf_in_vietnamese(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(
            ["crm_evaluation"], ["vi_VN"], overwrite=True
        )
        # the web client sends the user's language in the context
        self.analyst.lang = "vi_VN"
        pdf = self._pdf(self.november, self.analyst, lang="vi_VN")
        text = self._run(pdf, "pdftotext", "-layout")
        self.assertIn("BÁO CÁO ĐÁNH GIÁ", text)
        self.assertIn("Xếp hạng nhân viên", text)
        self.assertIn("80,0 %", text)  # the retention rate, with a decimal comma
        self.assertNotIn("80.0 %", text)

    def test_print_needs_an_evaluation_user(self):
        with self.assertRaises(AccessError):
            self.env["report.crm_evaluation.report_evaluation_period"].with_user(
                self.seller
            )._get_report_values(self.november.ids)


@tagged("post_install", "-at_install")
class TestComputedPeriodPdf(EvaluationCase, HttpCase):
    """The PDF of a period computed from real orders: its figures, segments and the
    staff ranking of its scorecards."""

    def test_pdf_of_a_computed_period(self):
        seg_a = self.segments[0]
        big = self.customer("Công ty Ánh Dương", segment=seg_a)
        small = self.customer("Cửa hàng Bình An", segment=self.segments[-1])
        self.order(big, 7_000, date(2026, 10, 5), self.sales1, self.team1)
        self.order(big, 12_000, date(2026, 11, 5), self.sales1, self.team1)
        self.order(small, 3_500, date(2026, 11, 12), self.sales2, self.team2)
        period = self.period(user=self.committee)
        period.action_compute()
        self.assertTrue(period.scorecard_ids)
        # Debian's wkhtmltopdf (unpatched Qt) warns that it ignores the header switches
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, _kind = (
                self.env["ir.actions.report"]
                .with_user(self.analyst)
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(REPORT, period.ids)
            )
        text = _pdf_output(pdf, "pdftotext", "-layout")
        self.assertIn("15,500.00", text)  # the month's revenue
        self.assertIn("12,000.00", text)  # segment A's, and sales1's
        self.assertIn(seg_a.name, text)
        self.assertRegex(text, r"Team\s+North")
        first = period.scorecard_ids.filtered(lambda card: card.rank == 1)
        self.assertEqual(first.user_id, self.sales1)
        ranking = text[text.index("Staff ranking") :]
        self.assertLess(ranking.index(self.sales1.name), ranking.index(self.sales2.name))
        # rounded half up, as the report (formatLang) does: 46.15 is printed 46.2
        self.assertIn(float_repr(float_round(first.score, precision_digits=1), 1), ranking)
        # the first computed period: revenue per segment, no trend with one point
        images = _pdf_output(pdf, "pdfimages", "-list").splitlines()[2:]
        self.assertEqual(len(images), 1, images)
        self.assertIn("No earlier period to compare with", text)
        # the measures of the helpdesk addon, when it is installed, in their sections
        measures = dict(self.env["crm.evaluation.line"]._fields["measure"].selection)
        if "complaints_opened" in measures:
            title = re.search(r"^Complaints\s*$", text, re.MULTILINE).start()
            self.assertIn("Ticket rating", text[text.index("Customer satisfaction") : title])
            self.assertIn("Complaints opened", text[title:])
            self.assertNotIn("Ticket rating", text[title:])
