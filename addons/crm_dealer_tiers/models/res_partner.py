"""Dealers: partners of customer group ``dealer`` with a tier and a place in the network."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# only the workflow (contract activation, review decision) writes these, through
# _dealer_set_tier after checking the user's rights; the merge and copy leave them out
# (crm.idic.system.fields.mixin)
SYSTEM_FIELDS = ("dealer_tier_id", "dealer_tier_since")


class ResPartner(models.Model):
    _inherit = "res.partner"

    dealer_tier_id = fields.Many2one(
        "crm.dealer.tier", string="Dealer tier", tracking=True, index="btree_not_null"
    )
    dealer_tier_since = fields.Date(string="Tier since")
    dealer_tier_rank = fields.Integer(related="dealer_tier_id.rank", string="Tier rank")
    dealer_parent_id = fields.Many2one(
        "res.partner",
        string="Parent dealer",
        index="btree_not_null",
        # the picker offers the dealers that may be this one's parent, each with its tier
        domain="[('dealer_can_be_parent', '=', True), ('id', '!=', id),"
        " ('dealer_tier_id.rank', '<', dealer_tier_rank or 1000000)]",
        context={"dealer_show_tier": True},
        help="The dealer this one buys through: a level-2 agent under a level-1 agent, "
        "a level-1 agent under a distributor.",
    )
    dealer_can_be_parent = fields.Boolean(
        string="May have sub-dealers",
        compute="_compute_dealer_can_be_parent",
        search="_search_dealer_can_be_parent",
        help="A dealer whose tier ranks above another tier of its company: dealers of the "
        "lower tiers may buy through it.",
    )
    dealer_child_ids = fields.One2many("res.partner", "dealer_parent_id", string="Sub-dealers")
    dealer_contract_ids = fields.One2many(
        "crm.dealer.contract", "partner_id", string="Dealer contracts"
    )
    dealer_history_ids = fields.One2many(
        "crm.dealer.tier.history", "partner_id", string="Tier history"
    )

    # ------------------------------------------------------------ guard

    @api.model
    def _idic_system_fields(self):
        return super()._idic_system_fields() | set(SYSTEM_FIELDS)

    def _idic_check_system_fields(self, names):
        # the dealer's tier gets its own words; the other system fields of the partner
        # keep crm_idic's
        if set(SYSTEM_FIELDS) & set(names) and not self._idic_is_system():
            raise AccessError(
                self.env._(
                    "A dealer's tier changes only through an activated contract or an "
                    "approved review; it cannot be written directly."
                )
            )
        return super()._idic_check_system_fields(names)

    # ------------------------------------------------------------ network

    @api.depends("dealer_tier_id")
    @api.depends_context("dealer_show_tier")
    def _compute_display_name(self):
        super()._compute_display_name()
        # the parent-dealer pickers ask for each dealer's tier next to its name
        if not self.env.context.get("dealer_show_tier"):
            return
        for partner in self.filtered("dealer_tier_id"):
            partner.display_name = f"{partner.display_name} ({partner.dealer_tier_id.name})"

    @api.model
    def _dealer_parent_tiers(self):
        """The tiers whose dealers may have sub-dealers: each tier ranking above another
        tier of the same company (or of the shared tiers)."""
        tiers = self.env["crm.dealer.tier"].search([])
        return tiers.filtered(
            lambda tier: any(
                other.company_id == tier.company_id and other.rank > tier.rank for other in tiers
            )
        )

    @api.depends("dealer_tier_id")
    def _compute_dealer_can_be_parent(self):
        parents = self._dealer_parent_tiers()
        for partner in self:
            partner.dealer_can_be_parent = partner.dealer_tier_id in parents

    def _search_dealer_can_be_parent(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._("Search the dealers that may have sub-dealers with True or False only.")
            )
        domain = [("dealer_tier_id", "in", self._dealer_parent_tiers().ids)]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.constrains("dealer_parent_id", "dealer_tier_id")
    def _check_dealer_parent(self):
        if self._has_cycle("dealer_parent_id"):
            raise ValidationError(
                self.env._("A dealer cannot be, directly or not, its own parent dealer.")
            )
        partners = self | self.dealer_child_ids
        for partner in partners.filtered("dealer_parent_id"):
            parent = partner.dealer_parent_id
            if partner.dealer_tier_id and not parent.dealer_tier_id:
                raise ValidationError(
                    self.env._(
                        "%(parent)s has no dealer tier, so it cannot be the parent of %(child)s.",
                        parent=parent.display_name,
                        child=partner.display_name,
                    )
                )
            if partner.dealer_tier_id and parent.dealer_tier_id.rank >= partner.dealer_tier_id.rank:
                raise ValidationError(
                    self.env._(
                        "A parent dealer must rank above its sub-dealer: %(parent)s "
                        "(%(parent_tier)s) does not rank above %(child)s (%(child_tier)s).",
                        parent=parent.display_name,
                        parent_tier=parent.dealer_tier_id.name,
                        child=partner.display_name,
                        child_tier=partner.dealer_tier_id.name,
                    )
                )

    def _dealer_set_tier(self, tier, source, date=None, contract=None):
        """Give ``self`` the tier ``tier`` and record the change; called by the workflow
        after it checked the user's rights."""
        date = date or fields.Date.context_today(self)
        history = []
        for partner in self:
            if partner.dealer_tier_id == tier:
                continue
            history.append(
                {
                    "partner_id": partner.id,
                    "company_id": (partner.company_id or self.env.company).id,
                    "date": date,
                    "old_tier_id": partner.dealer_tier_id.id,
                    "new_tier_id": tier.id,
                    "source": source,
                    "contract_id": contract.id if contract else False,
                    "user_id": self.env.uid,
                }
            )
            # sudo: a dealer manager need not be allowed to edit contacts
            partner.sudo()._idic_system().write(
                {"dealer_tier_id": tier.id, "dealer_tier_since": date}
            )
        if history:
            # sudo: the history is written by the workflow only (no one has create rights)
            self.env["crm.dealer.tier.history"].sudo().create(history)
