"""What the Vietnamese tours of the CRM committee share, for the addons that add measures
to the evaluation periods (crm_evaluation_loyalty, _dealer, _helpdesk): a company in đồng
working in Vietnam's time zone, its committee member reading Vietnamese, and a period
of that company computed as the evaluation job computes it. The tours' steps are in
static/tests/tours/evaluation_vi_tour_utils.js."""

from datetime import date

from odoo.tests import HttpCase

from odoo.addons.crm_idic.tests.vietnamese import vietnamese_company, vietnamese_user


class CommitteeTourCase(HttpCase):
    """``modules``: the addons whose Vietnamese the tour reads, besides crm_idic and
    crm_evaluation. ``self.company`` and ``self.committee`` (login ``LOGIN``) are set up
    for each test class."""

    LOGIN = "eval_vi_committee"
    modules = ()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = vietnamese_company(cls.env, ["crm_idic", "crm_evaluation", *cls.modules])
        cls.company.partner_id.tz = "Asia/Ho_Chi_Minh"
        cls.committee = vietnamese_user(
            cls.env,
            cls.company,
            cls.LOGIN,
            "crm_evaluation.group_evaluation_committee,crm_idic.group_idic_user",
            name="Lê Thu Hà",
            tz="Asia/Ho_Chi_Minh",
        )

    def computed_period(self, name="Tháng 11/2026", date_from=date(2026, 11, 1)):
        """The monthly period ``name`` of the company, computed as the evaluation job
        does: as the system, in English (the names of tiers and ranks its lines keep are
        the English ones). Returned as the committee member reads it, in Vietnamese."""
        period = (
            self.env["crm.evaluation.period"]
            .with_company(self.company)
            .create(
                {
                    "name": name,
                    "kind": "monthly",
                    "date_from": date_from,
                    "company_id": self.company.id,
                }
            )
        )
        period.with_context(lang="en_US").action_compute()
        self.assertEqual(period.state, "computed")
        return period.with_user(self.committee).with_context(lang="vi_VN")

    @staticmethod
    def measures(period, dimension="total", **keys):
        """{measure: line} of ``period``'s lines of ``dimension`` whose ``keys`` (fields)
        hold the values given (records or plain values)."""
        return {
            line.measure: line
            for line in period.line_ids
            if line.dimension == dimension
            and all(line[field] == value for field, value in keys.items())
        }

    def assertReads(self, line, value, text):
        """``line`` holds ``value`` and reads ``text`` in Vietnamese."""
        self.assertAlmostEqual(line.value, value, places=2, msg=line.measure)
        self.assertEqual(line.value_text, text, line.measure)

    def start_committee_tour(self, tour):
        self.start_tour("/odoo", tour, login=self.LOGIN)
