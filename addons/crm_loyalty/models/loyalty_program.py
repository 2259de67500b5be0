from collections import namedtuple

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

from ..loyalty_core import expiry as expiry_core
from ..loyalty_core import points as points_core

# a rank as the order and the assessment need it (ids, no records: nothing to read)
RankRow = namedtuple("RankRow", "id threshold multiplier reward_id pricelist_id")


class LoyaltyProgram(models.Model):
    _name = "loyalty.program"
    _inherit = ["loyalty.program", "crm.idic.system.fields.mixin"]

    crm_loyalty_ranked = fields.Boolean(
        string="Member Ranks",
        help="Whole points per amount spent, qualifying points and member ranks "
        "(IDIC loyalty). The program's own points rules are replaced by the amount "
        "per point below.",
    )
    crm_loyalty_amount_per_point = fields.Float(
        string="Amount per Point",
        default=10000.0,
        digits=(16, 2),
        help="Untaxed amount of confirmed sales that earns one point (in the "
        "program's currency): 10,000 VND = 1 point by default.",
    )
    crm_loyalty_rounding = fields.Selection(
        [("down", "Round down"), ("half_up", "Round half up")],
        string="Points Rounding",
        default="down",
        required=True,
        help="How the points of an order are rounded to a whole number.",
    )
    crm_loyalty_window = fields.Selection(
        [
            ("lifetime", "Lifetime"),
            ("rolling_12", "Rolling 12 months"),
            ("calendar_year", "Calendar year"),
        ],
        string="Qualification Window",
        default="rolling_12",
        required=True,
        help="Which earned points decide the rank. Spending points does not lower them.",
    )
    crm_loyalty_review_basis = fields.Selection(
        [("period_end", "End of the calendar year"), ("anniversary", "Anniversary of the rank")],
        string="Rank Review",
        default="period_end",
        required=True,
        help="Members move up at once; they move down only on this review date.",
    )
    crm_loyalty_expiry = fields.Boolean(string="Points Expire")
    crm_loyalty_expiry_months = fields.Integer(
        string="Expire After (months)",
        default=24,
        help="Points expire this many months after they were earned.",
    )
    crm_loyalty_expiry_notice_days = fields.Integer(string="Expiry Notice (days)", default=30)
    crm_loyalty_idic_bonus = fields.Boolean(
        string="Feed the IDIC Loyalty Score",
        help="A member's rank adds its bonus to the IDIC loyalty score at the next scoring.",
    )
    crm_loyalty_tier_ids = fields.One2many(
        "crm.loyalty.tier", "program_id", string="Ranks", copy=True
    )

    @api.constrains("crm_loyalty_ranked", "crm_loyalty_amount_per_point")
    def _check_crm_loyalty_rate(self):
        for program in self.filtered("crm_loyalty_ranked"):
            try:
                points_core.check_rate(program.crm_loyalty_amount_per_point)
            except points_core.PointsError as error:
                raise ValidationError(
                    self.env._(
                        "%(program)s: the amount per point must be greater than zero.",
                        program=program.name,
                    )
                ) from error

    @api.constrains("crm_loyalty_expiry", "crm_loyalty_expiry_months")
    def _check_crm_loyalty_expiry(self):
        for program in self:
            try:
                expiry_core.check_months(
                    program.crm_loyalty_expiry, program.crm_loyalty_expiry_months
                )
            except expiry_core.ExpiryError as error:
                raise ValidationError(
                    self.env._(
                        "%(program)s: points must expire at least 1 month after they are earned.",
                        program=program.name,
                    )
                ) from error

    # ------------------------------------------------------------ guard

    @api.model
    def _idic_system_fields_message(self, labels):
        return self.env._(
            "A program that has member cards is not switched into or out of member ranks "
            "(its cards and their points would move with it): %s.",
            labels,
        )

    def _idic_client_fields_on_write(self, vals):
        names = super()._idic_client_fields_on_write(vals)
        if "crm_loyalty_ranked" in vals:
            switched = self.filtered(
                lambda p: p.crm_loyalty_ranked != bool(vals["crm_loyalty_ranked"])
            )
            # sudo: the cards are only counted, whoever configures the program
            cards = self.env["loyalty.card"].sudo().with_context(active_test=False)
            if switched and cards.search_count([("program_id", "in", switched.ids)], limit=1):
                names.add("crm_loyalty_ranked")
        return names

    # ------------------------------------------------------------ currency

    def _crm_loyalty_set_currency(self, currency):
        """Express the programs of ``self`` in ``currency``: the amount per point and the
        fixed amounts of their rules and rewards are converted at today's rate of the
        program's company (a fixed-amount discount of 100,000 VND becomes the same value
        in euros). For a program that has no cards yet (the ready program being enabled)."""
        today = fields.Date.context_today(self)
        for program in self.filtered(lambda p: p.currency_id != currency):
            source = program.currency_id
            company = program.company_id or self.env.company

            def convert(amount, source=source, company=company):
                return source._convert(amount, currency, company, today) if amount else amount

            per_point = program.crm_loyalty_amount_per_point
            new_per_point = max(convert(per_point), currency.rounding)
            program.write(
                {"currency_id": currency.id, "crm_loyalty_amount_per_point": new_per_point}
            )
            for rule in program.rule_ids:
                vals = {"minimum_amount": convert(rule.minimum_amount)}
                if rule.reward_point_mode == "money" and per_point:
                    # points per unit of money: the same points for the same value
                    vals["reward_point_amount"] = (
                        rule.reward_point_amount * per_point / new_per_point
                    )
                rule.write(vals)
            for reward in program.reward_ids:
                vals = {"discount_max_amount": convert(reward.discount_max_amount)}
                if reward.reward_type == "discount" and reward.discount_mode != "percent":
                    vals["discount"] = convert(reward.discount)
                reward.write(vals)

    @api.model
    @tools.ormcache("program_id")
    def _crm_loyalty_rank_table(self, program_id):
        """The ranks (RankRow) of the program ``program_id``, lowest first. Read on every
        order and by the nightly assessment, so it is cached (the ranks clear it when
        they change)."""
        # the program's own rule table, whoever confirms the order
        tiers = self.env["crm.loyalty.tier"].sudo().search([("program_id", "=", program_id)])
        return tuple(
            RankRow(
                tier.id, tier.threshold, tier.multiplier, tier.reward_id.id, tier.pricelist_id.id
            )
            for tier in tiers.sorted(lambda t: (t.sequence, t.id))
        )

    def _crm_loyalty_card_multiplier(self, card):
        """The points multiplier of the rank ``card`` holds in this program (1 without
        rank), from the cached rank table: no read of the rank per order."""
        self.ensure_one()
        table = self._crm_loyalty_rank_table(self.id)
        held = card.crm_loyalty_tier_id.id
        return max(next((rank.multiplier for rank in table if rank.id == held), 1.0) or 1.0, 1.0)

    def _crm_loyalty_lines_points(self, card, lines, currency, rate, company, day, multiplier=None):
        """Whole points an order earns in this ranked program, whatever model holds the
        order (sale.order, pos.order): ``lines`` are ``(product, subtotal, reward)``
        triples (untaxed subtotals in ``currency``, the order's; ``rate``: units of it
        per unit of ``company``'s currency, as the order stores it); the multiplier
        given, or the one of the rank ``card`` holds. One rule for every channel:
        ``points_core.lines_points``."""
        self.ensure_one()
        company = company or self.env.company
        goods = self.env["product.product"].union(
            *(product for product, _subtotal, reward in lines if not reward)
        )
        valid = self._get_valid_products(goods)
        eligible = self.env["product.product"].union(*valid.values()) if valid else goods
        if multiplier is None:
            multiplier = self._crm_loyalty_card_multiplier(card)
        target = self.currency_id or company.currency_id
        program_rate = None
        if target != company.currency_id:
            program_rate = company.currency_id._get_conversion_rate(
                company.currency_id, target, company, day or fields.Date.today()
            )
        return points_core.lines_points(
            [
                (str(subtotal), bool(not reward and product in eligible), reward)
                for product, subtotal, reward in lines
            ],
            self.crm_loyalty_amount_per_point,
            multiplier,
            self.crm_loyalty_rounding,
            rate=rate if currency != company.currency_id else None,
            program_rate=program_rate,
        )

    def _crm_loyalty_tiers(self):
        """The ranks of the program, lowest first."""
        self.ensure_one()
        return self.crm_loyalty_tier_ids.sorted(lambda t: (t.sequence, t.id))

    # ------------------------------------------------------------ the ranked programs

    @api.model
    @tools.ormcache()
    def _crm_loyalty_ranked_program_ids(self):
        """Ids of every ranked program, archived or not, of every company. Every order
        looks for the ranked programs open to it, so they are cached; creating or
        deleting a ranked program, or changing the flag, clears the cache."""
        # the program list of the whole database, whoever confirms the order
        Program = self.sudo().with_context(active_test=False)
        return tuple(Program.search([("crm_loyalty_ranked", "=", True)], order="id").ids)

    def action_open_loyalty_cards(self):
        action = super().action_open_loyalty_cards()
        if self.crm_loyalty_ranked:
            # Odoo names the cards of every loyalty program alike; a ranked one's are
            # its members' cards
            action["name"] = action["display_name"] = self.env._("Member Cards")
        return action

    @api.model_create_multi
    def create(self, vals_list):
        programs = super().create(vals_list)
        if any(programs.mapped("crm_loyalty_ranked")):
            self.env.registry.clear_cache()
        return programs

    def write(self, vals):
        result = super().write(vals)
        if "crm_loyalty_ranked" in vals:
            self.env.registry.clear_cache()
        return result

    def unlink(self):
        ranked = any(self.mapped("crm_loyalty_ranked"))
        result = super().unlink()
        if ranked:
            self.env.registry.clear_cache()
        return result
