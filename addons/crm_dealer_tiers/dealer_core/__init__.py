"""Pure rules of the dealer tiers: no Odoo import, tested on their own (tier 1)."""
