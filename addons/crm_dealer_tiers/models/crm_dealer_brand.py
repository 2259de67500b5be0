from odoo import fields, models


class CrmDealerBrand(models.Model):
    _name = "crm.dealer.brand"
    _description = "Product brand"
    _order = "name"

    name = fields.Char(required=True)
    major = fields.Boolean(
        string="Major brand", help="Revenue from major brands counts toward the tier criteria."
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company")

    _sql_constraints = [
        ("name_uniq", "unique(name, company_id)", "A brand with this name already exists."),
    ]
