"""Differentiate and customize: the segment (computed or set by hand), priority, pricelist."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..idic_core import care
from .res_partner import IDIC_USER

OVERRIDE_FIELDS = (
    "idic_segment_override_id",
    "idic_override_reason",
    "idic_override_user_id",
    "idic_override_date",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    idic_segment_override_id = fields.Many2one(
        "crm.idic.segment",
        string="Segment set by hand",
        readonly=True,
        tracking=True,
        check_company=True,
        groups=IDIC_USER,
        copy=False,
    )
    idic_override_reason = fields.Text(
        string="Override reason",
        readonly=True,
        groups=IDIC_USER,
        copy=False,
    )
    idic_override_user_id = fields.Many2one(
        "res.users",
        string="Overridden by",
        readonly=True,
        groups=IDIC_USER,
        copy=False,
    )
    idic_override_date = fields.Date(
        string="Overridden on",
        readonly=True,
        groups=IDIC_USER,
        copy=False,
    )
    idic_segment_id = fields.Many2one(
        "crm.idic.segment",
        string="Segment",
        compute="_compute_idic_segment",
        store=True,
        # the scoring writes it with the computed segment, so it is not computed a second
        # time; nobody else may write it (_idic_system_fields), the views show it read-only
        readonly=False,
        index=True,
        help="The segment set by hand if any, else the computed one. Changes are kept in "
        "the segment history.",
        groups=IDIC_USER,
        copy=False,
    )
    idic_segment_color = fields.Integer(
        related="idic_segment_id.color",
        groups=IDIC_USER,
        copy=False,
    )
    idic_segment_code = fields.Char(
        related="idic_segment_id.code", string="Segment code", groups=IDIC_USER
    )
    idic_policy = fields.Text(
        related="idic_segment_id.policy",
        string="Segment policy",
        groups=IDIC_USER,
        copy=False,
    )
    idic_priority = fields.Boolean(
        string="Priority customer",
        compute="_compute_idic_priority",
        # a boolean only: the segment may belong to a company the reader is not in
        compute_sudo=True,
        search="_search_idic_priority",
        help="Level 3 customers and customers of a priority segment.",
        groups=IDIC_USER,
        copy=False,
    )

    @api.model
    def _idic_system_fields(self):
        return super()._idic_system_fields() | {*OVERRIDE_FIELDS, "idic_segment_id"}

    @api.depends("idic_computed_segment_id", "idic_segment_override_id")
    def _compute_idic_segment(self):
        for partner in self:
            partner.idic_segment_id = (
                partner.idic_segment_override_id or partner.idic_computed_segment_id
            )

    @api.depends("idic_segment_id.priority_orders", "idic_relationship_level")
    def _compute_idic_priority(self):
        for partner in self:
            partner.idic_priority = (
                partner.idic_relationship_level == "3" or partner.idic_segment_id.priority_orders
            )

    def _search_idic_priority(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on priority customers."))
        domain = [
            "|",
            ("idic_relationship_level", "=", "3"),
            ("idic_segment_id.priority_orders", "=", True),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.constrains("idic_segment_override_id", "idic_override_reason")
    def _check_idic_override(self):
        for partner in self:
            if (
                partner.idic_segment_override_id
                and not (partner.idic_override_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._("A segment set by hand needs a reason (%s).", partner.display_name)
                )

    def _idic_update_open_orders(self):
        """Orders not yet confirmed follow the priority of their customer (level, segment)."""
        orders = self.env["sale.order"].search(
            [("partner_id", "child_of", self.ids), ("state", "in", ("draft", "sent"))]
        )
        by_priority = defaultdict(lambda: self.env["sale.order"])
        for order in orders:
            priority = order.partner_id.commercial_partner_id.idic_priority
            if order.idic_priority != priority:
                by_priority[priority] |= order
        for priority, todo in by_priority.items():
            todo.write({"idic_priority": priority})

    def _idic_apply_segment_pricelists(self, old_segments):
        """Give customers that changed segment the new segment's pricelist.

        ``old_segments`` maps partner ids to the id of their previous segment. The
        previous segment's pricelist is taken back only when the customer still
        has it, so a pricelist chosen by hand stays.
        """
        Segment = self.env["crm.idic.segment"].with_context(active_test=False)
        if not Segment.search_count([("pricelist_id", "!=", False)], limit=1):
            return
        changes = defaultdict(list)
        for partner in self:
            old = Segment.browse(old_segments.get(partner.id))
            new = partner.idic_segment_id
            if old == new:
                continue
            pricelist_id = care.segment_pricelist_change(
                old.pricelist_id.id,
                new.pricelist_id.id,
                partner.specific_property_product_pricelist.id,
            )
            if pricelist_id != care.NO_CHANGE:
                changes[pricelist_id].append(partner.id)
        for pricelist_id, ids in changes.items():
            self.browse(ids).with_context(tracking_disable=True).write(
                {"specific_property_product_pricelist": pricelist_id}
            )

    # ============================================================== override

    def _idic_set_override(self, segment, reason):
        """Place the partners in ``segment`` by hand (manager only), with a reason."""
        if not self.env.user.has_group("crm_idic.group_idic_manager"):
            raise AccessError(self.env._("Only IDIC managers can set a segment by hand."))
        if not (reason or "").strip():
            raise ValidationError(self.env._("Say why the segment is set by hand."))
        self.check_access("write")
        outside = self.filtered(
            lambda p: p._idic_scoring_company() not in self.env.user.company_ids
        )
        if outside:
            raise AccessError(
                self.env._(
                    "%s is scored by a company you do not work for.", outside[0].display_name
                )
            )
        foreign = self.filtered(lambda p: segment.company_id != p._idic_scoring_company())
        if foreign:
            raise ValidationError(
                self.env._(
                    "Segment %(segment)s belongs to another company than %(partners)s.",
                    segment=segment.display_name,
                    partners=", ".join(foreign.mapped("display_name")),
                )
            )
        old = {p.id: p.idic_segment_id for p in self}
        today = fields.Date.context_today(self)
        # scores and overrides are readonly for users; the manager right is checked above
        self.sudo()._idic_system().write(
            {
                "idic_segment_override_id": segment.id,
                "idic_override_reason": reason.strip(),
                "idic_override_user_id": self.env.uid,
                "idic_override_date": today,
            }
        )
        self._idic_log_override(old, "override", reason.strip())

    def action_idic_clear_override(self):
        if not self.env.user.has_group("crm_idic.group_idic_manager"):
            raise AccessError(self.env._("Only IDIC managers can clear a segment set by hand."))
        self.check_access("write")
        partners = self.filtered("idic_segment_override_id")
        outside = partners.filtered(
            lambda p: p._idic_scoring_company() not in self.env.user.company_ids
        )
        if outside:
            raise AccessError(
                self.env._(
                    "%s is scored by a company you do not work for.", outside[0].display_name
                )
            )
        old = {p.id: p.idic_segment_id for p in partners}
        # see _idic_set_override
        partners.sudo()._idic_system().write(
            {
                "idic_segment_override_id": False,
                "idic_override_reason": False,
                "idic_override_user_id": False,
                "idic_override_date": False,
            }
        )
        partners._idic_log_override(old, "override_cleared", False)

    def _idic_log_override(self, old, source, reason):
        self.env["crm.idic.segment.history"]._idic_log(
            [
                p._idic_prepare_history(old[p.id], p.idic_segment_id, source, reason=reason)
                for p in self
            ]
        )
        # the segment's pricelist is a company-dependent property of the partner, written
        # for the manager whose right was checked by the caller
        self.sudo()._idic_apply_segment_pricelists(
            {pid: segment.id for pid, segment in old.items()}
        )
        self.sudo()._idic_update_open_orders()
