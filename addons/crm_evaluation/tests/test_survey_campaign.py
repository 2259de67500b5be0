from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSurveyCampaign(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Surveyed Co"})
        common = {"company_id": cls.company.id, "company_ids": [cls.company.id]}
        cls.analyst = new_test_user(
            cls.env,
            "survey_analyst",
            email="analyst@example.com",
            groups="crm_evaluation.group_evaluation_user",
            **common,
        )
        cls.idic_user = new_test_user(
            cls.env, "survey_idic", groups="crm_idic.group_idic_user", **common
        )
        other = cls.env["res.company"].create({"name": "Other Co"})
        cls.outsider = new_test_user(
            cls.env,
            "survey_outsider",
            groups="crm_evaluation.group_evaluation_committee",
            company_id=other.id,
            company_ids=[other.id],
        )
        # a new company gets its own copy of the segments
        segments = cls.env["crm.idic.segment"].search(
            [("company_id", "=", cls.company.id)], order="min_score desc"
        )
        cls.seg_a, cls.seg_b = segments[0], segments[-1]
        cls.in_a = cls._customer("In A 1", cls.seg_a)
        cls.in_a2 = cls._customer("In A 2", cls.seg_a)
        cls.in_a_no_mail = cls._customer("In A without email", cls.seg_a, email=False)
        cls.in_b = cls._customer("In B", cls.seg_b)
        Survey = cls.env["survey.survey"]
        cls.survey = Survey.create({"title": "Satisfaction", "access_mode": "token"})
        Question = cls.env["survey.question"]
        cls.q_sat = Question.create(
            {
                "survey_id": cls.survey.id,
                "title": "Happy?",
                "question_type": "scale",
                "scale_min": 1,
                "scale_max": 5,
            }
        )
        cls.q_nps = Question.create(
            {
                "survey_id": cls.survey.id,
                "title": "Recommend?",
                "question_type": "scale",
                "scale_min": 0,
                "scale_max": 10,
            }
        )
        cls.q_text = Question.create(
            {"survey_id": cls.survey.id, "title": "Comments", "question_type": "text_box"}
        )

    @classmethod
    def _customer(cls, name, segment, email=True):
        partner = cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "company_id": cls.company.id,
                "idic_customer_group": "dealer",
                "email": email and f"{name.replace(' ', '.').lower()}@example.com",
            }
        )
        # set-up: the superuser sets the segment, as an IDIC manager's override would
        partner._idic_system().write(
            {"idic_segment_override_id": segment.id, "idic_override_reason": "Test"}
        )
        return partner

    def _campaign(self, user=None, **vals):
        values = {
            "name": "Autumn survey",
            "survey_id": self.survey.id,
            "satisfaction_question_id": self.q_sat.id,
            "nps_question_id": self.q_nps.id,
            "segment_ids": [Command.set(self.seg_a.ids)],
        }
        values.update(vals)
        Campaign = self.env["crm.evaluation.survey.campaign"].with_user(user or self.analyst)
        return Campaign.with_company(self.company).create(values)

    def _answer(self, campaign, partner, satisfaction, nps):
        """The customer answers (the survey controller works as superuser)."""
        answer = campaign.user_input_ids.filtered(lambda a: a.partner_id == partner)
        Line = self.env["survey.user_input.line"]
        for question, value in (
            (campaign.satisfaction_question_id, satisfaction),
            (self.q_nps, nps),
        ):
            Line.create(
                {
                    "user_input_id": answer.id,
                    "question_id": question.id,
                    "answer_type": "scale",
                    "value_scale": value,
                }
            )
        answer._mark_done()
        return answer

    def test_invitations_for_the_chosen_segment_only(self):
        campaign = self._campaign()
        mails_before = self.env["mail.mail"].search_count([])
        campaign.action_send()
        self.assertEqual(campaign.state, "sent")
        self.assertEqual(campaign.user_input_ids.partner_id, self.in_a | self.in_a2)
        self.assertEqual(campaign.invited_count, 2)
        self.assertEqual(self.env["mail.mail"].search_count([]) - mails_before, 2)
        with self.assertRaisesRegex(UserError, "already sent"):
            campaign.action_send()
        with self.assertRaisesRegex(UserError, "is sent"):
            campaign.write({"segment_ids": [Command.set(self.seg_b.ids)]})

    def test_filters_combine(self):
        self.in_b.idic_customer_group = "project"
        campaign = self._campaign(segment_ids=False, customer_group="project")
        campaign.action_send()
        self.assertEqual(campaign.user_input_ids.partner_id, self.in_b)
        nobody = self._campaign(name="Nobody", segment_ids=False, relationship_level="3")
        with self.assertRaisesRegex(UserError, "No customer with an email"):
            nobody.action_send()
        self.assertEqual(nobody.state, "draft")

    def test_completed_answer_records_satisfaction(self):
        campaign = self._campaign()
        campaign.action_send()
        answer = self._answer(campaign, self.in_a, 4, 9)
        partner = self.in_a.with_user(self.idic_user)
        # 4 on a 1-5 scale
        self.assertEqual(partner.evaluation_satisfaction_score, 75.0)
        self.assertEqual(partner.evaluation_satisfaction_date, answer.end_datetime)
        self.assertFalse(self.in_a2.evaluation_satisfaction_date)
        interaction = self.env["crm.idic.interaction"].search(
            [("partner_id", "=", self.in_a.id), ("interaction_type", "=", "survey")]
        )
        self.assertEqual(len(interaction), 1)
        self.assertEqual(interaction.company_id, self.company)
        self.assertEqual(campaign.answered_count, 1)
        self.assertEqual(campaign.response_rate, 50.0)
        self.assertEqual(campaign.satisfaction_avg, 75.0)
        self.assertEqual(campaign.nps, 100.0)
        # a later campaign's answer replaces it
        second = self._campaign(name="Winter survey")
        second.action_send()
        self._answer(second, self.in_a, 2, 3)
        self.assertEqual(partner.evaluation_satisfaction_score, 25.0)

    def test_period_measures_from_answers(self):
        seller = new_test_user(
            self.env,
            "survey_seller",
            groups="sales_team.group_sale_salesman",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        team = self.env["crm.team"].create(
            {"name": "Team", "company_id": self.company.id, "member_ids": [Command.link(seller.id)]}
        )
        (self.in_a | self.in_a2).user_id = seller
        campaign = self._campaign(segment_ids=False)
        campaign.action_send()
        self._answer(campaign, self.in_a, 5, 10)
        self._answer(campaign, self.in_a2, 4, 9)
        self._answer(campaign, self.in_b, 2, 3)
        # an unanswered invitation (in_a_no_mail is not invited at all) counts nowhere
        period = (
            self.env["crm.evaluation.period"]
            .with_user(self.analyst)
            .with_company(self.company)
            .create({"name": "This month", "kind": "monthly", "company_id": self.company.id})
        )
        period.action_compute()
        lines = period.line_ids

        def value(measure, dimension="total", segment=None, user=None, team=None):
            found = lines.filtered(
                lambda line: (
                    line.measure == measure
                    and line.dimension == dimension
                    and line.segment_id == (segment or self.env["crm.idic.segment"])
                    and line.user_id == (user or self.env["res.users"])
                    and line.team_id == (team or self.env["crm.team"])
                )
            )
            self.assertEqual(len(found), 1, f"{measure} {dimension}")
            return found.value

        # 5, 4 and 2 on a 1-5 scale: 100, 75 and 25 out of 100
        self.assertAlmostEqual(value("satisfaction"), 200 / 3)
        self.assertEqual(value("satisfaction_answers"), 3)
        # promoters 2, detractors 1 of 3 answers
        self.assertAlmostEqual(value("nps"), 100 / 3)
        self.assertEqual(value("satisfaction", "segment", self.seg_a), 87.5)
        self.assertEqual(value("nps", "segment", self.seg_a), 100.0)
        self.assertEqual(value("satisfaction", "segment", self.seg_b), 25.0)
        self.assertEqual(value("nps", "segment", self.seg_b), -100.0)
        self.assertEqual(value("satisfaction", "salesperson", user=seller), 87.5)
        self.assertEqual(value("satisfaction_answers", "salesperson", user=seller), 2)
        self.assertEqual(value("satisfaction", "team", team=team), 87.5)
        # the staff scorecard reads the salesperson's satisfaction
        scorecard = period.scorecard_ids.filtered(lambda card: card.user_id == seller)
        self.assertEqual(scorecard.satisfaction, 87.5)
        # and the salesperson's weekly report counts the week's answers
        report = (
            self.env["crm.evaluation.weekly.report"]
            .with_user(seller)
            .with_company(self.company)
            .create({})
        )
        self.assertEqual(report.survey_answer_count, 2)
        self.assertEqual(report.satisfaction_avg, 87.5)

    def test_bad_questions(self):
        with self.assertRaisesRegex(ValidationError, "not scorable"):
            self._campaign(satisfaction_question_id=self.q_text.id)
        with self.assertRaisesRegex(ValidationError, "0 to 10 scale"):
            self._campaign(nps_question_id=self.q_sat.id)
        number = self.env["survey.question"].create(
            {"survey_id": self.survey.id, "title": "Mark?", "question_type": "numerical_box"}
        )
        with self.assertRaisesRegex(ValidationError, "a lowest and a highest answer"):
            self._campaign(satisfaction_question_id=number.id)
        number.write(
            {
                "validation_required": True,
                "validation_min_float_value": 0,
                "validation_max_float_value": 10,
            }
        )
        self.assertTrue(self._campaign(name="Marks", satisfaction_question_id=number.id))
        other = self.env["survey.survey"].create({"title": "Other"})
        with self.assertRaisesRegex(ValidationError, "question of its survey"):
            self._campaign(survey_id=other.id)

    def test_system_values_refused_over_rpc(self):
        campaign = self._campaign()
        with self.assertRaises(AccessError):
            campaign.write({"state": "closed"})
        with self.assertRaises(AccessError):
            self._campaign(name="Forged", state="sent")
        with self.assertRaises(AccessError):
            self.in_a.with_user(self.analyst).write({"evaluation_satisfaction_score": 5})
        with self.assertRaises(AccessError):
            self.env["survey.user_input"].with_user(self.analyst).create(
                {
                    "survey_id": self.survey.id,
                    "partner_id": self.in_b.id,
                    "evaluation_campaign_id": campaign.id,
                }
            )
        with self.assertRaises(AccessError):
            self.env["crm.evaluation.survey.campaign"].with_user(self.idic_user).create(
                {
                    "name": "No right",
                    "survey_id": self.survey.id,
                    "satisfaction_question_id": self.q_sat.id,
                }
            )
        self.assertFalse(self.in_a.evaluation_satisfaction_date)

    def test_sudo_and_default_keys_are_no_way_past(self):
        campaign = self._campaign()
        with self.assertRaises(AccessError):
            campaign.with_user(self.analyst).sudo().write(
                {"state": "sent", "sent_date": "2026-11-01 08:00:00"}
            )
        Campaign = (
            self.env["crm.evaluation.survey.campaign"]
            .with_user(self.analyst)
            .with_company(self.company)
        )
        values = {
            "name": "Forged",
            "survey_id": self.survey.id,
            "satisfaction_question_id": self.q_sat.id,
        }
        for key, value in (("default_state", "closed"), ("default_sent_date", "2026-11-01")):
            with self.subTest(key=key), self.assertRaises(AccessError):
                Campaign.with_context(**{key: value}).create(values)
        with self.assertRaises(AccessError):
            Campaign.sudo().create({**values, "state": "sent"})
        self.assertFalse(Campaign.search([("name", "=", "Forged")]))
        self.assertEqual(campaign.state, "draft")

    def test_answers_join_a_campaign_only_through_its_send_button(self):
        campaign = self._campaign()
        Input = self.env["survey.user_input"].with_user(self.analyst)
        values = {"survey_id": self.survey.id, "partner_id": self.in_b.id}
        with self.assertRaises(AccessError):
            Input.with_context(default_evaluation_campaign_id=campaign.id).create(values)
        with self.assertRaises(AccessError):
            Input.sudo().create({**values, "evaluation_campaign_id": campaign.id})
        answer = Input.create(values)
        with self.assertRaises(AccessError):
            answer.sudo().write({"evaluation_campaign_id": campaign.id})
        # an invitation of the user's own naming the campaign invites without it
        invite = (
            self.env["survey.invite"]
            .with_user(self.analyst)
            .create(
                {
                    "survey_id": self.survey.id,
                    "partner_ids": [Command.set(self.in_b.ids)],
                    "existing_mode": "new",
                    "evaluation_campaign_id": campaign.id,
                }
            )
        )
        invite.action_invite()
        self.assertFalse(campaign.user_input_ids)
        campaign.action_send()
        self.assertEqual(campaign.user_input_ids.partner_id, self.in_a | self.in_a2)

    def test_other_company_sees_nothing(self):
        campaign = self._campaign()
        Campaign = self.env["crm.evaluation.survey.campaign"].with_user(self.outsider)
        self.assertFalse(Campaign.search([("id", "=", campaign.id)]))
        with self.assertRaises(AccessError):
            campaign.with_user(self.outsider).action_send()
