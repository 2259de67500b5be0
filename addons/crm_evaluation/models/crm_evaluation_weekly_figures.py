"""The figures of weekly sales reports, gathered for many reports at once: one statement
per figure for each (company, week) among the reports, never a search per report."""

from collections import defaultdict
from datetime import timedelta

from odoo import fields, models
from odoo.tools import SQL

from ..evaluation_core import RuleProblem
from ..evaluation_core.survey import average_percent
from .crm_evaluation_survey_user_input import HIGH_SQL, LOW_SQL, SCORE_SQL


class CrmEvaluationWeeklyFigures(models.AbstractModel):
    _name = "crm.evaluation.weekly.figures"
    _description = "Weekly sales report figures"

    def _weekly_compute_figures(self):
        """Write the figures of the reports in ``self``, as the system (called as
        superuser by the buttons and the cron, after their own checks)."""
        for model in ("sale.order", "account.move", "res.partner", "crm.idic.interaction"):
            self.env[model].flush_model()
        for model in ("survey.user_input", "survey.user_input.line"):
            self.env[model].flush_model()
        batches = defaultdict(lambda: self.browse())
        for report in self:
            batches[(report.company_id, report.week_start)] |= report
        now = fields.Datetime.now()
        for (company, week), reports in batches.items():
            users = tuple(reports.user_id.ids)
            start = fields.Datetime.to_datetime(week)
            end = start + timedelta(days=7)
            args = {"company": company.id, "users": users, "start": start, "end": end}
            sales = self._weekly_sales(args)
            news = self._weekly_new_customers(args)
            debts = self._weekly_receivables({**args, "week_end": week + timedelta(days=6)})
            contacts = self._weekly_interactions(company, users, start, end)
            answers = self._weekly_answers(args)
            for report in reports:
                uid = report.user_id.id
                customers = news.get(uid, [])
                answered, satisfaction = answers.get(uid, (0, None))
                report._idic_system().write(
                    {
                        "order_count": sales.get(uid, (0, 0.0))[0],
                        "sales_amount": sales.get(uid, (0, 0.0))[1],
                        "new_customer_ids": [fields.Command.set(customers)],
                        "new_customer_count": len(customers),
                        "receivable_amount": debts.get(uid, (0.0, 0.0))[0],
                        "overdue_amount": debts.get(uid, (0.0, 0.0))[1],
                        "interaction_count": contacts.get(uid, 0),
                        "survey_answer_count": answered,
                        "satisfaction_avg": satisfaction or 0.0,
                        "computed_date": now,
                    }
                )

    def _weekly_rows(self, query):
        return self.env.execute_query(query)

    def _weekly_sales(self, args):
        """``{user id: (confirmed orders, untaxed amount in company currency)}`` of the
        orders the salespeople confirmed for the week (by order date)."""
        rows = self._weekly_rows(
            SQL(
                """SELECT so.user_id, COUNT(*),
                          SUM(%(amount)s)
                     FROM sale_order so
                    WHERE so.state = 'sale' AND so.company_id = %(company)s
                      AND so.user_id IN %(users)s
                      AND so.date_order >= %(start)s AND so.date_order < %(end)s
                 GROUP BY so.user_id""",
                **args,
                amount=self.env["sale.order"]._idic_revenue_sql(),
            )
        )
        return {uid: (count, amount or 0.0) for uid, count, amount in rows}

    def _weekly_new_customers(self, args):
        """``{user id: [customer ids]}``: customers whose first confirmed order in the
        company is in the week, credited to the salesperson of that first order."""
        rows = self._weekly_rows(
            SQL(
                """SELECT DISTINCT ON (p.commercial_partner_id)
                          p.commercial_partner_id, so.user_id
                     FROM sale_order so
                     JOIN res_partner p ON p.id = so.partner_id
                    WHERE so.state = 'sale' AND so.company_id = %(company)s
                      AND so.date_order >= %(start)s AND so.date_order < %(end)s
                      AND NOT EXISTS (
                          SELECT 1 FROM sale_order o2
                            JOIN res_partner p2 ON p2.id = o2.partner_id
                           WHERE o2.state = 'sale' AND o2.company_id = so.company_id
                             AND p2.commercial_partner_id = p.commercial_partner_id
                             AND o2.date_order < %(start)s)
                 ORDER BY p.commercial_partner_id, so.date_order, so.id""",
                **args,
            )
        )
        result = defaultdict(list)
        for partner_id, uid in rows:
            if uid in args["users"]:
                result[uid].append(partner_id)
        return result

    def _weekly_receivables(self, args):
        """``{user id: (open amount, overdue amount)}`` of the posted customer invoices
        (credit notes deducted) dated up to the week's end, of the customers the
        salespeople are responsible for, in company currency."""
        rows = self._weekly_rows(
            SQL(
                """SELECT cp.user_id,
                          SUM(am.amount_residual_signed),
                          SUM(am.amount_residual_signed)
                              FILTER (WHERE am.invoice_date_due < CURRENT_DATE)
                     FROM account_move am
                     JOIN res_partner cp ON cp.id = am.commercial_partner_id
                    WHERE am.state = 'posted' AND am.company_id = %(company)s
                      AND am.move_type IN ('out_invoice', 'out_refund')
                      AND am.payment_state NOT IN ('paid', 'in_payment', 'reversed')
                      AND am.invoice_date <= %(week_end)s
                      AND cp.user_id IN %(users)s
                 GROUP BY cp.user_id""",
                **args,
            )
        )
        return {uid: (total or 0.0, overdue or 0.0) for uid, total, overdue in rows}

    def _weekly_interactions(self, company, users, start, end):
        groups = self.env["crm.idic.interaction"]._read_group(
            [
                ("company_id", "=", company.id),
                ("user_id", "in", users),
                ("date", ">=", start),
                ("date", "<", end),
            ],
            ["user_id"],
            ["__count"],
        )
        return {user.id: count for user, count in groups}

    def _weekly_answers(self, args):
        """``{user id: (completed campaign answers, average satisfaction 0-100)}`` of
        the salespeople's customers, answered in the week."""
        rows = self._weekly_rows(
            SQL(
                """SELECT cp.user_id, %(low)s, %(high)s, COUNT(DISTINCT ui.id),
                          COALESCE(SUM(%(score)s) FILTER (WHERE %(sat)s), 0),
                          COUNT(l.id) FILTER (WHERE %(sat)s)
                     FROM survey_user_input ui
                     JOIN crm_evaluation_survey_campaign c ON c.id = ui.evaluation_campaign_id
                     JOIN survey_question q ON q.id = c.satisfaction_question_id
                     JOIN res_partner p ON p.id = ui.partner_id
                     JOIN res_partner cp ON cp.id = p.commercial_partner_id
                LEFT JOIN survey_user_input_line l ON l.user_input_id = ui.id
                    WHERE ui.state = 'done' AND c.company_id = %(company)s
                      AND ui.end_datetime >= %(start)s AND ui.end_datetime < %(end)s
                      AND cp.user_id IN %(users)s
                 GROUP BY cp.user_id, q.id""",
                score=SCORE_SQL,
                low=LOW_SQL,
                high=HIGH_SQL,
                sat=SQL(
                    "l.question_id = c.satisfaction_question_id AND NOT COALESCE(l.skipped, FALSE)"
                    " AND l.answer_type IN ('scale', 'numerical_box')"
                ),
                **args,
            )
        )
        answered = defaultdict(int)
        groups = defaultdict(list)
        for uid, low, high, count, total, scored in rows:
            answered[uid] += count
            if scored:
                groups[uid].append((total, scored, low, high))
        result = {}
        for uid, count in answered.items():
            try:
                result[uid] = (count, average_percent(groups[uid]))
            except RuleProblem:
                result[uid] = (count, None)  # answers off the scale the question has now
        return result
