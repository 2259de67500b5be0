"""Identify: how complete each customer profile is, against the completeness rules."""

import logging
from collections import defaultdict

from odoo import api, fields, models

from ..idic_core import identity
from . import res_partner_scoring as sizes
from .crm_idic_batch_job import BatchJob
from .res_partner import IDIC_USER

_logger = logging.getLogger(__name__)

# the completeness job's bookmark (the last partner id rated) while a pass is unfinished
COMPLETENESS_PROGRESS = "crm_idic.completeness_progress"


class ResPartner(models.Model):
    _inherit = "res.partner"

    # completeness
    idic_profile_completeness = fields.Float(
        string="Profile completeness (%)",
        readonly=True,
        aggregator="avg",
        default=0.0,
        groups=IDIC_USER,
        copy=False,
    )
    idic_missing_field_names = fields.Char(
        string="Missing fields",
        readonly=True,
        help="Technical names of the fields a complete profile still needs.",
        groups=IDIC_USER,
        copy=False,
    )
    idic_missing_fields = fields.Char(
        string="Missing information",
        compute="_compute_idic_missing_fields",
        groups=IDIC_USER,
        copy=False,
    )

    # ========================================================== completeness

    @api.model
    def _idic_system_fields(self):
        return super()._idic_system_fields() | {
            "idic_profile_completeness",
            "idic_missing_field_names",
        }

    def _idic_completeness_values(self, company=None):
        """{partner id: (completeness %, names of the missing fields, comma separated, or False)}.

        ``company`` is the company whose rules apply to every partner of
        ``self``; by default each partner's own.
        """
        requirements = self.env["crm.idic.completeness.rule"]._idic_requirements()
        groups = self._idic_columns(["idic_customer_group"])["idic_customer_group"]
        if company:
            owners = [company.id] * len(self)
        else:
            owners = [partner._idic_scoring_company().id for partner in self]
        required = [
            requirements.get((owner, group or False), ())
            for owner, group in zip(owners, groups, strict=True)
        ]
        columns = self._idic_columns(sorted({name for names in required for name in names}))
        result = {}
        for index, (partner_id, names) in enumerate(zip(self._ids, required, strict=True)):
            values = {name: columns[name][index] for name in names}
            pct, missing = identity.completeness(values, names)
            result[partner_id] = (pct, ",".join(missing) or False)
        return result

    @api.depends("idic_missing_field_names")
    @api.depends_context("lang")
    def _compute_idic_missing_fields(self):
        for partner in self:
            names = (partner.idic_missing_field_names or "").split(",")
            labels = [
                self._fields[name]._description_string(self.env)
                for name in names
                if name in self._fields
            ]
            partner.idic_missing_fields = ", ".join(labels) or False

    def _idic_update_completeness(self):
        """Rate the profiles of ``self`` against the completeness rules."""
        groups = defaultdict(list)
        for partner_id, values in self._idic_completeness_values().items():
            groups[values].append(partner_id)
        quiet = self._idic_system().with_context(tracking_disable=True)
        for (pct, names), ids in groups.items():
            quiet.browse(ids).write(
                {"idic_profile_completeness": pct, "idic_missing_field_names": names}
            )

    @api.model
    def _idic_schedule_completeness(self):
        """Rules changed: rate every profile again soon, in the background, from the
        first (a pass under way would leave the profiles it rated with the old rules)."""
        self.env["ir.config_parameter"].sudo().set_param(COMPLETENESS_PROGRESS, False)
        cron = self.env.ref("crm_idic.ir_cron_idic_completeness", raise_if_not_found=False)
        if cron:
            cron._trigger()

    @api.model
    def _cron_idic_completeness(self):
        """Rate every customer profile: a batch job (crm.idic.batch.job.mixin) in the
        scoring's sizes and windows, which the scheduler runs again until the pass is
        done."""
        domain = self._idic_customer_domain()
        self._idic_job_run(
            BatchJob(
                name="IDIC profile completeness",
                label="partner",
                logger=_logger,
                work=lambda partners: partners._idic_update_completeness(),
                domain=lambda low, high: self._idic_window_domain(domain, low, high),
                bookmark=COMPLETENESS_PROGRESS,
                batch_size=sizes.BATCH_SIZE,
                run_size=sizes.CRON_RUN_SIZE,
                window=sizes.CRON_RUN_SIZE,
            )
        )

    @api.model
    def _idic_completeness_fields(self):
        return {
            name
            for names in self.env["crm.idic.completeness.rule"]._idic_requirements().values()
            for name in names
        }
