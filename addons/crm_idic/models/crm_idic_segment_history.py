from odoo import fields, models
from odoo.tools import SQL

from .crm_idic_data import LEVELS


def _null(value):
    """Odoo's empty values (False, "") as SQL NULL; zero stays zero."""
    return None if value is False or value is None or value == "" else value


class CrmIdicSegmentHistory(models.Model):
    _name = "crm.idic.segment.history"
    _description = "Segment and Level Change"
    _order = "date desc, id desc"
    # an append-only log: date and user_id say when and by whom, no audit columns needed
    _log_access = False

    # the row outlives its partner (set null), with the partner's name kept in partner_name
    partner_id = fields.Many2one("res.partner", ondelete="set null", index=True)
    partner_name = fields.Char(string="Customer name")
    company_id = fields.Many2one("res.company", required=True, ondelete="cascade")
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
    direction = fields.Selection(
        [
            ("up", "Moved up"),
            ("down", "Moved down"),
            ("new", "First segment"),
            ("same", "Same segment and level"),
        ],
        help="Up or down by segment; within the same segment, by relationship level.",
    )
    user_id = fields.Many2one("res.users", string="By", default=lambda self: self.env.user)
    reason = fields.Text()

    # columns written by _idic_log, with their PostgreSQL array types
    _LOG_COLUMNS = {
        "partner_id": "int4",
        "partner_name": "varchar",
        "company_id": "int4",
        "old_segment_id": "int4",
        "new_segment_id": "int4",
        "old_level": "varchar",
        "new_level": "varchar",
        "current_value_score": "float8",
        "potential_value_score": "float8",
        "loyalty_score": "float8",
        "total_score": "float8",
        "source": "varchar",
        "direction": "varchar",
        "reason": "text",
    }

    def _idic_log(self, rows):
        """Append change rows (dicts of _LOG_COLUMNS) to the log in one statement.

        The log is written by the system only (users read it): scoring many
        customers appends thousands of rows at once, so they are inserted in
        bulk instead of record by record. Empty values are stored as NULL.
        """
        if not rows:
            return
        columns = list(self._LOG_COLUMNS)
        arrays = [
            SQL("%s::%s[]", [_null(row.get(c)) for row in rows], SQL(self._LOG_COLUMNS[c]))
            for c in columns
        ]
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO crm_idic_segment_history (%(columns)s, date, user_id)
                SELECT *, %(now)s, %(uid)s FROM unnest(%(arrays)s)
                """,
                columns=SQL(", ").join(SQL.identifier(c) for c in columns),
                arrays=SQL(", ").join(arrays),
                now=self.env.cr.now(),
                uid=self.env.uid,
            )
        )
        self.invalidate_model()
        self.env["res.partner"].browse({row["partner_id"] for row in rows}).invalidate_recordset(
            ["idic_history_ids"]
        )
