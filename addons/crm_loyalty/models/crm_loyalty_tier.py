from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..loyalty_core import points as points_core
from ..loyalty_core import ranks as ranks_core


class CrmLoyaltyTier(models.Model):
    _name = "crm.loyalty.tier"
    _description = "Loyalty Member Rank"
    _order = "program_id, sequence, threshold, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    program_id = fields.Many2one("loyalty.program", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    threshold = fields.Integer(
        string="Qualifying Points",
        help="Qualifying points (earned in the program's qualification window) a member "
        "needs to reach this rank.",
    )
    color = fields.Integer()
    multiplier = fields.Float(
        string="Points Multiplier",
        default=1.0,
        digits=(4, 2),
        help="Points earned on orders are multiplied by this (1 = no bonus).",
    )
    pricelist_id = fields.Many2one(
        "product.pricelist",
        check_company=True,
        help="Pricelist members of this rank are offered.",
    )
    reward_id = fields.Many2one(
        "loyalty.reward",
        string="Rank Reward",
        domain="[('program_id', '=', program_id)]",
        help="A discount or product reward reserved for this rank.",
    )
    birthday_points = fields.Integer(
        string="Birthday Bonus Points",
        help="Points given once a year on the member's birthday or founding day.",
    )
    idic_score_bonus = fields.Float(
        string="IDIC Loyalty Score Bonus",
        help="Points added to the member's IDIC loyalty score (capped at 100) when the "
        "program feeds the IDIC scoring.",
    )
    gift_program_id = fields.Many2one(
        "loyalty.program",
        string="Gift Coupon Program",
        check_company=True,
        domain="[('program_type', 'in', ('coupons', 'gift_card'))]",
        help="A coupon (or gift card) of this program is given once a year on the "
        "member's birthday or founding day.",
    )
    gift_coupon_points = fields.Float(
        string="Gift Coupon Value",
        default=1.0,
        help="Points of the gift coupon (the amount of a gift card).",
    )
    gift_description = fields.Text(
        string="Gift",
        translate=True,
        help="A gift to hand over on the member's birthday or founding day: a care "
        "activity is planned for the salesperson.",
    )
    member_count = fields.Integer(compute="_compute_member_count", string="Members")

    @api.depends("program_id")
    def _compute_member_count(self):
        counts = dict(
            self.env["loyalty.card"]._read_group(
                [("crm_loyalty_tier_id", "in", self.ids)],
                ["crm_loyalty_tier_id"],
                ["__count"],
            )
        )
        for tier in self:
            tier.member_count = counts.get(tier, 0)

    @api.constrains("multiplier")
    def _check_multiplier(self):
        for tier in self:
            if tier.multiplier < 1:
                raise ValidationError(
                    self.env._(
                        "The points multiplier of rank %(rank)s cannot be below 1.",
                        rank=tier.name,
                    )
                )

    @api.constrains("threshold", "sequence", "program_id")
    def _check_thresholds(self):
        for program in self.program_id:
            tiers = program.crm_loyalty_tier_ids.sorted(lambda t: (t.sequence, t.id))
            try:
                ranks_core.check_thresholds(tiers.mapped("threshold"))
            except ranks_core.RankError as error:
                raise ValidationError(
                    self.env._(
                        "Ranks of %(program)s: thresholds must be zero or more and increase "
                        "with each rank (%(ranks)s).",
                        program=program.name,
                        ranks=", ".join(f"{t.name}: {t.threshold}" for t in tiers),
                    )
                ) from error

    @api.constrains("gift_program_id", "gift_coupon_points")
    def _check_gift_program(self):
        for tier in self.filtered("gift_program_id"):
            if tier.gift_program_id.program_type not in ("coupons", "gift_card"):
                raise ValidationError(
                    self.env._(
                        "The gift of rank %(rank)s must be a coupon or gift card program.",
                        rank=tier.name,
                    )
                )
            if tier.gift_coupon_points <= 0:
                raise ValidationError(
                    self.env._(
                        "The gift coupon of rank %(rank)s must be worth more than zero.",
                        rank=tier.name,
                    )
                )

    @api.constrains("idic_score_bonus")
    def _check_idic_score_bonus(self):
        for tier in self:
            if not 0 <= tier.idic_score_bonus <= 100:
                raise ValidationError(
                    self.env._(
                        "The IDIC loyalty score bonus of rank %(rank)s must be between 0 and 100.",
                        rank=tier.name,
                    )
                )

    # the rank table of a program is cached (loyalty.program._crm_loyalty_rank_table,
    # read on every order): any change of a rank clears it

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    @api.ondelete(at_uninstall=True)
    def _unlink_clear_rank_table(self):
        self.env.registry.clear_cache()

    def _points_multiplier(self):
        self.ensure_one()
        points_core.check_rate(1, self.multiplier)
        return self.multiplier
