"""The signals of the action board: which are on, their windows and thresholds.

A signal is a record of ``crm.idic.action.signal`` (data of the addon that brings it)
with a ``code``, and methods of that code on ``crm.idic.action`` (see
``crm_idic_action_refresh``): ``_idic_signal_<code>`` finds its actions,
``_idic_reason_<code>`` says why in plain words, ``_idic_do_<code>`` does it.
The company switches signals on and off and sets their windows here.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmIdicActionSignal(models.Model):
    _name = "crm.idic.action.signal"
    _description = "Action Board Signal"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        readonly=True,
        help="Technical name: the methods of the action board that find and explain it.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True, help="What the signal finds.")
    window_days = fields.Integer(
        string="Window (days)",
        default=0,
        help="How many days ahead an action shows on the board before it is due.",
    )
    threshold = fields.Float(
        help="A limit of the signal's own, explained under Threshold meaning.",
    )
    threshold_help = fields.Char(string="Threshold meaning", translate=True, readonly=True)
    segment_codes = fields.Char(
        string="Segments",
        help="Segment codes the signal looks at, separated by commas (A,B). Empty: all.",
    )
    color = fields.Integer()
    action_count = fields.Integer(string="Open actions", compute="_compute_action_count")

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "A signal code is used once."),
    ]

    @api.constrains("window_days", "threshold")
    def _check_limits(self):
        for signal in self:
            if signal.window_days < 0 or signal.window_days > 366:
                raise ValidationError(
                    self.env._(
                        "The window of the signal %(signal)s must be between 0 and 366 days.",
                        signal=signal.name,
                    )
                )
            if signal.threshold < 0:
                raise ValidationError(
                    self.env._(
                        "The threshold of the signal %(signal)s cannot be negative.",
                        signal=signal.name,
                    )
                )

    def _compute_action_count(self):
        counts = dict(
            self.env["crm.idic.action"]._read_group(
                [("signal_id", "in", self.ids), ("state", "=", "open")],
                ["signal_id"],
                ["__count"],
            )
        )
        for signal in self:
            signal.action_count = counts.get(signal, 0)

    def _idic_segment_codes(self):
        """The segment codes the signal is limited to (a list, empty: all)."""
        self.ensure_one()
        return [code.strip() for code in (self.segment_codes or "").split(",") if code.strip()]
