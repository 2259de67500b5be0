"""The Recompute button: who may press it, what it scores with, and across companies.

Model by model rights are in test_access_matrix.py; attempts to forge system fields in
test_hardening.py.
"""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import IdicCase


@tagged("post_install", "-at_install")
class TestRecomputeButton(IdicCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company, cls.outsider = cls.make_other_company()
        cls.partner = cls.make_customer("Secured customer", user_id=cls.user.id)
        cls.make_order(cls.partner, 20000, days_ago=30)

    def assertUnscored(self):
        self.env.invalidate_all()
        self.assertFalse(self.partner.idic_scored_date)
        self.assertFalse(self.partner.idic_segment_id)
        self.assertFalse(self.partner.idic_history_ids)

    def test_salesman_gets_scores_he_cannot_write(self):
        partner = self.as_user(self.user, self.partner)
        with self.assertRaises(AccessError):
            partner.write({"idic_total_score": 55})
        self.assertUnscored()
        result = partner.action_idic_recompute()
        self.assertEqual(result["tag"], "display_notification")
        self.assertEqual(result["params"]["message"], "Scores of 1 customers recomputed.")
        # 20000 -> 70; first order 30 days ago -> 10: (70 x 50 + 10 x 30) / 100
        self.assertEqual(partner.idic_total_score, 38.0)
        self.assertEqual(partner.idic_segment_id, self.seg["C"])
        self.assertEqual(partner.idic_scored_date, self.today)
        self.assertEqual(partner.idic_history_ids.user_id, self.user)
        self.assertEqual(partner.idic_history_ids.source, "manual")

    def test_manager_recomputes_a_selection_once_per_customer(self):
        second = self.make_customer("Second")
        contact = self.env["res.partner"].create({"name": "Buyer", "parent_id": second.id})
        partners = self.as_user(self.manager, self.partner | second | contact)
        result = partners.action_idic_recompute()
        self.assertEqual(result["params"]["message"], "Scores of 2 customers recomputed.")
        self.assertEqual(self.partner.idic_segment_id, self.seg["C"])
        self.assertEqual(second.idic_segment_id, self.seg["D"])
        self.assertFalse(contact.idic_segment_id, "a contact is scored with its company")

    def test_plain_employee_and_portal_user_cannot_recompute(self):
        self.portal_user.partner_id.parent_id = self.partner
        for user in (self.employee, self.portal_user):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(AccessError, "Only IDIC users can recompute"),
            ):
                self.as_user(user, self.partner).action_idic_recompute()
        self.assertUnscored()

    def test_other_company_user_cannot_recompute_our_customers(self):
        with self.assertRaises(AccessError):
            self.as_user(self.outsider, self.partner).action_idic_recompute()
        self.assertUnscored()

    def test_each_company_scores_with_its_own_bands(self):
        # the other company has the shipped bands: 1500 is far below its second band
        theirs = self.env["res.partner"].create(
            {"name": "Their customer", "is_company": True, "company_id": self.other_company.id}
        )
        order = (
            self.env["sale.order"]
            .with_company(self.other_company)
            .create(
                {
                    "partner_id": theirs.id,
                    "company_id": self.other_company.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "price_unit": 1500,
                                "tax_id": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        order.action_confirm()
        ours = self.make_customer("Our customer")
        self.make_order(ours, 1500, days_ago=0)
        theirs = self.as_user(self.outsider, theirs)
        theirs.action_idic_recompute()
        ours = self.recompute(ours)
        self.assertEqual(theirs.idic_current_value_score, 10)
        self.assertEqual(theirs.idic_scoring_company_id, self.other_company)
        self.assertEqual(theirs.idic_segment_id.company_id, self.other_company)
        self.assertEqual(ours.idic_current_value_score, 40)
        self.assertEqual(ours.idic_scoring_company_id, self.company)
