"""The shared vocabulary of the IDIC suite, in one place (as Odoo's ``rating_data``):
customer groups, relationship levels, value classes and statuses, interaction
channels and types (the segments, A to D by default, are records each company words
and bands itself). Every addon imports them from here:

    from odoo.addons.crm_idic.models.crm_idic_data import CUSTOMER_GROUPS

The words: the seeds' customer *segments* A to D (by value), *levels* 1 to 3 (by
relationship), loyalty *ranks* of members (crm_loyalty's ``crm.loyalty.tier`` model:
the code says tier, the screens say rank), dealer *tiers* (crm_dealer_tiers).
"""

from ..idic_core import scoring

CUSTOMER_GROUPS = [
    ("individual", "Individual"),
    ("dealer", "Dealer / distribution shop"),
    ("project", "Project customer"),
]
LEVELS = [("1", "1 - New or occasional"), ("2", "2 - Repeat buyer"), ("3", "3 - Loyal")]
VALUE_CLASSES = [
    (scoring.SUPER, "Super"),
    (scoring.LARGE, "Large"),
    (scoring.MEDIUM, "Medium"),
    (scoring.SMALL, "Small"),
    (scoring.INACTIVE, "Inactive"),
    (scoring.POTENTIAL, "Potential"),
]
STATUSES = [
    (scoring.LOYAL, "Loyal"),
    (scoring.FAST_GROWING, "Fast growing"),
    (scoring.NO_POTENTIAL, "No potential"),
    (scoring.NEEDS_ATTENTION, "Needs attention"),
    (scoring.STABLE, "Regular"),
]
CHANNELS = [
    ("visit", "Visit"),
    ("phone", "Phone"),
    ("email", "Email"),
    ("letter", "Letter"),
    ("conference", "Conference"),
    ("event", "Event"),
    ("web", "Web"),
]
INTERACTION_TYPES = [
    ("care_visit", "Care visit"),
    ("gift", "Gift"),
    ("complaint", "Complaint"),
    ("survey", "Survey"),
    ("invitation", "Invitation"),
    ("other", "Other"),
]
