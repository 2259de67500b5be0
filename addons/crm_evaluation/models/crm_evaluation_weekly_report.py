"""The weekly sales report of a salesperson (seed 003): figures computed by the system
(new customers, sales, receivables, customer evaluations), competitor news written by
the salesperson, submitted to the manager who comments. One report per salesperson and
week; the list of past reports is the history.

Figures are gathered set-based for many reports at once (``crm_evaluation_weekly_figures``).
"""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .crm_evaluation_period import EVAL_COMMITTEE

SALESMAN = "sales_team.group_sale_salesman"
SALES_MANAGER = "sales_team.group_sale_manager"
WEEKLY_STATES = [("draft", "Draft"), ("submitted", "Submitted"), ("reviewed", "Reviewed")]
FIGURE_FIELDS = (
    "new_customer_ids",
    "new_customer_count",
    "order_count",
    "sales_amount",
    "receivable_amount",
    "overdue_amount",
    "interaction_count",
    "survey_answer_count",
    "satisfaction_avg",
    "computed_date",
)
# written only by the buttons and the figures' compute (crm.idic.system.fields.mixin)
WEEKLY_SYSTEM_FIELDS = (
    *FIGURE_FIELDS,
    "state",
    "manager_id",
    "submitted_date",
    "reviewed_by_id",
    "reviewed_date",
)
# chosen at creation, fixed afterwards
WEEKLY_KEY_FIELDS = ("user_id", "week_start", "company_id")


def monday(day):
    return day - timedelta(days=day.weekday())


class CrmEvaluationWeeklyReport(models.Model):
    _name = "crm.evaluation.weekly.report"
    _description = "Weekly sales report"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "crm.evaluation.weekly.figures",
        "crm.idic.system.fields.mixin",
    ]
    _order = "week_start desc, user_id, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    week_start = fields.Date(
        string="Week of",
        required=True,
        index=True,
        default=lambda self: monday(fields.Date.context_today(self)),
        help="The Monday the week starts.",
    )
    week_end = fields.Date(compute="_compute_name", store=True)
    state = fields.Selection(
        WEEKLY_STATES, required=True, default="draft", readonly=True, copy=False, tracking=True
    )
    manager_id = fields.Many2one(
        "res.users", string="Submitted to", readonly=True, copy=False, tracking=True
    )
    submitted_date = fields.Datetime(string="Submitted on", readonly=True, copy=False)
    reviewed_by_id = fields.Many2one("res.users", string="Reviewed by", readonly=True, copy=False)
    reviewed_date = fields.Datetime(string="Reviewed on", readonly=True, copy=False)
    competitor_news = fields.Html(
        help="What the salesperson learnt this week about competitors: prices, products, "
        "promotions, customers they won or lost."
    )
    manager_comment = fields.Html(help="Written by the sales manager.")
    can_comment = fields.Boolean(compute="_compute_can_comment")
    # figures, computed by the system (crm_evaluation_weekly_figures.py)
    computed_date = fields.Datetime(string="Figures of", readonly=True, copy=False)
    new_customer_ids = fields.Many2many(
        "res.partner", string="New customers list", readonly=True, copy=False
    )
    new_customer_count = fields.Integer(string="New customers", readonly=True, copy=False)
    order_count = fields.Integer(string="Confirmed orders", readonly=True, copy=False)
    sales_amount = fields.Monetary(
        string="Sales this week",
        readonly=True,
        copy=False,
        help="Revenue of the orders confirmed this week: untaxed, net of the credit notes "
        "issued against them, in the company currency.",
    )
    receivable_amount = fields.Monetary(
        string="Customer receivables",
        readonly=True,
        copy=False,
        help="What the salesperson's customers still owe on posted invoices.",
    )
    overdue_amount = fields.Monetary(string="Of which overdue", readonly=True, copy=False)
    interaction_count = fields.Integer(string="Interactions logged", readonly=True, copy=False)
    survey_answer_count = fields.Integer(string="Survey answers", readonly=True, copy=False)
    satisfaction_avg = fields.Float(
        string="Average satisfaction", readonly=True, copy=False, digits=(3, 2)
    )

    _sql_constraints = [
        (
            "weekly_report_unique",
            "UNIQUE (user_id, week_start, company_id)",
            "A salesperson has one weekly report per week and company.",
        )
    ]

    @api.depends("week_start", "user_id")
    def _compute_name(self):
        for report in self:
            report.week_end = report.week_start and report.week_start + timedelta(days=6)
            if report.week_start:
                year, week, _day = report.week_start.isocalendar()
                report.name = self.env._(
                    "Week %(week)s/%(year)s - %(user)s",
                    week=week,
                    year=year,
                    user=report.user_id.name or "",
                )
            else:
                report.name = False

    def _compute_can_comment(self):
        self.can_comment = self._weekly_is_manager()

    # ------------------------------------------------------------ rights

    def _weekly_is_manager(self):
        user = self.env.user
        return (
            self._idic_is_system()
            or user.has_group(SALES_MANAGER)
            or user.has_group(EVAL_COMMITTEE)
        )

    def _weekly_check_manager(self):
        if not self._weekly_is_manager():
            raise AccessError(
                self.env._("Only a sales manager or the CRM committee reviews weekly reports.")
            )

    def _weekly_check_salesman(self):
        if not (self._idic_is_system() or self.env.user.has_group(SALESMAN)):
            raise AccessError(self.env._("Only salespeople write weekly reports."))

    # ------------------------------------------------------------ CRUD

    @api.model
    def _idic_system_fields(self):
        return super()._idic_system_fields() | set(WEEKLY_SYSTEM_FIELDS)

    @api.model
    def _idic_system_fields_message(self, labels):
        return self.env._(
            "The figures and the state of a weekly report are set by the system: %s.", labels
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self._idic_is_system():
            self._weekly_check_salesman()
            for vals in vals_list:
                if vals.get("manager_comment") or "default_manager_comment" in self.env.context:
                    raise AccessError(
                        self.env._(
                            "A weekly report starts as a draft: its figures are computed by "
                            "the system and the manager comments after it is submitted."
                        )
                    )
                if (
                    vals.get("user_id", self.env.uid) != self.env.uid
                    and not self._weekly_is_manager()
                ):
                    raise AccessError(self.env._("Salespeople write only their own reports."))
        for vals in vals_list:
            if vals.get("week_start"):
                vals["week_start"] = monday(fields.Date.to_date(vals["week_start"]))
        reports = super().create(vals_list)
        # sudo: the figures are system data read from every sales document, gathered for
        # the reports just created
        reports.sudo()._weekly_compute_figures()
        return reports

    def write(self, vals):
        if not self._idic_is_system():
            if set(vals) & set(WEEKLY_KEY_FIELDS):
                raise UserError(
                    self.env._("The salesperson, week and company of a report cannot change.")
                )
            if "manager_comment" in vals:
                self._weekly_check_manager()
                if self.filtered(lambda r: r.state == "draft"):
                    raise UserError(
                        self.env._("The manager comments a weekly report once it is submitted.")
                    )
            if "competitor_news" in vals and self.filtered(lambda r: r.state != "draft"):
                raise UserError(self.env._("A submitted weekly report cannot be changed any more."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(self.env._("Submitted weekly reports are kept as history."))

    # ------------------------------------------------------------ buttons

    def _weekly_manager_of(self, user):
        """The leader of the salesperson's sales team, when it is someone else."""
        leader = user.sale_team_id.user_id
        return leader if leader and leader != user else self.env["res.users"]

    def action_refresh(self):
        self._weekly_check_salesman()
        self.check_access("write")
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(self.env._("Only draft weekly reports are refreshed."))
        # sudo: the figures are read from every sales document; the user may write these
        # reports (checked above)
        self.sudo()._weekly_compute_figures()
        return True

    def action_submit(self):
        self._weekly_check_salesman()
        self.check_access("write")
        for report in self:
            if report.state != "draft":
                raise UserError(self.env._("Report %s is already submitted.", report.name))
            if report.user_id != self.env.user and not self._weekly_is_manager():
                raise AccessError(self.env._("Salespeople submit only their own reports."))
        # sudo: as in action_refresh
        self.sudo()._weekly_compute_figures()
        now = fields.Datetime.now()
        for report in self:
            manager = self._weekly_manager_of(report.user_id)
            # the state and the manager are system fields; the checks above passed
            report._idic_system().write(
                {"state": "submitted", "submitted_date": now, "manager_id": manager.id}
            )
            if manager:
                report.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=manager.id,
                    summary=self.env._("Review the weekly report of %s", report.user_id.name),
                )
        self.env["crm.idic.action"]._idic_done_by(self)
        return True

    def action_review(self):
        self._weekly_check_manager()
        self.check_access("write")
        if self.filtered(lambda r: r.state != "submitted"):
            raise UserError(self.env._("Only submitted weekly reports are reviewed."))
        # as in action_submit
        self._idic_system().write(
            {
                "state": "reviewed",
                "reviewed_by_id": self.env.uid,
                "reviewed_date": fields.Datetime.now(),
            }
        )
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_send_back(self):
        self._weekly_check_manager()
        self.check_access("write")
        if self.filtered(lambda r: r.state != "submitted"):
            raise UserError(self.env._("Only submitted weekly reports are sent back."))
        # as in action_submit
        self._idic_system().write({"state": "draft", "submitted_date": False})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    @api.model
    def action_generate_mine(self):
        """The current user's report of this week, created if missing."""
        self._weekly_check_salesman()
        week = monday(fields.Date.context_today(self))
        report = self.search(
            [
                ("user_id", "=", self.env.uid),
                ("week_start", "=", week),
                ("company_id", "=", self.env.company.id),
            ],
            limit=1,
        )
        if not report:
            report = self.create({"user_id": self.env.uid, "week_start": week})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": report.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    @api.model
    def action_generate_all(self):
        self._weekly_check_manager()
        # sudo: a manager asked for every salesperson's draft, as the weekly cron does,
        # whatever users and reports the manager may read
        self.sudo()._weekly_generate(fields.Date.context_today(self))
        return True

    # ------------------------------------------------------------ cron

    @api.model
    def _cron_generate_weekly_reports(self):
        self._weekly_generate(fields.Date.context_today(self))

    @api.model
    def _weekly_generate(self, today):
        """Draft reports of the week of ``today`` for every active internal salesperson
        who has none yet, in one batch, created by the system."""
        week = monday(today)
        salesman = self.env.ref(SALESMAN)
        users = self.env["res.users"].search(
            [("groups_id", "in", salesman.ids), ("share", "=", False)]
        )
        existing = self.with_context(active_test=False).search_fetch(
            [("week_start", "=", week), ("user_id", "in", users.ids)],
            ["user_id", "company_id"],
        )
        done = {(r.user_id.id, r.company_id.id) for r in existing}
        vals_list = [
            {"user_id": user.id, "company_id": user.company_id.id, "week_start": week}
            for user in users
            if (user.id, user.company_id.id) not in done
        ]
        return self._idic_system().create(vals_list)
