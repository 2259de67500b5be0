from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class LoyaltyCard(models.Model):
    """Merging customers merges their member cards: one customer, one card per program,
    whose balance is its history."""

    _inherit = "loyalty.card"

    def _crm_loyalty_fold(self, target):
        """Fold the cards of ``self`` into ``target`` (one card of the same ranked
        program) and delete them: every row that points at them (points history, rank
        history, redemptions, reward lines, messages) moves to ``target``, whose balance
        becomes the sum of the balances, whose rank is the highest of the ranks held
        (with its review date), then is assessed again on the history it now holds.
        A later refund of an order of a folded card finds the order's row on ``target``.
        """
        target.ensure_one()
        # sudo: the program's own ledger, after the caller checked the user may merge
        target = target.sudo()
        sources = self.sudo() - target
        if not sources:
            return target
        if sources.program_id != target.program_id or not target.crm_loyalty_ranked:
            raise UserError(self.env._("Only member cards of one loyalty program can be merged."))
        cards = sources | target
        best = cards.sorted(
            lambda c: (
                c.crm_loyalty_tier_id.threshold if c.crm_loyalty_tier_id else -1,
                c.crm_loyalty_tier_id.sequence,
                c.crm_loyalty_tier_since or target.create_date.date(),
            )
        )[-1]
        total = sum(cards.mapped("points"))
        note = self.env._(
            "Cards %(cards)s merged into this card by %(user)s: %(points)s points moved "
            "with their history; rank kept: %(rank)s.",
            cards=", ".join(f"{c.code} ({c.partner_id.display_name})" for c in sources),
            user=self.env.user.name,
            points=int(sum(sources.mapped("points"))),
            rank=best.crm_loyalty_tier_id.name or "-",
        )
        values = {
            "points": total,
            "crm_loyalty_tier_id": best.crm_loyalty_tier_id.id,
            "crm_loyalty_tier_since": best.crm_loyalty_tier_since,
            "crm_loyalty_review_date": best.crm_loyalty_review_date,
        }
        self.env.flush_all()
        # Odoo's own merge of foreign keys and references, for cards instead of partners
        Merge = self.env["base.partner.merge.automatic.wizard"]
        Merge._update_foreign_keys_generic("loyalty.card", sources, target)
        Merge._update_reference_fields_generic("loyalty.card", sources, target)
        for table in ("crm_loyalty_redemption", "crm_loyalty_tier_history"):
            self.env.cr.execute(
                SQL(
                    "UPDATE %s SET partner_id = %s WHERE card_id = %s",
                    SQL.identifier(table),
                    target.partner_id.id,
                    target.id,
                )
            )
        self.env.invalidate_all()
        sources._idic_system().unlink()
        target._idic_system().with_context(loyalty_no_mail=True, tracking_disable=True).write(
            values
        )
        target.message_post(body=note, subtype_xmlid="mail.mt_note")
        target._crm_loyalty_after_points()
        return target

    @api.model
    def _crm_loyalty_merge_partners(self, src_partners, dst_partner):
        """The member cards of customers merged into ``dst_partner`` (Odoo's merge
        wizard, crm_idic's review and merge): per ranked program, one card remains, the
        kept customer's, holding them all."""
        customer = dst_partner.commercial_partner_id
        # sudo: the merge wizard checked the user may merge; the cards are the program's
        Card = self.sudo().with_context(active_test=False)
        cards = Card.search(
            [
                ("crm_loyalty_ranked", "=", True),
                ("partner_id", "in", (src_partners | dst_partner | customer).ids),
            ],
            order="id",
        )
        for program in cards.program_id:
            mine = cards.filtered(lambda c, p=program: c.program_id == p)
            target = mine.filtered(lambda c: c.partner_id == customer)[:1] or mine[:1]
            target = (mine - target)._crm_loyalty_fold(target)
            if target.partner_id != customer:
                target._idic_system().partner_id = customer
