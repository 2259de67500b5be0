"""Snapshot lines of an evaluation period: one measure's value for the whole company or
for one value of a dimension (a segment, a salesperson...). Written only by the
period's compute (users have read access only), so reports over them never change
after the period is computed, whatever happens to orders or customers later.

Other addons add measures and dimensions with ``selection_add`` (and
``ondelete="cascade"``) and extend ``crm.evaluation.period._evaluation_collect``.
"""

from odoo import api, fields, models
from odoo.tools.misc import formatLang

from odoo.addons.crm_idic.models.crm_idic_data import CUSTOMER_GROUPS, VALUE_CLASSES

MEASURES = [
    ("revenue", "Revenue"),
    ("revenue_per_customer", "Revenue per customer"),
    ("buying_customers", "Buying customers"),
    ("new_customers", "New customers"),
    ("lapsed_customers", "Lost (lapsed) customers"),
    ("retention_rate", "Retention rate (%)"),
    ("churn_rate", "Churn rate (%)"),
    ("repeat_rate", "Repeat-purchase rate (%)"),
    ("interactions", "Interactions logged"),
    ("visits", "Visits"),
    ("debt_collected", "Debt collected"),
    ("satisfaction", "Satisfaction (0-100)"),
    ("target_achievement", "Achievement of target (%)"),
]
# what a target may ask for: the measure of the lines its achievement is read from
TARGET_MEASURES = [
    ("revenue", "Revenue"),
    ("new_customers", "New customers"),
    ("visits", "Visits"),
    ("satisfaction", "Satisfaction (0-100)"),
    ("debt_collected", "Debt collected"),
]
# how a measure reads, by words of its technical name when its label does not say "(%)"
MONEY_WORDS = ("revenue", "amount", "debt", "sales")
RATE_WORDS = ("rate", "share", "pct", "percent", "achievement", "in_time")
DIMENSIONS = [
    ("total", "Whole company"),
    ("segment", "Segment"),
    ("value_class", "Value class"),
    ("customer_group", "Customer group"),
    ("salesperson", "Salesperson"),
    ("team", "Sales team"),
]


class CrmEvaluationLine(models.Model):
    _name = "crm.evaluation.line"
    _description = "Evaluation measure (snapshot)"
    # measures and dimensions in the order they are declared (revenue first, the whole
    # company before its parts), not by their technical names
    _order = "period_id, measure_sequence, dimension_sequence, id"

    period_id = fields.Many2one(
        "crm.evaluation.period", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="period_id.company_id", store=True, index=True)
    kind = fields.Selection(related="period_id.kind", store=True)
    date_from = fields.Date(related="period_id.date_from", store=True)
    date_to = fields.Date(related="period_id.date_to", store=True)
    measure = fields.Selection(
        MEASURES,
        required=True,
        index=True,
        help="Revenue is the untaxed amount of the orders confirmed in the period, net of "
        "the credit notes issued against them, in the company currency.",
    )
    dimension = fields.Selection(DIMENSIONS, required=True, default="total", index=True)
    segment_id = fields.Many2one("crm.idic.segment", ondelete="set null")
    value_class = fields.Selection(VALUE_CLASSES)
    customer_group = fields.Selection(CUSTOMER_GROUPS)
    user_id = fields.Many2one("res.users", string="Salesperson", ondelete="set null")
    team_id = fields.Many2one("crm.team", string="Sales team", ondelete="set null")
    target_measure = fields.Selection(
        TARGET_MEASURES, help="For an achievement: the measure the target asks for."
    )
    label = fields.Char(help="The dimension's value when it is not a segment, user or team.")
    dimension_value = fields.Char(
        string="Of",
        compute="_compute_dimension_value",
        help="What the line measures: the whole company, a segment, a value class, a "
        "customer group, a salesperson, a team, a dealer tier or a loyalty rank.",
    )
    measure_sequence = fields.Integer(
        string="Order of the measure", compute="_compute_sequences", store=True
    )
    dimension_sequence = fields.Integer(
        string="Order of the dimension", compute="_compute_sequences", store=True
    )
    value = fields.Float(aggregator="sum")
    value_text = fields.Char(string="Value as read", compute="_compute_value_text")
    numerator = fields.Float(aggregator="sum", help="For a rate: what was counted.")
    denominator = fields.Float(aggregator="sum", help="For a rate: out of how many.")

    @api.depends("measure", "dimension")
    def _compute_sequences(self):
        def positions(name):
            return {key: index for index, (key, _label) in enumerate(self._fields[name].selection)}

        measures, dimensions = positions("measure"), positions("dimension")
        for line in self:
            line.measure_sequence = measures.get(line.measure, len(measures))
            line.dimension_sequence = dimensions.get(line.dimension, len(dimensions))

    @api.depends("dimension", "segment_id", "value_class", "customer_group", "user_id")
    @api.depends_context("lang")
    def _compute_dimension_value(self):
        classes = dict(self._fields["value_class"]._description_selection(self.env))
        groups = dict(self._fields["customer_group"]._description_selection(self.env))
        for line in self:
            if line.dimension == "total":
                line.dimension_value = self.env._("Whole company")
            elif line.segment_id:
                line.dimension_value = line.segment_id.display_name
            elif line.value_class:
                line.dimension_value = classes.get(line.value_class)
            elif line.customer_group:
                line.dimension_value = groups.get(line.customer_group)
            elif line.user_id:
                line.dimension_value = line.user_id.name
            elif line.team_id:
                line.dimension_value = line.team_id.name
            else:
                line.dimension_value = line.label or self.env._("None")

    @api.depends("measure", "value", "period_id.currency_id")
    @api.depends_context("lang")
    def _compute_value_text(self):
        for line in self:
            line.value_text = self._evaluation_format(
                line.measure, line.value, line.period_id.currency_id
            )

    # ------------------------------------------------------------ how measures read

    @api.model
    def _evaluation_lower_is_better(self):
        """The measures a company wants to see fall: on the dashboard a rise of one of
        them is painted as bad news. Addons add theirs (``super() | {...}``)."""
        return {"churn_rate", "lapsed_customers"}

    @api.model
    def _evaluation_measure_kind(self, measure):
        """``rate`` (a percentage: its label says "(%)" or its name names a rate),
        ``money`` (in the company currency) or ``number``."""
        selection = self._fields["measure"].selection
        source_label = dict(selection).get(measure, "") if isinstance(selection, list) else ""
        if "(%)" in source_label or any(word in measure for word in RATE_WORDS):
            return "rate"
        if any(word in measure for word in MONEY_WORDS):
            return "money"
        return "number"

    @api.model
    def _evaluation_format(self, measure, value, currency, sign=False):
        """``value`` of ``measure`` as people read it, in the user's language: a rate with
        one decimal and "%", money with the currency's symbol and digits, a count without
        decimals. ``sign``: a change, with its + or -."""
        value = value or 0.0
        kind = self._evaluation_measure_kind(measure)
        if kind == "rate":
            text = f"{formatLang(self.env, abs(value) if sign else value, digits=1)} %"
        elif kind == "money":
            text = formatLang(self.env, abs(value) if sign else value, currency_obj=currency)
        else:
            digits = 0 if float(value).is_integer() else 2
            text = formatLang(self.env, abs(value) if sign else value, digits=digits)
        if sign and value:
            text = ("+" if value > 0 else "\u2212") + text
        return text
