from odoo import fields, models

LEVELS = [("1", "1 - New or occasional"), ("2", "2 - Repeat buyer"), ("3", "3 - Loyal")]


class CrmIdicSegmentHistory(models.Model):
    _name = "crm.idic.segment.history"
    _description = "Segment and Level Change"
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one("res.company", required=True, index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    old_segment_id = fields.Many2one("crm.idic.segment", string="From segment", ondelete="set null")
    new_segment_id = fields.Many2one("crm.idic.segment", string="To segment", ondelete="set null")
    old_level = fields.Selection(LEVELS, string="From level")
    new_level = fields.Selection(LEVELS, string="To level")
    current_value_score = fields.Float()
    potential_value_score = fields.Float()
    loyalty_score = fields.Float()
    total_score = fields.Float()
    source = fields.Selection(
        [
            ("cron", "Scheduled recompute"),
            ("manual", "Recompute by a user"),
            ("override", "Manual override"),
            ("override_cleared", "Override cleared"),
        ],
        required=True,
    )
    user_id = fields.Many2one("res.users", string="By", default=lambda self: self.env.user)
    reason = fields.Text()
