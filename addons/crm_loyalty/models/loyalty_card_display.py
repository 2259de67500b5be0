from odoo import api, models
from odoo.tools.misc import formatLang


class LoyaltyCard(models.Model):
    """How a member card reads: whole points with the reader's thousands separator
    ("3.150 Điểm" in Vietnamese, "3,150 Points" in English) on every screen and in
    every email, and an email of its own when the card is sent to the member."""

    _inherit = "loyalty.card"

    def _crm_loyalty_lang(self):
        """The language the member is told things in (history rows, messages): theirs,
        else their card's company's, else the current one (a job runs without a user's
        language)."""
        self.ensure_one()
        card = self.sudo()
        return card.partner_id.lang or card.company_id.partner_id.lang or self.env.lang

    def _crm_loyalty_number(self, value):
        """``value`` as a whole number in the reader's language (the context's)."""
        return formatLang(self.env, value or 0, digits=0)

    @api.depends("points", "point_name", "program_id.crm_loyalty_ranked")
    @api.depends_context("lang")
    def _compute_points_display(self):
        return super()._compute_points_display()

    def _format_points(self, points):
        if not self.program_id.crm_loyalty_ranked:
            return super()._format_points(points)
        return f"{self._crm_loyalty_number(points)} {self.point_name or ''}".strip()

    def _get_default_template(self):
        # Odoo's default is a coupon's ("your reward coupon"), which a new loyalty
        # program gets for its new cards; a member card sent by hand says what it is,
        # unless the program chose an email of its own
        template = super()._get_default_template()
        if not self.program_id.crm_loyalty_ranked:
            return template
        coupon = self.env.ref("loyalty.mail_template_loyalty_card", raise_if_not_found=False)
        if template and template != coupon:
            return template
        return self.env.ref("crm_loyalty.mail_template_member_card", raise_if_not_found=False)
