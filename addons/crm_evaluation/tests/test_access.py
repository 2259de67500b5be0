from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import EvaluationCase


@tagged("post_install", "-at_install")
class TestEvaluationAccess(EvaluationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order(cls.customer("Alpha"), 400, date(2026, 11, 4), cls.sales1, cls.team1)
        cls.order(cls.customer("Gamma"), 100, date(2026, 11, 6), cls.sales2, cls.team2)
        cls.november = cls.env["crm.evaluation.period"].create(
            {"name": "November", "date_from": date(2026, 11, 1), "company_id": cls.company.id}
        )
        cls.env["crm.evaluation.target"].create(
            {"period_id": cls.november.id, "scope": "company", "target": 100}
        )
        cls.november.action_compute()
        cls.cards = cls.november.scorecard_ids

    def test_salesperson_sees_only_own_scorecard(self):
        Card = self.env["crm.evaluation.scorecard"].with_user(self.sales1)
        mine = Card.search([])
        self.assertEqual(mine.user_id, self.sales1)
        self.assertEqual(mine.period_name, "November")
        other = self.cards.filtered(lambda card: card.user_id == self.sales2)
        with self.assertRaises(AccessError):
            other.with_user(self.sales1).read(["score"])
        # and nothing else of the evaluation
        for model in ("crm.evaluation.period", "crm.evaluation.line", "crm.evaluation.target"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.sales1).search([])

    def test_salesperson_and_employee_change_nothing_computed(self):
        mine = self.cards.filtered(lambda card: card.user_id == self.sales1)
        with self.assertRaises(AccessError):
            mine.with_user(self.sales1).write({"score": 100.0, "rank": 1})
        employee = new_test_user(
            self.env,
            "ev_plain_employee",
            groups="base.group_user",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        for user in (self.sales1, employee):
            period = self.november.with_user(user)
            for action in ("action_compute", "action_approve", "action_lock", "action_reset_draft"):
                with self.assertRaises(AccessError, msg=f"{action} as {user.login}"):
                    getattr(period, action)()
            with self.assertRaises(AccessError):
                period.write({"state": "locked"})
        self.assertEqual(self.november.state, "computed")

    def test_evaluation_users_see_all_of_their_company(self):
        for user in (self.analyst, self.committee):
            cards = self.env["crm.evaluation.scorecard"].with_user(user).search([])
            self.assertEqual(cards, self.cards)
            self.assertEqual(
                self.env["crm.evaluation.target"].with_user(user).search_count([]),
                1,
            )

    def test_other_company_sees_nothing(self):
        for model in (
            "crm.evaluation.period",
            "crm.evaluation.line",
            "crm.evaluation.target",
            "crm.evaluation.scorecard",
        ):
            found = self.env[model].with_user(self.outsider).search([])
            self.assertFalse(found.filtered(lambda rec: rec.company_id == self.company), model)
        with self.assertRaises(AccessError):
            self.cards[:1].with_user(self.outsider).read(["score"])
        with self.assertRaises(AccessError):
            self.november.with_user(self.outsider).action_compute()
