"""Satisfaction survey campaigns: a survey sent to the customers of chosen segments,
relationship levels or customer groups, through the survey app's own invitations.

Each invitation is a ``survey.user_input`` tagged with its campaign; when the customer
completes it, the score of the campaign's satisfaction question is recorded on the
customer (see ``crm_evaluation_survey_user_input.py``).
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.crm_idic.models.crm_idic_data import CUSTOMER_GROUPS, LEVELS

from ..evaluation_core import RuleProblem, measures
from ..evaluation_core.survey import average_percent
from .crm_evaluation_period import EVAL_USER
from .crm_evaluation_survey_user_input import HIGH_SQL, LOW_SQL, SCORE_SQL, scale_bounds

SCORABLE_TYPES = ("scale", "numerical_box")
CAMPAIGN_STATES = [("draft", "Draft"), ("sent", "Sent"), ("closed", "Closed")]
# the fields only the buttons write (crm.idic.system.fields.mixin)
CAMPAIGN_SYSTEM_FIELDS = ("state", "sent_date", "user_input_ids")
# what decides who is invited and what is measured: changed only in draft
CAMPAIGN_SCOPE_FIELDS = (
    "survey_id",
    "satisfaction_question_id",
    "nps_question_id",
    "segment_ids",
    "relationship_level",
    "customer_group",
    "company_id",
    "deadline",
)


class CrmEvaluationSurveyCampaign(models.Model):
    _name = "crm.evaluation.survey.campaign"
    _description = "Satisfaction survey campaign"
    _inherit = ["mail.thread", "crm.idic.system.fields.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, tracking=True
    )
    state = fields.Selection(
        CAMPAIGN_STATES, required=True, default="draft", readonly=True, copy=False, tracking=True
    )
    survey_id = fields.Many2one("survey.survey", required=True, tracking=True)
    satisfaction_question_id = fields.Many2one(
        "survey.question",
        string="Satisfaction question",
        required=True,
        domain="[('survey_id', '=', survey_id), "
        "('question_type', 'in', ('scale', 'numerical_box'))]",
        help="The question whose answer (a number or a scale) is the customer's satisfaction.",
    )
    nps_question_id = fields.Many2one(
        "survey.question",
        string="Recommendation question (NPS)",
        domain="[('survey_id', '=', survey_id), ('question_type', '=', 'scale')]",
        help="A 0-10 scale: how likely the customer is to recommend the company.",
    )
    segment_ids = fields.Many2many(
        "crm.idic.segment",
        string="Segments",
        check_company=True,
        help="Invite the customers of these segments; leave empty for every segment.",
    )
    relationship_level = fields.Selection(
        LEVELS, help="Invite only the customers of this relationship level."
    )
    customer_group = fields.Selection(
        CUSTOMER_GROUPS, help="Invite only the customers of this group."
    )
    deadline = fields.Datetime(string="Answer deadline")
    sent_date = fields.Datetime(string="Sent on", readonly=True, copy=False)
    user_input_ids = fields.One2many(
        "survey.user_input", "evaluation_campaign_id", string="Invitations", readonly=True
    )
    invited_count = fields.Integer(string="Invited", compute="_compute_counts")
    answered_count = fields.Integer(string="Answered", compute="_compute_counts")
    response_rate = fields.Float(string="Response rate (%)", compute="_compute_counts")
    satisfaction_avg = fields.Float(
        string="Average satisfaction (0-100)",
        compute="_compute_counts",
        help="0 is the lowest answer of the satisfaction question's scale, 100 the highest.",
    )
    nps = fields.Float(string="NPS", compute="_compute_counts")

    # ------------------------------------------------------------ computes

    def _compute_counts(self):
        Input = self.env["survey.user_input"]
        invited = dict(
            Input._read_group(
                [("evaluation_campaign_id", "in", self.ids)],
                ["evaluation_campaign_id"],
                ["__count"],
            )
        )
        answered = dict(
            Input._read_group(
                [("evaluation_campaign_id", "in", self.ids), ("state", "=", "done")],
                ["evaluation_campaign_id"],
                ["__count"],
            )
        )
        stats = self._campaign_answer_stats()
        for campaign in self:
            done = answered.get(campaign, 0)
            campaign.invited_count = invited.get(campaign, 0)
            campaign.answered_count = done
            campaign.response_rate = measures.rate(done, campaign.invited_count) or 0.0
            low, high, total, count, promoters, detractors, nps_count = stats.get(
                campaign.id, (0, 0, 0, 0, 0, 0, 0)
            )
            try:
                average = count and average_percent([(total, count, low, high)])
            except RuleProblem:
                average = 0.0  # answers off the scale the question has now
            campaign.satisfaction_avg = average or 0.0
            campaign.nps = measures.nps_from_counts(promoters, detractors, nps_count) or 0.0

    def _campaign_answer_stats(self):
        """``{campaign id: (scale low, scale high, satisfaction sum, satisfaction answers,
        promoters, detractors, NPS answers)}`` over the completed answers, in one
        statement."""
        ids = [cid for cid in self.ids if isinstance(cid, int)]
        if not ids:
            return {}
        self.env["survey.user_input.line"].flush_model()
        self.env["survey.user_input"].flush_model()
        self.env["survey.question"].flush_model()
        self.flush_model()
        score = SCORE_SQL
        sat = SQL("l.question_id = c.satisfaction_question_id")
        nps = SQL("l.question_id = c.nps_question_id")
        rows = self.env.execute_query(
            SQL(
                """SELECT c.id, %(low)s, %(high)s,
                          COALESCE(SUM(%(score)s) FILTER (WHERE %(sat)s), 0),
                          COUNT(*) FILTER (WHERE %(sat)s),
                          COUNT(*) FILTER (WHERE %(nps)s AND %(score)s >= 9),
                          COUNT(*) FILTER (WHERE %(nps)s AND %(score)s <= 6),
                          COUNT(*) FILTER (WHERE %(nps)s)
                     FROM crm_evaluation_survey_campaign c
                     JOIN survey_question q ON q.id = c.satisfaction_question_id
                     JOIN survey_user_input ui ON ui.evaluation_campaign_id = c.id
                     JOIN survey_user_input_line l ON l.user_input_id = ui.id
                    WHERE c.id IN %(ids)s AND ui.state = 'done' AND NOT COALESCE(l.skipped, FALSE)
                      AND l.answer_type IN ('scale', 'numerical_box')
                 GROUP BY c.id, q.id""",
                score=score,
                low=LOW_SQL,
                high=HIGH_SQL,
                sat=sat,
                nps=nps,
                ids=tuple(ids),
            )
        )
        return {row[0]: row[1:] for row in rows}

    # ------------------------------------------------------------ checks

    @api.constrains("survey_id", "satisfaction_question_id", "nps_question_id")
    def _check_questions(self):
        for campaign in self:
            question = campaign.satisfaction_question_id
            if question.survey_id != campaign.survey_id:
                raise ValidationError(
                    self.env._(
                        "The satisfaction question of campaign %s must be a question of its "
                        "survey.",
                        campaign.name,
                    )
                )
            if question.question_type not in SCORABLE_TYPES:
                raise ValidationError(
                    self.env._(
                        "The satisfaction question of campaign %(name)s (%(question)s) is not "
                        "scorable: choose a question answered with a number or a scale.",
                        name=campaign.name,
                        question=question.title,
                    )
                )
            low, high = scale_bounds(question)
            if low is None or high is None or high <= low:
                raise ValidationError(
                    self.env._(
                        "The satisfaction question of campaign %(name)s (%(question)s) needs "
                        "a lowest and a highest answer: give its numbers a minimum and a "
                        "maximum.",
                        name=campaign.name,
                        question=question.title,
                    )
                )
            nps = campaign.nps_question_id
            if nps and (
                nps.survey_id != campaign.survey_id
                or nps.question_type != "scale"
                or (nps.scale_min, nps.scale_max) != (0, 10)
            ):
                raise ValidationError(
                    self.env._(
                        "The recommendation question of campaign %s must be a 0 to 10 scale "
                        "of its survey.",
                        campaign.name,
                    )
                )

    # ------------------------------------------------------------ CRUD

    @api.model
    def _idic_system_fields(self):
        return super()._idic_system_fields() | set(CAMPAIGN_SYSTEM_FIELDS)

    @api.model
    def _idic_system_fields_message(self, labels):
        return self.env._(
            "A survey campaign starts as a draft without invitations; its state changes "
            "only through its buttons: %s.",
            labels,
        )

    def write(self, vals):
        if not self._idic_is_system():
            sent = self.filtered(lambda c: c.state != "draft")
            if sent and set(vals) & set(CAMPAIGN_SCOPE_FIELDS):
                raise UserError(
                    self.env._(
                        "Campaign %s is sent: its survey, questions and customers cannot change.",
                        ", ".join(sent.mapped("name")),
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if self.filtered(lambda c: c.state != "draft"):
            raise UserError(self.env._("Only draft survey campaigns can be deleted."))

    # ------------------------------------------------------------ customers

    def _campaign_partner_domain(self):
        """The customers this campaign invites: the company's customers with an email,
        filtered by segment, relationship level and customer group."""
        self.ensure_one()
        domain = [
            ("parent_id", "=", False),
            ("idic_is_customer", "=", True),
            ("email", "!=", False),
            ("company_id", "in", [self.company_id.id, False]),
        ]
        if self.segment_ids:
            domain.append(("idic_segment_id", "in", self.segment_ids.ids))
        if self.relationship_level:
            domain.append(("idic_relationship_level", "=", self.relationship_level))
        if self.customer_group:
            domain.append(("idic_customer_group", "=", self.customer_group))
        return domain

    # ------------------------------------------------------------ buttons

    def _campaign_check_user(self):
        if not self._idic_is_system() and not self.env.user.has_group(EVAL_USER):
            raise AccessError(self.env._("Only evaluation users run survey campaigns."))

    def action_send(self):
        """Invite the campaign's customers through the survey app's invitation wizard:
        one answer (with its access link) and one email per customer."""
        self._campaign_check_user()
        self.check_access("write")
        template = self.env.ref("survey.mail_template_user_input_invite", raise_if_not_found=False)
        for campaign in self:
            if campaign.state != "draft":
                raise UserError(self.env._("Campaign %s is already sent.", campaign.name))
            partners = (
                self.env["res.partner"]
                .with_company(campaign.company_id)
                .search(campaign._campaign_partner_domain())
            )
            if not partners:
                raise UserError(
                    self.env._(
                        "No customer with an email matches the segments, level and group of "
                        "campaign %s.",
                        campaign.name,
                    )
                )
            invite = (
                self.env["survey.invite"]
                .with_context(default_survey_id=campaign.survey_id.id)
                .create(
                    {
                        "survey_id": campaign.survey_id.id,
                        "partner_ids": [fields.Command.set(partners.ids)],
                        "template_id": template.id if template else False,
                        "existing_mode": "new",
                        "deadline": campaign.deadline,
                        "evaluation_campaign_id": campaign.id,
                    }
                )
            )
            # the invitations are the system's: only they link answers to the campaign
            invite.with_env(campaign._idic_system().env).action_invite()
            # state and sent date are system fields; the user's rights were checked above
            campaign._idic_system().write({"state": "sent", "sent_date": fields.Datetime.now()})
        return True

    def action_close(self):
        self._campaign_check_user()
        self.check_access("write")
        if self.filtered(lambda c: c.state != "sent"):
            raise UserError(self.env._("Only sent campaigns can be closed."))
        # as in action_send
        self._idic_system().write({"state": "closed"})
        return True

    def _campaign_record_sent(self, answer_ids, sent_date):
        """Record the campaign ``self`` as sent on ``sent_date`` with the survey answers
        ``answer_ids`` as its invitations: for answers gathered outside the Send button
        (the demo data, answers taken over from an earlier survey tool). System code: a
        private method, no client calls it."""
        self.ensure_one()
        answers = self.env["survey.user_input"].browse(answer_ids)
        answers._idic_system().write({"evaluation_campaign_id": self.id})
        self._idic_system().write({"state": "sent", "sent_date": sent_date})

    def action_open_answers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("survey.action_survey_user_input")
        action["domain"] = [("evaluation_campaign_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
