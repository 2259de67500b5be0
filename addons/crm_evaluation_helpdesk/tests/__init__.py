from . import test_period_tickets
