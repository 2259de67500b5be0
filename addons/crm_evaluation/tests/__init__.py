from . import test_period
from . import test_survey_campaign
from . import test_weekly_report
