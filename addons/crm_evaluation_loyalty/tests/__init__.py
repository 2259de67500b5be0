from . import test_period_loyalty
