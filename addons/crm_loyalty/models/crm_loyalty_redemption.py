import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, mute_logger

STATES = [
    ("requested", "Requested"),
    ("approved", "Approved"),
    ("voucher", "Voucher issued"),
    ("used", "Used"),
    ("cancelled", "Cancelled"),
]


# the values of a redemption only the program writes (crm_idic's guard): it is born
# requested, with the points the reward costs; its member, company and name follow its card
SYSTEM_FIELDS = (
    "points",
    "state",
    "voucher_code",
    "history_id",
    "name",
    "partner_id",
    "company_id",
)
# what the requester chooses, fixed once requested
REQUESTED_FIELDS = ("card_id", "reward_id")


class CrmLoyaltyRedemption(models.Model):
    _name = "crm.loyalty.redemption"
    _description = "Partner Reward Redemption"
    _inherit = ["mail.thread", "crm.idic.system.fields.mixin"]
    _order = "id desc"

    name = fields.Char(compute="_compute_name", store=True)
    card_id = fields.Many2one(
        "loyalty.card",
        required=True,
        ondelete="restrict",
        index=True,
        domain="[('program_id.crm_loyalty_ranked', '=', True)]",
    )
    partner_id = fields.Many2one(related="card_id.partner_id", store=True, string="Member")
    card_points = fields.Float(related="card_id.points", string="Balance")
    company_id = fields.Many2one(related="card_id.company_id", store=True, index=True)
    reward_id = fields.Many2one("crm.loyalty.partner.reward", required=True, ondelete="restrict")
    points = fields.Integer(readonly=True)
    state = fields.Selection(
        STATES, default="requested", required=True, readonly=True, tracking=True
    )
    voucher_code = fields.Char(readonly=True, copy=False)
    history_id = fields.Many2one("loyalty.history", readonly=True, copy=False)

    @api.depends("reward_id", "partner_id")
    def _compute_name(self):
        for redemption in self:
            parts = [redemption.reward_id.name, redemption.partner_id.name]
            redemption.name = " - ".join(filter(None, parts)) or self.env._("New redemption")

    # ------------------------------------------------------------ guard

    @api.model
    def _idic_system_fields(self):
        return super()._idic_system_fields() | set(SYSTEM_FIELDS)

    @api.model
    def _idic_system_fields_message(self, labels):
        return self.env._(
            "A redemption is requested with a card and a reward, then moved on only by a "
            "loyalty manager through its buttons; these values are the program's: %s.",
            labels,
        )

    def _idic_client_fields_on_write(self, vals):
        names = super()._idic_client_fields_on_write(vals)
        for name in set(REQUESTED_FIELDS) & set(vals):
            field = self._fields[name]
            # sudo: the values are only compared
            if any(not r._idic_same_value(field, vals[name], r[name]) for r in self.sudo()):
                names.add(name)
        return names

    # ------------------------------------------------------------ life cycle

    @api.model_create_multi
    def create(self, vals_list):
        # lock the cards before any row refers to them: a foreign key check would wait
        # on a card another transaction holds instead of failing at once
        cards = (
            self.env["loyalty.card"]
            .sudo()
            .browse([vals["card_id"] for vals in vals_list if vals.get("card_id")])
        )
        for card in cards:
            self._crm_loyalty_lock(card)
        redemptions = super().create(vals_list)
        for redemption in redemptions:
            redemption._crm_loyalty_reserve()
        return redemptions

    def _crm_loyalty_lock(self, card):
        """Lock the card row for this transaction; a second redemption racing for the
        same card fails cleanly instead of waiting or spending the points twice."""
        try:
            with self.env.cr.savepoint(flush=False), mute_logger("odoo.sql_db"):
                self.env.cr.execute(
                    SQL("SELECT id FROM loyalty_card WHERE id = %s FOR UPDATE NOWAIT", card.id)
                )
        except psycopg2.errors.LockNotAvailable as error:
            raise UserError(
                self.env._(
                    "The points of %(member)s are being used by another operation. "
                    "Try again in a moment.",
                    member=card.partner_id.display_name,
                )
            ) from error
        card.invalidate_recordset(["points"])

    def _crm_loyalty_reserve(self):
        self.ensure_one()
        # sudo: the requester (a portal member) may not read the card or the reward; the
        # card was chosen by the request and the reward is checked against its program
        card, reward = self.card_id.sudo(), self.reward_id.sudo()
        if reward.program_id != card.program_id:
            raise ValidationError(
                self.env._(
                    "The reward %(reward)s is not part of this card's program.", reward=reward.name
                )
            )
        if (
            not self.env.su
            and reward.company_id
            and reward.company_id not in self.env.user.company_ids
        ):
            raise ValidationError(
                self.env._(
                    "The reward %(reward)s belongs to a company you do not work for.",
                    reward=reward.name,
                )
            )
        self._crm_loyalty_lock(card)
        if card.points < reward.points_cost:
            raise ValidationError(
                self.env._(
                    "%(member)s has %(balance)s points; the reward %(reward)s needs %(cost)s.",
                    member=card.partner_id.display_name,
                    balance=int(card.points),
                    reward=reward.name,
                    cost=reward.points_cost,
                )
            )
        # sudo: the requester (a salesperson, a portal member) has no right on the
        # card's history; the program writes it
        history = (
            self.env["loyalty.history"]
            .sudo()
            ._idic_system()
            .create(
                {
                    "card_id": card.id,
                    "crm_loyalty_kind": "redemption",
                    # the member's history, in the member's language
                    "description": self.with_context(lang=card._crm_loyalty_lang()).env._(
                        "Partner reward: %(reward)s", reward=reward.name
                    ),
                    "issued": 0,
                    "used": reward.points_cost,
                }
            )
        )
        card._idic_system().points = card.points - reward.points_cost
        self.sudo()._idic_system().write({"points": reward.points_cost, "history_id": history.id})

    def _crm_loyalty_check_manager(self):
        if not self.env.user.has_group("crm_loyalty.group_loyalty_manager"):
            raise AccessError(self.env._("Only loyalty managers can do this."))

    def _crm_loyalty_move(self, from_states, state, **vals):
        for redemption in self:
            if redemption.state not in from_states:
                raise UserError(
                    self.env._(
                        "%(redemption)s is %(state)s: it cannot be changed that way.",
                        redemption=redemption.name,
                        state=dict(self._fields["state"]._description_selection(self.env))[
                            redemption.state
                        ],
                    )
                )
        self._idic_system().write({"state": state, **vals})

    def action_approve(self):
        self._crm_loyalty_check_manager()
        self._crm_loyalty_move(("requested",), "approved")
        self.env["crm.idic.action"]._idic_done_by(self, self.env._("Reward approved"))
        self._crm_loyalty_log_interactions("approved")

    def action_issue_voucher(self):
        self._crm_loyalty_check_manager()
        for redemption in self:
            redemption._crm_loyalty_move(
                ("approved",), "voucher", voucher_code=self.env["loyalty.card"]._generate_code()
            )

    def action_use(self):
        if not self.env.user.has_group("crm_loyalty.group_loyalty_user"):
            raise AccessError(self.env._("Only loyalty users can do this."))
        self._crm_loyalty_move(("voucher",), "used")
        self._crm_loyalty_log_interactions("used")

    def action_cancel(self):
        self._crm_loyalty_check_manager()
        self.env["crm.idic.action"]._idic_done_by(self, self.env._("Reward cancelled"))
        for redemption in self:
            redemption._crm_loyalty_move(("requested", "approved", "voucher"), "cancelled")
            # sudo: a loyalty manager has no right to write cards and their history
            card = redemption.card_id.sudo()
            self._crm_loyalty_lock(card)
            card._idic_system().points = card.points + redemption.points
            if redemption.history_id:
                redemption.history_id.sudo()._idic_system().unlink()

    def _crm_loyalty_log_interactions(self, event):
        """Log the approval or use of the redemptions in crm_idic's interaction log
        (one create for all of them)."""
        rows = []
        for redemption in self.sudo():
            partner = redemption.partner_id
            if event == "approved":
                summary = self.env._(
                    "Partner reward approved: %(reward)s (%(points)s points)",
                    reward=redemption.reward_id.name,
                    points=redemption.points,
                )
            else:
                summary = self.env._(
                    "Partner reward used: %(reward)s (%(points)s points)",
                    reward=redemption.reward_id.name,
                    points=redemption.points,
                )
            company = partner.company_id or redemption.company_id or self.env.company
            rows.append((partner, company, self.env.user, "gift", summary, redemption))
        return self.env["crm.idic.interaction"]._crm_loyalty_log(rows)
