from . import test_application
from . import test_contract
from . import test_compliance
from . import test_demo
from . import test_network
from . import test_review
from . import test_tour
from . import test_brand_mix_rebate
