from odoo import fields, models


class CrmIdicComplaintType(models.Model):
    """What a customer complains about (product quality, delivery, billing...)."""

    _name = "crm.idic.complaint.type"
    _description = "Complaint Type"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to offer this type in every company.",
    )
    description = fields.Text(translate=True)
