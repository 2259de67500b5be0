from . import crm_idic_complaint_type
from . import crm_idic_segment
from . import crm_idic_interaction
from . import helpdesk_ticket
from . import helpdesk_ticket_display
from . import res_partner
from . import crm_idic_action
