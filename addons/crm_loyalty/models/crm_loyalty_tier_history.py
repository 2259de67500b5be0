import logging
from collections import defaultdict

from odoo import api, fields, models

from odoo.addons.crm_idic.models.crm_idic_batch_job import BatchJob

from ..loyalty_core import ranks as ranks_core

_logger = logging.getLogger(__name__)
# rank changes announced (and committed) together by the announcement job
ANNOUNCE_BATCH = 200


class CrmLoyaltyTierHistory(models.Model):
    """A member's rank changes, written only by the rank assessment (no access right
    lets a user write them, and crm_idic's guard keeps even the superuser's code out)."""

    _name = "crm.loyalty.tier.history"
    _description = "Loyalty Rank Change"
    _inherit = ["crm.idic.system.fields.mixin"]
    _order = "date desc, id desc"

    card_id = fields.Many2one("loyalty.card", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one(related="card_id.partner_id", store=True, string="Member")
    program_id = fields.Many2one(related="card_id.program_id", store=True)
    company_id = fields.Many2one(related="card_id.company_id", store=True, index=True)
    date = fields.Date(required=True)
    old_tier_id = fields.Many2one("crm.loyalty.tier", string="Previous Rank", ondelete="set null")
    new_tier_id = fields.Many2one("crm.loyalty.tier", string="New Rank", ondelete="set null")
    change = fields.Selection([("up", "Up"), ("down", "Down")], required=True)
    qualifying_points = fields.Integer()
    announce_pending = fields.Boolean(
        string="To Announce",
        readonly=True,
        index=True,
        help="A rank change made by an order is announced (message, email, interaction "
        "log) by a job shortly after the order, not while the order is confirmed.",
    )

    @api.model
    def _idic_system_fields(self):
        return super()._idic_system_fields() | {
            "card_id",
            "partner_id",
            "program_id",
            "company_id",
            "date",
            "old_tier_id",
            "new_tier_id",
            "change",
            "qualifying_points",
            "announce_pending",
        }

    @api.model
    def _idic_system_fields_message(self, labels):
        return self.env._(
            "Rank changes are written only by the loyalty program's rank assessment: %s.",
            labels,
        )

    def _crm_loyalty_deliver(self):
        """What follows the rank changes of ``self``: the rank's pricelist at once, and the
        announcement (message, emails, interaction log) now, or for the changes created
        ``announce_pending`` by the announcement job, which the scheduler then runs as
        soon as it can (so that confirming an order does not wait for emails)."""
        self._crm_loyalty_apply_pricelists()
        now = self.filtered(lambda h: not h.announce_pending)
        now._crm_loyalty_announce()
        now._crm_loyalty_log_interactions()
        cron = self.env.ref("crm_loyalty.ir_cron_crm_loyalty_announce", raise_if_not_found=False)
        if cron and self - now:
            cron.sudo()._trigger()  # the scheduler's own queue: no user may run it

    @api.model
    def _cron_crm_loyalty_announce(self):
        """Announce the rank changes left to announce, ANNOUNCE_BATCH at a time: a batch
        job (crm.idic.batch.job.mixin). Each batch is committed when the scheduler runs
        the job, so a rerun announces nothing twice; a change whose announcement fails
        is logged and left to announce."""
        run = self.sudo()._idic_job_run(
            BatchJob(
                name="crm_loyalty announcement",
                label="rank change",
                logger=_logger,
                work=lambda rows: rows._crm_loyalty_announce_batch(),
                # few rows are pending, found through their index: no windows
                domain=[("announce_pending", "=", True)],
                window=0,
                batch_size=ANNOUNCE_BATCH,
            )
        )
        done = run.done - len(run.failed)
        if done:
            _logger.info("crm_loyalty: %s rank changes announced", done)
        return done

    def _crm_loyalty_announce_batch(self):
        self._crm_loyalty_announce()
        self._crm_loyalty_log_interactions()
        self._idic_system().write({"announce_pending": False})

    def _crm_loyalty_in_lang(self):
        """``self`` in the language the member is told the change in."""
        self.ensure_one()
        return self.with_context(lang=self.card_id._crm_loyalty_lang())

    def _crm_loyalty_announce(self):
        """Tell the member: a message on the card and the program's rank up/down emails."""
        for row in self:
            card = row.card_id
            told = row._crm_loyalty_in_lang()
            if row.change == "up":
                body = told.env._(
                    "Rank up: %(old)s → %(new)s (%(points)s qualifying points).",
                    old=told.old_tier_id.name or "-",
                    new=told.new_tier_id.name or "-",
                    points=told.card_id._crm_loyalty_number(row.qualifying_points),
                )
            else:
                body = told.env._(
                    "Rank down at the review date: %(old)s → %(new)s "
                    "(%(points)s qualifying points).",
                    old=told.old_tier_id.name or "-",
                    new=told.new_tier_id.name or "-",
                    points=told.card_id._crm_loyalty_number(row.qualifying_points),
                )
            card.message_post(body=body, message_type="comment", subtype_xmlid="mail.mt_note")
            trigger = "rank_up" if row.change == "up" else "rank_down"
            plans = card.program_id.communication_plan_ids.filtered(
                lambda m, t=trigger: m.trigger == t and m.active
            )
            if card.partner_id.email:
                for plan in plans:
                    plan.mail_template_id.send_mail(
                        card.id, email_layout_xmlid="mail.mail_notification_light"
                    )

    def _crm_loyalty_apply_pricelists(self):
        """Give members whose rank changed the new rank's pricelist, as crm_idic does for
        segments: only over no pricelist or the previous rank's, never over one chosen
        by hand (the pricelist is per company: set in the card's company)."""
        changes = defaultdict(list)
        for row in self.sudo():
            table = self.env["loyalty.program"]._crm_loyalty_rank_table(row.program_id.id)
            pricelists = {rank.id: rank.pricelist_id for rank in table}
            old = pricelists.get(row.old_tier_id.id, False)
            new = pricelists.get(row.new_tier_id.id, False)
            if not (old or new):
                continue  # neither rank offers a pricelist: the member's stays as it is
            partner = row.card_id.partner_id
            if not partner:
                continue
            company = row.card_id.company_id or self.env.company
            current = partner.with_company(company).specific_property_product_pricelist
            pricelist = ranks_core.pricelist_change(old, new, current.id)
            if pricelist is not ranks_core.NO_CHANGE:
                changes[company, pricelist].append(partner.id)
        for (company, pricelist), ids in changes.items():
            self.env["res.partner"].sudo().with_company(company).browse(ids).with_context(
                tracking_disable=True
            ).write({"specific_property_product_pricelist": pricelist})

    def _crm_loyalty_log_interactions(self):
        """Each rank change becomes a contact in crm_idic's interaction log (one create)."""
        rows = []
        for row in self.sudo():
            partner = row.card_id.partner_id
            if not partner:
                continue
            told = row._crm_loyalty_in_lang()
            if row.change == "up":
                summary = told.env._(
                    "Loyalty rank up: %(old)s → %(new)s",
                    old=told.old_tier_id.name or "-",
                    new=told.new_tier_id.name or "-",
                )
            else:
                summary = told.env._(
                    "Loyalty rank down: %(old)s → %(new)s",
                    old=told.old_tier_id.name or "-",
                    new=told.new_tier_id.name or "-",
                )
            company = partner.company_id or row.card_id.company_id or self.env.company
            rows.append((partner, company, partner._idic_activity_user(), "other", summary, row))
        return self.env["crm.idic.interaction"]._crm_loyalty_log(rows)
