from . import test_ticket
from . import test_attention
from . import test_security
from . import test_tour
