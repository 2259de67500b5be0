"""Pure rules of the IDIC method: no Odoo import, plain data in and out.

The Odoo layer of ``crm_idic`` gathers the numbers with set-based queries,
calls these functions and writes the results in batches. Tier 1 tests import
this package directly.
"""
