from . import test_pos_points
from . import test_pos_security
from . import test_pos_tour
from . import test_pos_demo
