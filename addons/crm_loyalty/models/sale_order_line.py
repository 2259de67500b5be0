from odoo import api, models
from odoo.exceptions import AccessError

# what changes the points an order earns or the points its rewards cost
POINT_FIELDS = {
    "product_id",
    "product_uom_qty",
    "product_uom",
    "price_unit",
    "discount",
    "tax_id",
    "display_type",
    "is_reward_line",
    "reward_id",
    "coupon_id",
    "points_cost",
}


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _crm_loyalty_guard(self, vals_list):
        """A reward paid with a member card's points is put on an order only by the
        order's reward button and Odoo's loyalty (which check the points and the rank),
        never by a client's create or write of a line."""
        Card = self.env["loyalty.card"]
        if Card._idic_is_system():
            return
        card_ids = [vals["coupon_id"] for vals in vals_list if vals.get("coupon_id")]
        if any("points_cost" in vals for vals in vals_list):
            card_ids += self.coupon_id.ids
        if card_ids and self.env["loyalty.history"]._crm_loyalty_ranked_cards(card_ids):
            raise AccessError(
                self.env._(
                    "A reward paid with member points is added with the order's reward "
                    "button, which checks the member's points and rank."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._crm_loyalty_guard(vals_list)
        lines = super().create(vals_list)
        lines.order_id._crm_loyalty_sync_points()
        return lines

    def write(self, vals):
        self._crm_loyalty_guard([vals])
        result = super().write(vals)
        if POINT_FIELDS & set(vals):
            self.order_id._crm_loyalty_sync_points()
        return result

    def unlink(self):
        orders = self.order_id
        lines = self
        # removing a reward gives its points back to the member's card: the program
        # writes the balance once the user's right to remove the lines is checked
        if self.sudo().coupon_id.filtered("crm_loyalty_ranked"):
            self.check_access("unlink")
            lines = self.with_env(self.env["loyalty.card"]._idic_system().env)
        result = super(SaleOrderLine, lines).unlink()
        orders.exists()._crm_loyalty_sync_points()
        return result
