from odoo import api, fields, models


class CrmDealerApplicationDocument(models.Model):
    _name = "crm.dealer.application.document"
    _description = "Dealer dossier item"
    _order = "sequence, id"

    application_id = fields.Many2one("crm.dealer.application", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="application_id.company_id", store=True)
    type_id = fields.Many2one(
        "crm.dealer.document.type", string="Document", required=True, ondelete="restrict"
    )
    sequence = fields.Integer(related="type_id.sequence", store=True)
    required = fields.Boolean(related="type_id.required")
    attachment_ids = fields.Many2many("ir.attachment", string="Files")
    provided = fields.Boolean(
        compute="_compute_provided",
        store=True,
        help="Ticked by itself once a file is attached to the line: attach the document to "
        "provide it.",
    )
    note = fields.Char()

    @api.depends("attachment_ids")
    def _compute_provided(self):
        for line in self:
            line.provided = bool(line.attachment_ids)
