from odoo import models


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _update_foreign_keys(self, src_partners, dst_partner):
        # one member card per customer and program: the merged customers' cards fold
        # into the kept one's first (Odoo would otherwise repoint them, or delete the
        # card its unique index refuses to repoint, with its history)
        self.env["loyalty.card"]._crm_loyalty_merge_partners(src_partners, dst_partner)
        return super()._update_foreign_keys(src_partners, dst_partner)
