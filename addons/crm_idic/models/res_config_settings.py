from odoo import api, fields, models

CRONS = {
    "idic_cron_recompute": "crm_idic.ir_cron_idic_recompute",
    "idic_cron_care": "crm_idic.ir_cron_idic_care_calendar",
    "idic_cron_visits": "crm_idic.ir_cron_idic_visit_schedule",
}


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    idic_weight_current = fields.Float(related="company_id.idic_weight_current", readonly=False)
    idic_weight_potential = fields.Float(related="company_id.idic_weight_potential", readonly=False)
    idic_weight_loyalty = fields.Float(related="company_id.idic_weight_loyalty", readonly=False)
    idic_super_threshold = fields.Monetary(
        related="company_id.idic_super_threshold", readonly=False
    )
    idic_large_threshold = fields.Monetary(
        related="company_id.idic_large_threshold", readonly=False
    )
    idic_medium_threshold = fields.Monetary(
        related="company_id.idic_medium_threshold", readonly=False
    )
    idic_lapse_days = fields.Integer(related="company_id.idic_lapse_days", readonly=False)
    idic_repeat_min_orders = fields.Integer(
        related="company_id.idic_repeat_min_orders", readonly=False
    )
    idic_loyal_min_orders = fields.Integer(
        related="company_id.idic_loyal_min_orders", readonly=False
    )
    idic_loyal_min_tenure_days = fields.Integer(
        related="company_id.idic_loyal_min_tenure_days", readonly=False
    )
    idic_growth_pct = fields.Float(related="company_id.idic_growth_pct", readonly=False)
    idic_decline_pct = fields.Float(related="company_id.idic_decline_pct", readonly=False)
    idic_care_lead_days = fields.Integer(related="company_id.idic_care_lead_days", readonly=False)
    idic_care_user_id = fields.Many2one(related="company_id.idic_care_user_id", readonly=False)
    idic_action_escalation_days = fields.Integer(
        related="company_id.idic_action_escalation_days", readonly=False
    )
    idic_cron_recompute = fields.Boolean(
        string="Nightly score recompute",
        compute="_compute_idic_crons",
        inverse="_inverse_idic_crons",
    )
    idic_cron_care = fields.Boolean(
        string="Anniversary care calendar",
        compute="_compute_idic_crons",
        inverse="_inverse_idic_crons",
    )
    idic_cron_visits = fields.Boolean(
        string="Visit scheduling", compute="_compute_idic_crons", inverse="_inverse_idic_crons"
    )

    def _idic_cron(self, field_name):
        # scheduled actions are technical records that settings users may not read
        cron = self.env.ref(CRONS[field_name], raise_if_not_found=False)
        return (cron or self.env["ir.cron"]).sudo()

    @api.depends("company_id")
    def _compute_idic_crons(self):
        for settings in self:
            for field_name in CRONS:
                settings[field_name] = bool(settings._idic_cron(field_name).active)

    def _inverse_idic_crons(self):
        for settings in self:
            for field_name in CRONS:
                cron = settings._idic_cron(field_name)
                if cron and cron.active != settings[field_name]:
                    cron.active = settings[field_name]
