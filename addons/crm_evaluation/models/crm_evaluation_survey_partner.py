"""The customer's latest satisfaction, recorded from completed campaign answers."""

from odoo import api, fields, models

IDIC_USER = "crm_idic.group_idic_user"
SATISFACTION_FIELDS = ("evaluation_satisfaction_score", "evaluation_satisfaction_date")


class ResPartner(models.Model):
    _inherit = "res.partner"

    evaluation_satisfaction_score = fields.Float(
        string="Latest satisfaction (0-100)",
        readonly=True,
        copy=False,
        groups=IDIC_USER,
        help="The satisfaction of the customer's latest completed survey answer, from 0 "
        "(the lowest answer of the question's scale) to 100 (the highest).",
    )
    evaluation_satisfaction_date = fields.Datetime(
        string="Satisfaction answered on",
        readonly=True,
        copy=False,
        groups=IDIC_USER,
    )

    @api.model
    def _idic_system_fields(self):
        return super()._idic_system_fields() | set(SATISFACTION_FIELDS)
