from odoo import api, fields, models

from .guard import check_system


class LoyaltyHistory(models.Model):
    _inherit = "loyalty.history"

    # read per card on every order (the member's qualifying points) and by the nightly
    # assessment: without an index each read scans the whole history
    card_id = fields.Many2one(index=True)

    crm_loyalty_date = fields.Date(
        string="Date",
        default=fields.Date.context_today,
        index=True,
        help="Day the points were earned or spent: qualification windows and expiry count from it.",
    )
    crm_loyalty_kind = fields.Selection(
        [
            ("order", "Order"),
            ("refund", "Refund"),
            ("adjust", "Manual adjustment"),
            ("expiry", "Expiry"),
            ("gift", "Gift"),
            ("redemption", "Partner reward"),
        ],
        string="Kind",
        index=True,
    )
    crm_loyalty_move_id = fields.Many2one(
        "account.move",
        string="Credit Note",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    crm_loyalty_user_id = fields.Many2one(
        "res.users", string="By", default=lambda self: self.env.user, readonly=True
    )

    def _crm_loyalty_guarded(self):
        return self.filtered(lambda h: h.card_id.program_id.crm_loyalty_ranked)

    @api.model_create_multi
    def create(self, vals_list):
        cards = self.env["loyalty.card"].browse(
            [vals["card_id"] for vals in vals_list if vals.get("card_id")]
        )
        if cards.sudo().program_id.filtered("crm_loyalty_ranked"):
            check_system(self.env, self.env._("Loyalty points and their history"))
        for vals in vals_list:
            if not vals.get("crm_loyalty_kind"):
                vals["crm_loyalty_kind"] = "order" if vals.get("order_model") else "adjust"
        return super().create(vals_list)

    def write(self, vals):
        if self.sudo()._crm_loyalty_guarded():
            check_system(self.env, self.env._("Loyalty points and their history"))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_crm_loyalty_guard(self):
        if self.sudo()._crm_loyalty_guarded():
            check_system(self.env, self.env._("Loyalty points and their history"))
