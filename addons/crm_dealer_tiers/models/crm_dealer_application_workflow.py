"""The dealer application's workflow buttons: submit, review, approve (creating the draft
contract), refuse, back to draft. Who may do which move is decided in one place,
``_check_approval_update`` (crm_dealer_application.py)."""

from dateutil.relativedelta import relativedelta

from odoo import Command, fields, models
from odoo.exceptions import AccessError, UserError

from .crm_dealer_application import DEALER_MANAGER, DEALER_USER


class CrmDealerApplication(models.Model):
    _inherit = "crm.dealer.application"

    def _move(self, state, extra=None):
        self._check_approval_update(state)
        self.check_access("write")
        self._idic_system().write({"state": state, **(extra or {})})

    def action_submit(self):
        # whoever submits an application may not approve it, even once it went back to
        # draft and someone else submitted it again
        self._move(
            "submitted",
            {
                "submitted_by_id": self.env.uid,
                "excluded_approver_ids": [Command.link(self.env.uid)],
            },
        )
        for app in self:
            managers = app._dealer_managers()
            for manager in managers:
                app.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Review dealer application %s", app.name),
                    user_id=manager.id,
                )
        return True

    def action_review(self):
        self._move("in_review")
        return True

    def action_approve(self):
        self._check_approval_update("approved")
        self.check_access("write")
        for app in self:
            if app.missing_required:
                missing = app.document_ids.filtered(lambda d: d.required and not d.provided)
                raise UserError(
                    self.env._(
                        "Application %(name)s cannot be approved: required documents are "
                        "missing (%(documents)s).",
                        name=app.name,
                        documents=", ".join(missing.type_id.mapped("name")),
                    )
                )
            tier = app.requested_tier_id or app.recommended_tier_id
            if not tier:
                raise UserError(
                    self.env._(
                        "Application %s meets no tier and requests none: choose the "
                        "requested tier before approving.",
                        app.name,
                    )
                )
        for app in self:
            tier = app.requested_tier_id or app.recommended_tier_id
            app._idic_system().write(
                {
                    "state": "approved",
                    "approved_tier_id": tier.id,
                    "approver_id": self.env.uid,
                    "decision_date": fields.Date.context_today(app),
                }
            )
            app._idic_system()._create_contract()
            app.activity_feedback(["mail.mail_activity_data_todo"])
            if app.user_id:
                app.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Have contract %s signed", app.contract_id.name),
                    user_id=app.user_id.id,
                )
        return True

    def action_refuse(self):
        self._move(
            "rejected",
            {"approver_id": self.env.uid, "decision_date": fields.Date.context_today(self)},
        )
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_draft(self):
        self._move("draft", {"approver_id": False, "decision_date": False})
        return True

    def _dealer_managers(self):
        """Who reviews the application: the salesperson's team leader, else the company's
        dealer managers (none of whom may be one who cannot approve it)."""
        self.ensure_one()
        leader = self.user_id.sale_team_id.user_id
        if leader and self._dealer_may_approve(leader):
            return leader
        group = self.env.ref(DEALER_MANAGER)
        # sudo: a salesperson may not read a group's members
        return group.sudo().users.filtered(
            lambda u: (
                self.company_id in u.company_ids and self._dealer_may_approve(u) and not u.share
            )
        )[:5]

    def _create_contract(self):
        """The draft contract of an approved application (and its partner, if new), made
        by the system (``self`` is ``_idic_system()``) after the approval's checks: its
        dealer, tier and customer group are the approved ones; the partner becomes a
        dealer with a compliance list to tick."""
        self.ensure_one()
        partner = self.partner_id
        if not partner:
            # sudo: a dealer manager need not be allowed to create contacts
            Partner = self.env["res.partner"].sudo()
            partner = Partner.create(
                {
                    "name": self.applicant_name,
                    "is_company": True,
                    "company_id": self.company_id.id,
                    "state_id": self.state_id.id,
                    "country_id": self.state_id.country_id.id,
                    "user_id": self.user_id.id,
                }
            )
            self.partner_id = partner
        if self.parent_dealer_id and not partner.dealer_parent_id:
            # sudo: a dealer manager need not be allowed to edit contacts
            partner.sudo().dealer_parent_id = self.parent_dealer_id
        # the approved applicant is a dealer: its tab and its compliance list to tick
        # (sudo: as above, the approval decides it, not the manager's contact rights)
        if partner.idic_customer_group != "dealer":
            partner.sudo().idic_customer_group = "dealer"
        partner._dealer_open_compliance_list(self.company_id)
        today = fields.Date.context_today(self)
        Contract = self.env["crm.dealer.contract"]._idic_system()
        self.contract_id = Contract.create(
            {
                "partner_id": partner.id,
                "application_id": self.id,
                "tier_id": self.approved_tier_id.id,
                "user_id": self.user_id.id,
                "company_id": self.company_id.id,
                "date_start": today,
                "date_end": today + relativedelta(years=1, days=-1),
            }
        )

    def action_open_contract(self):
        self.ensure_one()
        if not self.env.user.has_group(DEALER_USER):
            raise AccessError(self.env._("Only dealer users open dealer contracts."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.dealer.contract",
            "res_id": self.contract_id.id,
            "view_mode": "form",
        }
