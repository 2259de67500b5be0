from . import crm_idic_override_wizard
from . import crm_idic_conference_wizard
from . import base_partner_merge
from . import crm_idic_action_close_wizard
