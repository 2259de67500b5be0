from odoo import fields, models

from ..models.res_partner import MERGE_KEY, MERGE_TOKEN


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _update_values(self, src_partners, dst_partner):
        # the merge copies every stored field of the merged partners; the IDIC scores,
        # flags and overrides are the system's own and are not copied (see res.partner.write)
        return super()._update_values(
            src_partners, dst_partner.with_context(**{MERGE_KEY: MERGE_TOKEN})
        )

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        result = super()._merge(partner_ids, dst_partner=dst_partner, extra_checks=extra_checks)
        Partner = self.env["res.partner"].sudo()  # see below
        survivor = Partner.browse(partner_ids).exists().commercial_partner_id
        # the surviving customer now has the orders of both: rate it again; scores are
        # system data, written after Odoo checked the user may merge
        Partner.search(
            [("id", "in", survivor.ids), *Partner._idic_customer_domain()]
        )._idic_recompute(fields.Date.context_today(self), source="manual")
        return result
