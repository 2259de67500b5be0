from markupsafe import Markup

from odoo import Command, api, fields, models

from ..idic_core import scoring
from .rule_errors import raise_rule_problem


class ResCompany(models.Model):
    _inherit = "res.company"

    idic_weight_current = fields.Float(string="Weight of current value", default=50.0)
    idic_weight_potential = fields.Float(string="Weight of potential value", default=20.0)
    idic_weight_loyalty = fields.Float(string="Weight of loyalty", default=30.0)
    idic_super_threshold = fields.Monetary(
        string="Super customer revenue",
        currency_field="currency_id",
        default=5_000_000_000,
        help="Revenue of the last 12 months from which a customer is a super customer.",
    )
    idic_large_threshold = fields.Monetary(
        string="Large customer revenue", currency_field="currency_id", default=1_000_000_000
    )
    idic_medium_threshold = fields.Monetary(
        string="Medium customer revenue", currency_field="currency_id", default=200_000_000
    )
    idic_lapse_days = fields.Integer(
        string="Lapsed after (days)",
        default=365,
        help="A customer without a confirmed order for this many days has lapsed.",
    )
    idic_repeat_min_orders = fields.Integer(string="Orders for a repeat customer", default=2)
    idic_loyal_min_orders = fields.Integer(string="Orders for a loyal customer", default=5)
    idic_loyal_min_tenure_days = fields.Integer(
        string="Tenure for a loyal customer (days)", default=730
    )
    idic_growth_pct = fields.Float(
        string="Fast growing above (%)",
        default=30.0,
        help="Revenue of the last 12 months above the 12 months before by more than this "
        "percentage makes a customer fast growing.",
    )
    idic_decline_pct = fields.Float(
        string="Needs attention from a drop of (%)",
        default=30.0,
        help="Revenue falling by this percentage or more makes a customer need attention.",
    )
    idic_care_lead_days = fields.Integer(
        string="Care activity lead (days)",
        default=7,
        help="How many days before a birthday or founding anniversary the gift activity is due.",
    )

    idic_care_user_id = fields.Many2one(
        "res.users",
        string="Care activities without a salesperson go to",
        domain="[('share', '=', False), ('company_ids', 'in', id)]",
        help="Who gets the gift and visit activities of customers that have no salesperson. "
        "Empty: the first sales manager of the company.",
    )
    idic_action_escalation_days = fields.Integer(
        string="Escalate actions after (days)",
        default=7,
        help="An action of the board still open this many days after its due day goes to "
        "the manager's board. 0: never.",
    )

    def _idic_care_user(self):
        """Who gets the care activities of customers without a salesperson."""
        self.ensure_one()
        if self.idic_care_user_id:
            return self.idic_care_user_id
        managers = self.env.ref("sales_team.group_sale_manager").sudo().users  # a name to assign
        return managers.filtered(
            lambda u: not u.share and not u._is_superuser() and self in u.company_ids
        ).sorted("id")[:1]

    @api.constrains(
        "idic_weight_current",
        "idic_weight_potential",
        "idic_weight_loyalty",
        "idic_super_threshold",
        "idic_large_threshold",
        "idic_medium_threshold",
        "idic_lapse_days",
        "idic_repeat_min_orders",
        "idic_loyal_min_orders",
        "idic_loyal_min_tenure_days",
        "idic_growth_pct",
        "idic_decline_pct",
        "idic_care_lead_days",
        "idic_action_escalation_days",
    )
    def _check_idic_settings(self):
        for company in self:
            try:
                company._idic_rules(with_tables=False).check()
            except scoring.RuleProblem as problem:
                raise_rule_problem(self.env, problem, company.name)
            if company.idic_care_lead_days < 0:
                raise_rule_problem(
                    self.env, scoring.RuleProblem("negative_threshold", company.idic_care_lead_days)
                )
            if company.idic_action_escalation_days < 0:
                raise_rule_problem(
                    self.env,
                    scoring.RuleProblem("negative_threshold", company.idic_action_escalation_days),
                )

    def _idic_rules(self, with_tables=True):
        """The company's Differentiate configuration as a pure-core ``Rules``."""
        self.ensure_one()
        values = {}
        if with_tables:
            # configuration read for scoring, whoever triggers it (a salesperson's recompute)
            config = [("company_id", "=", self.id)]
            bands = self.env["crm.idic.score.band"].sudo().search(config)
            for dimension in ("current", "potential", "loyalty"):
                values[f"{dimension}_bands"] = tuple(
                    (b.threshold, b.score) for b in bands if b.dimension == dimension
                )
            segments = self.env["crm.idic.segment"].sudo().search(config)
            values["segments"] = tuple((s.id, s.min_score) for s in segments)
        return scoring.Rules(
            weights=(
                self.idic_weight_current,
                self.idic_weight_potential,
                self.idic_weight_loyalty,
            ),
            super_threshold=self.idic_super_threshold,
            large_threshold=self.idic_large_threshold,
            medium_threshold=self.idic_medium_threshold,
            lapse_days=self.idic_lapse_days,
            repeat_min_orders=self.idic_repeat_min_orders,
            loyal_min_orders=self.idic_loyal_min_orders,
            loyal_min_tenure_days=self.idic_loyal_min_tenure_days,
            growth_pct=self.idic_growth_pct,
            decline_pct=self.idic_decline_pct,
            **values,
        )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        main = self.env.ref("base.main_company", raise_if_not_found=False)
        companies._idic_copy_config_from(main)
        return companies

    def _idic_copy_config_from(self, source):
        """Copy segments, score bands and completeness rules of ``source`` to each company."""
        if not source:
            return
        # configuration records of another company: the creating user may not see them
        source = source.sudo()
        models_ = ("crm.idic.segment", "crm.idic.score.band", "crm.idic.completeness.rule")
        for company in self.sudo():
            for model in models_:
                Model = self.env[model].sudo().with_context(active_test=False)
                if Model.search_count([("company_id", "=", company.id)], limit=1):
                    continue
                records = Model.search([("company_id", "=", source.id)], order="id")
                records.copy(  # one create: the ranges are checked once all are copied
                    {"company_id": company.id, "pricelist_id": False}
                    if model == "crm.idic.segment"
                    else {"company_id": company.id}
                )

    def _crm_idic_demo_ready(self):
        """What ``scripts/demo`` makes of the demo company and its administrator: they open
        in it, read Vietnamese in Vietnam's time and are its director, not Odoo's demo
        "Mitchell Admin" of Scranton (a database installed with demo data by other means
        keeps Odoo's administrator, whom Odoo's own tests expect)."""
        self.ensure_one()
        self.env["res.lang"]._activate_lang("vi_VN")
        admin = self.env.ref("base.user_admin")
        admin.write(
            {
                "company_ids": [Command.link(self.id)],
                "company_id": self.id,
                "lang": "vi_VN",
                "tz": "Asia/Ho_Chi_Minh",
                "signature": Markup("<p>Lê Quang Minh<br/>%s</p>") % self.name,
            }
        )
        admin.partner_id.write(
            {
                "name": "Lê Quang Minh",
                "function": "Giám đốc",
                "email": "minh.le@vtmt.example.vn",
                "phone": "0905 100 200",
                "street": self.street,
                "street2": False,
                "city": self.city,
                "zip": False,
                "state_id": self.state_id.id,
                "country_id": self.country_id.id,
                "company_name": self.name,
            }
        )
        return admin
