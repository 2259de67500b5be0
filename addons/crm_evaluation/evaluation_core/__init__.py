"""Pure rules of crm_evaluation: no Odoo import, plain data in and out.

``measures``: rates and ratios, retention, churn, repeat purchases, revenue per
    customer, achievement against a target, averages, percentiles, NPS.
``scorecard``: the staff scorecard's weighted score, ranking with ties, and the
    comparison with the service-quality standard; each weight's share of the score.
``chart_numbers``: short numbers on the printed charts in the reader's language
    (1,3 tỷ ₫ / 1.3B ₫), and segments in order, A to D.

The Odoo layer counts with set-based queries, calls these functions and writes the
results as snapshot lines. Tier 1 tests import this package directly.
"""

from .measures import RuleProblem

__all__ = ["RuleProblem"]
