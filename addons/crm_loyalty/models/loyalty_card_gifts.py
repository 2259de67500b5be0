import logging

from markupsafe import Markup

from odoo import api, fields, models

from odoo.addons.crm_idic.models.crm_idic_batch_job import BatchJob

from ..loyalty_core import gifts as gifts_core

_logger = logging.getLogger(__name__)

# the gifts job: cards per batch (and width in card ids of the windows they are searched
# in), cards per scheduler run, and its bookmark while a pass is unfinished
GIFTS_BATCH_SIZE = 2000
GIFTS_RUN_SIZE = 20000
GIFTS_PROGRESS = "crm_loyalty.gifts_progress"


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    crm_loyalty_gift_year = fields.Integer(
        string="Last Gift Year",
        readonly=True,
        help="Year of the last birthday or founding-day gift.",
    )

    def _crm_loyalty_gift_day(self):
        """The anniversary the gift celebrates, by crm_idic's one rule (the member is a
        customer: a company's founding date, a person's birthday)."""
        self.ensure_one()
        return self.partner_id._idic_anniversary_date() if self.partner_id else False

    @api.model
    def _cron_crm_loyalty_gifts(self, today=None):
        """Daily: the yearly birthday / founding-day gift of each member's rank.

        The rank gives bonus points, a coupon of its gift program, or both; its gift
        description becomes a crm_idic care activity for the salesperson. A batch job
        (crm.idic.batch.job.mixin): the cards that may be due are taken a batch at a
        time, a failing card is skipped and logged, a rerun continues after the
        bookmark. Returns the number of gifts this run gave.
        """
        today = today or fields.Date.context_today(self)
        run = self.sudo()._idic_job_run(
            BatchJob(
                name="crm_loyalty gifts",
                label="card",
                logger=_logger,
                work=lambda cards: cards._crm_loyalty_give_gifts(today),
                domain=[
                    ("program_id.crm_loyalty_ranked", "=", True),
                    ("program_id.active", "=", True),
                    ("crm_loyalty_gift_year", "<", today.year),
                    "|",
                    "|",
                    ("crm_loyalty_tier_id.birthday_points", ">", 0),
                    ("crm_loyalty_tier_id.gift_program_id", "!=", False),
                    ("crm_loyalty_tier_id.gift_description", "!=", False),
                ],
                bookmark=GIFTS_PROGRESS,
                batch_size=GIFTS_BATCH_SIZE,
                run_size=GIFTS_RUN_SIZE,
            )
        )
        return sum(run.results)

    def _crm_loyalty_give_gifts(self, today):
        """Give the gifts due on ``today`` to the cards of ``self`` (a batch of the gifts
        job): coupons, history rows and activities are each created in one batch.
        Returns the number of gifts given."""
        cards = self.filtered(
            lambda c: gifts_core.gift_due(c._crm_loyalty_gift_day(), today, c.crm_loyalty_gift_year)
        )
        activity_type = self.env.ref(
            "crm_idic.mail_activity_type_idic_gift", raise_if_not_found=False
        )
        partner_model = self.env["ir.model"]._get_id("res.partner")
        # the anniversary's one reminder: crm_idic's care calendar may have scheduled it
        # already; the rank's gift is added to it rather than a second reminder
        open_reminders = {
            activity.res_id: activity
            for activity in cards.partner_id._idic_open_gift_activities()
            if activity.date_deadline.year == today.year
        }
        rows, coupons, coupon_cards, activities = [], [], [], []
        for card in cards:
            tier = card.crm_loyalty_tier_id
            points = tier.birthday_points
            # the member's history and card speak the member's language
            told = self.env(context=dict(self.env.context, lang=card._crm_loyalty_lang()))
            if points > 0:
                rows.append(
                    {
                        "card_id": card.id,
                        "crm_loyalty_kind": "gift",
                        "crm_loyalty_date": today,
                        "description": told._("Anniversary gift (%(rank)s)", rank=tier.name),
                        "issued": points,
                        "used": 0,
                    }
                )
                card.message_post(
                    body=told._(
                        "Anniversary gift: %(points)s points (%(rank)s).",
                        points=card.with_env(told)._crm_loyalty_number(points),
                        rank=tier.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
            if tier.gift_program_id.active and card.partner_id:
                coupons.append(
                    {
                        "program_id": tier.gift_program_id.id,
                        "partner_id": card.partner_id.id,
                        "points": tier.gift_coupon_points,
                    }
                )
                coupon_cards.append(card)
            reminder = open_reminders.get(card.partner_id.id)
            if reminder and tier.gift_description:
                reminder.write(
                    {
                        "note": Markup("%s<p>%s</p>")
                        % (
                            reminder.note or "",
                            self.env._(
                                "Rank gift (%(rank)s): %(gift)s",
                                rank=tier.name,
                                gift=tier.gift_description,
                            ),
                        )
                    }
                )
            elif activity_type and tier.gift_description and card.partner_id:
                anniversary = gifts_core.anniversary_in_year(
                    card._crm_loyalty_gift_day(), today.year
                )
                activities.append(
                    {
                        "res_model_id": partner_model,
                        "res_id": card.partner_id.id,
                        "activity_type_id": activity_type.id,
                        "date_deadline": anniversary,
                        "summary": self.env._(
                            "Anniversary gift (%(rank)s) for %(member)s",
                            rank=tier.name,
                            member=card.partner_id.name,
                        ),
                        "note": tier.gift_description,
                        "user_id": card.partner_id._idic_activity_user().id,
                    }
                )
            card._idic_system().write(
                {"points": card.points + points, "crm_loyalty_gift_year": today.year}
            )
        if rows:
            self.env["loyalty.history"].sudo()._idic_system().create(rows)
        if coupons:
            created = self.sudo()._idic_system().create(coupons)
            for card, coupon in zip(coupon_cards, created, strict=True):
                told = self.env(context=dict(self.env.context, lang=card._crm_loyalty_lang()))
                card.message_post(
                    body=told._(
                        "Anniversary gift: coupon %(code)s (%(program)s).",
                        code=coupon.code,
                        program=coupon.program_id.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        if activities:
            self.env["mail.activity"].sudo().create(activities)
        if cards:
            _logger.info(
                "crm_loyalty: %s anniversary gifts (%s coupons, %s activities)",
                len(cards),
                len(coupons),
                len(activities),
            )
        return len(cards)
