"""The action board: one line per thing to do today for a customer, with why and what
is at stake, and one button that does it. A line without a customer is about the
salesperson's own work (a weekly report due, a target behind pace).

The lines are written by the system only (``crm_idic_action_refresh``: a nightly job
and a refresh of one customer when something about it changes). People act on them
through the buttons: do it, done (leaves an interaction), snooze until a date or
dismiss (each with a reason, left as a note on the customer). Users may read the lines
of their customers (record rules); nobody writes them through the ORM.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .crm_idic_data import LEVELS

STATES = [
    ("open", "To do"),
    ("snoozed", "Snoozed"),
    ("done", "Done"),
    ("dismissed", "Dismissed"),
]
URGENCIES = [
    ("overdue", "Overdue"),
    ("today", "Due today"),
    ("soon", "Coming up"),
]
IDIC_USER = "crm_idic.group_idic_user"
IDIC_MANAGER = "crm_idic.group_idic_manager"


class CrmIdicAction(models.Model):
    _name = "crm.idic.action"
    _description = "Customer Action"
    # what matters to the company first: segment A before D, overdue before due, value
    _order = "segment_priority, date_due, score desc, id"
    _rec_name = "partner_id"

    signal_id = fields.Many2one(
        "crm.idic.action.signal",
        string="Reason",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    signal_code = fields.Char(related="signal_id.code")
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, ondelete="cascade", index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True, index=True)
    team_id = fields.Many2one("crm.team", string="Sales team", readonly=True, index=True)
    key = fields.Char(
        readonly=True,
        help="Which occurrence of the reason this is (the last visit, the year of an "
        "anniversary...): a done or dismissed occurrence does not come back.",
    )
    name = fields.Char(string="Why", compute="_compute_name")
    params = fields.Json(readonly=True)
    date_due = fields.Date(string="Due", required=True, readonly=True)
    urgency = fields.Selection(URGENCIES, readonly=True)
    overdue_days = fields.Integer(string="Days overdue", compute="_compute_overdue_days")
    escalated = fields.Boolean(
        readonly=True,
        help="Open past the company's escalation delay: it shows on the manager's board.",
    )
    state = fields.Selection(STATES, default="open", required=True, readonly=True, index=True)
    segment_id = fields.Many2one("crm.idic.segment", readonly=True)
    segment_priority = fields.Integer(readonly=True, aggregator=None)
    relationship_level = fields.Selection(LEVELS, string="Level", readonly=True)
    score = fields.Float(string="Total score", readonly=True, aggregator="avg")
    revenue = fields.Monetary(
        string="Revenue (12 months)",
        compute="_compute_revenue",
        currency_field="currency_id",
        help="Untaxed confirmed sales of the last 12 months net of credit notes, as on the "
        "customer's IDIC tab.",
    )
    res_model = fields.Char(string="Document model", readonly=True)
    res_id = fields.Many2oneReference(string="Document", model_field="res_model", readonly=True)
    snooze_until = fields.Date(readonly=True)
    close_reason = fields.Text(string="Reason given", readonly=True)
    closed_by_id = fields.Many2one("res.users", string="Closed by", readonly=True)
    closed_date = fields.Datetime(string="Closed on", readonly=True)
    interaction_id = fields.Many2one("crm.idic.interaction", readonly=True, ondelete="set null")

    def init(self):
        # an action occurs once per customer (or salesperson's line), reason and
        # occurrence; the refresh's upsert names this index in its ON CONFLICT
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS crm_idic_action_occurrence_index
                ON crm_idic_action (signal_id, COALESCE(partner_id, 0), company_id, key)
            """
        )
        # the board of one salesperson: their open lines in the board's order
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS crm_idic_action_board_index
                ON crm_idic_action (user_id, segment_priority, date_due)
             WHERE state IN ('open', 'snoozed')
            """
        )

    # ------------------------------------------------------------ display

    @api.depends("signal_id", "params", "partner_id")
    def _compute_name(self):
        for action in self:
            method = getattr(action, f"_idic_reason_{action.signal_code}", None)
            who = action.partner_id.name or action.user_id.name or ""
            params = dict(action.params or {}, customer=who)
            action.name = method(params) if method else action.signal_id.name

    @api.depends("partner_id", "signal_id", "user_id")
    def _compute_display_name(self):
        for action in self:
            action.display_name = action.partner_id.display_name or " · ".join(
                name for name in (action.signal_id.name, action.user_id.name) if name
            )

    @api.depends("date_due")
    def _compute_overdue_days(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.overdue_days = max((today - action.date_due).days, 0) if action.date_due else 0

    @api.depends("partner_id", "company_id")
    def _compute_revenue(self):
        """The customer's 12-month revenue, by the definition of the IDIC tab (one query
        per company for the lines shown)."""
        today = fields.Date.context_today(self)
        Partner = self.env["res.partner"].sudo()  # figures of the customers shown, not rows
        for company in self.company_id:
            lines = self.filtered(lambda a, c=company: a.company_id == c)
            stats = Partner.with_company(company).browse(lines.partner_id.ids)
            stats = stats._idic_order_stats(today)
            for action in lines:
                row = stats.get(action.partner_id.id)
                action.revenue = row[3] if row else 0.0
        (self - self.filtered("company_id")).revenue = 0.0

    # ------------------------------------------------------------ who may act

    def _idic_check_actor(self):
        """Refuse unless the current user may act on every line of ``self``: an IDIC
        user acting on their own customers' lines, the leader of the line's sales team,
        or an IDIC manager; the lines must be readable to them (company, record rules)."""
        user = self.env.user
        if not user.has_group(IDIC_USER):
            raise AccessError(self.env._("Only IDIC users can act on the action board."))
        self.check_access("read")
        if user.has_group(IDIC_MANAGER):
            return
        foreign = self.filtered(lambda a: a.user_id != user and a.team_id.user_id != user)
        if foreign:
            raise AccessError(
                self.env._(
                    "You can only act on the actions of your own customers: %s.",
                    ", ".join(foreign.mapped("display_name")),
                )
            )

    def _idic_check_open(self):
        closed = self.filtered(lambda a: a.state not in ("open", "snoozed"))
        if closed:
            raise UserError(
                self.env._(
                    "These actions are already closed: %s.",
                    ", ".join(closed.mapped("name")),
                )
            )

    # ------------------------------------------------------------ buttons

    def action_do(self):
        """The one button: open what does this action (an interaction to log, the
        customer's profile, the merge wizard...)."""
        self.ensure_one()
        self._idic_check_actor()
        self._idic_check_open()
        method = getattr(self, f"_idic_do_{self.signal_code}", None)
        if method:
            return method()
        return self._idic_open_document() if self.res_model else self._idic_do_interaction()

    def _idic_do_interaction(self, channel="phone", interaction_type="other"):
        """An interaction form for this action's customer; saving it closes the action."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log the interaction"),
            "res_model": "crm.idic.interaction",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_partner_id": self.partner_id.id,
                "default_channel": channel,
                "default_interaction_type": interaction_type,
                "default_summary": self.name,
                "default_action_id": self.id,
            },
        }

    def _idic_open_document(self):
        """The document the action is about (a ticket, a contract...), opened with the
        user's own rights."""
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def _idic_do_profile(self):
        """The customer's form, to complete or correct it."""
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def action_open_partner(self):
        self.ensure_one()
        self._idic_check_actor()
        if not self.partner_id:
            raise UserError(self.env._("This action is about your own work, not a customer."))
        return self._idic_do_profile()

    def _idic_close_wizard(self, mode):
        self._idic_check_actor()
        self._idic_check_open()
        if mode == "schedule" and self.filtered(lambda a: not a.partner_id):
            raise UserError(self.env._("Only an action about a customer can be scheduled."))
        titles = {
            "done": self.env._("Mark as done"),
            "snooze": self.env._("Snooze"),
            "dismiss": self.env._("Dismiss"),
            "schedule": self.env._("Schedule"),
        }
        return {
            "type": "ir.actions.act_window",
            "name": titles[mode],
            "res_model": "crm.idic.action.close.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_action_ids": self.ids, "default_mode": mode},
        }

    def action_mark_done(self):
        return self._idic_close_wizard("done")

    def action_snooze(self):
        return self._idic_close_wizard("snooze")

    def action_dismiss(self):
        return self._idic_close_wizard("dismiss")

    def action_schedule(self):
        """Plan the action for a day: an activity on the customer for that day, and the
        line waits until then."""
        return self._idic_close_wizard("schedule")

    # ------------------------------------------------------------ closing (the system)

    def _idic_close(self, state, reason=False, interaction=False, snooze_until=False, note=True):
        """Close (or snooze) ``self`` as the current user, after the checks of the caller.

        Every close leaves a trace: ``done`` an interaction, ``snoozed`` and
        ``dismissed`` a note with the reason on the customer (on the document of a line
        about the salesperson's own work, when it has a chatter; the line keeps the
        reason in any case). ``note`` False: the caller's document is the trace.
        """
        vals = {
            "state": state,
            "close_reason": reason or False,
            "closed_by_id": self.env.uid,
            "closed_date": fields.Datetime.now(),
            "snooze_until": snooze_until or False,
            "escalated": False,
        }
        if interaction:
            vals["interaction_id"] = interaction.id
        for action in self:
            if not note or (state == "done" and (interaction or action.partner_id)):
                continue  # the interaction, or the document that closed it, is the trace
            if state == "snoozed":
                body = self.env._(
                    "Snoozed until %(date)s: %(why)s. Reason: %(reason)s",
                    date=fields.Date.to_string(snooze_until),
                    why=action.name,
                    reason=reason,
                )
            elif state == "done":
                body = self.env._("Done: %(why)s. %(reason)s", why=action.name, reason=reason or "")
            else:
                body = self.env._(
                    "Dismissed: %(why)s. Reason: %(reason)s", why=action.name, reason=reason
                )
            target = action._idic_note_target()
            if target is not None:
                target.message_post(body=body, subtype_xmlid="mail.mt_note")
        # the lines are the system's: the user's rights were checked by the caller
        self.sudo().write(vals)

    def _idic_note_target(self):
        """Where a note about this line goes: its customer, else its document when that
        has a chatter (nothing otherwise: the line keeps the reason)."""
        self.ensure_one()
        if self.partner_id:
            return self.partner_id
        if self.res_model in self.env and self.res_id:
            document = self.env[self.res_model].browse(self.res_id).exists()
            if document and isinstance(document, self.pool["mail.thread"]):
                # the note is the board's trace of a line the user may act on (checked by
                # the caller), on a document of that line, written in the user's name
                return document.sudo()
        return None

    @api.model
    def action_refresh_board(self):
        """Refresh the whole board now (managers; the nightly job does it too)."""
        if not self.env.user.has_group(IDIC_MANAGER):
            raise AccessError(self.env._("Only IDIC managers can refresh the whole board."))
        self.sudo()._idic_refresh()  # the board is the system's, over all customers
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    @api.model
    def _idic_done_by(self, documents, reason=False):
        """Mark done the open lines about ``documents`` (the records a signal pointed at,
        such as a redemption now approved), as the current user who dealt with them."""
        if not documents:
            return self.browse()
        # the lines are the system's; the caller checked the user's rights on the documents
        lines = self.sudo().search(
            [
                ("res_model", "=", documents._name),
                ("res_id", "in", documents.ids),
                ("state", "in", ("open", "snoozed")),
            ]
        )
        lines._idic_close("done", reason=reason, note=False)
        return lines
