from collections import Counter

from odoo import api, fields, models

from ..models.res_partner import MERGE_KEY, MERGE_TOKEN


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    idic_survivor_note = fields.Char(string="Who is kept", compute="_compute_idic_survivor_note")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        # "Review and merge" on a customer keeps the customer the user came from
        keep = self.env.context.get("idic_merge_keep")
        if "dst_partner_id" in fields_list and keep in (self.env.context.get("active_ids") or []):
            values["dst_partner_id"] = keep
        return values

    def _get_ordered_partner(self, partner_ids):
        """The partner with the most confirmed orders last (it is kept), then Odoo's order."""
        ordered = super()._get_ordered_partner(partner_ids)
        counts = Counter()
        # only counts leave this query; the merge needs every order of every partner
        for partner, count in (
            self.env["sale.order"]
            .sudo()
            ._read_group(
                [("partner_id", "child_of", ordered.ids), ("state", "=", "sale")],
                ["partner_id"],
                ["__count"],
            )
        ):
            counts[partner.commercial_partner_id.id] += count
        rank = {partner.id: index for index, partner in enumerate(ordered)}
        return ordered.sorted(key=lambda p: (counts[p.id], -rank[p.id]))

    @api.depends("dst_partner_id", "partner_ids")
    def _compute_idic_survivor_note(self):
        for wizard in self:
            # in the dialog the lines are new records: compare what they stand for
            kept = wizard.dst_partner_id._origin
            others = wizard.partner_ids.filtered(lambda p, kept=kept: p._origin != kept)
            wizard.idic_survivor_note = (
                self.env._(
                    "%(kept)s is kept. %(merged)s will be merged into it and deleted.",
                    kept=wizard.dst_partner_id.display_name,
                    merged=", ".join(others.mapped("display_name")),
                )
                if wizard.dst_partner_id and others
                else False
            )

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
