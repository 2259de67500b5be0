"""The dealer compliance standard: requirements, each dealer's checks, training."""

from odoo import api, fields, models


class CrmDealerComplianceRequirement(models.Model):
    _name = "crm.dealer.compliance.requirement"
    _description = "Dealer compliance requirement"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [("check", "Checked by a manager"), ("training", "Completed training")],
        required=True,
        default="check",
        help="A training requirement is met by attending a training session of the "
        "requirement, or when a manager checks it as met; the others by a manager's check.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company")


class CrmDealerComplianceCheck(models.Model):
    _name = "crm.dealer.compliance.check"
    _description = "Dealer compliance check"
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Dealer", required=True, ondelete="cascade", index=True
    )
    requirement_id = fields.Many2one("crm.dealer.compliance.requirement", required=True)
    company_id = fields.Many2one("res.company")
    met = fields.Boolean()
    compliance_rate = fields.Float(
        string="Compliance rate (%)",
        compute="_compute_compliance_rate",
        store=True,
        aggregator="avg",
        help="100 for a met check, 0 otherwise: its average is the compliance rate.",
    )
    date = fields.Date(default=fields.Date.context_today)
    note = fields.Char()

    @api.depends("met")
    def _compute_compliance_rate(self):
        for check in self:
            check.compliance_rate = 100.0 if check.met else 0.0

    _sql_constraints = [
        (
            "partner_requirement_uniq",
            "unique(partner_id, requirement_id)",
            "A dealer has one check per requirement.",
        ),
    ]


class CrmDealerTraining(models.Model):
    _name = "crm.dealer.training"
    _description = "Dealer training session"
    _order = "date desc, id desc"

    name = fields.Char(required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    requirement_id = fields.Many2one(
        "crm.dealer.compliance.requirement",
        domain="[('kind', '=', 'training')]",
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    attendee_ids = fields.Many2many("res.partner", string="Attendees")


class ResPartner(models.Model):
    _inherit = "res.partner"

    dealer_compliance_ids = fields.One2many(
        "crm.dealer.compliance.check", "partner_id", string="Compliance checks"
    )
    dealer_compliant = fields.Boolean(
        string="Compliant", compute="_compute_dealer_compliant", compute_sudo=True
    )

    @api.depends("dealer_compliance_ids.met")
    def _compute_dealer_compliant(self):
        missing = self._dealer_missing_by_partner()
        for partner in self:
            partner.dealer_compliant = not missing.get(partner.id)

    def _dealer_open_compliance_list(self, company):
        """Give each partner of ``self`` a check, not met yet, for every requirement of
        ``company`` it has none for: the list a manager ticks on the dealer's tab."""
        requirements = (
            self.env["crm.dealer.compliance.requirement"]
            .sudo()
            .search([("company_id", "in", [False, company.id])])
        )
        Check = self.env["crm.dealer.compliance.check"].sudo()
        existing = {
            (check.partner_id.id, check.requirement_id.id)
            for check in Check.search([("partner_id", "in", self.ids)])
        }
        Check.create(
            [
                {"partner_id": partner.id, "requirement_id": req.id, "company_id": company.id}
                for partner in self
                for req in requirements
                if (partner.id, req.id) not in existing
            ]
        )

    def _dealer_missing_requirements(self, company=None):
        """The compliance requirements ``self`` does not meet."""
        self.ensure_one()
        return self._dealer_missing_by_partner(company).get(
            self.id, self.env["crm.dealer.compliance.requirement"]
        )

    def _dealer_missing_by_partner(self, company=None):
        """{partner id: the requirements it does not meet} for every partner of ``self``
        (of ``company``, else of its own company): two grouped reads, and one search of
        the requirements per company."""
        partners = self.filtered("id")
        if not partners:
            return {}
        # sudo: compliance is a fact about the dealer that every dealer user may rely on
        # (contract activation, the dealer list), whoever recorded the checks
        checks = (
            self.env["crm.dealer.compliance.check"]
            .sudo()
            ._read_group(
                [("partner_id", "in", partners.ids), ("met", "=", True)],
                ["partner_id"],
                ["requirement_id:array_agg"],
            )
        )
        checked = {partner.id: set(ids) for partner, ids in checks}
        sessions = (
            self.env["crm.dealer.training"]
            .sudo()
            ._read_group(
                [("attendee_ids", "in", partners.ids), ("requirement_id", "!=", False)],
                ["attendee_ids"],
                ["requirement_id:array_agg"],
            )
        )
        trained = {attendee.id: set(ids) for attendee, ids in sessions}
        Requirement = self.env["crm.dealer.compliance.requirement"].sudo()
        by_company = {}
        missing = {}
        for partner in partners:
            owner = company or partner.company_id or self.env.company
            if owner not in by_company:
                by_company[owner] = Requirement.search([("company_id", "in", [False, owner.id])])
            met_checks = checked.get(partner.id, set())
            met_trainings = trained.get(partner.id, set())
            # a training is met by attending a session or by a manager's check
            missing[partner.id] = (
                by_company[owner]
                .filtered(
                    lambda r, c=met_checks, t=met_trainings: (
                        r.id not in ((c | t) if r.kind == "training" else c)
                    )
                )
                .with_env(self.env)
            )
        return missing
