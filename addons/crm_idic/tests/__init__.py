from . import test_scoring
from . import test_identify
from . import test_interact
from . import test_security
from . import test_hooks
from . import test_tour
