import logging
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.crm_idic.models.crm_idic_batch_job import BatchJob

from ..loyalty_core import expiry as expiry_core
from ..loyalty_core import ledger as ledger_core

_logger = logging.getLogger(__name__)

# the expiry job: cards per scheduler run (the scheduler runs it again while cards
# remain) and its bookmark, the last card id done while a pass is unfinished
EXPIRE_RUN_SIZE = 20000
EXPIRE_PROGRESS = "crm_loyalty.expire_progress"
# expiry notices emailed per batch, and the card fields that queue them
NOTICE_BATCH = 200
NOTICE_FIELDS = (
    "crm_loyalty_expiry_notice_date",
    "crm_loyalty_expiry_notice_points",
    "crm_loyalty_expiry_notice_pending",
)


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    crm_loyalty_expiry_notice_date = fields.Date(
        string="Expiry Notice Sent For",
        readonly=True,
        help="Expiry date of the points the member was last warned about.",
    )
    crm_loyalty_expiry_notice_points = fields.Integer(
        string="Points in the Expiry Notice",
        readonly=True,
        help="The points the member was last warned about, expiring on that date.",
    )
    crm_loyalty_expiry_notice_pending = fields.Boolean(
        string="Expiry Notice to Send",
        readonly=True,
        index=True,
        help="The member is to be warned by email: the job Loyalty: warn of expiring "
        "points sends it.",
    )

    def _crm_loyalty_lots(self):
        """({card id: [(date, points earned)]}, {card id: points consumed}) in three
        queries. A refund takes its points from the lot of the order it refunds (the day
        it was earned), not from the oldest points: a refunded order's points do not
        live on in the expiry schedule."""
        History = self.env["loyalty.history"].sudo()
        earned = defaultdict(lambda: defaultdict(int))
        consumed = defaultdict(int)
        for card, day, issued in History._read_group(
            [("card_id", "in", self.ids), ("issued", ">", 0)],
            ["card_id", "crm_loyalty_date:day"],
            ["issued:sum"],
        ):
            earned[card.id][day] += int(issued)
        for card, day, used in History._read_group(
            [("card_id", "in", self.ids), ("crm_loyalty_kind", "=", "refund")],
            ["card_id", "crm_loyalty_lot_date:day"],
            ["used:sum"],
        ):
            if day:
                earned[card.id][day] -= int(used)
            else:
                # a refund without its lot (written before lots were kept) is spending
                consumed[card.id] += int(used)
        earnings = {
            card_id: sorted((day, points) for day, points in days.items() if points > 0)
            for card_id, days in earned.items()
        }
        for card, used in History._read_group(
            [("card_id", "in", self.ids), ("used", ">", 0), ("crm_loyalty_kind", "!=", "refund")],
            ["card_id"],
            ["used:sum"],
        ):
            consumed[card.id] += int(used)
        return earnings, consumed

    def _crm_loyalty_expired_of(self, order):
        """Points of ``order`` that already expired on this card."""
        return sum(self._crm_loyalty_expiries_of(order).values())

    def _crm_loyalty_expiries_of(self, order):
        """{expiry row: points of ``order`` it took} on this card: the expiries written
        took the oldest points first, day after day (``ledger.lot_consumption``)."""
        self.ensure_one()
        # sudo: the program's ledger, whoever posts the credit note or cancels the order
        History = self.env["loyalty.history"].sudo()
        rows = History.search([("card_id", "=", self.id)], order="crm_loyalty_date, id")
        refunds = defaultdict(int)
        for row in rows.filtered(lambda h: h.crm_loyalty_kind == "refund" and h.order_id):
            refunds[(row.order_model, row.order_id)] += int(row.used)
        lots, consumptions = [], []
        for row in rows:
            key = (row.order_model, row.order_id) if row.order_id else ("row", row.id)
            if row.crm_loyalty_kind == "refund":
                continue
            if row.issued > 0:
                lots.append((row.crm_loyalty_date, key, int(row.issued) - refunds.get(key, 0)))
            if row.used > 0:
                # each expiry row apart: a cancelled order gives back what each took of it
                kind = (row.crm_loyalty_kind, row.id)
                consumptions.append((row.crm_loyalty_date, kind, int(row.used)))
        used = ledger_core.lot_consumption(lots, consumptions)
        return {
            History.browse(row_id): points
            for (kind, row_id), points in used.get((order._name, order.id), {}).items()
            if kind == "expiry" and points
        }

    def _crm_loyalty_expire(self, today):
        """Expire what is due on the cards of ``self`` (one program), oldest points first;
        warn members whose points expire within the notice days. Returns points expired."""
        program = self.program_id
        program.ensure_one()
        months = program.crm_loyalty_expiry_months
        earnings, consumed = self._crm_loyalty_lots()
        rows, total = [], 0
        for card in self:
            due = expiry_core.points_to_expire(
                earnings.get(card.id, []), consumed.get(card.id, 0), months, today, card.points
            )
            if due <= 0:
                continue
            rows.append(
                {
                    "card_id": card.id,
                    "crm_loyalty_kind": "expiry",
                    "crm_loyalty_date": today,
                    "description": self.env._("Points expired"),
                    "issued": 0,
                    "used": due,
                }
            )
            consumed[card.id] = consumed.get(card.id, 0) + due
            total += due
        if rows:
            self.env["loyalty.history"].sudo()._idic_system().create(rows)
            self._crm_loyalty_take_points({row["card_id"]: row["used"] for row in rows})
        notices = []
        for card in self.filtered(lambda c: c.partner_id.email and c.points > 0):
            upcoming = expiry_core.schedule(
                earnings.get(card.id, []),
                consumed.get(card.id, 0),
                months,
                today,
                program.crm_loyalty_expiry_notice_days,
            )
            if upcoming and card.crm_loyalty_expiry_notice_date != upcoming[0][0]:
                notices.append((card.id, *upcoming[0]))
        self._crm_loyalty_queue_notices(notices)
        return total

    def _crm_loyalty_queue_notices(self, notices):
        """Mark the members to warn, [(card id, expiry date, points)], in one statement;
        the job *Loyalty: warn of expiring points* sends the emails."""
        if not notices:
            return
        self.flush_model(list(NOTICE_FIELDS))
        values = SQL(", ").join(
            SQL("(%s, %s::date, %s::int)", card_id, day, int(points))
            for card_id, day, points in notices
        )
        self.env.cr.execute(
            SQL(
                "UPDATE loyalty_card AS c SET crm_loyalty_expiry_notice_date = v.day, "
                "crm_loyalty_expiry_notice_points = v.points, "
                "crm_loyalty_expiry_notice_pending = TRUE "
                "FROM (VALUES %s) AS v(id, day, points) WHERE c.id = v.id",
                values,
            )
        )
        self.browse([notice[0] for notice in notices]).invalidate_recordset(list(NOTICE_FIELDS))
        cron = self.env.ref("crm_loyalty.ir_cron_crm_loyalty_expiry_notices", False)
        if cron:
            cron.sudo()._trigger()  # the scheduler's own queue: no user may run it

    @api.model
    def _cron_crm_loyalty_expiry_notices(self):
        """Email the members marked by the expiry job, NOTICE_BATCH at a time: a batch
        job (committed per batch when the scheduler runs it, so no member is warned
        twice; a card whose email fails is logged and left marked)."""
        run = self.sudo()._idic_job_run(
            BatchJob(
                name="crm_loyalty expiry notices",
                label="card",
                logger=_logger,
                work=lambda cards: cards._crm_loyalty_send_notices(),
                domain=[("crm_loyalty_expiry_notice_pending", "=", True)],
                window=0,
                batch_size=NOTICE_BATCH,
            )
        )
        return run.done - len(run.failed)

    def _crm_loyalty_send_notices(self):
        template = self.env.ref(
            "crm_loyalty.mail_template_points_expiring", raise_if_not_found=False
        )
        if template:
            for card in self:
                template.with_context(
                    crm_loyalty_expiry_date=card.crm_loyalty_expiry_notice_date,
                    crm_loyalty_expiry_points=card.crm_loyalty_expiry_notice_points,
                ).send_mail(card.id, email_layout_xmlid="mail.mail_notification_light")
        self._idic_system().write({"crm_loyalty_expiry_notice_pending": False})

    def _crm_loyalty_take_points(self, points_by_card):
        """Lower the balances of the cards {card id: points} in one statement (the
        history rows that say why are written by the caller): no message per card."""
        self.flush_model(["points"])
        values = SQL(", ").join(
            SQL("(%s, %s::numeric)", card_id, points) for card_id, points in points_by_card.items()
        )
        self.env.cr.execute(
            SQL(
                "UPDATE loyalty_card AS c SET points = c.points - v.points, "
                "write_date = now() AT TIME ZONE 'UTC' "
                "FROM (VALUES %s) AS v(id, points) WHERE c.id = v.id",
                values,
            )
        )
        self.browse(list(points_by_card)).invalidate_recordset(["points", "points_display"])

    @api.model
    def _cron_crm_loyalty_expire(self, today=None, batch=1000):
        """Daily: expire points of every program whose points expire, ``batch`` cards at
        a time: a batch job (crm.idic.batch.job.mixin; a failing card is skipped and
        logged, a rerun continues after the bookmark). Returns the points this run
        expired."""
        today = today or fields.Date.context_today(self)
        programs = (
            self.env["loyalty.program"]
            .sudo()
            .search([("crm_loyalty_ranked", "=", True), ("crm_loyalty_expiry", "=", True)])
        )
        total = 0
        if programs:
            run = self.sudo()._idic_job_run(
                BatchJob(
                    name="crm_loyalty expiry",
                    label="card",
                    logger=_logger,
                    work=lambda cards: sum(
                        group._crm_loyalty_expire(today)
                        for group in cards.grouped("program_id").values()
                    ),
                    domain=[("program_id", "in", programs.ids), ("points", ">", 0)],
                    bookmark=EXPIRE_PROGRESS,
                    batch_size=batch,
                    run_size=EXPIRE_RUN_SIZE,
                )
            )
            total = sum(run.results)
        _logger.info("crm_loyalty: %s points expired", total)
        return total
