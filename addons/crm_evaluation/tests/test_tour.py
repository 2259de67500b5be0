from datetime import date, datetime

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.crm_idic.tests.vietnamese import vietnamese_company, vietnamese_user


@tagged("post_install", "-at_install")
class TestEvaluationTour(HttpCase):
    def test_compute_a_period_and_open_its_scorecards(self):
        admin = self.env.ref("base.user_admin")
        company = admin.company_id
        customer = self.env["res.partner"].create(
            {"name": "Tour customer", "is_company": True, "company_id": company.id}
        )
        product = self.env["product.product"].create({"name": "Tour product", "list_price": 5})
        order = (
            self.env["sale.order"]
            .with_company(company)
            .create(
                {
                    "partner_id": customer.id,
                    "company_id": company.id,
                    "user_id": admin.id,
                    "order_line": [Command.create({"product_id": product.id, "price_unit": 5})],
                }
            )
        )
        order.action_confirm()
        order.date_order = datetime(2015, 1, 6, 10)
        self.start_tour("/odoo", "crm_evaluation_tour", login="admin")
        period = self.env["crm.evaluation.period"].search([("name", "=", "Tour week")])
        self.assertEqual(period.state, "computed")
        self.assertEqual(period.company_id, company)
        self.assertIn(admin, period.scorecard_ids.user_id)


@tagged("post_install", "-at_install")
class TestEvaluationVietnameseTour(HttpCase):
    """The evaluation manager, in Vietnamese, in a company that works in đồng."""

    def test_manager_reads_the_board_and_locks_a_period_in_vietnamese(self):
        company = vietnamese_company(self.env, ["crm_idic", "crm_evaluation"])
        company.partner_id.tz = "Asia/Ho_Chi_Minh"
        manager = vietnamese_user(
            self.env,
            company,
            "eval_vi_manager",
            "crm_evaluation.group_evaluation_committee,crm_idic.group_idic_user",
            tz="Asia/Ho_Chi_Minh",
        )
        Period = self.env["crm.evaluation.period"].with_company(company)
        periods = {}
        for name, start, revenue, retention in (
            ("Tháng 10/2026", date(2026, 10, 1), 800_000_000, 75.0),
            ("Tháng 11/2026", date(2026, 11, 1), 1_250_000_000, 80.0),
        ):
            period = Period.create({"name": name, "date_from": start, "company_id": company.id})
            self.assertEqual(period.tz, "Asia/Ho_Chi_Minh")  # the company's time zone
            # the snapshot as the compute writes it, approved by the committee
            self.env["crm.evaluation.line"].create(
                [
                    {**vals, "period_id": period.id}
                    for vals in (
                        period._evaluation_line("revenue", revenue),
                        period._evaluation_line(
                            "retention_rate", retention, numerator=retention, denominator=100
                        ),
                    )
                ]
            )
            period._idic_system().write({"state": "computed"})
            period.with_user(manager).action_approve()
            periods[name] = period
        self.start_tour("/odoo", "crm_evaluation_vi_tour", login="eval_vi_manager")
        self.assertEqual(periods["Tháng 11/2026"].state, "locked")
        self.assertEqual(periods["Tháng 10/2026"].state, "approved")
