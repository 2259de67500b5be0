from . import loyalty_history
from . import loyalty_program
from . import pos_order
from . import pos_order_coupons
from . import res_partner
from . import pos_config
