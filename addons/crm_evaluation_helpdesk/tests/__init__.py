from . import test_period_tickets
from . import test_tour
