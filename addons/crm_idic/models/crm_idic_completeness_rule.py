from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.models import LOG_ACCESS_COLUMNS

from .crm_idic_data import CUSTOMER_GROUPS

# types of the customer fields a rule can require: a value someone fills in, that can be empty
# (numbers and checkboxes always have a value, zero or unticked, so they are never missing)
RULE_FIELD_TYPES = (
    "char",
    "text",
    "html",
    "selection",
    "date",
    "datetime",
    "many2one",
    "many2many",
    "one2many",
)
# stored fields the system computes besides the protected ones (res.partner._idic_system_fields)
SYSTEM_FIELDS = ("idic_vat_key", "idic_phone_key", "idic_mobile_key")


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
    field_id = fields.Many2one(
        "ir.model.fields",
        required=True,
        ondelete="cascade",
        domain=lambda self: self._idic_field_domain(),
        help="The customer field that a complete profile has filled in.",
    )
    field_name = fields.Char(
        related="field_id.name",
        store=True,
        string="Technical name",
        help="Technical name of the required customer field, such as vat.",
    )

    _sql_constraints = [
        (
            "field_group_company_uniq",
            "unique(company_id, customer_group, field_id)",
            "This field is already required for this customer group.",
        ),
    ]

    @api.model
    def _idic_excluded_field_names(self):
        """Customer fields that no rule can require: what the system computes or sets,
        the record's creation and last update, its messages and activities."""
        return (
            self.env["res.partner"]._idic_system_fields()
            | set(SYSTEM_FIELDS)
            | set(LOG_ACCESS_COLUMNS)
            | set(self.env["mail.thread"]._fields)
            | set(self.env["mail.activity.mixin"]._fields)
        )

    @api.model
    def _idic_field_domain(self):
        """The customer fields a rule can require, for the field picker."""
        return [
            ("model", "=", "res.partner"),
            ("store", "=", True),
            ("ttype", "in", list(RULE_FIELD_TYPES)),
            ("name", "not in", sorted(self._idic_excluded_field_names())),
        ]

    @api.depends("field_id.field_description", "customer_group")
    @api.depends_context("lang")
    def _compute_display_name(self):
        groups = dict(self._fields["customer_group"]._description_selection(self.env))
        for rule in self:
            group = groups.get(rule.customer_group) or self.env._("All customers")
            # the picker's field: anyone who reads the rule may read its label
            rule.display_name = f"{group}: {rule.field_id.sudo().field_description or ''}"

    @api.constrains("field_id")
    def _check_field_id(self):
        excluded = self._idic_excluded_field_names()
        for rule in self:
            field = rule.field_id.sudo()  # field definitions, read to check the rule
            if field.model != "res.partner":
                raise ValidationError(
                    self.env._(
                        "'%(field)s' is not a customer field; a completeness rule can only "
                        "require a field of the customer.",
                        field=field.field_description,
                    )
                )
            if field.name in excluded:
                raise ValidationError(
                    self.env._(
                        "'%(field)s' is computed by the system; a completeness rule can only "
                        "require a field that people fill in.",
                        field=field.field_description,
                    )
                )
            if not field.store or field.ttype not in RULE_FIELD_TYPES:
                raise ValidationError(
                    self.env._(
                        "'%(field)s' cannot be required; a completeness rule requires a text, "
                        "choice, date or record field, which can be left empty.",
                        field=field.field_description,
                    )
                )

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

    def _idic_field_name_to_id(self, vals):
        """``vals`` with ``field_name`` (a technical name, as before field_id) given as field_id."""
        if "field_name" not in vals or "field_id" in vals:
            return vals
        vals = dict(vals)
        name = vals.pop("field_name")
        field = self.env["ir.model.fields"]._get("res.partner", name)
        if not field:
            raise ValidationError(
                self.env._(
                    "Customers have no field named '%(name)s'; a completeness rule must "
                    "name an existing field (such as phone or vat).",
                    name=name,
                )
            )
        vals["field_id"] = field.id
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create([self._idic_field_name_to_id(vals) for vals in vals_list])
        self.env.registry.clear_cache()
        self.env["res.partner"]._idic_schedule_completeness()
        return rules

    def write(self, vals):
        result = super().write(self._idic_field_name_to_id(vals))
        self.env.registry.clear_cache()
        self.env["res.partner"]._idic_schedule_completeness()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_reschedule(self):
        self.env.registry.clear_cache()
        self.env["res.partner"]._idic_schedule_completeness()
