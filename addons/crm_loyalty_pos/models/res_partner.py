from odoo import api, fields, models

from odoo.addons.crm_loyalty.loyalty_core import ranks as ranks_core

POS_FIELDS = (
    "crm_loyalty_pos_card_code",
    "crm_loyalty_pos_rank",
    "crm_loyalty_pos_rank_color",
    "crm_loyalty_pos_balance",
    "crm_loyalty_pos_qualifying",
    "crm_loyalty_pos_to_next",
    "crm_loyalty_pos_next_rank",
    "crm_loyalty_pos_program_id",
    "crm_loyalty_pos_multiplier",
    "crm_loyalty_pos_blocked_rewards",
)


class ResPartner(models.Model):
    """What the cashier sees of a member, loaded with the customers into the point of
    sale: plain values (the cashier reads no rank table), read from the customer's card
    in the company's ranked program."""

    _inherit = "res.partner"

    crm_loyalty_pos_card_code = fields.Char(
        string="Member Card Code",
        compute="_compute_crm_loyalty_pos",
        search="_search_crm_loyalty_pos_card_code",
    )
    crm_loyalty_pos_rank = fields.Char(
        string="Member Rank Name", compute="_compute_crm_loyalty_pos"
    )
    crm_loyalty_pos_rank_color = fields.Integer(
        string="Member Rank Colour", compute="_compute_crm_loyalty_pos"
    )
    crm_loyalty_pos_balance = fields.Integer(
        string="Member Balance", compute="_compute_crm_loyalty_pos"
    )
    crm_loyalty_pos_qualifying = fields.Integer(
        string="Member Qualifying Points", compute="_compute_crm_loyalty_pos"
    )
    crm_loyalty_pos_to_next = fields.Integer(
        string="Member Points to Next Rank", compute="_compute_crm_loyalty_pos"
    )
    crm_loyalty_pos_next_rank = fields.Char(
        string="Member Next Rank", compute="_compute_crm_loyalty_pos"
    )
    crm_loyalty_pos_program_id = fields.Integer(
        string="Member Program ID", compute="_compute_crm_loyalty_pos"
    )
    crm_loyalty_pos_multiplier = fields.Float(
        string="Member Points Multiplier", compute="_compute_crm_loyalty_pos"
    )

    crm_loyalty_pos_blocked_rewards = fields.Char(
        string="Rewards Reserved to Higher Ranks",
        compute="_compute_crm_loyalty_pos",
        help="Ids of the rewards the member's rank may not claim yet (comma separated).",
    )

    @api.depends_context("company", "allowed_company_ids")
    def _compute_crm_loyalty_pos(self):
        # one search for every customer (crm_loyalty's), the cards of the user's
        # companies only: another company's cashier sees no card
        cards = self.commercial_partner_id._crm_loyalty_cards()
        for partner in self:
            card = cards.get(partner.commercial_partner_id.id, self.env["loyalty.card"])
            card = card.filtered(lambda c: c.company_id == self.env.company)[:1] or card[:1]
            # sudo: the cashier sees the rank's name and colour, not the rank table
            card = card.sudo()
            partner.crm_loyalty_pos_card_code = card.code or False
            partner.crm_loyalty_pos_rank = card.crm_loyalty_tier_id.name or False
            partner.crm_loyalty_pos_rank_color = card.crm_loyalty_tier_id.color
            partner.crm_loyalty_pos_balance = int(card.points)
            partner.crm_loyalty_pos_qualifying = card.crm_loyalty_qualifying_points
            partner.crm_loyalty_pos_to_next = card.crm_loyalty_points_to_next
            partner.crm_loyalty_pos_next_rank = card.crm_loyalty_next_tier_id.name or False
            partner.crm_loyalty_pos_program_id = card.program_id.id
            partner.crm_loyalty_pos_blocked_rewards = self._crm_loyalty_pos_blocked(card)
            partner.crm_loyalty_pos_multiplier = (
                card.program_id._crm_loyalty_card_multiplier(card) if card else 1.0
            )

    @api.model
    def _crm_loyalty_pos_blocked(self, card):
        """The rewards ranks above ``card``'s reserve (as sale orders refuse them)."""
        if not card:
            return False
        table = self.env["loyalty.program"]._crm_loyalty_rank_table(card.program_id.id)
        held = [i for i, rank in enumerate(table) if rank.id == card.crm_loyalty_tier_id.id]
        reserved = {}  # a reward is reserved by the lowest rank that names it
        for i, rank in enumerate(table):
            if rank.reward_id:
                reserved.setdefault(rank.reward_id, i)
        blocked = [
            str(reward_id)
            for reward_id, i in reserved.items()
            if not ranks_core.reward_allowed(held[0] if held else None, i)
        ]
        return ",".join(blocked) or False

    def _search_crm_loyalty_pos_card_code(self, operator, value):
        """The customers (and their contacts) whose member card's code matches: the
        point of sale's customer search finds a member by the card's code."""
        if operator not in ("=", "ilike", "=ilike", "like", "=like"):
            return [("id", "=", False)]
        # sudo: only the ids of the cards' customers leave, among the user's companies
        cards = (
            self.env["loyalty.card"]
            .sudo()
            .search(
                [
                    ("code", operator, value),
                    ("program_id.crm_loyalty_ranked", "=", True),
                    ("company_id", "in", [*self.env.companies.ids, False]),
                ],
                limit=100,
            )
        )
        return [("commercial_partner_id", "in", cards.partner_id.ids)]

    @api.model
    def _load_pos_data_fields(self, config_id):
        return [*super()._load_pos_data_fields(config_id), *POS_FIELDS]
