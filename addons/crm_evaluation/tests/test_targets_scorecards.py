from datetime import date, datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import EvaluationCase


@tagged("post_install", "-at_install")
class TestTargetsAndScorecards(EvaluationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alpha = cls.customer("Alpha")
        cls.gamma = cls.customer("Gamma")
        cls.order(cls.alpha, 400, date(2026, 11, 4), cls.sales1, cls.team1)
        cls.order(cls.gamma, 100, date(2026, 11, 6), cls.sales2, cls.team2)
        Interaction = cls.env["crm.idic.interaction"]
        for user, channel, kind, when in (
            (cls.sales1, "visit", "other", datetime(2026, 11, 3, 9)),
            (cls.sales1, "phone", "care_visit", datetime(2026, 11, 4, 9)),
            (cls.sales1, "phone", "other", datetime(2026, 11, 5, 9)),
            (cls.sales2, "email", "other", datetime(2026, 11, 5, 9)),
            (cls.sales2, "visit", "other", datetime(2026, 12, 1, 9)),  # December: not counted
        ):
            Interaction.create(
                {
                    "partner_id": cls.alpha.id,
                    "company_id": cls.company.id,
                    "user_id": user.id,
                    "channel": channel,
                    "interaction_type": kind,
                    "summary": "Contact",
                    "date": when,
                }
            )

    def target(self, period, user=None, **vals):
        Target = self.env["crm.evaluation.target"].with_user(user or self.committee)
        return Target.create({"period_id": period.id, **vals})

    def criteria(self, weights, minimums=None):
        Criterion = self.env["crm.evaluation.criterion"].with_user(self.committee)
        Criterion.with_company(self.company).create(
            [
                {
                    "company_id": self.company.id,
                    "component": code,
                    "weight": weight,
                    "minimum": (minimums or {}).get(code, 0.0),
                }
                for code, weight in weights.items()
            ]
        )

    # ------------------------------------------------------------ targets

    def test_targets_give_achievement_lines(self):
        period = self.period()
        self.target(period, scope="salesperson", user_id=self.sales1.id, target=800)
        self.target(period, scope="salesperson", user_id=self.sales1.id, measure="visits", target=4)
        self.target(period, scope="team", team_id=self.team2.id, target=50)
        self.target(period, scope="company", target=1000)
        self.target(period, scope="salesperson", user_id=self.sales2.id, target=0)
        period.action_compute()
        achieved = self.lines(period, "target_achievement", "salesperson", user_id=self.sales1.id)
        revenue = achieved.filtered(lambda line: line.target_measure == "revenue")
        self.assertEqual((revenue.value, revenue.numerator, revenue.denominator), (50.0, 400, 800))
        visits = achieved.filtered(lambda line: line.target_measure == "visits")
        self.assertEqual((visits.value, visits.numerator), (50.0, 2))  # a visit, a care visit
        team = self.lines(period, "target_achievement", "team", team_id=self.team2.id)
        self.assertEqual(team.value, 200.0)
        self.assertEqual(self.value(period, "target_achievement"), 50.0)
        # a target of 0 asks nothing measurable
        zero = self.lines(period, "target_achievement", "salesperson", user_id=self.sales2.id)
        self.assertEqual((zero.value, zero.denominator), (0.0, 0.0))
        self.assertEqual(
            self.value(period, "interactions", "salesperson", user_id=self.sales1.id), 3
        )
        self.assertEqual(self.value(period, "visits", "team", team_id=self.team1.id), 2)

    def test_satisfaction_target_without_measure_gives_no_line(self):
        period = self.period()
        self.target(period, scope="company", measure="satisfaction", target=80)
        period.action_compute()
        self.assertFalse(self.lines(period, "target_achievement"))

    def test_bad_targets(self):
        period = self.period()
        with self.refused(ValidationError, "cannot be negative"):
            self.target(period, scope="salesperson", user_id=self.sales1.id, target=-5)
        with self.refused(ValidationError, "names the salesperson"):
            self.target(period, scope="salesperson", target=5)
        with self.refused(ValidationError, "names no salesperson"):
            self.target(period, scope="company", user_id=self.sales1.id, target=5)
        with self.assertRaises(AccessError):
            self.target(period, user=self.analyst, scope="company", target=5)
        with self.assertRaises(AccessError):
            self.target(period, user=self.sales1, scope="company", target=5)
        self.assertFalse(self.env["crm.evaluation.target"].search([("period_id", "=", period.id)]))

    def test_targets_frozen_with_the_period(self):
        period = self.period()
        target = self.target(period, scope="company", target=100)
        self.assertTrue(period.with_user(self.committee).can_set_targets)
        self.assertFalse(period.with_user(self.analyst).can_set_targets)
        period.action_compute()
        target.with_user(self.committee).target = 200  # computed: still open
        period.with_user(self.committee).action_approve()
        self.assertFalse(period.with_user(self.committee).can_set_targets)
        with self.refused(UserError, "cannot change"):
            target.with_user(self.committee).target = 300
        with self.refused(UserError, "cannot change"):
            self.target(period, scope="team", team_id=self.team1.id, target=1)
        with self.refused(UserError, "cannot change"):
            target.with_user(self.committee).unlink()
        self.assertEqual(target.target, 200)

    def test_superuser_changes_no_target_of_an_approved_period(self):
        period = self.period()
        target = self.target(period, scope="company", target=100)
        period.action_compute()
        period.with_user(self.committee).action_approve()
        as_committee = self.env["crm.evaluation.target"].with_user(self.committee).sudo()
        with self.refused(UserError, "cannot change"):
            as_committee.browse(target.id).write({"target": 1})
        with self.refused(UserError, "cannot change"):
            as_committee.create(
                {"period_id": period.id, "scope": "company", "measure": "visits", "target": 1}
            )
        self.assertEqual(target.target, 100)
        self.assertEqual(period.target_ids, target)

    # ------------------------------------------------------------ scorecards

    def test_scorecards_weights_rank_and_standard(self):
        self.criteria(
            {"revenue": 3, "visits": 1, "achievement": 0},
            {"visits": 2, "revenue": 200, "satisfaction": 50},
        )
        period = self.period()
        self.target(period, scope="salesperson", user_id=self.sales2.id, target=400)
        period.action_compute()
        cards = period.scorecard_ids
        one = cards.filtered(lambda card: card.user_id == self.sales1)
        two = cards.filtered(lambda card: card.user_id == self.sales2)
        # sales1: best revenue (100) and visits (100); sales2: revenue 25, visits 0
        self.assertEqual(one.score, 100.0)
        self.assertEqual(two.score, 18.75)
        self.assertEqual((one.rank, two.rank), (1, 2))
        self.assertEqual((one.revenue, one.visits, one.interactions), (400, 2, 3))
        self.assertEqual((two.achievement, two.target_count), (25.0, 1))
        self.assertTrue(one.meets_standard)
        # satisfaction is measured for nobody: its minimum does not apply
        self.assertEqual(two.shortfall_count, 2)
        self.assertIn("Visits", two.shortfall_note)
        self.assertIn("Revenue", two.shortfall_note)
        self.assertFalse(one.rank_note)
        self.assertEqual(cards.mapped("user_id"), self.sales1 | self.sales2)

    def test_ties_share_a_rank_and_are_explained(self):
        self.criteria({"new_customers": 1})
        period = self.period()
        period.action_compute()
        one = period.scorecard_ids.filtered(lambda card: card.user_id == self.sales1)
        two = period.scorecard_ids.filtered(lambda card: card.user_id == self.sales2)
        self.assertEqual((one.rank, two.rank), (1, 1))
        self.assertEqual(one.rank_note, f"Tied with {self.sales2.name} on score 100.00")
        self.assertIn(self.sales1.name, two.rank_note)

    def test_no_scorecard_for_a_user_who_is_no_salesperson(self):
        """OdooBot logs interactions from jobs and an archived salesperson may still own
        some: neither is ranked among the staff."""
        Interaction = self.env["crm.idic.interaction"]
        archived = self.sales2.copy({"login": "eval_archived_sales", "active": False})
        # both are internal users of the company: only being no salesperson leaves them out
        for user in (self.env.ref("base.user_root"), archived):
            self.assertIn(self.company, user.company_ids)
        for user in (self.env.ref("base.user_root"), archived):
            Interaction.create(
                {
                    "partner_id": self.alpha.id,
                    "company_id": self.company.id,
                    "user_id": user.id,
                    "channel": "phone",
                    "interaction_type": "other",
                    "summary": "Logged",
                    "date": datetime(2026, 11, 10, 9),
                }
            )
        period = self.period()
        period.action_compute()
        self.assertTrue(period.scorecard_ids)
        self.assertIn(self.sales1, period.scorecard_ids.user_id)
        self.assertFalse(period.scorecard_ids.user_id & (self.env.ref("base.user_root") | archived))

    def test_staff_inputs_hook_feeds_the_score(self):
        self.criteria({"complaints_handled": 1, "satisfaction": 1})
        period = self.period()
        Period = type(self.env["crm.evaluation.period"])
        original = Period._evaluation_staff_inputs

        def inputs(period_self, users):
            result = original(period_self, users)
            result[self.sales1.id].update(complaints_handled=4, satisfaction=90.0)
            result[self.sales2.id].update(complaints_handled=2, satisfaction=70.0)
            return result

        self.patch(Period, "_evaluation_staff_inputs", inputs)
        period.action_compute()
        one = period.scorecard_ids.filtered(lambda card: card.user_id == self.sales1)
        two = period.scorecard_ids.filtered(lambda card: card.user_id == self.sales2)
        self.assertEqual((one.complaints_handled, one.satisfaction), (4, 90.0))
        self.assertEqual(one.score, 95.0)
        self.assertEqual(two.score, 60.0)

    def test_board_actions_done_weigh_in_the_score(self):
        self.criteria({"board_actions": 1})
        customer = self.customer("Board customer")
        visit = self.env.ref("crm_idic.action_signal_visit")
        Action = self.env["crm.idic.action"]
        for user, day, state in (
            (self.sales1, 3, "done"),
            (self.sales1, 10, "done"),
            (self.sales1, 12, "open"),
            (self.sales1, 14, "dismissed"),
            (self.sales2, 20, "snoozed"),
            (self.sales2, 2, "done"),  # due in October: another period
        ):
            month = 11 if day != 2 else 10
            Action.create(
                {
                    "signal_id": visit.id,
                    "partner_id": customer.id,
                    "company_id": self.company.id,
                    "user_id": user.id,
                    "key": f"{user.id}-{month}-{day}",
                    "date_due": date(2026, month, day),
                    "state": state,
                }
            )
        period = self.period()
        period.action_compute()
        one = period.scorecard_ids.filtered(lambda card: card.user_id == self.sales1)
        two = period.scorecard_ids.filtered(lambda card: card.user_id == self.sales2)
        self.assertEqual((one.board_actions_done, one.board_actions_overdue), (2, 1))
        self.assertAlmostEqual(one.board_actions, 200 / 3)
        self.assertEqual(one.score, 66.67)
        self.assertEqual((two.board_actions_done, two.board_actions_overdue), (0, 1))
        self.assertEqual(two.score, 0.0)

    def test_bad_weights(self):
        with self.refused(ValidationError, "cannot be negative"):
            self.criteria({"revenue": -1, "visits": 2})
        with self.refused(ValidationError, "all zero"):
            self.criteria({"revenue": 0, "visits": 0})
        with self.refused(ValidationError, "minimum of Visits cannot be negative"):
            self.criteria({"revenue": 1, "visits": 0}, {"visits": -3})
        with self.assertRaises(AccessError):
            self.env["crm.evaluation.criterion"].with_user(self.analyst).create(
                {"company_id": self.company.id, "component": "revenue", "weight": 1}
            )
        self.criteria({"revenue": 1, "visits": 0})
        revenue = self.env["crm.evaluation.criterion"].search(
            [("company_id", "=", self.company.id), ("component", "=", "revenue")]
        )
        with self.refused(ValidationError, "all zero"):
            revenue.with_user(self.committee).weight = 0
        with self.refused(UserError, "all weigh zero"):
            revenue.with_user(self.committee).unlink()

    def test_scorecards_read_only(self):
        period = self.period()
        period.action_compute()
        card = period.scorecard_ids[:1]
        for user in (self.analyst, self.committee):
            with self.assertRaises(AccessError):
                card.with_user(user).write({"score": 100.0, "rank": 1})
            with self.assertRaises(AccessError):
                self.env["crm.evaluation.scorecard"].with_user(user).create(
                    {"period_id": period.id, "user_id": user.id, "score": 100}
                )
        with self.assertRaises(AccessError):
            card.with_user(self.sales1).write({"score": 100.0})
