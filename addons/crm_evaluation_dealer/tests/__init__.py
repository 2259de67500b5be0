from . import test_period_dealers
