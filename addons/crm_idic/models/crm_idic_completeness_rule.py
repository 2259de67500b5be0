from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

CUSTOMER_GROUPS = [
    ("individual", "Individual"),
    ("dealer", "Dealer / distribution shop"),
    ("project", "Project customer"),
]


class CrmIdicCompletenessRule(models.Model):
    _name = "crm.idic.completeness.rule"
    _description = "Profile Completeness Rule"
    _order = "company_id, customer_group, sequence, id"

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
        ondelete="cascade",
    )
    customer_group = fields.Selection(
        CUSTOMER_GROUPS, help="Leave empty for a field every customer must have."
    )
    field_name = fields.Char(
        string="Field",
        required=True,
        help="Technical name of the customer field that a complete profile has, such as vat.",
    )
    field_label = fields.Char(compute="_compute_field_label")

    _sql_constraints = [
        (
            "field_group_company_uniq",
            "unique(company_id, customer_group, field_name)",
            "This field is already required for this customer group.",
        ),
    ]

    @api.depends("field_name")
    def _compute_field_label(self):
        Partner = self.env["res.partner"]
        for rule in self:
            field = Partner._fields.get(rule.field_name or "")
            rule.field_label = field._description_string(self.env) if field else rule.field_name

    @api.depends("field_label", "customer_group")
    def _compute_display_name(self):
        groups = dict(self._fields["customer_group"]._description_selection(self.env))
        for rule in self:
            group = groups.get(rule.customer_group) or self.env._("All customers")
            rule.display_name = f"{group}: {rule.field_label}"

    @api.constrains("field_name")
    def _check_field_name(self):
        Partner = self.env["res.partner"]
        for rule in self:
            field = Partner._fields.get(rule.field_name)
            if not field:
                raise ValidationError(
                    self.env._(
                        "Customers have no field named '%(name)s'; a completeness rule must "
                        "name an existing field (such as phone or vat).",
                        name=rule.field_name,
                    )
                )
            if field.name.startswith(("idic_profile", "idic_missing_field")):
                raise ValidationError(
                    self.env._("The completeness of a profile cannot require itself.")
                )

    @api.model
    def _idic_required_fields(self, company, group):
        """Field names a complete profile of ``group`` in ``company`` has."""
        return self._idic_requirements().get((company.id, group), [])

    @api.model
    def _idic_requirements(self):
        """{(company id, customer group): [field names]} for every group, including none."""
        return self._idic_requirements_cached()

    @api.model
    @tools.ormcache()
    def _idic_requirements_cached(self):
        rules = self.sudo().search([])  # configuration, read to rate profiles
        result = {}
        groups = [False] + [key for key, _label in CUSTOMER_GROUPS]
        for company in rules.company_id:
            common = [
                r.field_name for r in rules if r.company_id == company and not r.customer_group
            ]
            for group in groups:
                specific = [
                    r.field_name
                    for r in rules
                    if r.company_id == company and group and r.customer_group == group
                ]
                result[(company.id, group)] = tuple(common + specific)
        return result

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        self.env.registry.clear_cache()
        self.env["res.partner"]._idic_schedule_completeness()
        return rules

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()
        self.env["res.partner"]._idic_schedule_completeness()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_reschedule(self):
        self.env.registry.clear_cache()
        self.env["res.partner"]._idic_schedule_completeness()
