"""The dealer application from draft to contract, as the people who work on it."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import DealerCase


@tagged("post_install", "-at_install")
class TestApplicationWorkflow(DealerCase):
    def test_recommended_tier_and_deciding_criterion(self):
        app = self.new_application()
        # average 5,000 and sales 3,000 meet level 1; the distributor asks 20,000 average
        self.assertEqual(app.recommended_tier_id, self.l1)
        self.assertEqual(app.deciding_criterion, "avg_revenue")
        self.assertFalse(app.criterion_missing)
        app.write({"revenue_last_year": 30_000, "revenue_year_before": 10_000})
        self.assertEqual(app.recommended_tier_id, self.l1)
        self.assertEqual(app.deciding_criterion, "yearly_sales")
        app.write({"yearly_sales": 10_000, "major_share": 60, "minor_share": 40})
        self.assertEqual(app.recommended_tier_id, self.dist)
        self.assertFalse(app.deciding_criterion)

    def test_below_every_tier(self):
        app = self.new_application(revenue_year_before=0, yearly_sales=0, major_share=0)
        self.assertFalse(app.recommended_tier_id)
        # average 3,000 meets level 2's 1,000; no sales fails its 300
        self.assertEqual(app.deciding_criterion, "yearly_sales")
        self.assertFalse(app.criterion_missing)

    def test_dossier_starts_from_the_configured_documents(self):
        app = self.new_application()
        self.assertEqual(app.document_ids.type_id, self.doc_licence | self.doc_photos)
        self.assertEqual(app.completeness, 0)
        self.assertEqual(app.missing_required, 1)
        self.provide(app, self.doc_photos)
        self.assertEqual(app.completeness, 50)
        self.assertEqual(app.missing_required, 1)
        self.provide(app, self.doc_licence)
        self.assertEqual(app.completeness, 100)
        self.assertEqual(app.missing_required, 0)

    def test_full_life_cycle(self):
        app = self.new_application()
        self.assertEqual(app.state, "draft")
        self.assertTrue(app.name.startswith("DLA/"))
        self.provide(app, self.doc_licence)
        app.action_submit()
        self.assertEqual(app.state, "submitted")
        todo = self.env["mail.activity"].search(
            [("res_model", "=", app._name), ("res_id", "=", app.id)]
        )
        self.assertTrue(todo, "the managers are told to review the application")
        self.assertNotIn(self.sales, todo.user_id)
        mgr_app = self.as_user(self.manager, app)
        mgr_app.action_review()
        self.assertEqual(app.state, "in_review")
        mgr_app.action_approve()
        self.assertEqual(app.state, "approved")
        self.assertEqual(app.approved_tier_id, self.l1)
        self.assertEqual(app.approver_id, self.manager)
        contract = app.contract_id
        self.assertEqual(contract.state, "draft")
        self.assertEqual(contract.tier_id, self.l1)
        self.assertEqual(contract.partner_id.name, "Cửa hàng Minh Phát")
        self.assertEqual(app.partner_id, contract.partner_id)
        self.assertEqual(contract.user_id, self.sales)
        self.as_user(self.manager, contract).action_activate()
        self.assertEqual(app.state, "contracted")

    def test_requested_tier_wins_over_the_recommendation(self):
        app = self.approved(requested_tier_id=self.l2.id)
        self.assertEqual(app.approved_tier_id, self.l2)

    def test_dossier_gate(self):
        app = self.new_application()
        app.action_submit()
        mgr_app = self.as_user(self.manager, app)
        with self.assertRaisesText(UserError, "Licence T"):
            mgr_app.action_approve()
        self.assertEqual(app.state, "submitted")
        self.assertFalse(app.contract_id)

    def test_reject_and_back_to_draft(self):
        app = self.new_application()
        app.action_submit()
        self.as_user(self.manager, app).action_refuse()
        self.assertEqual(app.state, "rejected")
        app.action_draft()
        self.assertEqual(app.state, "draft")

    def test_no_tier_met_and_none_requested_cannot_be_approved(self):
        app = self.new_application(revenue_last_year=10, revenue_year_before=10)
        self.provide(app, self.doc_licence)
        app.action_submit()
        with self.assertRaises(UserError):
            self.as_user(self.manager, app).action_approve()


@tagged("post_install", "-at_install")
class TestApplicationGuards(DealerCase):
    def test_salesperson_cannot_write_the_workflow_fields(self):
        app = self.new_application()
        for vals in (
            {"state": "approved"},
            {"approved_tier_id": self.dist.id},
            {"approver_id": self.manager.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                app.write(vals)
        with self.assertRaises(AccessError):
            self.new_application(state="approved")
        with self.assertRaises(AccessError):
            self.as_user(self.sales, self.env["crm.dealer.application"]).with_context(
                default_state="approved"
            ).create({"applicant_name": "Forged"})
        self.assertEqual(app.state, "draft")
        self.assertFalse(app.approved_tier_id)

    def test_manager_cannot_write_state_either(self):
        app = self.new_application()
        with self.assertRaises(AccessError):
            self.as_user(self.manager, app).write({"state": "approved"})

    def test_salesperson_cannot_review_or_approve(self):
        app = self.new_application()
        self.provide(app, self.doc_licence)
        app.action_submit()
        for call in (app.action_review, app.action_approve, app.action_refuse):
            with self.subTest(action=call.__name__), self.assertRaises(AccessError):
                call()
        self.assertEqual(app.state, "submitted")
        self.assertFalse(app.can_approve)

    def test_manager_cannot_approve_own_application(self):
        app = self.new_application(user=self.manager)
        self.provide(app, self.doc_licence)
        app.action_submit()
        self.assertFalse(app.can_approve)
        # the form says why instead of hiding the button without a word
        self.assertIn("Another dealer manager must approve it", app.approval_note)
        self.assertFalse(self.as_user(self.manager2, app).approval_note)
        self.assertFalse(self.as_user(self.sales, app).approval_note, "not a manager's matter")
        with self.assertRaisesText(UserError, "own application"):
            app.action_approve()
        self.as_user(self.manager2, app).action_approve()
        self.assertEqual(app.state, "approved")

    def test_plain_employee_has_no_access(self):
        with self.assertRaises(AccessError):
            self.new_application(user=self.employee)

    def test_wrong_order_of_steps(self):
        app = self.new_application()
        self.provide(app, self.doc_licence)
        with self.assertRaises(UserError):
            self.as_user(self.manager, app).action_approve()  # still a draft
        app.action_submit()
        with self.assertRaises(UserError):
            app.action_submit()

    def test_decided_application_is_frozen(self):
        app = self.approved()
        with self.assertRaises(UserError):
            app.write({"revenue_last_year": 1})
        with self.assertRaises(UserError):
            self.as_user(self.manager, app).write({"yearly_sales": 1})

    def test_bad_figures_are_refused_in_plain_words(self):
        for vals, message in (
            ({"major_share": 70, "minor_share": 40}, "add up to more than 100"),
            ({"major_share": -5}, "cannot be negative"),
            ({"revenue_last_year": -1}, "cannot be negative"),
            ({"eval_score": 11}, "between 0 and 10"),
            ({"applicant_name": False}, "Name the applicant"),
        ):
            with self.subTest(vals=vals), self.assertRaisesText(ValidationError, message):
                self.new_application(**vals)
        self.assertFalse(
            self.env["crm.dealer.application"].search([("company_id", "=", self.company.id)])
        )
