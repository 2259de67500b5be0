from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL
from odoo.tools.misc import formatLang

from ..loyalty_core import ranks as ranks_core

# the fields of a card only the program writes, on every card (crm_idic's guard); the
# balance and the member are the program's too, on the cards of a ranked program
SYSTEM_FIELDS = (
    "crm_loyalty_tier_id",
    "crm_loyalty_tier_since",
    "crm_loyalty_review_date",
    "crm_loyalty_qualifying_points",
    "crm_loyalty_assessed_date",
    "crm_loyalty_expiry_notice_date",
    "crm_loyalty_expiry_notice_points",
    "crm_loyalty_expiry_notice_pending",
    "crm_loyalty_gift_year",
)
QUALIFYING_KINDS = ("order", "refund")
# rows per UPDATE statement
BATCH = 2000


class LoyaltyCard(models.Model):
    _name = "loyalty.card"
    _inherit = ["loyalty.card", "crm.idic.system.fields.mixin"]
    # a card is found by its code or its member's name
    _rec_names_search = ["code", "partner_id.name"]

    crm_loyalty_tier_id = fields.Many2one(
        "crm.loyalty.tier", string="Rank", readonly=True, index=True, ondelete="set null"
    )
    crm_loyalty_tier_color = fields.Integer(related="crm_loyalty_tier_id.color")

    @api.depends("program_id", "code", "partner_id", "points", "crm_loyalty_tier_id")
    @api.depends_context("crm_loyalty_member_label")
    def _compute_display_name(self):
        """With ``crm_loyalty_member_label`` in the context (the redemption's card picker),
        a card reads as its member, rank and balance; else as Odoo names it."""
        if not self.env.context.get("crm_loyalty_member_label"):
            return super()._compute_display_name()
        for card in self:
            card.display_name = self.env._(
                "%(member)s · %(rank)s · %(points)s points (%(code)s)",
                member=card.partner_id.display_name or "-",
                rank=card.crm_loyalty_tier_id.name or "-",
                points=formatLang(self.env, card.points, digits=0),
                code=card.code,
            )

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

    @api.model
    def _idic_system_fields(self):
        return super()._idic_system_fields() | set(SYSTEM_FIELDS)

    @api.model
    def _idic_system_fields_message(self, labels):
        return self.env._(
            "Loyalty points and ranks are written only by the loyalty program itself "
            "(orders, refunds, expiry, gifts, redemptions, the nightly assessment) and by "
            "a loyalty manager's balance adjustment, which needs a reason: %s.",
            labels,
        )

    @api.model
    def _crm_loyalty_ranked_programs(self, program_ids):
        """The ranked programs among ``program_ids`` (ids a client may have sent)."""
        ids = [pid for pid in program_ids if isinstance(pid, int) and pid]
        # sudo: the guard reads the program of a card whoever writes it
        programs = self.env["loyalty.program"].sudo().with_context(active_test=False)
        return programs.browse(ids).exists().filtered("crm_loyalty_ranked")

    @api.model
    def _idic_client_fields_on_create(self, vals):
        """On a ranked program the balance is the program's: a card is opened empty
        (the program given by ``program_id``, or by ``default_program_id`` /
        ``active_id`` in the context, as loyalty.card's default reads it)."""
        names = super()._idic_client_fields_on_create(vals)
        if vals.get("points") or "default_points" in self.env.context:
            program_id = vals.get("program_id") or self.default_get(["program_id"]).get(
                "program_id"
            )
            if self._crm_loyalty_ranked_programs([program_id]):
                names.add("points")
        return names

    def _idic_client_fields_on_write(self, vals):
        """A ranked card's balance and member are the program's; no card moves into or
        out of a ranked program."""
        names = super()._idic_client_fields_on_write(vals)
        if not {"points", "partner_id", "program_id"} & set(vals):
            return names
        # sudo: the values are only compared, and the guard reads every card's program
        cards = self.sudo()
        ranked = cards.filtered("program_id.crm_loyalty_ranked")
        for name in {"points", "partner_id"} & set(vals):
            field = self._fields[name]
            if any(not card._idic_same_value(field, vals[name], card[name]) for card in ranked):
                names.add(name)
        if "program_id" in vals:
            target = self._crm_loyalty_ranked_programs([vals["program_id"]])
            moved = cards.filtered(lambda c: c.program_id.id != vals["program_id"])
            if moved and (target or moved.program_id.filtered("crm_loyalty_ranked")):
                names.add("program_id")
        return names

    @api.model_create_multi
    def create(self, vals_list):
        cards = super().create(vals_list)
        # a card the program opens with points (only the program can) gets its opening
        # row in the history and a message: balance = history, always
        # (sudo: the program's rule, whoever opens the card)
        opened = cards.sudo().filtered(lambda c: c.points and c.program_id.crm_loyalty_ranked)
        if opened:
            opened._crm_loyalty_open_balance()
        return cards

    def _crm_loyalty_open_balance(self):
        reason = self.env._("Opening balance")
        self.env["loyalty.history"].sudo()._idic_system().create(
            [
                {
                    "card_id": card.id,
                    "crm_loyalty_kind": "adjust",
                    "description": reason,
                    "issued": max(card.points, 0),
                    "used": max(-card.points, 0),
                }
                for card in self
            ]
        )
        for card in self:
            card.message_post(
                body=self.env._(
                    "Card opened with %(points)s points by %(user)s. Reason: %(reason)s",
                    points=int(card.points) if card.points == int(card.points) else card.points,
                    user=self.env.user.name,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )

    @api.model
    def _crm_loyalty_post(self, vals_list):
        """Write the history rows ``vals_list`` as the program and move each card's
        balance by what they issue and use (balance = history). Used by the demo data
        and the tests; returns the rows."""
        # sudo: the program's own ledger, whoever causes the entry
        rows = self.env["loyalty.history"].sudo()._idic_system().create(vals_list)
        for card in rows.card_id:
            delta = sum(row.issued - row.used for row in rows if row.card_id == card)
            card._idic_system().with_context(loyalty_no_mail=True).points = card.points + delta
        return rows

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

    def _crm_loyalty_assess(self, today=None, defer=False, withdraw=None):
        """Qualifying points and rank of the cards of ``self``, set-based per program.

        Upgrades apply at once; downgrades only on the card's review date, except on the
        cards of ``withdraw``, whose points were reversed (``ranks_core.withdraw``). Each
        change is kept in crm.loyalty.tier.history and announced, now or (``defer``) by
        the announcement job. Returns the changed cards.
        """
        withdraw = withdraw or self.browse()
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
                if card in withdraw and not result.change:
                    result = ranks_core.withdraw(
                        result.index,
                        card.crm_loyalty_qualifying_points,
                        points,
                        thresholds,
                        result.review,
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
                # sudo: the rank history is the program's own (no user may write it)
                records = self.env["crm.loyalty.tier.history"].sudo()._idic_system().create(history)
                changed |= records.card_id
                records._crm_loyalty_deliver()
        return changed

    def _crm_loyalty_write_rows(self, rows, today):
        # what the ORM still holds for these fields is written first, not over the rows
        self.flush_model(list(SYSTEM_FIELDS))
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

    def _crm_loyalty_after_points(self, reversed_cards=None):
        """Re-assess the cards of ``self`` after their points changed (upgrades at once;
        on ``reversed_cards``, whose points a cancel or refund took back, a rank those
        points reached is withdrawn at once; the announcement is left to its job)."""
        # sudo: the member's card is assessed whoever caused the change (a salesperson
        # confirming an order cannot read the ranks' history)
        return self.sudo()._crm_loyalty_assess(
            defer=True, withdraw=(reversed_cards or self.browse()).sudo()
        )
