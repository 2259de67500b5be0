"""Loyalty measures of an evaluation period (crm_loyalty's ranked programs):

- *loyalty points issued*, *redeemed* and *expired* in the period, from
  ``loyalty.history`` (the day of each row, ``crm_loyalty_date``, inside the period):
  issued are the points earned on orders, given as gifts or added by hand, less the
  points refunds took back; redeemed are the points spent on rewards (on orders) and
  on partner rewards; expired are the points the expiry job removed. Manual
  deductions are in none of them. Cancelled redemptions leave no row, so they count
  for nothing;
- *loyalty members* at the time the period is computed, in total and per rank
  (dimension *Loyalty rank*): the cards holding a rank. Every rank of the programs
  gets its line, with 0 when nobody holds it.

The cards counted are those of the active ranked programs of the period's company and
of the ranked programs shared by every company. Two grouped reads, whatever the
number of cards and rows.
"""

from odoo import models

# kinds of loyalty.history rows (crm_loyalty) and the measure their points go to
ISSUED_KINDS = ("order", "gift", "adjust")
REDEEMED_KINDS = ("order", "redemption")


class CrmEvaluationPeriod(models.Model):
    _inherit = "crm.evaluation.period"

    def _evaluation_collect(self):
        lines = super()._evaluation_collect()
        lines += self._evaluation_loyalty_points_lines()
        lines += self._evaluation_loyalty_member_lines()
        return lines

    def _evaluation_loyalty_domain(self, card_path=""):
        """The cards of the period's company's ranked programs (``card_path``: the path
        from the model read to the card, e.g. ``card_id.``)."""
        self.ensure_one()
        return [
            (f"{card_path}program_id.crm_loyalty_ranked", "=", True),
            (f"{card_path}program_id.company_id", "in", [self.company_id.id, False]),
        ]

    def _evaluation_loyalty_points_lines(self):
        self.ensure_one()
        # sudo: the period counts every member's points, whichever cards the user
        # computing it may read; only the sums are kept
        History = self.env["loyalty.history"].sudo()
        rows = History._read_group(
            [
                *self._evaluation_loyalty_domain("card_id."),
                ("crm_loyalty_date", ">=", self.date_from),
                ("crm_loyalty_date", "<=", self.date_to),
            ],
            ["crm_loyalty_kind"],
            ["issued:sum", "used:sum"],
        )
        issued = redeemed = expired = 0.0
        for kind, points_in, points_out in rows:
            points_in, points_out = points_in or 0.0, points_out or 0.0
            if kind in ISSUED_KINDS:
                issued += points_in
            if kind == "refund":
                issued -= points_out
            if kind in REDEEMED_KINDS:
                redeemed += points_out
            if kind == "expiry":
                expired += points_out
        return [
            self._evaluation_line("loyalty_points_issued", issued),
            self._evaluation_line("loyalty_points_redeemed", redeemed),
            self._evaluation_line("loyalty_points_expired", expired),
        ]

    def _evaluation_loyalty_member_lines(self):
        self.ensure_one()
        # sudo: as above, members of every salesperson are counted; only counts are kept
        Card = self.env["loyalty.card"].sudo()
        held = dict(
            Card._read_group(
                [*self._evaluation_loyalty_domain(), ("crm_loyalty_tier_id", "!=", False)],
                ["crm_loyalty_tier_id"],
                ["__count"],
            )
        )
        programs = (
            self.env["loyalty.program"]
            .sudo()
            .search(
                [
                    ("crm_loyalty_ranked", "=", True),
                    ("company_id", "in", [self.company_id.id, False]),
                ]
            )
        )
        Tier = self.env["crm.loyalty.tier"].sudo().with_context(active_test=False)
        tiers = Tier.search([("program_id", "in", programs.ids)]) | Tier.union(*held)
        lines = [self._evaluation_line("loyalty_members", sum(held.values()))]
        for tier in tiers.sorted(lambda t: (t.program_id.id, t.sequence, t.id)):
            lines.append(
                self._evaluation_line(
                    "loyalty_members",
                    held.get(tier, 0),
                    "loyalty_rank",
                    loyalty_tier_id=tier.id,
                    label=tier.name,
                )
            )
        return lines
