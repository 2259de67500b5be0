from odoo import fields, models


class CrmDealerDocumentType(models.Model):
    _name = "crm.dealer.document.type"
    _description = "Dealer dossier document"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    required = fields.Boolean(
        default=True, help="An application cannot be approved without this document."
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company")
