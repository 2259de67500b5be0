"""The compliance standard gates contract activation; training counts toward it."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DealerCase


@tagged("post_install", "-at_install")
class TestCompliance(DealerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Requirement = cls.env["crm.dealer.compliance.requirement"]
        cls.premises = Requirement.create({"name": "Premises T", "company_id": cls.company.id})
        cls.training_req = Requirement.create(
            {"name": "Training T", "kind": "training", "company_id": cls.company.id}
        )

    def test_non_compliant_dealer_cannot_be_activated(self):
        app = self.approved()
        partner = app.partner_id
        self.assertFalse(partner.dealer_compliant)
        contract = self.as_user(self.manager, app.contract_id)
        with self.assertRaisesText(UserError, "Premises T, Training T"):
            contract.action_activate()
        self.assertEqual(app.contract_id.state, "draft")
        self.assertFalse(partner.dealer_tier_id)
        # the manager checks the premises on the list the approval opened; the dealer
        # attends the training
        checks = self.as_user(self.manager, partner.dealer_compliance_ids)
        checks.filtered(lambda c: c.requirement_id == self.premises).met = True
        with self.assertRaisesText(UserError, "Training T"):
            contract.action_activate()
        self.as_user(self.manager, self.env["crm.dealer.training"]).create(
            {
                "name": "Session 1",
                "requirement_id": self.training_req.id,
                "attendee_ids": [(6, 0, partner.ids)],
            }
        )
        partner.invalidate_recordset(["dealer_compliant"])
        self.assertTrue(partner.dealer_compliant)
        contract.action_activate()
        self.assertEqual(contract.state, "active")

    def test_an_approved_applicant_is_a_dealer_with_a_list_to_tick(self):
        partner = self.env["res.partner"].create(
            {"name": "Shop to be", "is_company": True, "company_id": self.company.id}
        )
        app = self.approved(partner_id=partner.id)
        self.assertEqual(app.partner_id, partner)
        self.assertEqual(partner.idic_customer_group, "dealer")
        checks = partner.dealer_compliance_ids
        self.assertEqual(checks.requirement_id, self.premises | self.training_req)
        self.assertFalse(any(checks.mapped("met")))
        # a manager ticks both, the training too, without a session: it counts
        self.as_user(self.manager, checks).write({"met": True})
        partner.invalidate_recordset(["dealer_compliant"])
        self.assertTrue(partner.dealer_compliant)
        contract = self.as_user(self.manager, app.contract_id)
        contract.action_activate()
        self.assertEqual(contract.state, "active")
        # approving again another application of the same dealer adds no second list
        partner._dealer_open_compliance_list(self.company)
        self.assertEqual(len(partner.dealer_compliance_ids), 2)

    def test_compliance_rate(self):
        Check = self.env["crm.dealer.compliance.check"]
        for index in range(4):
            dealer = self.make_dealer(f"Rate dealer {index}", self.l2)
            Check.create(
                {"partner_id": dealer.id, "requirement_id": self.premises.id, "met": index != 0}
            )
        rows = self.as_user(self.manager, Check)._read_group(
            [("requirement_id", "=", self.premises.id)], [], ["compliance_rate:avg"]
        )
        self.assertEqual(rows[0][0], 75.0)

    def test_salesperson_cannot_record_compliance(self):
        partner = self.make_dealer("Compliance dealer", self.l2)
        with self.assertRaises(AccessError):
            self.as_user(self.sales, self.env["crm.dealer.compliance.check"]).create(
                {"partner_id": partner.id, "requirement_id": self.premises.id, "met": True}
            )
        self.assertFalse(self.as_user(self.sales, partner).dealer_compliant)

    def test_compliance_of_many_dealers_at_once(self):
        dealers = [self.make_dealer(f"Batch dealer {index}", self.l2) for index in range(3)]
        Check = self.env["crm.dealer.compliance.check"]
        for dealer in dealers[:2]:
            Check.create({"partner_id": dealer.id, "requirement_id": self.premises.id, "met": True})
        self.env["crm.dealer.training"].create(
            {
                "name": "Batch session",
                "requirement_id": self.training_req.id,
                "attendee_ids": [(6, 0, [dealers[0].id, dealers[2].id])],
            }
        )
        partners = self.as_user(self.manager, self.env["res.partner"]).browse(
            [dealer.id for dealer in dealers]
        )
        self.env.invalidate_all()
        with self.assertQueryCount(5):
            values = partners.mapped("dealer_compliant")
        self.assertEqual(values, [True, False, False])
        missing = partners[2]._dealer_missing_requirements()
        self.assertEqual(missing, self.premises)
