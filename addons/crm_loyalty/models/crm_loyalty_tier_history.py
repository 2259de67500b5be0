from collections import defaultdict

from odoo import fields, models

from ..loyalty_core import ranks as ranks_core


class CrmLoyaltyTierHistory(models.Model):
    _name = "crm.loyalty.tier.history"
    _description = "Loyalty Rank Change"
    _order = "date desc, id desc"

    card_id = fields.Many2one("loyalty.card", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one(related="card_id.partner_id", store=True, string="Member")
    program_id = fields.Many2one(related="card_id.program_id", store=True)
    company_id = fields.Many2one(related="card_id.company_id", store=True, index=True)
    date = fields.Date(required=True)
    old_tier_id = fields.Many2one("crm.loyalty.tier", string="Previous Rank", ondelete="set null")
    new_tier_id = fields.Many2one("crm.loyalty.tier", string="New Rank", ondelete="set null")
    change = fields.Selection([("up", "Up"), ("down", "Down")], required=True)
    qualifying_points = fields.Integer()

    def _crm_loyalty_announce(self):
        """Tell the member: a message on the card and the program's rank up/down emails."""
        for row in self:
            card = row.card_id
            if row.change == "up":
                body = self.env._(
                    "Rank up: %(old)s → %(new)s (%(points)s qualifying points).",
                    old=row.old_tier_id.name or "-",
                    new=row.new_tier_id.name or "-",
                    points=row.qualifying_points,
                )
            else:
                body = self.env._(
                    "Rank down at the review date: %(old)s → %(new)s "
                    "(%(points)s qualifying points).",
                    old=row.old_tier_id.name or "-",
                    new=row.new_tier_id.name or "-",
                    points=row.qualifying_points,
                )
            card.message_post(body=body, message_type="comment", subtype_xmlid="mail.mt_note")
            trigger = "rank_up" if row.change == "up" else "rank_down"
            plans = card.program_id.communication_plan_ids.filtered(
                lambda m, t=trigger: m.trigger == t and m.active
            )
            if card.partner_id.email:
                for plan in plans:
                    plan.mail_template_id.send_mail(
                        card.id, email_layout_xmlid="mail.mail_notification_light"
                    )

    def _crm_loyalty_apply_pricelists(self):
        """Give members whose rank changed the new rank's pricelist, as crm_idic does for
        segments: only over no pricelist or the previous rank's, never over one chosen
        by hand (the pricelist is per company: set in the card's company)."""
        changes = defaultdict(list)
        for row in self.sudo():
            partner = row.card_id.partner_id
            if not partner:
                continue
            company = row.card_id.company_id or self.env.company
            current = partner.with_company(company).specific_property_product_pricelist
            pricelist = ranks_core.pricelist_change(
                row.old_tier_id.pricelist_id.id,
                row.new_tier_id.pricelist_id.id,
                current.id,
            )
            if pricelist is not ranks_core.NO_CHANGE:
                changes[company, pricelist].append(partner.id)
        for (company, pricelist), ids in changes.items():
            self.env["res.partner"].sudo().with_company(company).browse(ids).with_context(
                tracking_disable=True
            ).write({"specific_property_product_pricelist": pricelist})

    def _crm_loyalty_log_interactions(self):
        """Each rank change becomes a contact in crm_idic's interaction log (one create)."""
        rows = []
        for row in self.sudo():
            partner = row.card_id.partner_id
            if not partner:
                continue
            if row.change == "up":
                summary = self.env._(
                    "Loyalty rank up: %(old)s → %(new)s",
                    old=row.old_tier_id.name or "-",
                    new=row.new_tier_id.name or "-",
                )
            else:
                summary = self.env._(
                    "Loyalty rank down: %(old)s → %(new)s",
                    old=row.old_tier_id.name or "-",
                    new=row.new_tier_id.name or "-",
                )
            company = partner.company_id or row.card_id.company_id or self.env.company
            rows.append((partner, company, partner._idic_activity_user(), "other", summary, row))
        return self.env["crm.idic.interaction"]._crm_loyalty_log(rows)
