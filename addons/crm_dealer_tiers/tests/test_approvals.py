"""Approvals that mean something: four eyes on an application, a contract carrying the
approved tier only, the system's fields written by the system only (not by the
superuser), and a dealer's figures for its salesperson and the dealer managers."""

from datetime import datetime, time, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DealerCase


@tagged("post_install", "-at_install")
class TestFourEyes(DealerCase):
    def submitted(self, user=None, **vals):
        app = self.new_application(user=user, **vals)
        self.provide(app, self.doc_licence)
        app.action_submit()
        return app

    def test_reassigning_the_salesperson_does_not_make_ones_own_application_approvable(self):
        app = self.submitted()
        # a manager takes the application over, then hands it back to the salesperson
        as_manager = self.as_user(self.manager, app)
        as_manager.user_id = self.manager
        as_manager.user_id = self.sales
        self.assertEqual(app.user_id, self.sales)
        self.assertFalse(as_manager.can_approve)
        with self.assertRaisesText(UserError, "own application"):
            as_manager.action_approve()
        self.assertEqual(app.state, "submitted")
        self.assertFalse(app.contract_id)
        self.assertIn(self.manager, app.excluded_approver_ids)
        # another manager, who never had it, approves it
        self.as_user(self.manager2, app).action_approve()
        self.assertEqual(app.state, "approved")
        self.assertEqual(app.approver_id, self.manager2)

    def test_the_creator_cannot_approve_an_application_filed_for_someone_else(self):
        app = self.new_application(user=self.manager, user_id=self.sales.id)
        self.provide(app, self.doc_licence)
        self.as_user(self.sales, app).action_submit()
        with self.assertRaisesText(UserError, "own application"):
            app.action_approve()
        self.assertEqual(app.state, "submitted")
        self.assertEqual(app.submitted_by_id, self.sales)

    def test_whoever_submitted_cannot_approve(self):
        app = self.new_application()
        self.provide(app, self.doc_licence)
        as_manager = self.as_user(self.manager, app)
        as_manager.action_submit()
        # back to draft and submitted again by the salesperson: still not the manager's
        as_manager.action_draft()
        app.action_submit()
        with self.assertRaisesText(UserError, "own application"):
            as_manager.action_approve()
        self.assertEqual(app.submitted_by_id, self.sales)
        self.assertIn(self.manager, app.excluded_approver_ids)
        self.as_user(self.manager2, app).action_approve()
        self.assertEqual(app.state, "approved")

    def test_the_reviewers_told_are_those_who_may_approve(self):
        app = self.new_application(user=self.manager, user_id=self.sales.id)
        self.provide(app, self.doc_licence)
        self.as_user(self.sales, app).action_submit()
        todo = self.env["mail.activity"].search(
            [("res_model", "=", app._name), ("res_id", "=", app.id)]
        )
        self.assertTrue(todo)
        self.assertFalse(todo.user_id & (self.manager | self.sales))

    def test_who_may_not_approve_is_the_systems_to_write(self):
        app = self.submitted()
        for vals in (
            {"excluded_approver_ids": [Command.clear()]},
            {"excluded_approver_ids": [Command.unlink(self.sales.id)]},
            {"submitted_by_id": self.manager2.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                self.as_user(self.manager, app).write(vals)
        Application = self.as_user(self.sales, self.env["crm.dealer.application"])
        for context in (
            {"default_submitted_by_id": self.manager.id},
            {"default_excluded_approver_ids": [Command.set([])]},
            {"default_approved_tier_id": self.dist.id},
        ):
            with self.subTest(context=context), self.assertRaises(AccessError):
                Application.with_context(**context).create({"applicant_name": "Forged"})
        self.assertEqual(app.excluded_approver_ids, self.sales)


@tagged("post_install", "-at_install")
class TestApprovedTier(DealerCase):
    def test_a_contract_carries_the_approved_dealer_and_tier_only(self):
        app = self.approved()
        contract = self.as_user(self.manager, app.contract_id)
        other = self.env["res.partner"].create({"name": "Other shop", "is_company": True})
        for vals in (
            {"tier_id": self.dist.id},
            {"partner_id": other.id},
            {"customer_group": "project"},
            {"application_id": False},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                contract.write(vals)
        self.assertEqual(contract.tier_id, self.l1)
        contract.action_activate()
        partner = app.partner_id
        self.assertEqual(partner.dealer_tier_id, self.l1)
        self.assertEqual(partner.with_company(self.company).property_product_pricelist, self.pl_l1)

    def test_a_contract_with_another_tier_is_not_activated(self):
        app = self.approved()
        # however the tier got changed, the activation compares it with the approval
        app.contract_id._idic_system().write({"tier_id": self.dist.id})
        contract = self.as_user(self.manager, app.contract_id)
        with self.assertRaisesText(UserError, "needs a new application"):
            contract.action_activate()
        self.assertEqual(contract.state, "draft")
        self.assertFalse(app.partner_id.dealer_tier_id)
        self.assertNotEqual(
            app.partner_id.with_company(self.company).property_product_pricelist, self.pl_dist
        )
        self.assertEqual(app.state, "approved")

    def test_a_contract_of_another_dealer_is_not_activated(self):
        app = self.approved()
        other = self.env["res.partner"].create({"name": "Other shop", "is_company": True})
        app.contract_id._idic_system().write({"partner_id": other.id})
        with self.assertRaisesText(UserError, "needs a new application"):
            self.as_user(self.manager, app.contract_id).action_activate()
        self.assertFalse(other.dealer_tier_id)

    def test_a_contract_without_approval_is_not_activated(self):
        partner = self.env["res.partner"].create({"name": "Unapproved shop", "is_company": True})
        Contract = self.env["crm.dealer.contract"]._idic_system()
        contract = Contract.create(
            {
                "partner_id": partner.id,
                "company_id": self.company.id,
                "tier_id": self.dist.id,
                "date_start": self.today,
                "date_end": self.today + timedelta(days=364),
            }
        )
        with self.assertRaisesText(UserError, "comes from no approved application"):
            self.as_user(self.manager, contract).action_activate()
        self.assertFalse(partner.dealer_tier_id)

    def test_manager_cannot_create_a_contract_by_hand(self):
        partner = self.env["res.partner"].create({"name": "Hand-made", "is_company": True})
        Contract = self.as_user(self.manager, self.env["crm.dealer.contract"])
        vals = {
            "partner_id": partner.id,
            "tier_id": self.dist.id,
            "date_start": self.today,
            "date_end": self.today + timedelta(days=364),
        }
        with self.assertRaises(AccessError):
            Contract.create(vals)
        with self.assertRaises(AccessError):
            Contract.with_context(default_tier_id=self.dist.id).create(
                {k: v for k, v in vals.items() if k != "tier_id"}
            )
        self.assertFalse(Contract.search([("partner_id", "=", partner.id)]))

    def test_a_renewal_carries_the_tier_of_the_contract_it_renews(self):
        contract = self.as_user(self.manager, self.approved().contract_id)
        contract.action_activate()
        contract.action_renew()
        renewal = contract.next_contract_id
        self.assertEqual(renewal.tier_id, self.l1)
        renewal._idic_system().write({"tier_id": self.dist.id})
        with self.assertRaisesText(UserError, "needs a new application"):
            renewal.action_activate()


@tagged("post_install", "-at_install")
class TestNoSuperuserWayPast(DealerCase):
    """sudo() is about access rights: it lets no client's value of the system's through."""

    def test_sudo_writes_no_workflow_field(self):
        app = self.approved()
        dealer = app.partner_id
        draft = self.new_application()
        cases = (
            (self.as_user(self.sales, dealer).sudo(), {"dealer_tier_id": self.dist.id}),
            (draft.sudo(), {"approved_tier_id": self.dist.id}),
            (draft.sudo(), {"state": "approved"}),
            (self.as_user(self.manager, app.contract_id).sudo(), {"tier_id": self.dist.id}),
            (self.as_user(self.manager, app.contract_id).sudo(), {"state": "active"}),
        )
        for records, vals in cases:
            with self.subTest(model=records._name, vals=vals), self.assertRaises(AccessError):
                records.write(vals)
        with self.assertRaises(AccessError):
            self.as_user(self.sales, self.env["res.partner"]).sudo().create(
                {"name": "Forged", "dealer_tier_id": self.dist.id}
            )
        self.assertFalse(dealer.dealer_tier_id)
        self.assertEqual(draft.state, "draft")
        self.assertEqual(app.contract_id.state, "draft")

    def test_sudo_is_no_dealer_manager(self):
        app = self.approved()
        with self.assertRaises(AccessError):
            self.as_user(self.sales, app.contract_id).sudo().action_activate()
        self.assertEqual(app.contract_id.state, "draft")

    def test_a_review_is_the_jobs(self):
        dealer = self.make_dealer("Review target", self.l2)
        Review = self.env["crm.dealer.review"]._idic_system()
        review = Review.create(
            {
                "partner_id": dealer.id,
                "company_id": self.company.id,
                "current_tier_id": self.l2.id,
                "proposed_tier_id": self.l1.id,
                "action": "upgrade",
            }
        )
        as_manager = self.as_user(self.manager, review)
        for vals in ({"proposed_tier_id": self.dist.id}, {"partner_id": self.sales.partner_id.id}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                as_manager.write(vals)
        with self.assertRaises(AccessError):
            self.as_user(self.manager, self.env["crm.dealer.review"]).sudo().create(
                {"partner_id": dealer.id, "company_id": self.company.id, "action": "keep"}
            )
        as_manager.action_approve()
        self.assertEqual(dealer.dealer_tier_id, self.l1)


@tagged("post_install", "-at_install")
class TestDealerFigures(DealerCase):
    FIGURES = [
        "dealer_sales_12m",
        "dealer_network_sales_12m",
        "dealer_rebate_amount",
        "dealer_revenue_24m",
    ]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        product = cls.env["product.product"].create({"name": "Figure phone", "type": "consu"})
        cls.mine = cls.make_dealer("Figures distributor", cls.dist, user=cls.sales)
        when = datetime.combine(cls.today - timedelta(days=30), time(9))
        cls.make_order(cls.mine, product, 10_000, when)

    def read_as(self, user, method="read", names=None):
        Partner = self.as_user(user, self.env["res.partner"])
        names = names or self.FIGURES
        if method == "read":
            return Partner.browse(self.mine.id).read(names)[0]
        return Partner.search_read([("id", "=", self.mine.id)], names)[0]

    def test_the_salesperson_and_the_managers_read_the_figures(self):
        for user in (self.sales, self.manager):
            for method in ("read", "search_read"):
                with self.subTest(user=user.login, method=method):
                    row = self.read_as(user, method)
                    self.assertEqual(row["dealer_sales_12m"], 10_000)
                    self.assertEqual(row["dealer_network_sales_12m"], 10_000)
                    self.assertEqual(row["dealer_rebate_amount"], 300)  # the distributor's 3 %
                    self.assertEqual(row["dealer_revenue_24m"], 10_000)

    def test_a_plain_employee_is_refused_the_figures(self):
        for name in self.FIGURES:
            for method in ("read", "search_read"):
                with self.subTest(name=name, method=method), self.assertRaises(AccessError):
                    self.read_as(self.employee, method, [name])
        # the partner itself stays readable, as the rest of Odoo needs
        self.assertEqual(self.as_user(self.employee, self.mine).name, "Figures distributor")

    def test_another_dealers_salesperson_gets_no_figures(self):
        for method in ("read", "search_read"):
            with self.subTest(method=method):
                row = self.read_as(self.sales2, method)
                self.assertEqual([row[name] for name in self.FIGURES], [0, 0, 0, 0])
        self.assertFalse(self.as_user(self.sales2, self.mine).dealer_in_scope)
        # read together with their own dealer, the figures of the other still stay hidden
        theirs = self.make_dealer("Figures theirs", self.l2, user=self.sales2)
        rows = self.as_user(self.sales2, theirs | self.mine).read(["dealer_sales_12m"])
        self.assertEqual([row["dealer_sales_12m"] for row in rows], [0, 0])
