from . import crm_evaluation_period
from . import crm_evaluation_line
