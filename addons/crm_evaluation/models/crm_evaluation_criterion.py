"""Criteria of the staff scorecard, per company: the weight of each component in the
score and the service-quality standard's minimum. Set by the CRM committee. Without
criteria, a company's scorecards use ``DEFAULT_WEIGHTS`` and no minimum.
"""

import re

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

from ..evaluation_core import scorecard as score_core
from .crm_evaluation_period_staff import COUNTED_COMPONENTS
from .rule_errors import raise_evaluation_problem

COMPONENTS = [
    ("revenue", "Revenue"),
    ("new_customers", "New customers"),
    ("achievement", "Achievement of targets (%)"),
    ("interactions", "Interactions"),
    ("visits", "Visits"),
    ("complaints_handled", "Complaints handled"),
    ("satisfaction", "Satisfaction (0-100)"),
    ("debt_collected", "Debt collected"),
    ("board_actions", "Board actions done (%)"),
]
DEFAULT_WEIGHTS = {
    "revenue": 30.0,
    "new_customers": 15.0,
    "achievement": 25.0,
    "interactions": 5.0,
    "visits": 10.0,
    "complaints_handled": 5.0,
    "satisfaction": 10.0,
    "debt_collected": 0.0,
    "board_actions": 0.0,
}


class CrmEvaluationCriterion(models.Model):
    _name = "crm.evaluation.criterion"
    _description = "Scorecard criterion (weight and standard)"
    _order = "company_id, sequence, id"

    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    component = fields.Selection(COMPONENTS, required=True)
    weight = fields.Float(
        default=10.0, help="The component's share of the score, relative to the other weights."
    )
    minimum = fields.Float(
        string="Standard minimum",
        help="The service-quality standard: a salesperson below this value falls short. "
        "0 asks for nothing.",
    )

    _sql_constraints = [
        (
            "component_unique",
            "unique (company_id, component)",
            "Each component has one criterion per company.",
        ),
    ]

    @api.model
    def _evaluation_weights(self, company):
        """``({component: weight}, {component: minimum})`` of ``company``."""
        # sudo: the weights decide every salesperson's score, whoever computes the period
        criteria = self.sudo().search([("company_id", "=", company.id)])
        if not criteria:
            return dict(DEFAULT_WEIGHTS), {}
        return (
            {criterion.component: criterion.weight for criterion in criteria},
            {criterion.component: criterion.minimum for criterion in criteria},
        )

    # ------------------------------------------------------------ the rule in words

    @api.model
    def _evaluation_percent(self, value):
        """A share in the reader's language: "30 %", "33,3 %"."""
        digits = 0 if abs(value - round(value)) < 0.05 else 1
        return f"{formatLang(self.env, value, digits=digits)} %"

    @api.model
    def _evaluation_rule_text(self, company):
        """How ``company``'s scores are made, in the reader's language, generated from
        its weights: "Score = 30 % revenue + 25 % achievement of targets + ...", then
        how each part is put on 100 points (see ``_evaluation_normalized``)."""
        weights, _minimums = self._evaluation_weights(company)
        try:
            shares = score_core.weight_shares(weights, [code for code, _label in COMPONENTS])
        except score_core.RuleProblem as problem:
            raise_evaluation_problem(self.env, problem)
        labels = dict(self._fields["component"]._description_selection(self.env))
        # "Achievement of targets (%)" reads "achievement of targets" in a sentence
        names = {}
        for code, _share in shares:
            name = re.sub(r"\s*\([^)]*\)$", "", labels.get(code, code))
            names[code] = name[:1].lower() + name[1:]

        def listed(codes):
            text = ", ".join(names[code] for code in codes)
            return text[:1].upper() + text[1:]

        parts = " + ".join(
            f"{self._evaluation_percent(share)} {names[code]}" for code, share in shares
        )
        sentences = [self.env._("Score = %(parts)s, out of 100.", parts=parts)]
        counted = [code for code, _share in shares if code in COUNTED_COMPONENTS]
        if counted:
            sentences.append(
                self.env._(
                    "%(components)s: compared with the best salesperson of the period, "
                    "who gets 100.",
                    components=listed(counted),
                )
            )
        if "achievement" in names:
            sentences.append(
                self.env._(
                    "%(component)s: the share of the targets reached, at most 100.",
                    component=listed(["achievement"]),
                )
            )
        measured = [
            code
            for code, _share in shares
            if code not in COUNTED_COMPONENTS and code != "achievement"
        ]
        if measured:
            sentences.append(
                self.env._("%(components)s: as measured, out of 100.", components=listed(measured))
            )
        sentences.append(
            self.env._(
                "A part not measured for a salesperson is left out of their score: the other "
                "weights share its place."
            )
        )
        return "\n".join(sentences)

    @api.constrains("weight", "minimum", "company_id")
    def _check_weights(self):
        for company in self.company_id:
            weights, minimums = self._evaluation_weights(company)
            try:
                score_core.check_weights(weights)
                score_core.check_minimums(minimums)
            except score_core.RuleProblem as problem:
                raise_evaluation_problem(self.env, problem)

    @api.ondelete(at_uninstall=False)
    def _unlink_keeps_a_weight(self):
        for company in self.company_id:
            # sudo: the check looks at every criterion of the company (see _evaluation_weights)
            left = self.sudo().search([("company_id", "=", company.id), ("id", "not in", self.ids)])
            if left and not any(left.mapped("weight")):
                raise UserError(
                    self.env._(
                        "The remaining criteria of %s would all weigh zero: give one a weight.",
                        company.name,
                    )
                )
