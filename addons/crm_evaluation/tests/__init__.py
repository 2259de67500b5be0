from . import test_period
from . import test_sales_measures
from . import test_targets_scorecards
from . import test_access
from . import test_tour
from . import test_survey_campaign
from . import test_weekly_report
