from . import test_priority_supply
from . import test_demo
from . import test_tour
