from datetime import datetime

from odoo import Command
from odoo.tests import HttpCase, tagged


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
