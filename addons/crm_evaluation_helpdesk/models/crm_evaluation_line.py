from odoo import fields, models

TICKET_MEASURES = [
    ("complaints_opened", "Complaints opened"),
    ("complaints_closed", "Complaints closed"),
    ("ticket_resolution_avg", "Average ticket resolution (hours)"),
    ("ticket_resolution_p90", "90th-percentile ticket resolution (hours)"),
    ("tickets_in_time", "Tickets resolved in time (%)"),
    ("ticket_rating", "Ticket rating (1-5)"),
]


class CrmEvaluationLine(models.Model):
    _inherit = "crm.evaluation.line"

    measure = fields.Selection(
        selection_add=TICKET_MEASURES,
        ondelete={code: "cascade" for code, _label in TICKET_MEASURES},
    )
