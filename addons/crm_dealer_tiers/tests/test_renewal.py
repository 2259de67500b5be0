"""Renewing a contract: the next draft contract, refused for non-managers, non-compliant
dealers and contracts already renewed."""

from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DealerCase


@tagged("post_install", "-at_install")
class TestRenewal(DealerCase):
    def active_contract(self):
        app = self.approved()
        contract = self.as_user(self.manager, app.contract_id)
        contract.write(
            {
                "date_start": date(2025, 3, 1),
                "date_end": date(2026, 2, 28),
                "note": "<p>Payment within 30 days</p>",
                "renewal_days": 45,
            }
        )
        contract.action_activate()
        return contract

    def renewal_activities(self, contract):
        return self.env["mail.activity"].search(
            [("res_model", "=", contract._name), ("res_id", "=", contract.id)]
        )

    def test_manager_renews_into_the_next_draft(self):
        contract = self.active_contract()
        activity = self.renewal_activities(contract)
        self.assertEqual(activity.user_id, self.sales)
        self.assertIn("press Renew", str(activity.note))
        action = contract.action_renew()
        renewal = contract.next_contract_id
        self.assertEqual(action["res_id"], renewal.id)
        self.assertEqual(renewal.state, "draft")
        self.assertEqual(renewal.previous_contract_id, contract)
        self.assertEqual(renewal.date_start, date(2026, 3, 1))
        self.assertEqual(renewal.date_end, date(2027, 2, 28))
        self.assertEqual(renewal.partner_id, contract.partner_id)
        self.assertEqual(renewal.tier_id, self.l1)
        self.assertEqual(renewal.user_id, self.sales)
        self.assertEqual(renewal.renewal_days, 45)
        self.assertEqual(str(renewal.note), "<p>Payment within 30 days</p>")
        self.assertNotEqual(renewal.name, contract.name)
        # the renewal activity is done, naming the new contract
        self.assertFalse(self.renewal_activities(contract))
        self.assertIn(renewal.name, contract.message_ids[0].body)
        # the salesperson sees the renewal of their contract
        self.assertEqual(self.as_user(self.sales, renewal).name, renewal.name)
        with self.assertRaisesText(UserError, "already renewed"):
            contract.action_renew()
        # the renewal starts after the old one ends: activating it is no overlap
        renewal.action_activate()
        self.assertEqual(renewal.state, "active")
        self.assertEqual(contract.state, "active")

    def test_salesperson_cannot_renew_or_forge_links(self):
        contract = self.active_contract()
        with self.assertRaises(AccessError):
            self.as_user(self.sales, contract).action_renew()
        Contract = self.as_user(self.manager, self.env["crm.dealer.contract"])
        with self.assertRaises(AccessError):
            Contract.create(
                {
                    "partner_id": contract.partner_id.id,
                    "tier_id": self.l1.id,
                    "date_start": date(2026, 3, 1),
                    "date_end": date(2027, 2, 28),
                    "previous_contract_id": contract.id,
                }
            )
        with self.assertRaises(AccessError):
            contract.write({"next_contract_id": contract.id})
        self.assertFalse(contract.next_contract_id)

    def test_only_running_or_expired_contracts_are_renewed(self):
        app = self.approved()
        draft = self.as_user(self.manager, app.contract_id)
        with self.assertRaisesText(UserError, "Only an active, expiring or expired"):
            draft.action_renew()
        draft.action_activate()
        draft.action_terminate()
        with self.assertRaisesText(UserError, "Only an active, expiring or expired"):
            draft.action_renew()
        # an expired contract is renewed the day after it ended
        other = self.active_contract()
        other.with_env(self.env).date_end = self.today - timedelta(days=1)
        self.env["crm.dealer.contract"]._cron_update_states()
        self.assertEqual(other.state, "expired")
        other.action_renew()
        self.assertEqual(other.next_contract_id.date_start, self.today)

    def test_the_renewal_is_planned_when_it_is_due(self):
        app = self.approved()
        contract = self.as_user(self.manager, app.contract_id)
        contract.write(
            {
                "date_start": self.today,
                "date_end": self.today + timedelta(days=365),
                "renewal_days": 30,
            }
        )
        contract.action_activate()
        self.assertFalse(self.renewal_activities(contract), "not a year ahead")
        self.env["crm.dealer.contract"]._cron_update_states()
        self.assertEqual(contract.state, "active")
        self.assertFalse(self.renewal_activities(contract))
        # a month before its end: expiring, and the renewal is planned once
        contract._idic_system().write({"date_end": self.today + timedelta(days=20)})
        self.env["crm.dealer.contract"]._cron_update_states()
        self.env["crm.dealer.contract"]._cron_update_states()
        self.assertEqual(contract.state, "expiring")
        activity = self.renewal_activities(contract)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, self.today)
        self.assertEqual(activity.user_id, self.sales)

    def test_non_compliant_dealer_is_not_renewed(self):
        contract = self.active_contract()
        requirement = self.env["crm.dealer.compliance.requirement"].create(
            {"name": "Shop sign T", "company_id": self.company.id}
        )
        Contract = self.env["crm.dealer.contract"]
        before = Contract.search_count([])
        with self.assertRaisesText(UserError, "cannot be renewed. Missing: Shop sign T"):
            contract.action_renew()
        self.assertEqual(Contract.search_count([]), before)
        self.assertFalse(contract.next_contract_id)
        self.assertTrue(self.renewal_activities(contract))
        self.env["crm.dealer.compliance.check"].create(
            {"partner_id": contract.partner_id.id, "requirement_id": requirement.id, "met": True}
        )
        contract.action_renew()
        self.assertTrue(contract.next_contract_id)
