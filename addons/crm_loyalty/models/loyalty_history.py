from odoo import api, fields, models
from odoo.exceptions import AccessError


class LoyaltyHistory(models.Model):
    """The history of a card of a ranked program is the program's ledger: its rows are
    written only by the program's own code (crm_idic's guard of system fields, through
    ``_idic_system()``), and no row moves from one card to another."""

    _name = "loyalty.history"
    _inherit = ["loyalty.history", "crm.idic.system.fields.mixin"]

    # read per card on every order (the member's qualifying points) and by the nightly
    # assessment: without an index each read scans the whole history
    card_id = fields.Many2one(index=True)
    # an order's rows are read when it is confirmed, changed, cancelled or refunded
    order_id = fields.Many2oneReference(index="btree_not_null")

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
    crm_loyalty_multiplier = fields.Float(
        string="Rank Multiplier",
        readonly=True,
        help="The multiplier of the rank the member held when the order was confirmed: "
        "the order keeps it when its lines change.",
    )
    crm_loyalty_lot_date = fields.Date(
        string="Earned On",
        readonly=True,
        help="On a refund, the day the points it takes back were earned: they leave "
        "the expiry schedule of that day.",
    )
    crm_loyalty_user_id = fields.Many2one(
        "res.users", string="By", default=lambda self: self.env.user, readonly=True
    )
    # the points of a ranked card are whole: its history shows them so (Odoo's columns
    # keep their decimals for e-wallets and gift cards)
    crm_loyalty_issued = fields.Float(related="issued", string="Points Issued", digits=(16, 0))
    crm_loyalty_used = fields.Float(related="used", string="Points Used", digits=(16, 0))

    # ------------------------------------------------------------ guard

    @api.model
    def _idic_system_fields(self):
        # who wrote a row and the credit note it refunds are the program's, on any card
        return super()._idic_system_fields() | {
            "crm_loyalty_move_id",
            "crm_loyalty_user_id",
            "crm_loyalty_issued",
            "crm_loyalty_used",
        }

    @api.model
    def _idic_system_fields_message(self, labels):
        return self.env._(
            "The points history of a ranked loyalty card is written only by the loyalty "
            "program itself (orders, refunds, expiry, gifts, redemptions) and by a loyalty "
            "manager's balance adjustment, which needs a reason; a row never moves to "
            "another card: %s.",
            labels,
        )

    @api.model
    def _crm_loyalty_ranked_cards(self, card_ids):
        """The cards of ranked programs among ``card_ids`` (ids a client may have sent)."""
        ids = [cid for cid in card_ids if isinstance(cid, int) and cid]
        # sudo: the guard reads the card's program whoever writes its history
        cards = self.env["loyalty.card"].sudo().browse(ids).exists()
        return cards.filtered("program_id.crm_loyalty_ranked")

    @api.model
    def _idic_client_fields_on_create(self, vals):
        """Every value of a row on a ranked card (the card given by ``card_id`` or by
        ``default_card_id``)."""
        names = super()._idic_client_fields_on_create(vals)
        card_id = vals.get("card_id") or self.default_get(["card_id"]).get("card_id")
        if self._crm_loyalty_ranked_cards([card_id]):
            names |= (set(vals) & set(self._fields)) | {"card_id"}
        return names

    def _idic_client_fields_on_write(self, vals):
        """Every value that changes a row of a ranked card; the card of any row."""
        names = super()._idic_client_fields_on_write(vals)
        # sudo: the values are only compared, and the guard reads every row's card
        rows = self.sudo()
        ranked = rows.filtered("card_id.program_id.crm_loyalty_ranked")
        for name in set(vals) & set(self._fields):
            field = self._fields[name]
            rows_concerned = rows if name == "card_id" else ranked
            if any(
                not row._idic_same_value(field, vals[name], row[name]) for row in rows_concerned
            ):
                names.add(name)
        return names

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [dict(vals) for vals in vals_list]
        for vals in vals_list:
            if not vals.get("crm_loyalty_kind"):
                vals["crm_loyalty_kind"] = "order" if vals.get("order_model") else "adjust"
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_crm_loyalty_guard(self):
        if self._idic_is_system():
            return
        ranked = self.sudo().filtered("card_id.program_id.crm_loyalty_ranked")
        if ranked:
            raise AccessError(
                self.env._(
                    "The points history of a ranked loyalty card is deleted only by the "
                    "loyalty program itself (a cancelled order, redemption or credit note): "
                    "%s.",
                    ", ".join(sorted({row.card_id.display_name for row in ranked})),
                )
            )
