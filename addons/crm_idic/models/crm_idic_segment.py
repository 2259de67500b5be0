from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..idic_core import scoring
from .rule_errors import raise_rule_problem


class CrmIdicSegment(models.Model):
    _name = "crm.idic.segment"
    _description = "Customer Segment"
    _order = "company_id, min_score desc"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short label shown on badges, such as A.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
        ondelete="cascade",
    )
    min_score = fields.Float(
        string="From score",
        required=True,
        help="Customers whose total score reaches this value, and not the next "
        "segment's, belong to this segment.",
    )
    max_score = fields.Float(
        string="To score",
        compute="_compute_max_score",
        help="Where the next segment starts (100 for the highest segment).",
    )
    color = fields.Integer()
    policy = fields.Text(
        translate=True,
        help="How customers of this segment are treated; shown on the customer and on sale orders.",
    )
    pricelist_id = fields.Many2one(
        "product.pricelist",
        check_company=True,
        help="Pricelist given to customers entering this segment, taken back when they "
        "leave it (unless somebody changed it by hand meanwhile).",
    )
    visit_interval_days = fields.Integer(
        string="Visit every (days)",
        help="A visit activity is scheduled when the last visit is older than this. "
        "0 schedules no visits.",
    )
    anniversary_gift = fields.Boolean(
        string="Anniversary gifts",
        help="Schedule a gift activity before each birthday or founding anniversary.",
    )
    priority_orders = fields.Boolean(
        help="Sale orders of customers in this segment are flagged as priority."
    )
    partner_count = fields.Integer(string="Customers", compute="_compute_partner_count")

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "A segment code is unique per company."),
    ]

    @api.depends("code", "name")
    def _compute_display_name(self):
        for segment in self:
            segment.display_name = (
                f"{segment.code} - {segment.name}" if segment.code else segment.name
            )

    @api.depends("min_score", "company_id")
    def _compute_max_score(self):
        floors = {}
        for company in self.company_id:
            floors[company.id] = sorted(
                self.search([("company_id", "=", company.id)]).mapped("min_score")
            )
        for segment in self:
            above = [f for f in floors.get(segment.company_id.id, []) if f > segment.min_score]
            segment.max_score = above[0] if above else scoring.MAX_SCORE

    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("idic_segment_id", "in", self.ids)], ["idic_segment_id"], ["__count"]
            )
        )
        for segment in self:
            segment.partner_count = counts.get(segment, 0)

    @api.constrains("min_score", "company_id", "active")
    def _check_ranges(self):
        for company in self.with_context(active_test=False).company_id:
            self._idic_check_company_ranges(company)

    def write(self, vals):
        # a segment moved to another company leaves a gap in the one it leaves
        left = self.with_context(active_test=False).company_id if "company_id" in vals else None
        result = super().write(vals)
        if left:
            for company in left - self.company_id:
                self._idic_check_company_ranges(company)
        return result

    @api.constrains("visit_interval_days")
    def _check_visit_interval(self):
        for segment in self:
            if segment.visit_interval_days < 0:
                raise ValidationError(
                    self.env._("The visit interval of %s cannot be negative.", segment.display_name)
                )

    def _idic_check_company_ranges(self, company, excluded=None):
        segments = self.search([("company_id", "=", company.id)]) - (excluded or self.browse())
        try:
            scoring.check_segment_floors(segments.mapped("min_score"))
        except scoring.RuleProblem as problem:
            raise_rule_problem(self.env, problem, company.name)

    @api.ondelete(at_uninstall=False)
    def _unlink_keeps_ranges(self):
        for company in self.company_id:
            remaining = self.search([("company_id", "=", company.id)]) - self
            if remaining:
                self._idic_check_company_ranges(company, excluded=self)
        if (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search_count([("idic_segment_override_id", "in", self.ids)], limit=1)
        ):
            raise UserError(
                self.env._(
                    "Some customers are placed in this segment by hand; clear their override first."
                )
            )

    def action_view_partners(self):
        self.ensure_one()
        if not self.env.user.has_group("crm_idic.group_idic_user"):
            raise AccessError(self.env._("Only IDIC users can see the customers of a segment."))
        action = self.env["ir.actions.act_window"]._for_xml_id("crm_idic.action_idic_customers")
        action["domain"] = [("idic_segment_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
