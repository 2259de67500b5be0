from . import test_priority_supply
