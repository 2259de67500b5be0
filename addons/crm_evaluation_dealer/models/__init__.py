from . import crm_evaluation_line
from . import crm_evaluation_period
