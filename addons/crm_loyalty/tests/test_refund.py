"""A credit note takes back the points of what it refunds; back to draft gives them back."""

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from .common import InvoicedLoyaltyCase


@tagged("post_install", "-at_install")
class TestRefund(InvoicedLoyaltyCase):
    def test_partial_and_full_refund(self):
        partner = self.make_customer("Refunded")
        order = self.make_order(partner, 10_000_000)
        card = self.card_of(partner)
        self.assertEqual(card.points, 1000)
        invoice = self.invoice(order)
        credit = self.refund(invoice, price=2_500_000)
        self.assertEqual(card.points, 750)
        self.assertEqual(card.crm_loyalty_qualifying_points, 750)
        row = card.history_ids.filtered(lambda h: h.crm_loyalty_kind == "refund")
        self.assertEqual(row.used, 250)
        self.assertEqual(row.crm_loyalty_move_id, credit)
        # the credit note back to draft gives the points back
        credit.button_draft()
        self.assertEqual(card.points, 1000)
        self.assertEqual(card.crm_loyalty_qualifying_points, 1000)
        credit.action_post()
        self.assertEqual(card.points, 750)
        # refunding more than the order never takes more than it gave
        self.refund(invoice)
        self.assertEqual(card.points, 0)
        self.assertEqual(card.crm_loyalty_qualifying_points, 0)

    def test_cancel_after_a_refund_does_not_take_twice(self):
        partner = self.make_customer("Cancelled after refund")
        order = self.make_order(partner, 10_000_000)
        card = self.card_of(partner)
        other = self.make_order(partner, 3_000_000)
        self.assertEqual(card.points, 1300)
        self.refund(self.invoice(order), price=5_000_000)
        self.assertEqual(card.points, 800)
        order.with_context(disable_cancel_warning=True)._action_cancel()
        self.assertEqual(card.points, 300)
        self.assertEqual(card.history_ids.order_id, other.id)
        self.assertEqual(card.crm_loyalty_qualifying_points, 300)

    def test_three_partial_refunds_add_up_to_the_order(self):
        partner = self.make_customer("Three refunds")
        order = self.make_order(partner, 1_000_000)
        card = self.card_of(partner)
        self.assertEqual(card.points, 100)
        invoice = self.invoice(order)
        # 290,000 of 1,000,000 at 10,000 a point: 29 points (float arithmetic gave 28)
        self.refund(invoice, price=290_000)
        self.assertEqual(card.points, 71)
        self.assert_ledger()
        self.refund(invoice, price=290_000)
        self.assertEqual(card.points, 42)
        self.assert_ledger()
        # the last one takes the remainder, and a refund beyond the order nothing more
        self.refund(invoice, price=420_000)
        self.assertEqual(card.points, 0)
        self.assert_ledger()
        self.refund(invoice, price=100_000)
        self.assertEqual(card.points, 0)
        refunds = card.history_ids.filtered(lambda h: h.crm_loyalty_kind == "refund")
        self.assertEqual(sorted(refunds.mapped("used")), [29, 29, 42])
        self.assert_ledger()

    def test_refund_of_expired_points_takes_nothing_twice(self):
        self.program.write({"crm_loyalty_expiry": True, "crm_loyalty_expiry_months": 12})
        partner = self.make_customer("Expired then refunded")
        order = self.make_order(partner, 10_000_000)
        card = self.card_of(partner)
        later = fields.Date.context_today(card) + relativedelta(months=13)
        self.env["loyalty.card"]._cron_crm_loyalty_expire(today=later)
        self.assertEqual(card.points, 0)
        expired = card.history_ids.filtered(lambda h: h.crm_loyalty_kind == "expiry")
        self.assertEqual(expired.used, 1000)
        self.refund(self.invoice(order))
        self.assertEqual(card.points, 0, "the expired points are not taken a second time")
        self.assert_ledger()

    def test_cancel_of_expired_points_takes_nothing_twice(self):
        self.program.write({"crm_loyalty_expiry": True, "crm_loyalty_expiry_months": 12})
        partner = self.make_customer("Expired then cancelled")
        today = fields.Date.context_today(self.env["res.partner"])
        card = self.make_card(partner, [(today - relativedelta(months=6), 500)])
        order = self.make_order(partner, 10_000_000)
        other = self.make_order(partner, 2_000_000)
        self.assertEqual(card.points, 1700)
        Card = self.env["loyalty.card"]
        Card._cron_crm_loyalty_expire(today=today + relativedelta(months=7))
        Card._cron_crm_loyalty_expire(today=today + relativedelta(months=13))
        self.assertEqual(card.points, 0)
        self.assert_ledger()
        order.with_context(disable_cancel_warning=True)._action_cancel()
        self.assertEqual(card.points, 0, "the expired points are not taken a second time")
        # the cancelled order leaves no points behind: what expired of it is given
        # back by the expiry, the other order's and the old points stay expired
        expired = card.history_ids.filtered(lambda h: h.crm_loyalty_kind == "expiry")
        self.assertEqual(sorted(expired.mapped("used")), [200, 500])
        self.assertEqual(card.history_ids.filtered("order_id").order_id, other.id)
        self.assert_ledger()

    def test_cancel_of_partly_expired_and_spent_points(self):
        self.program.write({"crm_loyalty_expiry": True, "crm_loyalty_expiry_months": 12})
        partner = self.make_customer("Spent, expired, cancelled")
        today = fields.Date.context_today(self.env["res.partner"])
        order = self.make_order(partner, 10_000_000)
        card = self.card_of(partner)
        # 400 of the order's 1,000 points are spent, the other 600 expire
        card._crm_loyalty_post(
            [
                {
                    "card_id": card.id,
                    "crm_loyalty_kind": "redemption",
                    "description": "Spent",
                    "issued": 0,
                    "used": 400,
                }
            ]
        )
        self.assertEqual(card.points, 600)
        self.env["loyalty.card"]._cron_crm_loyalty_expire(today=today + relativedelta(months=13))
        self.assertEqual(card.points, 0)
        order.with_context(disable_cancel_warning=True)._action_cancel()
        # the 400 spent were the order's: the member owes them (a negative balance,
        # rewards are refused until it is repaid); the 600 that expired are no longer
        # in the history, and not taken a second time
        self.assertEqual(card.points, -400)
        self.assertFalse(card.history_ids.filtered(lambda h: h.crm_loyalty_kind == "expiry"))
        self.assert_ledger()

    def test_refunded_points_leave_the_expiry_schedule(self):
        self.program.write({"crm_loyalty_expiry": True, "crm_loyalty_expiry_months": 12})
        partner = self.make_customer("Old points, refunded order")
        today = fields.Date.context_today(self.env["res.partner"])
        card = self.make_card(partner, [(today - relativedelta(months=6), 500)])
        order = self.make_order(partner, 10_000_000)
        self.assertEqual(card.points, 1500)
        self.refund(self.invoice(order))
        self.assertEqual(card.points, 500)
        # the refund took back the order's own points: the old 500 still expire on
        # their day (taking the oldest points would have left 500 of the refunded
        # order in the schedule)
        Card = self.env["loyalty.card"]
        Card._cron_crm_loyalty_expire(today=today + relativedelta(months=7))
        self.assertEqual(card.points, 0)
        Card._cron_crm_loyalty_expire(today=today + relativedelta(months=13))
        self.assertEqual(card.points, 0)
        expired = card.history_ids.filtered(lambda h: h.crm_loyalty_kind == "expiry")
        self.assertEqual(sum(expired.mapped("used")), 500)
        self.assert_ledger()

    def test_a_refund_withdraws_the_rank_at_once(self):
        partner = self.make_customer("Reversed rank")
        order = self.make_order(partner, 25_000_000)
        card = self.card_of(partner)
        self.assertEqual(card.crm_loyalty_tier_id, self.silver)
        self.refund(self.invoice(order), price=10_000_000)
        self.assertEqual(card.crm_loyalty_qualifying_points, 1500)
        self.assertEqual(card.crm_loyalty_tier_id, self.member)
        self.assert_ledger()
