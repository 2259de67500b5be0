"""Customer-side ticket measures of an evaluation period, in total and per segment
(the customer's segment when the ticket was opened, ``idic_segment_id``):

- *complaints opened*: complaint tickets of the period's company opened in the period;
- *complaints closed*: complaint tickets closed in the period;
- *average* and *90th-percentile resolution (hours)* of the tickets closed in the
  period (``numerator``: the hours summed, ``denominator``: the tickets);
- *tickets resolved in time (%)*: of the tickets closed in the period that had a
  deadline, those closed by it;
- *ticket rating (1-5)*: the average rating of the tickets closed in the period
  that the customer rated (``numerator``: the ratings summed, ``denominator``: the
  rated tickets). A rating is Odoo's (``rating.rating``, given from the rating email
  or the portal: 5 satisfied, 3 okay, 1 dissatisfied); a ticket counts with its
  customer's latest rating (``idic_customer_rating``);
- *satisfied ticket ratings (%)*: of those rated tickets, the share rated satisfied
  (4 or more, Odoo's threshold).

Two ``_read_group`` queries; the formulas are crm_evaluation's (``evaluation_core``).
The staff scorecards get *complaints handled*: the complaint tickets assigned to each
salesperson and closed in the period (one more ``_read_group``).
"""

from collections import defaultdict

from odoo import models

from odoo.addons.crm_evaluation.evaluation_core import measures
from odoo.addons.crm_idic_helpdesk.helpdesk_core import service


class CrmEvaluationPeriod(models.Model):
    _inherit = "crm.evaluation.period"

    def _evaluation_collect(self):
        lines = super()._evaluation_collect()
        lines += self._evaluation_ticket_lines()
        return lines

    def _evaluation_staff_inputs(self, users):
        """``complaints_handled`` of each salesperson: the complaint tickets assigned to
        them and closed in the period (one ``_read_group`` for all of them)."""
        inputs = super()._evaluation_staff_inputs(users)
        start, end = self._evaluation_bounds()
        # sudo: as in _evaluation_tickets, whatever tickets the user computing may read
        handled = (
            self.env["helpdesk.ticket"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    ("user_id", "in", users.ids),
                    ("idic_is_complaint", "=", True),
                    ("stage_id.closed", "=", True),
                    ("closed_date", ">=", start),
                    ("closed_date", "<", end),
                ],
                ["user_id"],
                ["__count"],
            )
        )
        counts = {user.id: count for user, count in handled}
        for user in users:
            inputs.setdefault(user.id, {})["complaints_handled"] = counts.get(user.id, 0)
        return inputs

    def _evaluation_tickets(self):
        """``{segment id or None: rows}`` of the company's tickets of the period, where
        ``rows`` has ``opened`` (complaints opened) and ``closed`` (one tuple per ticket
        closed in the period: hours, complaint, deadline met or None, the customer's rating
        or None)."""
        self.ensure_one()
        start, end = self._evaluation_bounds()
        # sudo: the evaluation measures every ticket of the company, whatever tickets
        # (and segments) the user computing the period may read; only totals are kept
        Ticket = self.env["helpdesk.ticket"].sudo()
        company = [("company_id", "=", self.company_id.id)]
        found = defaultdict(lambda: {"opened": 0, "closed": []})
        for segment, count in Ticket._read_group(
            [
                *company,
                ("idic_is_complaint", "=", True),
                ("create_date", ">=", start),
                ("create_date", "<", end),
            ],
            ["idic_segment_id"],
            ["__count"],
        ):
            found[segment.id or None]["opened"] += count
        for segment, hours, complaints, deadlines, within, ratings in Ticket._read_group(
            [
                *company,
                ("stage_id.closed", "=", True),
                ("closed_date", ">=", start),
                ("closed_date", "<", end),
            ],
            ["idic_segment_id"],
            [
                "idic_resolution_hours:array_agg",
                "idic_is_complaint:array_agg",
                "idic_deadline:array_agg",
                "idic_within_sla:array_agg",
                "idic_customer_rating:array_agg",
            ],
        ):
            found[segment.id or None]["closed"] += [
                (
                    hour or 0.0,
                    bool(complaint),
                    bool(met) if due else None,
                    rating if rating and rating >= service.RATING_MIN else None,
                )
                for hour, complaint, due, met, rating in zip(
                    hours, complaints, deadlines, within, ratings, strict=True
                )
            ]
        return found

    def _evaluation_ticket_lines(self):
        found = self._evaluation_tickets()
        total = {
            "opened": sum(rows["opened"] for rows in found.values()),
            "closed": [ticket for rows in found.values() for ticket in rows["closed"]],
        }
        lines = self._evaluation_ticket_measure_lines(total, "total", {})
        for segment_id, rows in found.items():
            if segment_id:
                lines += self._evaluation_ticket_measure_lines(
                    rows, "segment", {"segment_id": segment_id}
                )
        return lines

    def _evaluation_ticket_measure_lines(self, rows, dimension, keys):
        closed = rows["closed"]
        hours = [ticket[0] for ticket in closed]
        with_deadline = [ticket[2] for ticket in closed if ticket[2] is not None]
        ratings = [ticket[3] for ticket in closed if ticket[3] is not None]
        satisfied = sum(1 for rating in ratings if service.satisfied(rating))
        in_time = sum(1 for met in with_deadline if met)

        def line(measure, value, **extra):
            return self._evaluation_line(
                measure, value or 0.0, dimension=dimension, **keys, **extra
            )

        return [
            line("complaints_opened", rows["opened"]),
            line("complaints_closed", sum(1 for ticket in closed if ticket[1])),
            line(
                "ticket_resolution_avg",
                measures.average(hours),
                numerator=sum(hours),
                denominator=len(hours),
            ),
            line("ticket_resolution_p90", measures.percentile_90(hours), denominator=len(hours)),
            line(
                "tickets_in_time",
                measures.rate(in_time, len(with_deadline)),
                numerator=in_time,
                denominator=len(with_deadline),
            ),
            line(
                "ticket_rating",
                measures.average(ratings),
                numerator=sum(ratings),
                denominator=len(ratings),
            ),
            line(
                "tickets_satisfied",
                measures.rate(satisfied, len(ratings)),
                numerator=satisfied,
                denominator=len(ratings),
            ),
        ]
