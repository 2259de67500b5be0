"""Evaluation measures across periods: one row per snapshot line of a computed, approved
or locked period, with the period's dates and state, its rank among the company's
periods of the same kind (1 = the latest) and the value of the same measure in the
period before. Rates and averages (lines with a denominator) add up as rates: a group
of them reads the sum of their numerators over the sum of their denominators, not a sum
of percentages. Drafts are left out: their lines are stale once a period is set back to
draft, until it is computed again.

Other addons add columns by extending ``_select`` / ``_from`` / ``_where`` (each returns
an ``SQL``) and declaring the field, as ``sale.report`` does.
"""

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.crm_idic.models.crm_idic_data import CUSTOMER_GROUPS, VALUE_CLASSES

from ..models.crm_evaluation_period import KINDS, STATES

# the states whose lines are reported (drafts may hold lines of an earlier compute)
REPORTED_STATES = ("computed", "approved", "locked")


class CrmEvaluationReport(models.Model):
    _name = "crm.evaluation.report"
    _description = "Evaluation measures across periods"
    _auto = False
    _rec_name = "measure"
    _order = "date_from desc, measure_sequence, dimension_sequence, id"
    # what the query reads: flushed before each search of the report
    _depends = {
        "crm.evaluation.line": [
            "period_id",
            "measure",
            "measure_sequence",
            "dimension",
            "dimension_sequence",
            "segment_id",
            "value_class",
            "customer_group",
            "user_id",
            "team_id",
            "label",
            "value",
            "numerator",
            "denominator",
        ],
        "crm.evaluation.period": ["company_id", "kind", "state", "date_from", "date_to"],
        "res.company": ["currency_id"],
    }

    period_id = fields.Many2one("crm.evaluation.period", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    kind = fields.Selection(KINDS, readonly=True)
    state = fields.Selection(STATES, string="Period state", readonly=True)
    date_from = fields.Date(string="From", readonly=True)
    date_to = fields.Date(string="To", readonly=True)
    period_rank = fields.Integer(
        string="Periods ago",
        readonly=True,
        aggregator="min",
        help="1 for the latest reported period of its kind and company, 2 for the one before.",
    )
    decided_rank = fields.Integer(
        string="Decided periods ago",
        readonly=True,
        aggregator="min",
        help="1 for the latest approved or locked period of its kind and company.",
    )
    measure = fields.Selection(selection="_selection_measure", readonly=True)
    dimension = fields.Selection(selection="_selection_dimension", readonly=True)
    # the order the measures and dimensions are declared in (crm.evaluation.line)
    measure_sequence = fields.Integer(
        string="Order of the measure", readonly=True, aggregator=False
    )
    dimension_sequence = fields.Integer(
        string="Order of the dimension", readonly=True, aggregator=False
    )
    segment_id = fields.Many2one("crm.idic.segment", readonly=True)
    value_class = fields.Selection(VALUE_CLASSES, readonly=True)
    customer_group = fields.Selection(CUSTOMER_GROUPS, readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales team", readonly=True)
    label = fields.Char(readonly=True)
    value = fields.Float(readonly=True, aggregator="sum")
    previous_value = fields.Float(
        string="Previous period",
        readonly=True,
        aggregator="sum",
        help="The same measure and dimension value in the reported period before, of the "
        "same kind.",
    )
    change = fields.Float(readonly=True, aggregator="sum")
    numerator = fields.Float(readonly=True, aggregator="sum")
    denominator = fields.Float(readonly=True, aggregator="sum")
    value_text = fields.Char(string="Value as read", compute="_compute_texts")
    change_text = fields.Char(string="Change as read", compute="_compute_texts")
    change_tone = fields.Selection(
        [("good", "Good news"), ("bad", "Bad news"), ("same", "Unchanged")],
        string="Good or bad news",
        compute="_compute_texts",
        help="Whether the change is good for the company: a rising churn rate is bad news.",
    )

    @api.depends("measure", "value", "change", "currency_id")
    def _compute_texts(self):
        Line = self.env["crm.evaluation.line"]
        falling_is_good = Line._evaluation_lower_is_better()
        for row in self:
            row.value_text = Line._evaluation_format(row.measure, row.value, row.currency_id)
            row.change_text = Line._evaluation_format(
                row.measure, row.change, row.currency_id, sign=True
            )
            if not row.change:
                row.change_tone = "same"
            elif (row.change < 0) == (row.measure in falling_is_good):
                row.change_tone = "good"
            else:
                row.change_tone = "bad"

    @api.model
    def _read_group_select(self, aggregate_spec, query):
        """A group's value: the sum of its values, or for rates and averages the ratio of
        the sums (the scale, 100 for a percentage, read from the lines); nothing for a
        group mixing both."""
        if aggregate_spec != "value:sum":
            return super()._read_group_select(aggregate_spec, query)
        table = SQL.identifier(self._table)
        return SQL(
            """CASE WHEN bool_and(%(t)s.denominator IS NOT NULL)
                    THEN COALESCE(SUM(%(t)s.numerator) / NULLIF(SUM(%(t)s.denominator), 0)
                                  * MAX(%(t)s.ratio_scale), 0)
                    WHEN bool_or(%(t)s.denominator IS NOT NULL) THEN NULL
                    ELSE SUM(%(t)s.value) END""",
            t=table,
        )

    @api.model
    def _selection_measure(self):
        # the lines' measures, with those other addons add (selection_add), translated
        return self.env["crm.evaluation.line"]._fields["measure"]._description_selection(self.env)

    @api.model
    def _selection_dimension(self):
        return self.env["crm.evaluation.line"]._fields["dimension"]._description_selection(self.env)

    @property
    def _table_query(self):
        return SQL(
            "WITH ranked AS (%s %s %s) SELECT * FROM ranked",
            self._select(),
            self._from(),
            self._where(),
        )

    def _select(self):
        # the series of one measure: same company, kind, measure and dimension value
        series = SQL(
            """PARTITION BY period.company_id, period.kind, line.measure, line.dimension,
                            line.segment_id, line.value_class, line.customer_group,
                            line.user_id, line.team_id, line.label
                   ORDER BY period.date_from"""
        )
        return SQL(
            """
            SELECT line.id AS id,
                   line.period_id AS period_id,
                   period.company_id AS company_id,
                   company.currency_id AS currency_id,
                   period.kind AS kind,
                   period.state AS state,
                   period.date_from AS date_from,
                   period.date_to AS date_to,
                   dense_rank() OVER (PARTITION BY period.company_id, period.kind
                                          ORDER BY period.date_from DESC) AS period_rank,
                   CASE WHEN period.state IN ('approved', 'locked')
                        THEN dense_rank() OVER (
                                PARTITION BY period.company_id, period.kind,
                                             period.state IN ('approved', 'locked')
                                    ORDER BY period.date_from DESC) END AS decided_rank,
                   line.measure AS measure,
                   line.measure_sequence AS measure_sequence,
                   line.dimension AS dimension,
                   line.dimension_sequence AS dimension_sequence,
                   line.segment_id AS segment_id,
                   line.value_class AS value_class,
                   line.customer_group AS customer_group,
                   line.user_id AS user_id,
                   line.team_id AS team_id,
                   line.label AS label,
                   line.value AS value,
                   lag(line.value) OVER (%(series)s) AS previous_value,
                   line.value - lag(line.value) OVER (%(series)s) AS change,
                   line.numerator AS numerator,
                   line.denominator AS denominator,
                   CASE WHEN line.numerator <> 0
                        THEN ROUND((line.value * line.denominator
                                    / line.numerator)::numeric)::float8
                   END AS ratio_scale
            """,
            series=series,
        )

    def _from(self):
        return SQL(
            """
              FROM crm_evaluation_line line
              JOIN crm_evaluation_period period ON period.id = line.period_id
              JOIN res_company company ON company.id = period.company_id
            """
        )

    def _where(self):
        return SQL("WHERE period.state IN %s", REPORTED_STATES)
