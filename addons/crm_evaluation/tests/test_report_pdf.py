"""The printed evaluation report: sections, figures and charts in the PDF."""

import subprocess
import tempfile

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .test_report_common import ReportData

REPORT = "crm_evaluation.action_report_evaluation_period"


@tagged("post_install", "-at_install")
class TestEvaluationPdf(ReportData, HttpCase):
    """wkhtmltopdf fetches the report's assets from the test server: an HttpCase, so that
    the server reads through the test's cursor."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._report_setup()

    def _pdf(self, period, user):
        # Debian's wkhtmltopdf (unpatched Qt) warns that it ignores the header switches
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, kind = (
                self.env["ir.actions.report"]
                .with_user(user)
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(REPORT, period.ids)
            )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        return pdf

    def _run(self, pdf, *command):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            return subprocess.run(
                [*command, handle.name, *(["-"] if command[0] == "pdftotext" else [])],
                capture_output=True,
                check=True,
                text=True,
            ).stdout

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
        self.analyst.lang = "vi_VN"
        text = self._run(self._pdf(self.november, self.analyst), "pdftotext", "-layout")
        self.assertIn("BÁO CÁO ĐÁNH GIÁ", text)
        self.assertIn("Xếp hạng nhân viên", text)

    def test_print_needs_an_evaluation_user(self):
        with self.assertRaises(AccessError):
            self.env["report.crm_evaluation.report_evaluation_period"].with_user(
                self.seller
            )._get_report_values(self.november.ids)
