from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    dealer_brand_id = fields.Many2one("crm.dealer.brand", string="Brand", index="btree_not_null")
