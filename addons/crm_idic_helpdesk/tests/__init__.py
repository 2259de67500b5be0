from . import test_ticket
from . import test_attention
from . import test_security
from . import test_portal_close
from . import test_demo
from . import test_tour
from . import test_action_board
