"""The dealer-opening request: application -> dossier -> approval -> contract.

The workflow follows Odoo's time-off allocations (``hr_leave_allocation``): a tracked
state changed only by the action buttons, and one method, ``_check_approval_update``,
deciding who may move an application to which state.
"""

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..dealer_core import tiers as core
from .rule_errors import dealer_rule_message

DEALER_USER = "crm_dealer_tiers.group_dealer_user"
DEALER_MANAGER = "crm_dealer_tiers.group_dealer_manager"

STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("in_review", "In review"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("contracted", "Contracted"),
]
# the fields only the workflow writes (crm.idic.system.fields.mixin)
WORKFLOW_FIELDS = (
    "state",
    "approved_tier_id",
    "approver_id",
    "contract_id",
    "decision_date",
    "submitted_by_id",
    "excluded_approver_ids",
)
CRITERIA = [
    ("avg_revenue", "Average yearly revenue"),
    ("yearly_sales", "Yearly sales"),
    ("major_share", "Major-brand share"),
]


class CrmDealerApplication(models.Model):
    _name = "crm.dealer.application"
    _description = "Dealer application"
    _inherit = ["mail.thread", "mail.activity.mixin", "crm.idic.system.fields.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
    )
    state = fields.Selection(STATES, default="draft", required=True, tracking=True, copy=False)
    # applicant
    partner_id = fields.Many2one(
        "res.partner",
        string="Existing partner",
        check_company=True,
        tracking=True,
        help="Leave empty for a new dealer: the partner is created when the application "
        "is approved.",
    )
    applicant_name = fields.Char(string="Applicant")
    state_id = fields.Many2one("res.country.state", string="Region")
    business_type = fields.Selection(
        [
            ("retail", "Retail shop"),
            ("wholesale", "Wholesaler"),
            ("chain", "Store chain"),
            ("online", "Online seller"),
            ("other", "Other"),
        ],
        string="Business type",
    )
    parent_dealer_id = fields.Many2one(
        "res.partner",
        string="Parent dealer",
        check_company=True,
        # the dealers that may have sub-dealers, each shown with its tier
        domain="[('dealer_can_be_parent', '=', True)]",
        context={"dealer_show_tier": True},
    )
    # declared figures
    revenue_last_year = fields.Monetary(string="Revenue last year")
    revenue_year_before = fields.Monetary(string="Revenue the year before")
    yearly_sales = fields.Monetary(string="Yearly sales")
    major_share = fields.Float(string="Major brands (%)")
    minor_share = fields.Float(string="Minor brands (%)")
    # evaluation
    eval_score = fields.Integer(string="Preliminary score", help="From 0 to 10.")
    eval_notes = fields.Text(string="Evaluation notes")
    recommended_tier_id = fields.Many2one(
        "crm.dealer.tier",
        string="Recommended tier",
        compute="_compute_recommendation",
        store=True,
    )
    deciding_criterion = fields.Selection(
        CRITERIA,
        string="Deciding criterion",
        compute="_compute_recommendation",
        store=True,
        help="The first criterion the next higher tier was not met on.",
    )
    criterion_missing = fields.Boolean(
        string="Missing data", compute="_compute_recommendation", store=True
    )
    requested_tier_id = fields.Many2one("crm.dealer.tier", string="Requested tier", tracking=True)
    approved_tier_id = fields.Many2one(
        "crm.dealer.tier", string="Approved tier", tracking=True, copy=False
    )
    approver_id = fields.Many2one("res.users", string="Decided by", copy=False)
    decision_date = fields.Date(string="Decision date", copy=False)
    submitted_by_id = fields.Many2one("res.users", string="Submitted by", readonly=True, copy=False)
    excluded_approver_ids = fields.Many2many(
        "res.users",
        "crm_dealer_application_excluded_approver_rel",
        "application_id",
        "user_id",
        string="Cannot approve",
        readonly=True,
        copy=False,
        help="Who created the application, submitted it or has been its salesperson: none "
        "of them may approve it.",
    )
    refuse_reason = fields.Text(string="Reason for rejection", copy=False)
    # dossier
    document_ids = fields.One2many(
        "crm.dealer.application.document",
        "application_id",
        string="Dossier",
        default=lambda self: self._default_documents(),
    )
    completeness = fields.Float(
        string="Dossier completeness (%)", compute="_compute_completeness", store=True
    )
    missing_required = fields.Integer(
        string="Missing required documents", compute="_compute_completeness", store=True
    )
    contract_id = fields.Many2one("crm.dealer.contract", copy=False)
    can_approve = fields.Boolean(compute="_compute_can_approve")
    approval_note = fields.Char(
        string="Who approves",
        compute="_compute_can_approve",
        help="Why the current user may not approve this application (the four-eyes rule).",
    )

    # ------------------------------------------------------------ defaults, computes

    @api.model
    def _default_documents(self):
        types = self.env["crm.dealer.document.type"].search(
            [("company_id", "in", [False, self.env.company.id])]
        )
        return [fields.Command.create({"type_id": t.id}) for t in types]

    def _figures(self):
        self.ensure_one()
        return core.Figures(
            self.revenue_last_year,
            self.revenue_year_before,
            self.yearly_sales,
            self.major_share,
        )

    @api.depends(
        "revenue_last_year",
        "revenue_year_before",
        "yearly_sales",
        "major_share",
        "company_id",
    )
    def _compute_recommendation(self):
        # sudo: the recommendation follows the application's company's tiers, whichever
        # companies the salesperson works in
        Tier = self.env["crm.dealer.tier"].sudo()
        by_company = {}
        for app in self:
            company = app.company_id or self.env.company
            if company not in by_company:
                tiers = Tier._tiers_for(company)
                by_company[company] = (tiers, [t._core_tier() for t in tiers])
            tiers, core_tiers = by_company[company]
            decision = core.decide_tier(core_tiers, app._figures())
            app.recommended_tier_id = decision.tier or False
            app.deciding_criterion = decision.criterion or False
            app.criterion_missing = decision.missing

    @api.depends("document_ids.provided", "document_ids.type_id.required")
    def _compute_completeness(self):
        for app in self:
            lines = app.document_ids
            done = lines.filtered("provided")
            app.completeness = 100.0 * len(done) / len(lines) if lines else 100.0
            app.missing_required = len(lines.filtered(lambda d: d.required and not d.provided))

    @api.depends("state", "user_id", "excluded_approver_ids")
    @api.depends_context("uid")
    def _compute_can_approve(self):
        manager = self.env.user.has_group(DEALER_MANAGER)
        for app in self:
            app.approval_note = False
            try:
                app._check_approval_update("approved")
            except (AccessError, UserError) as error:
                app.can_approve = False
                # a dealer manager kept from approving by the four-eyes rule is told why
                if manager and app.state in ("submitted", "in_review"):
                    app.approval_note = error.args[0]
            else:
                app.can_approve = True

    @api.depends("name", "applicant_name", "partner_id")
    def _compute_display_name(self):
        for app in self:
            who = app.partner_id.name or app.applicant_name
            app.display_name = f"{app.name} - {who}" if who else app.name

    # ------------------------------------------------------------ checks

    @api.constrains(
        "revenue_last_year", "revenue_year_before", "yearly_sales", "major_share", "minor_share"
    )
    def _check_figures(self):
        for app in self:
            try:
                core.check_amounts(app.revenue_last_year, app.revenue_year_before, app.yearly_sales)
                core.check_shares(app.major_share, app.minor_share)
            except core.RuleProblem as problem:
                raise ValidationError(dealer_rule_message(self.env, problem)) from None
            if not 0 <= app.eval_score <= 10:
                raise ValidationError(self.env._("The preliminary score lies between 0 and 10."))

    @api.constrains("partner_id", "applicant_name")
    def _check_applicant(self):
        for app in self:
            if not app.partner_id and not (app.applicant_name or "").strip():
                raise ValidationError(
                    self.env._("Name the applicant, or choose the existing partner.")
                )

    def _check_approval_update(self, state):
        """Raise unless the current user may move ``self`` to ``state``. Being the
        superuser is no way past: the data files and the jobs act as a user of the dealer
        groups (OdooBot is a dealer manager), and the four-eyes rule holds for them too."""
        user = self.env.user
        is_manager = user.has_group(DEALER_MANAGER)
        if not user.has_group(DEALER_USER):
            raise AccessError(self.env._("Only dealer users work on dealer applications."))
        allowed_from = {
            "draft": ("submitted", "rejected"),
            "submitted": ("draft",),
            "in_review": ("submitted",),
            "approved": ("submitted", "in_review"),
            "rejected": ("submitted", "in_review"),
        }
        for app in self:
            if state not in allowed_from:
                raise UserError(
                    self.env._("An application is contracted only by activating its contract.")
                )
            if app.state not in allowed_from[state]:
                labels = dict(self._fields["state"]._description_selection(self.env))
                raise UserError(
                    self.env._(
                        "Application %(name)s is %(current)s: it cannot move to %(target)s.",
                        name=app.name,
                        current=labels[app.state],
                        target=labels[state],
                    )
                )
            if state in ("in_review", "approved", "rejected") and not is_manager:
                raise AccessError(
                    self.env._("Only a dealer manager reviews, approves or rejects applications.")
                )
            if state == "approved" and not app._dealer_may_approve(user):
                raise UserError(
                    self.env._(
                        "You cannot approve your own application %(name)s: you created it, "
                        "submitted it or have been its salesperson. Another dealer manager "
                        "must approve it.",
                        name=app.name,
                    )
                )
            if state in ("submitted", "draft") and app.user_id != user and not is_manager:
                raise AccessError(
                    self.env._(
                        "Only the salesperson of the application or a dealer manager may do this."
                    )
                )

    def _dealer_may_approve(self, user):
        """Whether ``user`` is none of the people who may not approve ``self``: its
        creator, whoever submitted it, and every salesperson it has had."""
        self.ensure_one()
        return user not in (self.create_uid | self.excluded_approver_ids | self.user_id)

    # ------------------------------------------------------------ CRUD

    @api.model
    def _idic_system_fields(self):
        return super()._idic_system_fields() | set(WORKFLOW_FIELDS)

    @api.model
    def _idic_system_fields_message(self, labels):
        return self.env._(
            "The state and the approved tier of an application change only through its "
            "buttons (submit, review, approve, reject): %s.",
            labels,
        )

    @api.model_create_multi
    def create(self, vals_list):
        apps = super().create(vals_list)
        for app in apps:
            if app.name == "/":
                app.name = (
                    self.env["ir.sequence"]
                    .with_company(app.company_id)
                    .next_by_code("crm.dealer.application")
                    or "/"
                )
        apps._dealer_exclude_approvers(self.env.user)
        return apps

    def write(self, vals):
        if not self._idic_is_system():
            frozen = self.filtered(lambda a: a.state in ("approved", "rejected", "contracted"))
            if frozen and set(vals) - {"message_main_attachment_id", "activity_ids"}:
                raise UserError(
                    self.env._(
                        "A decided application cannot be changed: %s.",
                        ", ".join(frozen.mapped("name")),
                    )
                )
        result = super().write(vals)
        if vals.get("user_id"):
            self._dealer_exclude_approvers()
        return result

    def _dealer_exclude_approvers(self, users=None):
        """Keep the creator, the submitter and every salesperson of ``self`` (with
        ``users``) out of its approvers, for good."""
        for app in self:
            people = (users or self.env["res.users"]) | app.user_id
            # sudo: whoever hands an application to another salesperson no longer sees it
            # (the rule of the salespeople's own applications); the list is the system's
            app.sudo()._idic_system().write(
                {"excluded_approver_ids": [Command.link(user.id) for user in people]}
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(app.state not in ("draft", "rejected") for app in self):
            raise UserError(self.env._("Only draft or rejected applications can be deleted."))
