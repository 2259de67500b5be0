from odoo import models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    def _crm_idic_stock_demo_code(self, code):
        """Demo data: Odoo codes a company's first warehouse with the first five letters
        of the company's name ("Công " for "Công ty ...") and names its transfers after
        it ("Công /OUT/00012"); the demo warehouse gets a code of its own, and the
        transfers made so far follow it."""
        for warehouse in self:
            prefix = f"{warehouse.code}/"
            pickings = self.env["stock.picking"].search(
                [
                    ("picking_type_id.warehouse_id", "=", warehouse.id),
                    ("name", "=like", f"{prefix}%"),
                ]
            )
            warehouse.code = code  # Odoo renames the sequences and the stock's location
            for picking in pickings:  # demo data: a few dozen transfers, once
                picking.name = f"{code}/{picking.name[len(prefix) :]}"
