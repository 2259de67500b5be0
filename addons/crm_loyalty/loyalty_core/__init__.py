"""Pure rules of crm_loyalty: no Odoo import, plain data in and out.

``points``: points an order earns (amount per point, rounding, rank multiplier).
``ranks``: qualification windows, rank thresholds and the upgrade/downgrade timing;
    the rank pricelist handed over on a rank change and who may claim a rank reward.
``expiry``: first-in first-out consumption of points and their expiry.

The Odoo layer gathers the numbers with set-based queries, calls these functions
and writes the results in batches. Tier 1 tests import this package directly.
"""
