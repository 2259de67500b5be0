"""Hostile and careless use of crm_idic, each case as the user who would try it."""

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import IdicCase

ASSESSMENTS = (
    "idic_total_score",
    "idic_current_value_score",
    "idic_segment_id",
    "idic_override_reason",
    "idic_credit_standing",
    "idic_lapse_note",
    "idic_relationship_level",
)


@tagged("post_install", "-at_install")
class TestSystemFieldsAreGuarded(IdicCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.make_customer("Guarded customer")
        cls.make_order(cls.partner, 20000, days_ago=30)
        cls.partner._idic_recompute(cls.today)
        cls.plain = new_test_user(
            cls.env,
            login="idic_plain_employee",
            groups="base.group_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.portal = new_test_user(cls.env, login="idic_portal_guard", groups="base.group_portal")
        cls.portal.partner_id.parent_id = cls.partner

    def test_salesman_cannot_write_scores(self):
        partner = self.partner.with_user(self.user)
        before = self.partner.idic_total_score
        for vals in (
            {"idic_total_score": 99},
            {"idic_computed_segment_id": self.seg["A"].id},
            {"idic_segment_id": self.seg["A"].id},
            {"idic_relationship_level": "3"},
            {"idic_profile_completeness": 42},
            {"idic_is_duplicate": True},
            {"idic_scored_date": "2020-01-01"},
            {"idic_segment_override_id": self.seg["A"].id, "idic_override_reason": "x"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                partner.write(vals)
        self.assertEqual(self.partner.idic_total_score, before)
        self.assertFalse(self.partner.idic_segment_override_id)

    def test_salesman_cannot_clear_a_managers_override(self):
        wizard = (
            self.env["crm.idic.override.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "partner_ids": [Command.set(self.partner.ids)],
                    "segment_id": self.seg["A"].id,
                    "reason": "Strategic account",
                }
            )
        )
        wizard.action_apply()
        self.assertEqual(self.partner.idic_segment_id, self.seg["A"])
        with self.assertRaises(AccessError):
            self.partner.with_user(self.user).write({"idic_segment_override_id": False})
        with self.assertRaises(AccessError):
            self.partner.with_user(self.user).action_idic_clear_override()
        self.assertEqual(self.partner.idic_segment_override_id, self.seg["A"])
        # a manager writing the field directly is refused too: only the wizard sets it
        with self.assertRaises(AccessError):
            self.partner.with_user(self.manager).write({"idic_override_reason": "other"})
        self.partner.with_user(self.manager).action_idic_clear_override()
        self.assertFalse(self.partner.idic_segment_override_id)

    def test_salesman_cannot_create_or_default_scores(self):
        Partner = self.env["res.partner"].with_user(self.user)
        with self.assertRaises(AccessError):
            Partner.create({"name": "Forged", "idic_total_score": 90})
        with self.assertRaises(AccessError):
            Partner.with_context(default_idic_computed_segment_id=self.seg["A"].id).create(
                {"name": "Forged by default"}
            )
        copy = self.partner.with_user(self.user).copy()
        self.assertFalse(copy.idic_total_score)

    def test_override_checks_the_company(self):
        other = self.env["res.company"].create({"name": "Override Other Co"})
        foreign = self.env["crm.idic.segment"].search([("company_id", "=", other.id)], limit=1)
        self.assertTrue(foreign)
        with self.assertRaises(ValidationError):
            self.partner.with_user(self.manager)._idic_set_override(foreign, "wrong company")
        self.assertFalse(self.partner.idic_segment_override_id)

    def test_assessments_are_hidden_from_plain_employees_and_portal(self):
        self.partner.write({"idic_credit_standing": "poor", "idic_lapse_note": "slow payer"})
        for user in (self.plain, self.portal):
            partner = self.partner.with_user(user)
            partner.invalidate_recordset()
            self.assertEqual(partner.read(["name"])[0]["name"], "Guarded customer")
            for name in ASSESSMENTS:
                with self.subTest(user=user.login, field=name), self.assertRaises(AccessError):
                    partner.read([name])
        self.assertEqual(
            self.partner.with_user(self.user).read(["idic_credit_standing"])[0][
                "idic_credit_standing"
            ],
            "poor",
        )

    def test_actions_check_their_group(self):
        segment = self.seg["D"]
        for user in (self.plain, self.portal):
            partner = self.partner.with_user(user)
            for call in (
                partner.action_idic_recompute,
                partner.action_idic_find_duplicates,
                partner.action_idic_merge_duplicates,
                partner.action_idic_clear_override,
                partner.action_idic_view_interactions,
                segment.with_user(user).action_view_partners,
            ):
                with (
                    self.subTest(user=user.login, action=call.__name__),
                    self.assertRaises(AccessError),
                ):
                    call()
        action = self.partner.with_user(self.user).action_idic_find_duplicates()
        self.assertEqual(action["res_model"], "res.partner")


@tagged("post_install", "-at_install")
class TestConstraintsHaveNoBackDoor(IdicCase):
    def test_context_key_does_not_skip_the_range_check(self):
        Segment = self.env["crm.idic.segment"].with_user(self.manager)
        with self.assertRaises(ValidationError):
            Segment.with_context(idic_no_range_check=True).create(
                {"name": "Twin", "code": "A2", "min_score": self.seg["A"].min_score}
            )

    def test_moving_a_segment_checks_the_company_it_leaves(self):
        other = self.env["res.company"].create({"name": "Segment Other Co"})
        self.env["crm.idic.segment"].search([("company_id", "=", other.id)]).unlink()
        self.manager.company_ids |= other
        with self.assertRaises(ValidationError):
            # D starts at 0: without it, scores below B's floor have no segment
            self.seg["D"].with_user(self.manager).company_id = other
        self.assertEqual(self.seg["D"].company_id, self.company)


@tagged("post_install", "-at_install")
class TestSharedPartners(IdicCase):
    """A partner without a company is scored by the one company it buys from."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create(
            {"name": "IDIC Company B", "currency_id": cls.usd.id}
        )
        cls.user_b = new_test_user(
            cls.env,
            login="idic_user_b",
            groups="sales_team.group_sale_salesman",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )

    def make_shared(self, name):
        return self.env["res.partner"].create({"name": name, "is_company": True})

    def order_in(self, company, partner, amount):
        order = (
            self.env["sale.order"]
            .with_company(company)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "price_unit": amount,
                                "tax_id": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        order.action_confirm()
        return order

    def test_whoever_recomputes_the_owner_scores(self):
        shared = self.make_shared("Shared buyer")
        self.order_in(self.company, shared, 50000)
        shared.with_user(self.user).action_idic_recompute()
        scores = shared.read(["idic_total_score", "idic_computed_segment_id"])[0]
        self.assertTrue(scores["idic_total_score"] > 0)
        self.assertEqual(shared.idic_scoring_company_id, self.company)
        # a user of company B recomputes: same company, same result
        shared.with_user(self.user_b).with_context(
            allowed_company_ids=self.company_b.ids
        ).action_idic_recompute()
        shared.invalidate_recordset()
        self.assertEqual(shared.idic_scoring_company_id, self.company)
        self.assertEqual(shared.read(["idic_total_score", "idic_computed_segment_id"])[0], scores)
        # B's user reads the priority flag of a customer whose segment is A's
        self.assertIn(
            shared.with_user(self.user_b)
            .with_context(allowed_company_ids=self.company_b.ids)
            .idic_priority,
            (True, False),
        )

    def test_a_customer_of_two_companies_is_scored_by_none(self):
        shared = self.make_shared("Buyer of both")
        self.order_in(self.company, shared, 50000)
        shared._idic_recompute(self.today)
        self.assertTrue(shared.idic_total_score)
        self.order_in(self.company_b, shared, 100)
        shared._idic_recompute(self.today)
        self.assertFalse(shared.idic_total_score)
        self.assertFalse(shared.idic_scoring_company_id)
        self.assertFalse(shared.idic_segment_id)


@tagged("post_install", "-at_install")
class TestWizardsStayInTheirCompany(IdicCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.make_customer("Our customer", idic_customer_group="project")
        cls.customer._idic_recompute(cls.today)
        cls.other = cls.env["res.company"].create({"name": "Wizard Other Co"})
        cls.outsider = new_test_user(
            cls.env,
            login="idic_wizard_outsider",
            groups="sales_team.group_sale_manager",
            company_id=cls.other.id,
            company_ids=[Command.set(cls.other.ids)],
        )
        cls.theirs = cls.env["res.partner"].create(
            {"name": "Their customer", "company_id": cls.other.id, "idic_customer_group": "project"}
        )

    def test_a_manager_of_another_company_cannot_override_our_customer(self):
        theirs = self.env["crm.idic.segment"].search(
            [("company_id", "=", self.other.id), ("code", "=", "A")]
        )
        env = self.env(user=self.outsider, context={"allowed_company_ids": self.other.ids})
        with self.assertRaises(AccessError):
            self.customer.with_env(env)._idic_set_override(theirs, "poaching")
        with self.assertRaises(AccessError):
            self.customer.with_env(env).action_idic_clear_override()
        self.assertFalse(self.customer.idic_segment_override_id)

    def test_a_salesman_invites_another_salespersons_customer(self):
        colleague = new_test_user(
            self.env,
            login="idic_colleague",
            groups="sales_team.group_sale_salesman",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        self.customer.user_id = colleague
        wizard = (
            self.env["crm.idic.conference.wizard"]
            .with_user(self.user)
            .create(
                {
                    "name": "Gratitude day",
                    "event_date": self.today,
                    "partner_ids": [Command.set(self.customer.ids)],
                }
            )
        )
        wizard.action_invite()
        invitation = self.env["crm.idic.interaction"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(invitation.user_id, colleague, "the customer's salesperson follows it up")
        self.assertEqual(invitation.activity_ids.user_id, colleague)

    def test_conference_filters_find_only_the_users_companies(self):
        wizard = (
            self.env["crm.idic.conference.wizard"]
            .with_user(self.user)
            .create({"name": "Project day", "event_date": self.today, "customer_group": "project"})
        )
        self.assertIn(self.customer, wizard.partner_ids)
        self.assertNotIn(self.theirs, wizard.partner_ids)
