"""Survey answers of satisfaction campaigns: each invitation is tagged with its campaign,
and a completed answer records the customer's latest satisfaction and logs an
interaction in crm_idic's contact log."""

from odoo import api, fields, models
from odoo.tools import SQL

from ..evaluation_core import RuleProblem
from ..evaluation_core.survey import satisfaction_percent

# SQL over an answer line ``l`` and the satisfaction question ``q``: the raw score and
# the ends of the question's scale
SCORE_SQL = SQL(
    "(CASE WHEN l.answer_type = 'scale' THEN l.value_scale ELSE l.value_numerical_box END)"
)
LOW_SQL = SQL(
    "(CASE WHEN q.question_type = 'scale' THEN q.scale_min ELSE q.validation_min_float_value END)"
)
HIGH_SQL = SQL(
    "(CASE WHEN q.question_type = 'scale' THEN q.scale_max ELSE q.validation_max_float_value END)"
)


def answer_score(line):
    """The number a scale or numerical answer line holds."""
    return float(line.value_scale if line.answer_type == "scale" else line.value_numerical_box)


def scale_bounds(question):
    """The lowest and highest answer of a scorable question (``None`` when unknown)."""
    if question.question_type == "scale":
        return question.scale_min, question.scale_max
    if question.question_type == "numerical_box" and question.validation_required:
        return question.validation_min_float_value, question.validation_max_float_value
    return None, None


class SurveyUserInput(models.Model):
    _name = "survey.user_input"
    _inherit = ["survey.user_input", "crm.idic.system.fields.mixin"]

    evaluation_campaign_id = fields.Many2one(
        "crm.evaluation.survey.campaign",
        string="Satisfaction campaign",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        copy=False,
    )

    # only a campaign's Send button links answers to it (as the system): no client can
    # forge the answers a campaign measures

    @api.model
    def _idic_system_fields(self):
        return super()._idic_system_fields() | {"evaluation_campaign_id"}

    @api.model
    def _idic_system_fields_message(self, labels):
        return self.env._("Only a campaign's Send button links answers to a survey campaign.")

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") == "done":
            # sudo: the customer answering is a public or portal user; the recorded
            # satisfaction is system data nobody writes by hand
            self.sudo()._evaluation_record_satisfaction()
        return result

    def _evaluation_record_satisfaction(self):
        """For the completed campaign answers in ``self``: write each customer's latest
        satisfaction score and date, and log one interaction per answer. Set-based: one
        search for the lines, one write per distinct (score, date)."""
        inputs = self.filtered(
            lambda ui: ui.state == "done" and ui.evaluation_campaign_id and ui.partner_id
        )
        if not inputs:
            return
        lines = self.env["survey.user_input.line"].search(
            [
                ("user_input_id", "in", inputs.ids),
                ("skipped", "=", False),
                ("answer_type", "in", ("scale", "numerical_box")),
            ]
        )
        scores = {}
        for line in lines:
            question = line.user_input_id.evaluation_campaign_id.satisfaction_question_id
            if line.question_id == question:
                try:
                    scores[line.user_input_id] = satisfaction_percent(
                        answer_score(line), *scale_bounds(question)
                    )
                except RuleProblem:
                    continue  # an answer the question's scale does not allow: not recorded
        latest = {}
        for answer, score in scores.items():
            customer = answer.partner_id.commercial_partner_id
            when = answer.end_datetime or fields.Datetime.now()
            if customer not in latest or latest[customer][0] <= when:
                latest[customer] = (when, score)
        by_values = {}
        for customer, (when, score) in latest.items():
            known = customer.evaluation_satisfaction_date
            if known and known > when:
                continue
            by_values.setdefault((score, when), self.env["res.partner"])
            by_values[(score, when)] |= customer
        for (score, when), customers in by_values.items():
            customers._idic_system().write(
                {"evaluation_satisfaction_score": score, "evaluation_satisfaction_date": when}
            )
        inputs._evaluation_log_interactions(scores)

    def _evaluation_log_interactions(self, scores):
        vals_list = []
        for answer in self:
            customer = answer.partner_id.commercial_partner_id
            score = scores.get(answer)
            vals_list.append(
                {
                    "partner_id": customer.id,
                    "date": answer.end_datetime or fields.Datetime.now(),
                    "channel": "web",
                    "interaction_type": "survey",
                    "user_id": customer.user_id.id or False,
                    "company_id": answer.evaluation_campaign_id.company_id.id,
                    "summary": self.env._("Answered the survey %s", answer.survey_id.title),
                    "outcome": self.env._("Satisfaction: %s/100", round(score))
                    if score is not None
                    else False,
                    "source_ref": f"survey.user_input,{answer.id}",
                }
            )
        if vals_list:
            self.env["crm.idic.interaction"].create(vals_list)


class SurveyInvite(models.TransientModel):
    _inherit = "survey.invite"

    evaluation_campaign_id = fields.Many2one(
        "crm.evaluation.survey.campaign", string="Satisfaction campaign", readonly=True
    )

    def _get_answers_values(self):
        values = super()._get_answers_values()
        # only the campaign's Send button, as the system, tags the answers with it; a
        # client's own invitation naming a campaign invites without it
        if self.evaluation_campaign_id and self.env["survey.user_input"]._idic_is_system():
            values["evaluation_campaign_id"] = self.evaluation_campaign_id.id
        return values


class CrmIdicInteraction(models.Model):
    _inherit = "crm.idic.interaction"

    @api.model
    def _selection_source_ref(self):
        return super()._selection_source_ref() + self._idic_model_selection(["survey.user_input"])
