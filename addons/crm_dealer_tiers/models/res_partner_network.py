"""Dealer sales over the last 12 months, rolled up the network, and the yearly rebate."""

from dateutil.relativedelta import relativedelta

from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    dealer_sales_12m = fields.Monetary(
        string="Sales, last 12 months",
        compute="_compute_dealer_sales",
        currency_field="dealer_currency_id",
        compute_sudo=True,
        help="Untaxed amount of the dealer's confirmed sale orders of the last 12 months.",
    )
    dealer_network_sales_12m = fields.Monetary(
        string="Network sales, last 12 months",
        compute="_compute_dealer_sales",
        currency_field="dealer_currency_id",
        compute_sudo=True,
        help="The dealer's sales plus those of every dealer under it.",
    )
    dealer_rebate_amount = fields.Monetary(
        string="Yearly sales rebate",
        compute="_compute_dealer_sales",
        currency_field="dealer_currency_id",
        compute_sudo=True,
        help="The tier's sales-rebate percentage of the last 12 months' sales.",
    )
    dealer_currency_id = fields.Many2one(
        "res.currency", compute="_compute_dealer_sales", compute_sudo=True
    )

    def _compute_dealer_sales(self):
        today = fields.Date.context_today(self)
        since = today - relativedelta(years=1)
        # the whole network below the partners, found level by level (a few queries)
        network = self
        level = self
        while level:
            level = self.search([("dealer_parent_id", "in", level.ids)]) - network
            network |= level
        sales = dict(
            self.env["sale.order"]._read_group(
                [
                    ("state", "=", "sale"),
                    ("date_order", ">=", since),
                    ("partner_id.commercial_partner_id", "in", network.ids),
                ],
                ["partner_id"],
                ["amount_untaxed:sum"],
            )
        )
        own = {}
        for partner, amount in sales.items():
            key = partner.commercial_partner_id.id
            own[key] = own.get(key, 0.0) + amount

        def rolled(partner, seen):
            if partner.id in seen:
                return 0.0
            seen.add(partner.id)
            return own.get(partner.id, 0.0) + sum(
                rolled(child, seen) for child in partner.dealer_child_ids
            )

        for partner in self:
            partner.dealer_currency_id = (partner.company_id or self.env.company).currency_id
            partner.dealer_sales_12m = own.get(partner.id, 0.0)
            partner.dealer_network_sales_12m = rolled(partner, set())
            partner.dealer_rebate_amount = (
                partner.dealer_sales_12m * partner.dealer_tier_id.rebate_pct / 100.0
            )
