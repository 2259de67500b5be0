from . import crm_evaluation_period
from . import crm_evaluation_line
from . import crm_evaluation_survey_campaign
from . import crm_evaluation_survey_user_input
from . import crm_evaluation_survey_partner
from . import crm_evaluation_survey_period
from . import crm_evaluation_weekly_figures
from . import crm_evaluation_weekly_report
