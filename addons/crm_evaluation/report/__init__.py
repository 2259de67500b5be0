from . import crm_evaluation_report
from . import crm_evaluation_period_report
