from odoo import api, fields, models

from ..loyalty_core import points as points_core
from ..loyalty_core import ranks as ranks_core


class SaleOrder(models.Model):
    _inherit = "sale.order"

    crm_loyalty_card_id = fields.Many2one(
        "loyalty.card", string="Loyalty Card", compute="_compute_crm_loyalty"
    )
    crm_loyalty_tier_id = fields.Many2one(
        "crm.loyalty.tier", string="Member Rank", compute="_compute_crm_loyalty"
    )
    crm_loyalty_balance = fields.Float(string="Points Balance", compute="_compute_crm_loyalty")
    crm_loyalty_qualifying_points = fields.Integer(
        string="Qualifying Points", compute="_compute_crm_loyalty"
    )
    crm_loyalty_points_to_next = fields.Integer(
        string="Points to Next Rank", compute="_compute_crm_loyalty"
    )
    crm_loyalty_next_tier_id = fields.Many2one(
        "crm.loyalty.tier", string="Next Rank", compute="_compute_crm_loyalty"
    )
    crm_loyalty_order_points = fields.Float(
        string="Points This Order", compute="_compute_crm_loyalty"
    )

    @api.depends("partner_id", "company_id", "coupon_point_ids.points", "state")
    def _compute_crm_loyalty(self):
        cards = self.partner_id._crm_loyalty_cards()
        for order in self:
            card = cards.get(order.partner_id.id, self.env["loyalty.card"]).filtered(
                lambda c, o=order: c.company_id in (o.company_id, self.env["res.company"])
            )[:1]
            order.crm_loyalty_card_id = card
            order.crm_loyalty_tier_id = card.crm_loyalty_tier_id
            order.crm_loyalty_balance = card.points
            order.crm_loyalty_qualifying_points = card.crm_loyalty_qualifying_points
            order.crm_loyalty_points_to_next = card.crm_loyalty_points_to_next
            order.crm_loyalty_next_tier_id = card.crm_loyalty_next_tier_id
            ranked = order.coupon_point_ids.filtered(
                lambda p: p.coupon_id.program_id.crm_loyalty_ranked
            )
            if ranked:
                order.crm_loyalty_order_points = sum(ranked.mapped("points"))
            else:
                order.crm_loyalty_order_points = order._crm_loyalty_preview_points(card)

    def _crm_loyalty_preview_points(self, card):
        """Points the order would earn on ``card`` (before Odoo's loyalty has run)."""
        self.ensure_one()
        program = card.program_id
        if not program.crm_loyalty_ranked or self.state == "cancel":
            return 0
        return self._crm_loyalty_points(program, card)

    def _crm_loyalty_amount(self, program):
        """Untaxed amount of the order lines that earn points in ``program``."""
        self.ensure_one()
        lines = self.order_line.filtered(
            lambda line: not line.is_reward_line and not line.combo_item_id and line.product_id
        )
        valid = program._get_valid_products(lines.product_id)
        eligible = self.env["product.product"].union(*valid.values()) if valid else lines.product_id
        return sum(
            lines.filtered(lambda line: line.product_id in eligible).mapped("price_subtotal")
        )

    def _crm_loyalty_refunded(self, exclude=()):
        """Untaxed amount of the order refunded by posted credit notes, other than the
        credit notes of ids ``exclude``."""
        self.ensure_one()
        # sudo: the refunded amount decides the points taken back, whoever posts the
        # credit note; only a sum leaves this method
        lines = (
            self.env["account.move.line"]
            .sudo()
            .search(
                [
                    ("sale_line_ids.order_id", "=", self.id),
                    ("move_id.move_type", "=", "out_refund"),
                    ("move_id.state", "=", "posted"),
                    ("move_id", "not in", list(exclude)),
                    ("display_type", "=", "product"),
                ]
            )
        )
        return sum(lines.mapped("price_subtotal"))

    def _crm_loyalty_points(self, program, card):
        """Whole points this order earns in the ranked ``program`` (rank multiplier of
        ``card`` applied)."""
        self.ensure_one()
        # the multiplier from the cached rank table: no read of the rank per order
        table = self.env["loyalty.program"]._crm_loyalty_rank_table(program.id)
        held = card.crm_loyalty_tier_id.id
        multiplier = next((rank.multiplier for rank in table if rank.id == held), 1.0) or 1.0
        return points_core.order_points(
            self._crm_loyalty_amount(program),
            program.crm_loyalty_amount_per_point,
            max(multiplier, 1.0),
            program.crm_loyalty_rounding,
        )

    def _program_check_compute_points(self, programs):
        result = super()._program_check_compute_points(programs)
        ranked = programs.filtered("crm_loyalty_ranked")
        if ranked:
            cards = self._crm_loyalty_member_cards(ranked)
            for program in ranked:
                status = result.get(program)
                if status is None or "error" in status:
                    continue
                card = cards.filtered(lambda c, p=program: c.program_id == p)[:1]
                status["points"] = [self._crm_loyalty_points(program, card)]
        return result

    def _crm_loyalty_member_cards(self, programs):
        """The customer's cards of ``programs``. Odoo's loyalty has usually loaded them
        on the order already (a card with points is applied to the order); searched
        only when one is missing."""
        # the member's card decides the multiplier, whoever enters the order
        known = (self.applied_coupon_ids | self.coupon_point_ids.coupon_id).sudo()
        cards = known.filtered(
            lambda c: c.partner_id == self.partner_id and c.program_id in programs
        )
        if cards.program_id != programs:
            cards |= (
                self.env["loyalty.card"]
                .sudo()
                .search(
                    [
                        ("partner_id", "=", self.partner_id.id),
                        ("program_id", "in", (programs - cards.program_id).ids),
                    ]
                )
            )
        return cards

    def _crm_loyalty_reward_allowed(self, reward, coupon):
        """Whether ``coupon`` (a member card) may claim ``reward``: a reward a rank
        reserves is open only to members at or above that rank."""
        program = coupon.sudo().program_id
        if not program.crm_loyalty_ranked:
            return True
        table = self.env["loyalty.program"]._crm_loyalty_rank_table(program.id)
        reserved = [i for i, rank in enumerate(table) if rank.reward_id == reward.id]
        held = coupon.sudo().crm_loyalty_tier_id.id
        member = [i for i, rank in enumerate(table) if rank.id == held]
        return ranks_core.reward_allowed(
            member[0] if member else None,
            reserved[0] if reserved else None,
        )

    def _get_claimable_rewards(self, forced_coupons=None):
        result = super()._get_claimable_rewards(forced_coupons=forced_coupons)
        for coupon in list(result):
            allowed = result[coupon].filtered(
                lambda r, c=coupon: self._crm_loyalty_reward_allowed(r, c)
            )
            if allowed:
                result[coupon] = allowed
            else:
                del result[coupon]
        return result

    def _apply_program_reward(self, reward, coupon, **kwargs):
        if not self._crm_loyalty_reward_allowed(reward, coupon):
            return {
                "error": self.env._(
                    "The reward %(reward)s is reserved for higher member ranks.",
                    reward=reward.description,
                )
            }
        return super()._apply_program_reward(reward, coupon, **kwargs)

    def _crm_loyalty_ranked_cards(self):
        return self.sudo().coupon_point_ids.coupon_id.filtered("program_id.crm_loyalty_ranked")

    def _crm_loyalty_system(self):
        """``self`` as the program's own code (crm_idic's ``_idic_system()``): Odoo's
        loyalty writes the points and history of the member's card as the order is
        confirmed or cancelled, and the client's ``default_*`` keys are dropped."""
        return self.with_env(self.env["loyalty.card"]._idic_system().env)

    def action_confirm(self):
        result = super(SaleOrder, self._crm_loyalty_system()).action_confirm()
        self._crm_loyalty_ranked_cards()._crm_loyalty_after_points()
        return result

    def _action_cancel(self):
        cards = self._crm_loyalty_ranked_cards()
        # Odoo takes back all the points of the order and drops its history: give back
        # first what its credit notes already took (sudo: the salesperson who cancels
        # may not read the card's history)
        refunds = (
            self.env["loyalty.history"]
            .sudo()
            .search(
                [
                    ("order_model", "=", "sale.order"),
                    ("order_id", "in", self.filtered(lambda o: o.state == "sale").ids),
                    ("crm_loyalty_kind", "=", "refund"),
                ]
            )
        )
        for row in refunds:
            row.card_id._idic_system().points += row.used
        result = super(SaleOrder, self._crm_loyalty_system())._action_cancel()
        cards._crm_loyalty_after_points()
        return result
