"""Birthday and founding-day gifts: once a year, on or after the anniversary."""

from __future__ import annotations

from odoo.addons.crm_idic.idic_core.identity import anniversary_in_year

__all__ = ["anniversary_in_year", "gift_due"]


def gift_due(day, today, last_gift_year):
    """Whether the yearly gift for ``day`` (a birthday or founding date) is due on ``today``.

    Due from the anniversary of this year on (a job that missed a day still gives
    it), once a year: ``last_gift_year`` is the year of the last gift (0 or None for
    never). Never for a ``day`` in the future.
    """
    if not day or day > today:
        return False
    if (last_gift_year or 0) >= today.year:
        return False
    return anniversary_in_year(day, today.year) <= today
