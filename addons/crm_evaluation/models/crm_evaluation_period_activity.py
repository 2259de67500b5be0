"""Activity measures of an evaluation period: interactions and visits logged in
crm_idic, and debt collected (customer payments received).

- *interactions*: the period company's ``crm.idic.interaction`` dated in the period,
  per responsible user (``user_id``);
- *visits*: those of them made in person: channel *Visit* or type *Care visit*;
- *debt collected*: customer payments (inbound, in process or paid) of the company
  dated in the period, in company currency, per salesperson of the customer
  (the commercial partner's salesperson).

Per sales team, the sum over the team's members (``crm.team.member``): a user in two
teams counts for both. One ``_read_group`` or SQL statement per measure.
"""

from collections import defaultdict

from odoo import models
from odoo.tools import SQL

VISIT_CHANNELS = ("visit",)
VISIT_TYPES = ("care_visit",)


class CrmEvaluationPeriod(models.Model):
    _inherit = "crm.evaluation.period"

    def _evaluation_collect(self):
        lines = super()._evaluation_collect()
        lines += self._evaluation_activity_lines()
        return lines

    def _evaluation_team_members(self):
        """``{team_id: [user_id, ...]}`` of the company's active sales teams."""
        # sudo: the compute measures the whole company, whatever teams the user reads
        rows = (
            self.env["crm.team.member"]
            .sudo()
            ._read_group(
                [
                    ("crm_team_id.company_id", "in", (False, self.company_id.id)),
                    ("crm_team_id.active", "=", True),
                ],
                ["crm_team_id", "user_id"],
            )
        )
        members = defaultdict(list)
        for team, user in rows:
            members[team.id].append(user.id)
        return dict(members)

    def _evaluation_interaction_counts(self):
        """``({user_id: interactions}, {user_id: visits})`` of the period."""
        start, end = self._evaluation_bounds()
        # sudo: interactions belong to their responsible user's IDIC access; the
        # compute counts every interaction of the period's company
        rows = (
            self.env["crm.idic.interaction"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    ("date", ">=", start),
                    ("date", "<", end),
                ],
                ["user_id", "channel", "interaction_type"],
                ["__count"],
            )
        )
        interactions, visits = defaultdict(int), defaultdict(int)
        for user, channel, interaction_type, count in rows:
            interactions[user.id] += count
            if channel in VISIT_CHANNELS or interaction_type in VISIT_TYPES:
                visits[user.id] += count
        return dict(interactions), dict(visits)

    def _evaluation_debt_collected(self):
        """``{salesperson_id or None: amount}`` of customer payments in the period."""
        self.env["account.payment"].flush_model(
            [
                "amount_company_currency_signed",
                "partner_id",
                "company_id",
                "partner_type",
                "payment_type",
                "state",
                "date",
            ]
        )
        self.env["res.partner"].flush_model(["commercial_partner_id", "user_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT cp.user_id, sum(ap.amount_company_currency_signed)
                  FROM account_payment ap
                  JOIN res_partner p ON p.id = ap.partner_id
                  JOIN res_partner cp ON cp.id = p.commercial_partner_id
                 WHERE ap.company_id = %(company)s
                   AND ap.partner_type = 'customer' AND ap.payment_type = 'inbound'
                   AND ap.state IN ('in_process', 'paid')
                   AND ap.date >= %(date_from)s AND ap.date <= %(date_to)s
                 GROUP BY cp.user_id
                """,
                company=self.company_id.id,
                date_from=self.date_from,
                date_to=self.date_to,
            )
        )
        return dict(self.env.cr.fetchall())

    def _evaluation_per_user_lines(self, measure, per_user, members):
        """Lines of one measure counted per user: total, per salesperson, per team."""
        lines = [self._evaluation_line(measure, float(sum(per_user.values())))]
        for user_id, value in per_user.items():
            if user_id:
                lines.append(
                    self._evaluation_line(measure, float(value), "salesperson", user_id=user_id)
                )
        for team_id, user_ids in members.items():
            value = sum(per_user.get(user_id, 0) for user_id in user_ids)
            lines.append(self._evaluation_line(measure, float(value), "team", team_id=team_id))
        return lines

    def _evaluation_activity_lines(self):
        self.ensure_one()
        members = self._evaluation_team_members()
        interactions, visits = self._evaluation_interaction_counts()
        lines = self._evaluation_per_user_lines("interactions", interactions, members)
        lines += self._evaluation_per_user_lines("visits", visits, members)
        lines += self._evaluation_per_user_lines(
            "debt_collected", self._evaluation_debt_collected(), members
        )
        return lines
