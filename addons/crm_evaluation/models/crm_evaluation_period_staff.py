"""Targets' achievement and staff scorecards of an evaluation period.

After ``_evaluation_collect`` gave every measure, the compute derives:

1. one ``target_achievement`` line per target: its actual is the line of the target's
   measure for the same dimension and key (company total, salesperson or team);
   a measure no line measured at all (satisfaction without the survey part) gives
   no achievement line;
2. one scorecard per salesperson: the salesperson's lines, updated by
   ``_evaluation_staff_inputs(users)``, then scored, ranked and compared with the
   company's service-quality standard (``crm.evaluation.criterion``).
"""

from collections import defaultdict

from odoo import api, fields, models
from odoo.tools.misc import formatLang

from ..evaluation_core import measures as core
from ..evaluation_core import scorecard as score_core
from .crm_evaluation_target import SCOPE_DIMENSION
from .rule_errors import raise_evaluation_problem

# scorecard components read from the salesperson's lines (component = measure)
LINE_COMPONENTS = ("revenue", "new_customers", "interactions", "visits", "debt_collected")
# components scored against the best peer (count or amount); the others are 0-100
COUNTED_COMPONENTS = (*LINE_COMPONENTS, "complaints_handled")


class CrmEvaluationPeriod(models.Model):
    _inherit = "crm.evaluation.period"

    target_ids = fields.One2many("crm.evaluation.target", "period_id", string="Targets")
    scorecard_ids = fields.One2many(
        "crm.evaluation.scorecard", "period_id", string="Scorecards", readonly=True, copy=False
    )
    scorecard_count = fields.Integer(compute="_compute_scorecard_count")
    can_set_targets = fields.Boolean(compute="_compute_can_set_targets")

    @api.depends("state")
    @api.depends_context("uid")
    def _compute_can_set_targets(self):
        committee = self.env.user.has_group("crm_evaluation.group_evaluation_committee")
        for period in self:
            period.can_set_targets = committee and period.state in ("draft", "computed")

    def _compute_scorecard_count(self):
        counts = dict(
            self.env["crm.evaluation.scorecard"]._read_group(
                [("period_id", "in", self.ids)], ["period_id"], ["__count"]
            )
        )
        for period in self:
            period.scorecard_count = counts.get(period, 0)

    def action_open_scorecards(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_evaluation.action_crm_evaluation_scorecard"
        )
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------ targets

    @staticmethod
    def _evaluation_line_key(vals):
        return (
            vals["measure"],
            vals.get("dimension") or "total",
            vals.get("user_id") or vals.get("team_id") or False,
        )

    def _evaluation_target_lines(self, lines):
        """Achievement lines of the period's targets, from the ``lines`` collected."""
        self.ensure_one()
        actuals = {
            self._evaluation_line_key(vals): vals["value"]
            for vals in lines
            if not vals.get("label") and not vals.get("target_measure")
        }
        measured = {vals["measure"] for vals in lines}
        result = []
        # sudo: targets are read by evaluation users; the compute reads all of them
        for target in self.sudo().target_ids:
            if target.measure not in measured:
                continue
            dimension = SCOPE_DIMENSION[target.scope]
            key = target.user_id.id or target.team_id.id or False
            actual = actuals.get((target.measure, dimension, key), 0.0)
            try:
                reached = core.achievement(actual, target.target)
            except core.RuleProblem as problem:
                raise_evaluation_problem(self.env, problem)
            keys = {"user_id": target.user_id.id} if target.user_id else {}
            if target.team_id:
                keys = {"team_id": target.team_id.id}
            result.append(
                self._evaluation_line(
                    "target_achievement",
                    reached or 0.0,
                    dimension,
                    target_measure=target.measure,
                    numerator=actual,
                    denominator=target.target,
                    **keys,
                )
            )
        return result

    # ------------------------------------------------------------ scorecards

    def _evaluation_staff(self, lines):
        """The salespeople who get a scorecard: those with a salesperson line or a
        target, and the members of the company's sales teams; active internal users only
        (not OdooBot, whose jobs log interactions)."""
        user_ids = {vals.get("user_id") for vals in lines if vals.get("dimension") == "salesperson"}
        # sudo: every target's salesperson gets a scorecard, whatever targets the user reads
        user_ids |= set(self.sudo().target_ids.user_id.ids)
        for members in self._evaluation_team_members().values():
            user_ids |= set(members)
        user_ids.discard(None)
        user_ids.discard(False)
        # sudo: the compute reads users of the company whatever the user may read
        users = self.env["res.users"].sudo().browse(sorted(user_ids)).exists()
        return users.filtered(
            lambda user: user.active and not user.share and self.company_id in user.company_ids
        )

    def _evaluation_staff_inputs(self, users):
        """Extra raw results of each salesperson: ``{user_id: {component: value}}``.

        Addons extend it: call ``super()``, then set their components for the users
        they measured, e.g. ``complaints_handled`` (a count) or ``satisfaction``
        (0-100). A component no user has stays out of the score."""
        self.ensure_one()
        inputs = {user.id: {} for user in users}
        for user_id, values in self._evaluation_board_actions(users).items():
            inputs[user_id].update(values)
        return inputs

    def _evaluation_board_actions(self, users):
        """``{user_id: {board_actions: %, board_actions_done, board_actions_overdue}}``:
        the IDIC board's actions of each salesperson due in the period, done or still
        not done after their day (dismissed ones left out). One grouped read."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        # sudo: the scorecard counts every salesperson's lines, whoever computes it
        groups = (
            self.env["crm.idic.action"]
            .sudo()
            ._read_group(
                [
                    ("user_id", "in", users.ids),
                    ("company_id", "=", self.company_id.id),
                    ("date_due", ">=", self.date_from),
                    ("date_due", "<=", self.date_to),
                    ("date_due", "<", today),
                    ("state", "!=", "dismissed"),
                ],
                ["user_id", "state"],
                ["__count"],
            )
        )
        counts = {}
        for user, state, count in groups:
            done, late = counts.get(user.id, (0, 0))
            counts[user.id] = (done + count, late) if state == "done" else (done, late + count)
        return {
            user_id: {
                "board_actions": core.rate(done, done + late),
                "board_actions_done": done,
                "board_actions_overdue": late,
            }
            for user_id, (done, late) in counts.items()
        }

    def _evaluation_staff_results(self, lines, users):
        """Raw results per user: ``{user_id: {component: value}}``."""
        results = {user.id: dict.fromkeys(LINE_COMPONENTS, 0.0) for user in users}
        achievements = defaultdict(list)
        for vals in lines:
            user_id = vals.get("user_id")
            if vals.get("dimension") != "salesperson" or user_id not in results:
                continue
            if vals["measure"] == "target_achievement":
                if vals.get("denominator"):
                    achievements[user_id].append(vals["value"])
            elif vals["measure"] in LINE_COMPONENTS or vals["measure"] == "satisfaction":
                results[user_id][vals["measure"]] = vals["value"]
        for user_id, values in self._evaluation_staff_inputs(users).items():
            if user_id in results:
                results[user_id].update(values)
        for user_id, result in results.items():
            result["achievement"] = core.average(achievements.get(user_id, []))
            result["target_count"] = len(achievements.get(user_id, []))
        return results

    def _evaluation_components(self):
        """The scorecard's components (crm.evaluation.criterion's selection, which
        addons extend); a component not counted (``COUNTED_COMPONENTS``) is 0-100."""
        return self.env["crm.evaluation.criterion"]._fields["component"].get_values(self.env)

    def _evaluation_normalized(self, results):
        """Each user's components on a 0-100 scale for the score."""
        components = self._evaluation_components()
        scaled = {user_id: {} for user_id in results}
        for component in components:
            values = {user_id: result.get(component) for user_id, result in results.items()}
            if all(value is None for value in values.values()):
                continue  # nobody measured: out of the score
            if component in COUNTED_COMPONENTS:
                values = score_core.normalize_to_best(values)
            elif component == "achievement":
                values = {
                    k: None if v is None else min(max(v, 0.0), 100.0) for k, v in values.items()
                }
            for user_id, value in values.items():
                scaled[user_id][component] = value
        return scaled

    def _evaluation_tie_note(self, place, names):
        if not place.tied_with:
            return False
        others = ", ".join(names[key] for key in place.tied_with)
        score = formatLang(self.env, place.score, digits=2)
        return self.env._("Tied with %(names)s on score %(score)s", names=others, score=score)

    def _evaluation_number(self, value):
        """A result in the user's language: "12", "1.234,50" in Vietnamese."""
        return formatLang(self.env, value, digits=0 if float(value).is_integer() else 2)

    def _evaluation_score_detail(self, scaled, weights, labels):
        """One line per part of a salesperson's score, in the user's language:
        "Revenue: 100.0 points weighing 33.3 % = 33.3" (the points add up to the score)."""
        Criterion = self.env["crm.evaluation.criterion"]
        parts = score_core.contributions(scaled, weights)
        return "\n".join(
            self.env._(
                "%(component)s: %(points)s points weighing %(share)s = %(score)s",
                component=labels.get(code, code),
                points=formatLang(self.env, scaled[code], digits=1),
                share=Criterion._evaluation_percent(parts[code][0]),
                score=formatLang(self.env, parts[code][1], digits=1),
            )
            for code in self._evaluation_components()
            if code in parts
        )

    def _evaluation_shortfall_note(self, gap, labels):
        value = "-" if gap.value is None else self._evaluation_number(gap.value)
        minimum = self._evaluation_number(gap.minimum)
        component = labels.get(gap.component, gap.component)
        return self.env._(
            "%(component)s: %(value)s, below the minimum %(minimum)s",
            component=component,
            value=value,
            minimum=minimum,
        )

    def _evaluation_store_scorecards(self, lines):
        """Replace the period's scorecards by those of ``lines``."""
        self.ensure_one()
        users = self._evaluation_staff(lines)
        results = self._evaluation_staff_results(lines, users)
        weights, minimums = self.env["crm.evaluation.criterion"]._evaluation_weights(
            self.company_id
        )
        scaled = self._evaluation_normalized(results)
        # the standard applies to what was measured for someone; an achievement
        # minimum to those who had targets
        measured = {code for values in scaled.values() for code in values}
        try:
            scores = {u: score_core.weighted_score(scaled[u], weights) for u in results}
            ranking = score_core.rank((user.id, scores[user.id]) for user in users)
            gaps = {
                u: score_core.shortfalls(
                    results[u],
                    {
                        code: minimum
                        for code, minimum in minimums.items()
                        if code in measured
                        and (code != "achievement" or results[u]["target_count"])
                    },
                )
                for u in results
            }
        except score_core.RuleProblem as problem:
            raise_evaluation_problem(self.env, problem)
        names = {user.id: user.name for user in users}
        labels = dict(
            self.env["crm.evaluation.criterion"]
            ._fields["component"]
            ._description_selection(self.env)
        )
        vals_list = []
        for place in ranking:
            result = results[place.key]
            vals_list.append(
                {
                    "period_id": self.id,
                    "user_id": place.key,
                    "revenue": result.get("revenue") or 0.0,
                    "new_customers": int(result.get("new_customers") or 0),
                    "interactions": int(result.get("interactions") or 0),
                    "visits": int(result.get("visits") or 0),
                    "debt_collected": result.get("debt_collected") or 0.0,
                    "complaints_handled": int(result.get("complaints_handled") or 0),
                    "satisfaction": result.get("satisfaction") or 0.0,
                    "board_actions": result.get("board_actions") or 0.0,
                    "board_actions_done": result.get("board_actions_done") or 0,
                    "board_actions_overdue": result.get("board_actions_overdue") or 0,
                    "achievement": result.get("achievement") or 0.0,
                    "target_count": result["target_count"],
                    "score": place.score,
                    "rank": place.rank,
                    "rank_note": self._evaluation_tie_note(place, names),
                    "score_detail": self._evaluation_score_detail(
                        scaled[place.key], weights, labels
                    ),
                    "meets_standard": not gaps[place.key],
                    "shortfall_count": len(gaps[place.key]),
                    "shortfall_note": "\n".join(
                        self._evaluation_shortfall_note(gap, labels) for gap in gaps[place.key]
                    ),
                }
            )
        # sudo: scorecards are snapshot values users only read; the button calling
        # this checked the user's right to compute the period
        self.scorecard_ids.sudo().unlink()
        self.env["crm.evaluation.scorecard"].sudo().create(vals_list)
