from . import test_period
from . import test_report_common
from . import test_report
from . import test_report_pdf
