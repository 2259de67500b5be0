from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..loyalty_core import ranks as ranks_core
from .guard import check_system, is_system, system

SYSTEM_FIELDS = (
    "crm_loyalty_tier_id",
    "crm_loyalty_tier_since",
    "crm_loyalty_review_date",
    "crm_loyalty_qualifying_points",
    "crm_loyalty_assessed_date",
    "crm_loyalty_expiry_notice_date",
    "crm_loyalty_gift_year",
)
QUALIFYING_KINDS = ("order", "refund")
# rows per UPDATE statement
BATCH = 2000


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    crm_loyalty_ranked = fields.Boolean(related="program_id.crm_loyalty_ranked")
    crm_loyalty_tier_id = fields.Many2one(
        "crm.loyalty.tier", string="Rank", readonly=True, index=True, ondelete="set null"
    )
    crm_loyalty_tier_color = fields.Integer(related="crm_loyalty_tier_id.color")
    crm_loyalty_tier_since = fields.Date(string="Rank Since", readonly=True)
    crm_loyalty_review_date = fields.Date(
        string="Rank Review Date",
        readonly=True,
        help="The member can move down a rank only on this day.",
    )
    crm_loyalty_qualifying_points = fields.Integer(
        string="Qualifying Points",
        readonly=True,
        help="Points earned in the program's qualification window; spending points "
        "does not lower them. Ranks are decided on these.",
    )
    # the last day an assessment changed the card's points, rank or review date
    crm_loyalty_assessed_date = fields.Date(string="Assessed On", readonly=True)
    crm_loyalty_next_tier_id = fields.Many2one(
        "crm.loyalty.tier", string="Next Rank", compute="_compute_crm_loyalty_next"
    )
    crm_loyalty_points_to_next = fields.Integer(
        string="Points to Next Rank", compute="_compute_crm_loyalty_next"
    )
    crm_loyalty_tier_history_ids = fields.One2many(
        "crm.loyalty.tier.history", "card_id", string="Rank Changes"
    )

    @api.depends("crm_loyalty_tier_id", "crm_loyalty_qualifying_points", "program_id")
    def _compute_crm_loyalty_next(self):
        for card in self:
            following = card.program_id._crm_loyalty_tiers().filtered(
                lambda t, card=card: t.threshold > card.crm_loyalty_qualifying_points
            )[:1]
            card.crm_loyalty_next_tier_id = following
            card.crm_loyalty_points_to_next = (
                following.threshold - card.crm_loyalty_qualifying_points if following else 0
            )

    # ------------------------------------------------------------ guard

    @api.model_create_multi
    def create(self, vals_list):
        if not is_system(self.env):
            for vals in vals_list:
                forged = set(SYSTEM_FIELDS) & (
                    set(vals) | {k[8:] for k in self.env.context if k.startswith("default_")}
                )
                program = self.env["loyalty.program"].browse(vals.get("program_id")).sudo()
                if forged or (program.crm_loyalty_ranked and vals.get("points")):
                    check_system(self.env, self.env._("Loyalty points and ranks"))
        return super().create(vals_list)

    def write(self, vals):
        guarded = set(SYSTEM_FIELDS) | {"points", "program_id", "partner_id"}
        if guarded & set(vals) and not is_system(self.env):
            ranked = self.sudo().filtered("program_id.crm_loyalty_ranked")
            if ranked or set(SYSTEM_FIELDS) & set(vals):
                check_system(self.env, self.env._("Loyalty points and ranks"))
        return super().write(vals)

    def action_loyalty_update_balance(self):
        if self.sudo().program_id.crm_loyalty_ranked and not self.env.user.has_group(
            "crm_loyalty.group_loyalty_manager"
        ):
            raise AccessError(
                self.env._("Only loyalty managers can adjust the points of a member.")
            )
        return super().action_loyalty_update_balance()

    # ------------------------------------------------------------ assessment

    def _crm_loyalty_qualifying(self, program, today):
        """{card id: qualifying points} for the cards of ``self`` (one query)."""
        start = ranks_core.window_start(program.crm_loyalty_window, today)
        domain = [
            ("card_id", "in", self.ids),
            # the bounds of the ids too: PostgreSQL then reads a batch's rows through the
            # card index (with only a long list of ids it scans the whole history)
            ("card_id", ">=", min(self.ids, default=0)),
            ("card_id", "<=", max(self.ids, default=0)),
            ("crm_loyalty_kind", "in", QUALIFYING_KINDS),
            ("crm_loyalty_date", "<=", today),
        ]
        if start:
            domain.append(("crm_loyalty_date", ">=", start))
        rows = (
            self.env["loyalty.history"]
            .sudo()
            ._read_group(domain, ["card_id", "crm_loyalty_kind"], ["issued:sum", "used:sum"])
        )
        # orders add what they issued; refunds take back what they used
        totals = {}
        for card, kind, issued, used in rows:
            delta = (issued or 0) if kind == "order" else -(used or 0)
            totals[card.id] = totals.get(card.id, 0) + delta
        return {card_id: max(int(total), 0) for card_id, total in totals.items()}

    def _crm_loyalty_assess(self, today=None, defer=False):
        """Qualifying points and rank of the cards of ``self``, set-based per program.

        Upgrades apply at once; downgrades only on the card's review date. Each change is
        kept in crm.loyalty.tier.history and announced, now or (``defer``) by the
        announcement job. Returns the changed cards.
        """
        today = today or fields.Date.context_today(self)
        cards = self.sudo().filtered("program_id.crm_loyalty_ranked")
        changed = self.browse()
        for program in cards.program_id:
            table = self.env["loyalty.program"]._crm_loyalty_rank_table(program.id)
            tier_ids = [rank.id for rank in table]
            thresholds = [rank.threshold for rank in table]
            program_cards = cards.filtered(lambda c, p=program: c.program_id == p)
            qualifying = program_cards._crm_loyalty_qualifying(program, today)
            rows, history = [], []
            for card in program_cards:
                points = qualifying.get(card.id, 0)
                held = card.crm_loyalty_tier_id.id
                result = ranks_core.assess(
                    tier_ids.index(held) if held in tier_ids else None,
                    card.crm_loyalty_review_date or None,
                    points,
                    thresholds,
                    program.crm_loyalty_review_basis,
                    today,
                )
                tier = tier_ids[result.index] if result.index is not None else False
                since = today if result.change else card.crm_loyalty_tier_since
                if (
                    tier == held
                    and result.review == (card.crm_loyalty_review_date or None)
                    and points == card.crm_loyalty_qualifying_points
                ):
                    # nothing changed: the card is not written (nor its assessed date)
                    continue
                rows.append((card.id, tier or None, since or None, result.review, points))
                if tier != held:
                    change = "up" if result.change != "down" else "down"
                    history.append(
                        {
                            "card_id": card.id,
                            "date": today,
                            "old_tier_id": held,
                            "new_tier_id": tier,
                            "change": change,
                            "qualifying_points": points,
                            "announce_pending": defer,
                            # the related fields, known here: no read of the card back
                            "partner_id": card.partner_id.id,
                            "program_id": program.id,
                            "company_id": card.company_id.id,
                        }
                    )
            self._crm_loyalty_write_rows(rows, today)
            if history:
                records = self.env["crm.loyalty.tier.history"].sudo().create(history)
                changed |= records.card_id
                records._crm_loyalty_deliver()
        return changed

    def _crm_loyalty_write_rows(self, rows, today):
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            values = SQL(", ").join(
                SQL("(%s, %s::int, %s::date, %s::date, %s::int)", *row) for row in chunk
            )
            self.env.cr.execute(
                SQL(
                    "UPDATE loyalty_card AS c SET crm_loyalty_tier_id = v.tier, "
                    "crm_loyalty_tier_since = v.since, crm_loyalty_review_date = v.review, "
                    "crm_loyalty_qualifying_points = v.points, "
                    "crm_loyalty_assessed_date = %s, write_date = now() AT TIME ZONE 'UTC' "
                    "FROM (VALUES %s) AS v(id, tier, since, review, points) WHERE c.id = v.id",
                    today,
                    values,
                )
            )
        if rows:
            self.browse([row[0] for row in rows]).invalidate_recordset(list(SYSTEM_FIELDS))

    def _crm_loyalty_after_points(self):
        """Re-assess the cards of ``self`` after their points changed (upgrades at once;
        an order, a refund or a cancellation: the announcement is left to its job)."""
        return system(self.sudo())._crm_loyalty_assess(defer=True)
