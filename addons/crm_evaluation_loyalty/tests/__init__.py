from . import test_period_loyalty
from . import test_tour
