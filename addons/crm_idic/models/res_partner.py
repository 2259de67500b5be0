"""Identify: the customer profile the IDIC method asks for on every partner."""

import logging

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date

from ..idic_core import scoring
from .crm_idic_data import CUSTOMER_GROUPS

_logger = logging.getLogger(__name__)

# Odoo's merge wizard marks its write with this object: a client sends JSON and can never
# put this very object in a context, so no RPC call can pass for a merge.
MERGE_KEY = "idic_partner_merge"
MERGE_TOKEN = object()

# assessments: what the company thinks of the customer, for IDIC users only
IDIC_USER = "crm_idic.group_idic_user"


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "crm.idic.system.fields.mixin"]

    # ------------------------------------------------------------ Identify
    idic_customer_group = fields.Selection(CUSTOMER_GROUPS, string="Customer group", tracking=True)
    idic_founding_date = fields.Date(
        string="Founding date", help="The company's founding day, celebrated every year."
    )
    idic_birthday = fields.Date(string="Birthday")
    idic_credit_standing = fields.Selection(
        [("good", "Good"), ("watch", "To watch"), ("poor", "Poor")],
        string="Credit standing",
        groups=IDIC_USER,
    )
    idic_operating_status = fields.Selection(
        [
            ("active", "Operating"),
            ("suspended", "Suspended"),
            ("restructuring", "Restructuring"),
            ("closed", "Closed"),
        ],
        string="Operating status",
    )
    idic_org_culture = fields.Text(string="Organisational culture")
    idic_purchasing_behavior = fields.Text(string="Purchasing behaviour")
    idic_buying_motive = fields.Selection(
        [
            ("price", "Price"),
            ("quality", "Quality"),
            ("service", "Service"),
            ("brand", "Brand"),
            ("relationship", "Relationship"),
            ("convenience", "Convenience"),
        ],
        string="Buying motive",
        help="What mostly makes this customer buy: differentiate by needs, not only by value.",
    )
    idic_buying_role = fields.Selection(
        [
            ("decision_maker", "Decision maker"),
            ("influencer", "Influencer"),
            ("user", "User"),
            ("gatekeeper", "Gatekeeper"),
        ],
        string="Buying role",
        help="The part this contact plays in the purchases of the company.",
    )
    idic_decision_maker_id = fields.Many2one(
        "res.partner",
        string="Decision maker",
        compute="_compute_idic_decision_maker",
        store=True,
        help="The contact of this company whose buying role is decision maker.",
    )
    idic_nature = fields.Selection(
        [("production", "Production"), ("service", "Service"), ("government", "Government body")],
        string="Nature",
    )
    idic_company_size = fields.Selection(
        [("small", "Small"), ("medium", "Medium"), ("large", "Large")], string="Enterprise size"
    )
    idic_trade_role = fields.Selection(
        [("shop", "Shop"), ("wholesale", "Wholesale"), ("end_consumer", "End consumer")],
        string="Trade role",
    )
    idic_location_scope = fields.Selection(
        [
            ("local", "Local"),
            ("other_province", "Other province"),
            ("international", "International"),
        ],
        string="Location",
        compute="_compute_idic_location_scope",
        store=True,
        help="Compared with the address of the company the customer belongs to.",
    )
    idic_area_type = fields.Selection(
        [("city", "City"), ("town", "Town"), ("rural", "Rural")], string="Area"
    )
    idic_sales_stage = fields.Selection(
        [("pre_sale", "Pre-sale"), ("in_sale", "In sale"), ("after_sale", "After sale")],
        string="Sales stage",
    )
    idic_relation_scope = fields.Selection(
        [("external", "External"), ("internal", "Internal")], string="Relation", default="external"
    )
    idic_is_customer = fields.Boolean(
        string="Customer or prospect",
        compute="_compute_idic_is_customer",
        search="_search_idic_is_customer",
        help="A top-level partner that buys (confirmed orders or invoices), has "
        "opportunities or a customer group: the partners the scoring rates.",
    )
    # lapse
    idic_first_order_date = fields.Date(
        string="First order", compute="_compute_idic_order_dates", compute_sudo=True
    )
    idic_last_order_date = fields.Date(
        string="Last order",
        compute="_compute_idic_order_dates",
        search="_search_idic_last_order_date",
        compute_sudo=True,
    )
    idic_order_count = fields.Integer(
        string="Confirmed orders", compute="_compute_idic_order_dates", compute_sudo=True
    )
    idic_revenue_12m = fields.Monetary(
        string="Revenue (12 months)",
        currency_field="idic_currency_id",
        compute="_compute_idic_order_dates",
        compute_sudo=True,
        help="Untaxed confirmed sales of the last 12 months, net of the credit notes issued "
        "against them, in the company currency: the revenue every IDIC figure reads.",
    )
    idic_days_since_last_order = fields.Integer(
        string="Days since last order", compute="_compute_idic_order_dates", compute_sudo=True
    )
    idic_lapsed = fields.Boolean(
        string="Lapsed",
        compute="_compute_idic_order_dates",
        search="_search_idic_lapsed",
        compute_sudo=True,
    )
    idic_lapse_reason = fields.Selection(
        [
            ("price", "Price"),
            ("quality", "Product quality"),
            ("service", "Service"),
            ("competitor", "Went to a competitor"),
            ("no_need", "No longer needs it"),
            ("closed", "Business closed"),
            ("other", "Other"),
        ],
        string="Lapse reason",
        groups=IDIC_USER,
    )
    idic_lapse_note = fields.Text(
        string="Lapse note",
        groups=IDIC_USER,
    )
    # competitor customers
    idic_current_supplier = fields.Char(string="Current supplier")
    # selections, not numbers: what nobody asked yet stays empty instead of showing 0
    idic_supplier_satisfaction = fields.Selection(
        [
            ("1", "1 - Very unhappy"),
            ("2", "2 - Unhappy"),
            ("3", "3 - Neither"),
            ("4", "4 - Happy"),
            ("5", "5 - Very happy"),
        ],
        string="Satisfaction with supplier",
        help="How happy the customer is with its current supplier.",
    )
    idic_purchase_cycle = fields.Selection(
        [
            ("weekly", "Every week"),
            ("monthly", "Every month"),
            ("quarterly", "Every quarter"),
            ("half_yearly", "Every six months"),
            ("yearly", "Every year"),
            ("irregular", "Irregular"),
        ],
        string="Purchase cycle",
        help="How often the customer buys what we sell.",
    )
    idic_future_plans = fields.Text(string="Future plans")

    # ================================================================ computes

    @api.depends("child_ids.idic_buying_role", "child_ids.active")
    def _compute_idic_decision_maker(self):
        for partner in self:
            makers = partner.child_ids.filtered(lambda c: c.idic_buying_role == "decision_maker")
            partner.idic_decision_maker_id = makers[:1]

    @api.depends("state_id", "country_id", "company_id")
    def _compute_idic_location_scope(self):
        for partner in self:
            home = (partner.company_id or self.env.company).partner_id
            if not partner.country_id or not home.country_id:
                partner.idic_location_scope = False
            elif partner.country_id != home.country_id:
                partner.idic_location_scope = "international"
            elif partner.state_id and home.state_id:
                partner.idic_location_scope = (
                    "local" if partner.state_id == home.state_id else "other_province"
                )
            else:
                partner.idic_location_scope = False

    def _compute_idic_order_dates(self):
        today = fields.Date.context_today(self)
        stats = self._idic_order_stats(today)
        lapse_days = self.env.company.idic_lapse_days
        for partner in self:
            first, last, count, revenue, _prev = stats.get(
                partner.commercial_partner_id.id, (None, None, 0, 0, 0)
            )
            partner.idic_first_order_date = first
            partner.idic_last_order_date = last
            partner.idic_order_count = count
            partner.idic_revenue_12m = revenue
            partner.idic_days_since_last_order = scoring.days_between(last, today) or 0
            partner.idic_lapsed = scoring.is_lapsed(last, today, lapse_days)

    def _idic_confirmed_orders_query(self):
        """The confirmed sale orders of the current company (a Query)."""
        # only dates and counts leave this query; users may not read every order
        return (
            self.env["sale.order"]
            .sudo()
            ._search([("state", "=", "sale"), ("company_id", "=", self.env.company.id)])
        )

    def _search_idic_last_order_date(self, operator, value):
        if operator not in ("<", "<=", ">", ">=", "="):
            raise UserError(self.env._("Unsupported search on the last order date."))
        orders = self._idic_confirmed_orders_query()
        sql = SQL(
            """(SELECT p.commercial_partner_id
                  FROM sale_order so JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.id IN %s
              GROUP BY p.commercial_partner_id
                HAVING MAX(so.date_order)::date %s %s)""",
            orders.subselect(),
            SQL(operator),
            fields.Date.to_date(value),
        )
        return [("id", "in", sql)]

    def _search_idic_lapsed(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on lapsed customers."))
        limit = scoring.lapse_limit(
            fields.Date.context_today(self), self.env.company.idic_lapse_days
        )
        domain = [("idic_last_order_date", "<", limit)]
        return domain if (operator == "=") == value else ["!", *domain]

    def _compute_idic_is_customer(self):
        customers = self.sudo().search([("id", "in", self.ids), *self._idic_customer_domain()])
        for partner in self:
            partner.idic_is_customer = partner in customers

    def _search_idic_is_customer(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on customers and prospects."))
        # who is a customer does not depend on which orders the reader may see; only
        # partner ids leave this subquery, the reader's own rules apply to the result
        customers = self.sudo()._search(self._idic_customer_domain())
        domain = [("id", "in", customers)]
        return domain if (operator == "=") == value else ["!", *domain]

    # ============================================================ constraints

    @api.constrains("idic_birthday", "idic_founding_date")
    def _check_idic_dates(self):
        today = fields.Date.context_today(self)
        for partner in self:
            for field_name in ("idic_birthday", "idic_founding_date"):
                day = partner[field_name]
                if day and day > today:
                    raise ValidationError(
                        self.env._(
                            "%(field)s of %(partner)s cannot be in the future (%(date)s).",
                            field=self._fields[field_name]._description_string(self.env),
                            partner=partner.display_name,
                            date=format_date(self.env, day),
                        )
                    )

    @api.constrains("idic_potential_estimate")
    def _check_idic_numbers(self):
        for partner in self:
            if partner.idic_potential_estimate < 0:
                raise ValidationError(self.env._("A potential estimate cannot be negative."))

    # ======================================================== system fields

    @api.model
    def _idic_system_fields_message(self, labels):
        return self.env._(
            "These values are computed by the IDIC scoring or set by an IDIC manager "
            "through the override wizard; they cannot be written directly: %s.",
            labels,
        )

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        # completeness is system data, rated on the records the user just created
        partners.commercial_partner_id.sudo()._idic_update_completeness()
        return partners

    def write(self, vals):
        if self.env.context.get(MERGE_KEY) is MERGE_TOKEN:
            # Odoo's merge copies every stored field from the merged partners; the scoring
            # owns these and rates the surviving partner again
            vals = self._idic_without_system_fields(vals)
        result = super().write(vals)
        watched = self._idic_completeness_fields() | {
            "idic_customer_group",
            "child_ids",
            "parent_id",
            "idic_buying_role",
            "is_company",
        }
        if watched & set(vals):
            # completeness is system data, rated on the records the user just changed
            self.commercial_partner_id.sudo()._idic_update_completeness()
        return result
