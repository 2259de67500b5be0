"""Pure rules of crm_evaluation: no Odoo import, plain data in and out.

``measures``: rates and ratios, retention, churn, repeat purchases, revenue per
    customer, achievement against a target, averages, percentiles, NPS.
``scorecard``: the staff scorecard's weighted score, ranking with ties, and the
    comparison with the service-quality standard.

The Odoo layer counts with set-based queries, calls these functions and writes the
results as snapshot lines. Tier 1 tests import this package directly.
"""

from .measures import RuleProblem

__all__ = ["RuleProblem"]
