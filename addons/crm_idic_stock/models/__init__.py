from . import stock_picking
from . import sale_order
from . import res_partner
