from . import test_period_dealers
from . import test_one_revenue
from . import test_tour
