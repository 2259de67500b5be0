from odoo import api, fields, models

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

    @api.depends("partner_id", "company_id", "state", "currency_rate", "order_line.price_subtotal")
    def _compute_crm_loyalty(self):
        cards = self.partner_id.commercial_partner_id._crm_loyalty_cards()
        earned = self._crm_loyalty_earned()
        # a customer without card yet: the quotation shows what it would earn in the
        # company's ranked program (sudo: the program's rule, whoever enters the order)
        programs = (
            self.env["loyalty.program"]
            .sudo()
            .search([("crm_loyalty_ranked", "=", True), ("company_id", "in", self.company_id.ids)])
        )
        for order in self:
            card = cards.get(order.partner_id.commercial_partner_id.id, self.env["loyalty.card"])
            card = card.filtered(
                lambda c, o=order: c.company_id in (o.company_id, self.env["res.company"])
            )[:1]
            order.crm_loyalty_card_id = card
            order.crm_loyalty_tier_id = card.crm_loyalty_tier_id
            order.crm_loyalty_balance = card.points
            order.crm_loyalty_qualifying_points = card.crm_loyalty_qualifying_points
            order.crm_loyalty_points_to_next = card.crm_loyalty_points_to_next
            order.crm_loyalty_next_tier_id = card.crm_loyalty_next_tier_id
            if order.state == "sale" and order.id:
                order.crm_loyalty_order_points = earned.get((order.id, card.id), 0)
            else:
                program = (
                    card.program_id
                    or programs.filtered(lambda p, o=order: p.company_id == o.company_id)[:1]
                )
                order.crm_loyalty_order_points = order._crm_loyalty_preview_points(card, program)

    def _crm_loyalty_earned(self):
        """{(order id, card id): points the confirmed orders of ``self`` earned}."""
        ids = [order.id for order in self if order.state == "sale" and order.id]
        if not ids:
            return {}
        # sudo: a sum per order, shown to whoever sees the order
        groups = (
            self.env["loyalty.history"]
            .sudo()
            ._read_group(
                [
                    ("order_model", "=", "sale.order"),
                    ("order_id", "in", ids),
                    ("crm_loyalty_kind", "=", "order"),
                ],
                ["order_id", "card_id"],
                ["issued:sum"],
            )
        )
        return {(order_id, card.id): int(issued or 0) for order_id, card, issued in groups}

    def _crm_loyalty_preview_points(self, card, program):
        """Points the quotation would earn in ``program`` on ``card`` (maybe none yet)
        when confirmed."""
        self.ensure_one()
        if not program.crm_loyalty_ranked or self.state == "cancel":
            return 0
        return self._crm_loyalty_points(program, card)

    def _crm_loyalty_lines(self):
        """``(product, untaxed subtotal, reward)`` of the lines that count for points (no
        section, note nor combo item), for ``loyalty.program._crm_loyalty_lines_points``."""
        self.ensure_one()
        lines = self.order_line.filtered(
            lambda line: (
                not line.display_type
                and (line.is_reward_line or (line.product_id and not line.combo_item_id))
            )
        )
        return [(line.product_id, line.price_subtotal, line.is_reward_line) for line in lines]

    def _crm_loyalty_multiplier(self, program, card):
        """The points multiplier of the rank ``card`` holds (1 without rank)."""
        return program._crm_loyalty_card_multiplier(card)

    def _crm_loyalty_points(self, program, card, multiplier=None):
        """Whole points this order earns in the ranked ``program`` (the multiplier given,
        or the one of the rank ``card`` holds): the rule of every channel, from the
        order's lines at the order's own rate (``currency_rate``)."""
        self.ensure_one()
        return program._crm_loyalty_lines_points(
            card,
            self._crm_loyalty_lines(),
            self.currency_id,
            self.currency_rate,
            self.company_id,
            self.date_order,
            multiplier,
        )

    def _program_check_compute_points(self, programs):
        """A ranked program gives no points through Odoo's loyalty engine: the program
        counts them itself when the order is confirmed or changed
        (``_crm_loyalty_sync_points``), on the customer's one card."""
        # the rules of every program read at once (the ranked programs check theirs
        # after Odoo's check of the others: one read instead of two)
        programs.rule_ids.mapped("product_ids")
        ranked = programs.filtered("crm_loyalty_ranked")
        # Odoo's checks of the rules are not run for nothing on the ranked programs
        others = programs - ranked
        result = super()._program_check_compute_points(others) if others else {}
        for program in ranked:
            result[program] = {
                "error": self.env._(
                    "The points of %(program)s are counted when the order is confirmed.",
                    program=program.name,
                )
            }
        return result

    def _crm_loyalty_open_programs(self):
        """The active ranked programs open to the order (company, dates, sales)."""
        self.ensure_one()
        # sudo: the programs are the company's, whoever enters the order; the ranked
        # programs are cached, and checked against the order's program domain in memory
        # as Odoo's loyalty does (no search per order)
        Program = self.env["loyalty.program"].sudo()
        ranked = Program.browse(Program._crm_loyalty_ranked_program_ids())
        return ranked.filtered_domain(self._get_program_domain())

    def _crm_loyalty_programs(self):
        """The active ranked programs open to the order whose rules it meets."""
        self.ensure_one()
        return self._crm_loyalty_open_programs().filtered(self._crm_loyalty_rules_met)

    def _crm_loyalty_rules_met(self, program):
        """Whether the order meets one of ``program``'s rules: the rule's minimum
        quantity and minimum purchase (with or without taxes, as the rule says) on the
        rule's products; a program without rules asks nothing. Odoo's own check lets
        every order of a member into a member program (with no points); a ranked
        program gives points only to those."""
        self.ensure_one()
        if not program.rule_ids:
            return True
        lines = self.order_line.filtered(
            lambda line: line.product_id and not line.is_reward_line and not line.combo_item_id
        )
        valid = program._get_valid_products(lines.product_id)
        for rule in program.rule_ids:
            if rule.mode == "with_code" and rule not in self.code_enabled_rule_ids:
                continue
            ruled = lines.filtered(lambda line, r=rule: line.product_id in valid.get(r, ()))
            if sum(ruled.mapped("product_uom_qty")) < rule.minimum_qty:
                continue
            if rule.minimum_amount:
                price = (
                    "price_total" if rule.minimum_amount_tax_mode == "incl" else "price_subtotal"
                )
                if sum(ruled.mapped(price)) < rule._compute_amount(self.currency_id):
                    continue
            return True
        return False

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
        card = coupon.sudo()
        if card.crm_loyalty_ranked and card.partner_id != self.partner_id.commercial_partner_id:
            return {"error": self.env._("This member card is not the customer's.")}
        if card.crm_loyalty_ranked and card.points < 0:
            return {
                "error": self.env._(
                    "The member's balance is below zero (points of a refunded order were "
                    "spent already): no reward until it is positive again."
                )
            }
        # the reward line takes its points from the member's card as the program
        return super(SaleOrder, self._crm_loyalty_system())._apply_program_reward(
            reward, coupon, **kwargs
        )
