from . import crm_dealer_rebate_report
