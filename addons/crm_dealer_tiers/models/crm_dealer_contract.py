"""Dealer contracts: draft -> active -> expiring -> expired, or terminated."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.crm_idic.models.crm_idic_data import CUSTOMER_GROUPS

from .crm_dealer_application import DEALER_MANAGER, DEALER_USER

# the fields only the workflow writes (crm.idic.system.fields.mixin): the state, the
# renewal links, and what the approval decided (the dealer, its tier and customer group)
WORKFLOW_FIELDS = (
    "state",
    "previous_contract_id",
    "next_contract_id",
    "application_id",
    "partner_id",
    "tier_id",
    "customer_group",
)
LIVE = ("active", "expiring")
RENEWABLE = ("active", "expiring", "expired")


class CrmDealerContract(models.Model):
    _name = "crm.dealer.contract"
    _description = "Dealer contract"
    _inherit = ["mail.thread", "mail.activity.mixin", "crm.idic.system.fields.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Number", readonly=True, copy=False, default="/")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner", string="Dealer", required=True, check_company=True, tracking=True
    )
    application_id = fields.Many2one("crm.dealer.application", check_company=True, copy=False)
    customer_group = fields.Selection(
        CUSTOMER_GROUPS, string="Customer group", default="dealer", required=True
    )
    tier_id = fields.Many2one("crm.dealer.tier", required=True, tracking=True)
    pricelist_id = fields.Many2one(related="tier_id.pricelist_id")
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
    )
    date_start = fields.Date(string="Start date", required=True, tracking=True)
    date_end = fields.Date(string="End date", required=True, tracking=True)
    renewal_days = fields.Integer(
        string="Renewal notice (days)",
        default=30,
        help="An activity to renew the contract is planned this many days before it ends.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Active"),
            ("expiring", "Expiring"),
            ("expired", "Expired"),
            ("terminated", "Terminated"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    note = fields.Html(string="Terms")
    previous_contract_id = fields.Many2one(
        "crm.dealer.contract",
        string="Renews",
        readonly=True,
        copy=False,
        check_company=True,
        ondelete="set null",
        help="The contract this one renews.",
    )
    next_contract_id = fields.Many2one(
        "crm.dealer.contract",
        string="Renewed by",
        readonly=True,
        copy=False,
        check_company=True,
        ondelete="set null",
        help="The contract prepared by the Renew button.",
    )

    # ------------------------------------------------------------ checks

    @api.constrains("date_start", "date_end", "renewal_days")
    def _check_dates(self):
        for contract in self:
            if contract.date_end < contract.date_start:
                raise ValidationError(
                    self.env._(
                        "Contract %(name)s ends (%(end)s) before it starts (%(start)s).",
                        name=contract.name,
                        end=contract.date_end,
                        start=contract.date_start,
                    )
                )
            if contract.renewal_days < 0:
                raise ValidationError(self.env._("The renewal notice cannot be negative."))

    @api.constrains("state", "date_start", "date_end", "partner_id")
    def _check_overlap(self):
        live = self.filtered(lambda c: c.state in LIVE)
        if not live:
            return
        # sudo: an overlap with any running contract counts, even one the user cannot see
        others = self.sudo().search(
            [
                ("partner_id", "in", live.partner_id.ids),
                ("state", "in", LIVE),
                ("id", "not in", live.ids),
            ]
        )
        for contract in live:
            for other in (others | live) - contract:
                if (
                    other.partner_id == contract.partner_id
                    and other.date_start <= contract.date_end
                    and contract.date_start <= other.date_end
                ):
                    raise ValidationError(
                        self.env._(
                            "%(dealer)s already has the active contract %(other)s over these "
                            "dates; terminate it or change the dates first.",
                            dealer=contract.partner_id.display_name,
                            other=other.name,
                        )
                    )

    def _check_approved(self):
        """Refuse the contracts whose dealer and tier are not those an approval gave:
        the application's approved tier, or the tier of the contract a renewal renews."""
        for contract in self:
            source = contract.application_id or contract.previous_contract_id
            if not source:
                raise UserError(
                    self.env._(
                        "Contract %s comes from no approved application: file a dealer "
                        "application and have it approved, which prepares the contract.",
                        contract.name,
                    )
                )
            if contract.application_id:
                approved_tier = contract.application_id.approved_tier_id
                approved_partner = contract.application_id.partner_id
                approved = (
                    contract.application_id.state == "approved"
                    and contract.application_id.contract_id == contract
                )
            else:
                approved_tier = contract.previous_contract_id.tier_id
                approved_partner = contract.previous_contract_id.partner_id
                approved = contract.previous_contract_id.next_contract_id == contract
            if (
                not approved
                or contract.tier_id != approved_tier
                or contract.partner_id.commercial_partner_id
                != approved_partner.commercial_partner_id
            ):
                raise UserError(
                    self.env._(
                        "Contract %(name)s does not carry what was approved (%(tier)s for "
                        "%(dealer)s): another tier or dealer needs a new application.",
                        name=contract.name,
                        tier=approved_tier.name or "-",
                        dealer=approved_partner.display_name or "-",
                    )
                )

    def _check_manager(self):
        # no superuser exception: the data files and the jobs run as OdooBot, a dealer manager
        if not self.env.user.has_group(DEALER_MANAGER):
            raise AccessError(self.env._("Only a dealer manager activates or ends contracts."))
        self.check_access("write")

    # ------------------------------------------------------------ CRUD

    @api.model
    def _idic_system_fields(self):
        return super()._idic_system_fields() | set(WORKFLOW_FIELDS)

    @api.model
    def _idic_system_fields_message(self, labels):
        return self.env._(
            "A contract is prepared by approving an application or renewing a contract; "
            "its dealer, tier, state and renewal links change only through its buttons "
            "(activate, renew, terminate) and the renewal job: %s.",
            labels,
        )

    @api.model_create_multi
    def create(self, vals_list):
        contracts = super().create(vals_list)
        for contract in contracts:
            if contract.name == "/":
                contract.name = (
                    self.env["ir.sequence"]
                    .with_company(contract.company_id)
                    .next_by_code("crm.dealer.contract")
                    or "/"
                )
        return contracts

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(c.state != "draft" for c in self):
            raise UserError(self.env._("Only draft contracts can be deleted."))

    # ------------------------------------------------------------ workflow

    def action_activate(self):
        self._check_manager()
        for contract in self:
            if contract.state != "draft":
                raise UserError(
                    self.env._("Only a draft contract can be activated (%s).", contract.name)
                )
            partner = contract.partner_id.commercial_partner_id
            missing = partner._dealer_missing_requirements(contract.company_id)
            if missing:
                raise UserError(
                    self.env._(
                        "%(dealer)s does not meet the compliance standard, so its contract "
                        "cannot be activated. Missing: %(missing)s.",
                        dealer=partner.display_name,
                        missing=", ".join(missing.mapped("name")),
                    )
                )
        self._check_approved()
        for contract in self:
            contract._idic_system().write({"state": "active"})
            # the approved tier (checked above) gives the tier, the group and the pricelist
            tier = contract.tier_id
            # sudo: a dealer manager need not be allowed to edit contacts
            partner = contract.partner_id.commercial_partner_id.sudo()
            vals = {"idic_customer_group": contract.customer_group}
            if tier.pricelist_id:
                vals["property_product_pricelist"] = tier.pricelist_id.id
            partner.with_company(contract.company_id).write(vals)
            partner._dealer_set_tier(tier, "contract", contract.date_start, contract=contract)
            if contract.application_id.state == "approved":
                contract.application_id._idic_system().write({"state": "contracted"})
            # the renewal is planned when it is due: now for a contract already within its
            # notice, else by the daily job when the contract becomes expiring
            if contract._renewal_due(fields.Date.context_today(contract)):
                contract._schedule_renewal()
        return True

    def _renewal_due(self, today):
        self.ensure_one()
        return self.date_end - relativedelta(days=self.renewal_days) <= today

    def action_terminate(self):
        self._check_manager()
        for contract in self:
            if contract.state not in LIVE:
                raise UserError(
                    self.env._("Only a running contract can be terminated (%s).", contract.name)
                )
        self._idic_system().write({"state": "terminated"})
        return True

    def action_renew(self):
        """Prepare the next contract of each contract: a draft starting the day after the
        end, as long as this one, with the same dealer, tier and terms."""
        self._check_manager()
        for contract in self:
            if contract.state not in RENEWABLE:
                raise UserError(
                    self.env._(
                        "Only an active, expiring or expired contract can be renewed (%s).",
                        contract.name,
                    )
                )
            if contract.next_contract_id:
                raise UserError(
                    self.env._(
                        "Contract %(name)s is already renewed by %(next)s.",
                        name=contract.name,
                        next=contract.next_contract_id.name,
                    )
                )
            partner = contract.partner_id.commercial_partner_id
            missing = partner._dealer_missing_requirements(contract.company_id)
            if missing:
                raise UserError(
                    self.env._(
                        "%(dealer)s does not meet the compliance standard, so its contract "
                        "cannot be renewed. Missing: %(missing)s.",
                        dealer=partner.display_name,
                        missing=", ".join(missing.mapped("name")),
                    )
                )
        renewals = self.browse()
        for contract in self:
            start = contract.date_end + relativedelta(days=1)
            length = relativedelta(start, contract.date_start)
            # the renewal links, dealer and tier are the system's: written only here,
            # after the manager check above
            renewal = contract._idic_system().create(
                {
                    "partner_id": contract.partner_id.id,
                    "company_id": contract.company_id.id,
                    "customer_group": contract.customer_group,
                    "tier_id": contract.tier_id.id,
                    "user_id": contract.user_id.id,
                    "date_start": start,
                    "date_end": start + length - relativedelta(days=1),
                    "renewal_days": contract.renewal_days,
                    "note": contract.note,
                    "previous_contract_id": contract.id,
                }
            )
            contract._idic_system().write({"next_contract_id": renewal.id})
            contract.activity_feedback(
                ["mail.mail_activity_data_todo"],
                feedback=self.env._("Renewed by contract %s.", renewal.name),
            )
            renewals |= renewal
        self.env["crm.idic.action"]._idic_done_by(self, self.env._("Contract renewed"))
        renewals = renewals.with_env(self.env)
        if len(renewals) != 1:
            return True
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.dealer.contract",
            "res_id": renewals.id,
            "view_mode": "form",
        }

    def _schedule_renewal(self):
        for contract in self:
            if contract.renewal_days and contract.user_id:
                contract.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=max(
                        contract.date_end - relativedelta(days=contract.renewal_days),
                        fields.Date.context_today(contract),
                    ),
                    summary=self.env._("Renew dealer contract %s", contract.name),
                    note=self.env._(
                        "Contract %s ends soon: press Renew on it to prepare the next "
                        "contract, starting the day after it ends.",
                        contract.name,
                    ),
                    user_id=contract.user_id.id,
                )

    @api.model
    def _cron_update_states(self):
        """Daily: active contracts near their end become expiring, past their end expired."""
        today = fields.Date.context_today(self)
        contracts = self.search([("state", "in", LIVE)])
        expired = contracts.filtered(lambda c: c.date_end < today)
        expiring = (contracts - expired).filtered(
            lambda c: c.state == "active" and c._renewal_due(today)
        )
        expired._idic_system().write({"state": "expired"})
        expiring._idic_system().write({"state": "expiring"})
        # the renewal's activity, planned the day it is due (not at activation)
        expiring.filtered(lambda c: not c.next_contract_id)._schedule_renewal()

    def action_print(self):
        if not self.env.user.has_group(DEALER_USER):
            raise AccessError(self.env._("Only dealer users print dealer contracts."))
        return self.env.ref("crm_dealer_tiers.action_report_dealer_contract").report_action(self)

    def action_preview(self):
        """The contract as it prints, shown in the browser instead of a PDF download."""
        action = self.action_print()
        if action.get("type") == "ir.actions.report":
            action = {**action, "report_type": "qweb-html"}
        return action
