from . import loyalty_card_update_balance
from . import base_partner_merge
