"""Interact and customize: when to visit a customer, when an anniversary gift is due,
and which pricelist follows a customer into a new segment."""

from __future__ import annotations

# segment_pricelist_change: leave the customer's pricelist as it is
NO_CHANGE = "no_change"


def visit_due(last_visit, today, interval_days):
    """Whether a care visit is due on ``today``.

    Due when the customer was never visited (``last_visit`` None or False) or
    when at least ``interval_days`` whole days have passed since the last
    visit: with an interval of 30 days, a customer visited on 1 June is due
    again on 1 July.
    """
    if not last_visit:
        return True
    return (today - last_visit).days >= interval_days


def gift_due(anniversary, today, lead_days, last_care_year):
    """Whether to schedule the anniversary gift now: once a year, ``lead_days`` ahead.

    ``anniversary`` is the customer's next anniversary (see
    ``identity.next_anniversary``). The gift is due when that day lies within
    ``[today, today + lead_days]`` and no gift was scheduled yet for its year:
    ``last_care_year`` is the year of the last one, 0 (or None) for never.
    """
    if (last_care_year or 0) >= anniversary.year:
        return False
    return 0 <= (anniversary - today).days <= lead_days


def segment_pricelist_change(old_pricelist, new_pricelist, current_pricelist):
    """The pricelist to give a customer whose segment changed, or NO_CHANGE.

    The arguments are pricelist ids (False or None for none): the pricelist of
    the old segment, of the new segment, and the one set on the customer.
    The new segment's pricelist replaces no pricelist or the old segment's.
    A new segment without a pricelist takes the old segment's back (returns
    False) only when the customer still has it. A pricelist chosen by hand
    (neither the old segment's nor none) always stays.
    """
    if new_pricelist:
        if not current_pricelist or current_pricelist == old_pricelist:
            return new_pricelist
        return NO_CHANGE
    if old_pricelist and current_pricelist == old_pricelist:
        return False
    return NO_CHANGE
