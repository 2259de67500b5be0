from collections import defaultdict
from dataclasses import replace

from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    crm_loyalty_card_id = fields.Many2one(
        "loyalty.card", string="Member Card", compute="_compute_crm_loyalty"
    )
    crm_loyalty_tier_id = fields.Many2one(
        "crm.loyalty.tier", string="Member Rank", compute="_compute_crm_loyalty"
    )
    crm_loyalty_tier_color = fields.Integer(compute="_compute_crm_loyalty")
    crm_loyalty_points = fields.Float(string="Loyalty Points", compute="_compute_crm_loyalty")
    crm_loyalty_qualifying_points = fields.Integer(
        string="Qualifying Points", compute="_compute_crm_loyalty"
    )
    crm_loyalty_next_tier_id = fields.Many2one(
        "crm.loyalty.tier", string="Next Loyalty Rank", compute="_compute_crm_loyalty"
    )
    crm_loyalty_points_to_next = fields.Integer(
        string="Points to Next Loyalty Rank", compute="_compute_crm_loyalty"
    )

    def _crm_loyalty_cards(self):
        """{partner id: cards of active ranked programs} in one search (as superuser: the
        rank is shown to whoever sees the partner; the card itself keeps its own rules)."""
        cards = defaultdict(lambda: self.env["loyalty.card"])
        if not self.ids:
            return cards
        found = (
            self.env["loyalty.card"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.ids),
                    ("program_id.crm_loyalty_ranked", "=", True),
                    ("program_id.active", "=", True),
                    ("company_id", "in", [*self.env.companies.ids, False]),
                ],
                order="crm_loyalty_qualifying_points desc, id",
            )
        )
        for card in found:
            cards[card.partner_id.id] |= card
        return cards

    @api.depends_context("company", "allowed_company_ids")
    def _compute_crm_loyalty(self):
        # the card is the customer's: a contact shows its company's
        cards = self.commercial_partner_id._crm_loyalty_cards()
        for partner in self:
            card = cards.get(partner.commercial_partner_id.id, self.env["loyalty.card"])
            card = card.filtered(lambda c: c.company_id == self.env.company)[:1] or card[:1]
            partner.crm_loyalty_card_id = card.sudo(False)
            partner.crm_loyalty_tier_id = card.crm_loyalty_tier_id.sudo(False)
            partner.crm_loyalty_tier_color = card.crm_loyalty_tier_id.color
            partner.crm_loyalty_points = card.points
            partner.crm_loyalty_qualifying_points = card.crm_loyalty_qualifying_points
            partner.crm_loyalty_next_tier_id = card.crm_loyalty_next_tier_id.sudo(False)
            partner.crm_loyalty_points_to_next = card.crm_loyalty_points_to_next

    def action_view_loyalty_cards(self):
        action = super().action_view_loyalty_cards()
        # Odoo's list is named "Coupons" whatever the cards; a member's are member cards
        # (with the coupons and gift cards they hold, if any)
        if any(self.mapped("crm_loyalty_card_id")):
            action["name"] = action["display_name"] = self.env._("Member Cards")
        return action

    def _idic_score_inputs(self, today):
        """crm_idic hook: the member's rank adds its bonus to the loyalty score, for the
        programs of the scoring company that feed the IDIC scoring (one search)."""
        inputs = super()._idic_score_inputs(today)
        cards = (
            self.env["loyalty.card"]
            .sudo()
            .search(
                [
                    ("partner_id.commercial_partner_id", "in", list(inputs)),
                    ("program_id.crm_loyalty_ranked", "=", True),
                    ("program_id.crm_loyalty_idic_bonus", "=", True),
                    ("program_id.active", "=", True),
                    ("company_id", "in", [self.env.company.id, False]),
                    ("crm_loyalty_tier_id.idic_score_bonus", ">", 0),
                ]
            )
        )
        bonus = defaultdict(float)
        for card in cards:
            partner_id = card.partner_id.commercial_partner_id.id
            bonus[partner_id] = max(bonus[partner_id], card.crm_loyalty_tier_id.idic_score_bonus)
        for partner_id, value in bonus.items():
            if partner_id in inputs:
                inputs[partner_id] = replace(
                    inputs[partner_id], loyalty_bonus=inputs[partner_id].loyalty_bonus + value
                )
        return inputs
