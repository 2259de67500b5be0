from odoo import fields, models


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
