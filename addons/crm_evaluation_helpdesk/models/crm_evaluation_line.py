from odoo import api, fields, models

TICKET_MEASURES = [
    ("complaints_opened", "Complaints opened"),
    ("complaints_closed", "Complaints closed"),
    ("ticket_resolution_avg", "Average ticket resolution (hours)"),
    ("ticket_resolution_p90", "90th-percentile ticket resolution (hours)"),
    ("tickets_in_time", "Tickets resolved in time (%)"),
    ("ticket_rating", "Ticket rating (1-5)"),
    ("tickets_satisfied", "Satisfied ticket ratings (%)"),
]


class CrmEvaluationLine(models.Model):
    _inherit = "crm.evaluation.line"

    measure = fields.Selection(
        selection_add=TICKET_MEASURES,
        ondelete={code: "cascade" for code, _label in TICKET_MEASURES},
    )

    @api.model
    def _evaluation_lower_is_better(self):
        return super()._evaluation_lower_is_better() | {
            "complaints_opened",
            "ticket_resolution_avg",
            "ticket_resolution_p90",
        }
