"""The dealer signals of the IDIC action board: a contract to renew, a review to decide."""

from datetime import datetime, time, timedelta

from odoo.tests import tagged

from .common import DealerCase


@tagged("post_install", "-at_install")
class TestDealerActionBoard(DealerCase):
    def _lines(self, partner, code, user=None):
        Action = self.env["crm.idic.action"]
        if user:
            Action = self.as_user(user, Action)
        return Action.search(
            [
                ("partner_id", "=", partner.commercial_partner_id.id),
                ("signal_id.code", "=", code),
                ("state", "=", "open"),
            ]
        )

    def test_a_contract_in_its_renewal_notice_until_renewed(self):
        app = self.approved()
        contract = self.as_user(self.manager, app.contract_id)
        contract.write(
            {
                "date_start": self.today - timedelta(days=300),
                "date_end": self.today + timedelta(days=20),
                "renewal_days": 30,
            }
        )
        contract.action_activate()
        partner = contract.partner_id
        partner.user_id = self.sales
        self.env["crm.idic.action"]._idic_refresh([partner.commercial_partner_id.id])
        line = self._lines(partner, "dealer_renewal", self.sales)
        self.assertEqual(line.date_due, self.today - timedelta(days=10))
        self.assertIn(contract.name, line.name)
        # the salesperson follows the contract up; a dealer manager's button renews it
        opened = line.action_do()
        self.assertEqual((opened["res_model"], opened["res_id"]), (contract._name, contract.id))
        self.assertEqual(line.state, "open")
        renewed = self.as_user(self.manager, line).action_do()
        self.assertEqual(renewed["res_id"], contract.next_contract_id.id)
        self.assertEqual(contract.next_contract_id.state, "draft")
        self.assertEqual(line.state, "done")
        self.assertEqual(line.closed_by_id, self.manager)

    def test_a_review_proposal_until_decided(self):
        dealer = self.make_dealer("Agent Hòa", self.l1, user=self.sales)
        review = (
            self.env["crm.dealer.review"]
            ._idic_system()
            .create(
                {
                    "partner_id": dealer.id,
                    "company_id": self.company.id,
                    "current_tier_id": self.l1.id,
                    "proposed_tier_id": self.l2.id,
                    "action": "downgrade",
                }
            )
        )
        self.env["crm.idic.action"]._idic_refresh([dealer.id])
        line = self._lines(dealer, "dealer_review", self.sales)
        self.assertIn("down", line.name)
        self.assertIn(self.l2.name, line.name)
        self.as_user(self.manager, review).action_refuse()
        self.assertEqual(line.state, "done")

    def test_a_dealer_missing_compliance(self):
        dealer = self.make_dealer("Agent Lan", self.l2, user=self.sales)
        requirement = self.env["crm.dealer.compliance.requirement"].create(
            {"name": "Biển hiệu cửa hàng", "company_id": self.company.id}
        )
        self.env["crm.idic.action"]._idic_refresh([dealer.id])
        line = self._lines(dealer, "dealer_compliance", self.sales)
        self.assertIn("Biển hiệu cửa hàng", line.name)
        self.env["crm.dealer.compliance.check"].create(
            {"partner_id": dealer.id, "requirement_id": requirement.id, "met": True}
        )
        self.env["crm.idic.action"]._idic_refresh([dealer.id])
        self.assertNotIn("Biển hiệu cửa hàng", self._lines(dealer, "dealer_compliance").name or "")

    def test_a_dealer_behind_its_target_pace(self):
        self.l1.yearly_target = 1_000_000_000
        behind = self.make_dealer("Agent chậm", self.l1, user=self.sales)
        ahead = self.make_dealer("Agent nhanh", self.l1, user=self.sales)
        product = self.env["product.product"].create({"name": "Pace phone", "type": "consu"})
        self.make_order(ahead, product, 1_000_000_000, datetime.combine(self.today, time(0)))
        self.env["crm.idic.action"]._idic_refresh((behind | ahead).ids)
        line = self._lines(behind, "dealer_pace", self.sales)
        self.assertEqual(line.key, self.today.strftime("%Y-%m"))
        self.assertIn("1,000,000,000", line.name)
        self.assertFalse(self._lines(ahead, "dealer_pace"))
