"""Evaluation measures across periods: one row per snapshot line of a computed, approved
or locked period, with the period's dates and state, its rank among the company's
periods of the same kind (1 = the latest) and the value of the same measure in the
period before. Drafts are left out: their lines are stale once a period is set back to
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
    _order = "date_from desc, measure, dimension, id"
    # what the query reads: flushed before each search of the report
    _depends = {
        "crm.evaluation.line": [
            "period_id",
            "measure",
            "dimension",
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
    measure = fields.Selection(selection="_selection_measure", readonly=True)
    dimension = fields.Selection(selection="_selection_dimension", readonly=True)
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
                   line.measure AS measure,
                   line.dimension AS dimension,
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
                   line.denominator AS denominator
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
