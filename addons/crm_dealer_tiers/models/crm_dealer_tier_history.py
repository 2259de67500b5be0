from odoo import fields, models


class CrmDealerTierHistory(models.Model):
    _name = "crm.dealer.tier.history"
    _description = "Dealer tier change"
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Dealer", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one("res.company")
    date = fields.Date(required=True, default=fields.Date.context_today)
    old_tier_id = fields.Many2one("crm.dealer.tier", string="Previous tier", ondelete="set null")
    new_tier_id = fields.Many2one("crm.dealer.tier", string="New tier", ondelete="set null")
    source = fields.Selection(
        [("contract", "Contract activated"), ("review", "Periodic review")],
        required=True,
    )
    contract_id = fields.Many2one("crm.dealer.contract", ondelete="set null")
    user_id = fields.Many2one("res.users", string="Decided by", default=lambda self: self.env.user)
