"""The periodic review: measure each dealer's last 24 months and propose tier changes."""

import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.crm_idic.models.crm_idic_batch_job import BatchJob

from ..dealer_core import tiers as core
from .crm_dealer_application import DEALER_MANAGER

_logger = logging.getLogger(__name__)

# only the review job writes what a review measured and proposes, and only its buttons
# decide it (crm.idic.system.fields.mixin): a manager approves what the job proposed
WORKFLOW_FIELDS = (
    "state",
    "decided_by_id",
    "partner_id",
    "company_id",
    "date",
    "current_tier_id",
    "proposed_tier_id",
    "action",
    "deciding_criterion",
    "revenue_last_12",
    "revenue_prior_12",
    "major_share",
)

# dealers measured and proposed per batch: a fixed number of queries per batch
BATCH_SIZE = 1000


class CrmDealerReview(models.Model):
    _name = "crm.dealer.review"
    _description = "Dealer tier review"
    _inherit = ["mail.thread", "crm.idic.system.fields.mixin"]
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Dealer", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one("res.company", required=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    current_tier_id = fields.Many2one("crm.dealer.tier", string="Current tier")
    proposed_tier_id = fields.Many2one("crm.dealer.tier", string="Proposed tier")
    action = fields.Selection(
        [("upgrade", "Upgrade"), ("downgrade", "Downgrade"), ("keep", "Keep")],
        required=True,
    )
    deciding_criterion = fields.Selection(
        [
            ("avg_revenue", "Average yearly revenue"),
            ("yearly_sales", "Yearly sales"),
            ("major_share", "Major-brand share"),
        ],
        string="Deciding criterion",
    )
    revenue_last_12 = fields.Monetary(
        string="Revenue, last 12 months",
        help="Untaxed confirmed sales net of the credit notes issued against them, in the "
        "company currency, as measured by the review.",
    )
    revenue_prior_12 = fields.Monetary(
        string="Revenue, 12 months before",
        help="Untaxed confirmed sales net of the credit notes issued against them, in the "
        "company currency, as measured by the review.",
    )
    major_share = fields.Float(string="Major-brand share (%)")
    state = fields.Selection(
        [("proposed", "Proposed"), ("approved", "Approved"), ("rejected", "Rejected")],
        default="proposed",
        required=True,
        tracking=True,
    )
    decided_by_id = fields.Many2one("res.users", string="Decided by")

    @api.model
    def _idic_system_fields(self):
        return super()._idic_system_fields() | set(WORKFLOW_FIELDS)

    @api.model
    def _idic_system_fields_message(self, labels):
        return self.env._(
            "A review is measured and proposed by the review job, and approved or "
            "rejected only through its buttons: %s.",
            labels,
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self._idic_is_system():
            raise AccessError(self.env._("Reviews are proposed by the review job only."))
        return super().create(vals_list)

    def _check_manager(self):
        # no superuser exception: the data files and the jobs run as OdooBot, a dealer manager
        if not self.env.user.has_group(DEALER_MANAGER):
            raise AccessError(self.env._("Only a dealer manager decides on tier reviews."))
        self.check_access("write")
        if any(review.state != "proposed" for review in self):
            raise UserError(self.env._("This review has already been decided."))

    def action_approve(self):
        self._check_manager()
        self._check_network()
        for review in self._network_order():
            review.partner_id._dealer_set_tier(review.proposed_tier_id, "review")
        self._idic_system().write({"state": "approved", "decided_by_id": self.env.uid})
        self.env["crm.idic.action"]._idic_done_by(self, self.env._("Review approved"))
        return True

    def _check_network(self):
        """Refuse, before anything is written, the reviews whose new tier would not rank
        below the dealer's parent or above its sub-dealers (once every review of ``self``
        is applied): the network must be changed first."""
        new_tier = {review.partner_id: review.proposed_tier_id for review in self}

        def rank(partner):
            tier = new_tier.get(partner, partner.dealer_tier_id)
            return tier.rank if tier else None

        no_tier = self.env._("no tier")
        for review in self:
            dealer = review.partner_id
            own = rank(dealer)
            children = dealer.dealer_child_ids.filtered(
                lambda child, own=own: (
                    rank(child) is not None and (own is None or own >= rank(child))
                )
            )
            if children:
                raise UserError(
                    self.env._(
                        "The review of %(dealer)s cannot be approved: with %(tier)s it would "
                        "no longer rank above its sub-dealers %(children)s. Move them to "
                        "another parent dealer first.",
                        dealer=dealer.display_name,
                        tier=review.proposed_tier_id.name or no_tier,
                        children=", ".join(children.mapped("display_name")),
                    )
                )
            parent = dealer.dealer_parent_id
            if parent and own is not None and (rank(parent) is None or rank(parent) >= own):
                raise UserError(
                    self.env._(
                        "The review of %(dealer)s cannot be approved: with %(tier)s it would "
                        "no longer rank below its parent dealer %(parent)s. Change its parent "
                        "dealer first.",
                        dealer=dealer.display_name,
                        tier=review.proposed_tier_id.name,
                        parent=parent.display_name,
                    )
                )

    def _network_order(self):
        """The order in which the tiers are written so that no step breaks the network
        rule: downgrades from the lowest-ranked dealers up, then upgrades from the
        highest new tier down."""
        # a downgrade has a current tier, an upgrade a proposed one
        downgrades = self.filtered(lambda r: r.action == "downgrade").sorted(
            lambda r: -r.current_tier_id.rank
        )
        upgrades = (self - downgrades).sorted(lambda r: r.proposed_tier_id.rank)
        return downgrades + upgrades

    def action_refuse(self):
        self._check_manager()
        self._idic_system().write({"state": "rejected", "decided_by_id": self.env.uid})
        self.env["crm.idic.action"]._idic_done_by(self, self.env._("Review refused"))
        return True

    # ------------------------------------------------------------ the job

    @api.model
    def _measure(self, company, partners, today):
        """{commercial partner id: (last 12 months, 12 before, major-brand revenue)} from
        the confirmed order lines of the last 24 months, in the company currency, in one
        query; ``partners=None`` measures every dealer (top-level partner of the dealer
        group) at once."""
        if partners is None:
            scope = SQL(
                "rp.commercial_partner_id IN (SELECT id FROM res_partner "
                "WHERE idic_customer_group = 'dealer' AND parent_id IS NULL)"
            )
            self.env["res.partner"].flush_model(["idic_customer_group", "parent_id"])
        else:
            scope = SQL("rp.commercial_partner_id = ANY(%s)", partners.ids)
        year_ago = today - relativedelta(years=1)
        two_years_ago = today - relativedelta(years=2)
        end = today + relativedelta(days=1)
        self.env["sale.order"]._idic_revenue_flush()
        self.env.cr.execute(
            SQL(
                """
                WITH lines AS (
                    SELECT rp.commercial_partner_id AS dealer,
                           so.date_order,
                           brand.major,
                           %(amount)s AS amount
                      FROM sale_order_line sol
                      JOIN sale_order so ON so.id = sol.order_id
                      JOIN res_partner rp ON rp.id = so.partner_id
                 LEFT JOIN product_product pp ON pp.id = sol.product_id
                 LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
                 LEFT JOIN crm_dealer_brand brand ON brand.id = pt.dealer_brand_id
                     WHERE so.state = 'sale'
                       AND so.company_id = %(company)s
                       AND so.date_order >= %(two_years_ago)s
                       AND so.date_order < %(end)s
                       AND %(scope)s
                )
                SELECT dealer,
                       SUM(CASE WHEN date_order >= %(year_ago)s THEN amount ELSE 0 END),
                       SUM(CASE WHEN date_order < %(year_ago)s THEN amount ELSE 0 END),
                       SUM(CASE WHEN major THEN amount ELSE 0 END)
                  FROM lines
              GROUP BY dealer
                """,
                year_ago=year_ago,
                two_years_ago=two_years_ago,
                end=end,
                company=company.id,
                scope=scope,
                amount=self.env["sale.order"]._idic_revenue_sql(line="sol"),
            )
        )
        return {
            partner_id: (last or 0.0, prior or 0.0, major or 0.0)
            for partner_id, last, prior, major in self.env.cr.fetchall()
        }

    @api.model
    def _run_review(self, companies=None, today=None):
        """Propose a review for every dealer whose measured tier differs from its tier.

        A batch job (crm.idic.batch.job.mixin) over the dealers of ``companies`` (default:
        every company), BATCH_SIZE at a time: per batch and company, one query for the
        pending reviews, one read of the current tiers and one grouped create, whatever
        the batch holds; the figures of a company's dealers are measured in one query at
        its first batch. Progress is reported to the scheduler
        after every batch, and each batch is committed when the scheduler runs the job
        (a rerun skips the dealers whose reviews are already proposed, and measures the
        others again: the same proposals); a dealer whose review fails is skipped and
        logged."""
        today = today or fields.Date.context_today(self)
        companies = companies or self.env["res.company"].search([])
        Tier = self.env["crm.dealer.tier"].sudo()
        plans = [
            (company, [t._core_tier() for t in tiers])
            for company in companies
            if (tiers := Tier._tiers_for(company))
        ]
        if not plans:
            return self.browse()

        # every dealer of a company is measured in one query, at its first batch: one
        # pass over the 24 months of order lines instead of one per batch
        measured = {}

        def review(dealers):
            created = self.browse()
            for company, core_tiers in plans:
                # a dealer shared by every company is reviewed in each of them
                theirs = dealers.filtered(
                    lambda d, c=company: not d.company_id or d.company_id == c
                )
                if not theirs:
                    continue
                if company not in measured:
                    measured[company] = self._measure(company, None, today)
                created |= self._review_batch(company, core_tiers, theirs, today, measured[company])
            return created

        # sudo: the job measures every dealer of the companies with their tiers, whoever
        # runs it (only dealer managers and the scheduler do)
        run = (
            self.env["res.partner"]
            .sudo()
            ._idic_job_run(
                BatchJob(
                    name="Dealer tier review",
                    label="dealer",
                    logger=_logger,
                    work=review,
                    domain=[
                        ("idic_customer_group", "=", "dealer"),
                        ("parent_id", "=", False),
                        ("company_id", "in", [c.id for c, _tiers in plans] + [False]),
                    ],
                    # the dealers are a small share of the partners: searched at once
                    window=0,
                    batch_size=BATCH_SIZE,
                    # the review writes proposals, not the dealers: their rows stay free
                    lock=False,
                )
            )
        )
        return self.browse().union(*run.results)

    @api.model
    def _review_batch(self, company, core_tiers, dealers, today, measured):
        """Create at once the proposals of a batch of dealers of ``company``, from their
        ``measured`` figures (``_measure``)."""
        # sudo: every pending review counts, whatever the runner's record rules
        pending = set(
            self.sudo()
            .search([("state", "=", "proposed"), ("partner_id", "in", dealers.ids)])
            .partner_id.ids
        )
        vals_list = []
        for dealer in dealers:
            if dealer.id in pending:
                continue
            last, prior, major = measured.get(dealer.id, (0.0, 0.0, 0.0))
            figures = core.measured_figures(last, prior, major)
            proposal = core.propose(core_tiers, dealer.dealer_tier_id.id or None, figures)
            if proposal.action == core.KEEP:
                continue
            vals_list.append(
                {
                    "partner_id": dealer.id,
                    "company_id": company.id,
                    "date": today,
                    "current_tier_id": dealer.dealer_tier_id.id,
                    "proposed_tier_id": proposal.tier or False,
                    "action": proposal.action,
                    "deciding_criterion": proposal.criterion or False,
                    "revenue_last_12": last,
                    "revenue_prior_12": prior,
                    "major_share": figures.major_share or 0.0,
                }
            )
        # sudo: no one has the right to create reviews, the job makes them; the proposal
        # is the whole record, without a "created" message per review
        return (
            self.sudo()
            ._idic_system()
            .with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
            .create(vals_list)
        )

    @api.model
    def action_run_review(self):
        if not self.env.user.has_group(DEALER_MANAGER):
            raise AccessError(self.env._("Only a dealer manager runs the tier review."))
        self._run_review(self.env.companies)
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.dealer.review",
            "view_mode": "list,form",
            "name": self.env._("Tier reviews"),
            "domain": [("state", "=", "proposed")],
        }
