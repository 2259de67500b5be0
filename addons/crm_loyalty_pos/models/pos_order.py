from odoo import api, fields, models
from odoo.exceptions import UserError

# the states of a point of sale order that has been paid
PAID = ("paid", "done", "invoiced")


class PosOrder(models.Model):
    """The points of a paid point of sale order are the ranked program's, counted on the
    server by the rule of every channel (``loyalty.program._crm_loyalty_lines_points``):
    one history row per order and card, as for a sale order; whatever the browser
    computed is a preview. An order synced again changes nothing; a refund takes back
    its share of the refunded order's points (``crm.loyalty.refund.mixin``)."""

    _name = "pos.order"
    _inherit = ["pos.order", "crm.loyalty.refund.mixin"]

    # the refunds of a point of sale order: the lines of its paid refunds, whose
    # subtotals are negative
    _crm_loyalty_refund_line_model = "pos.order.line"
    _crm_loyalty_refund_sign = -1

    crm_loyalty_pos_points = fields.Integer(
        string="Member Points Earned",
        compute="_compute_crm_loyalty_pos_points",
        help="Points the order earned in the ranked programs, counted by the server.",
    )

    def _compute_crm_loyalty_pos_points(self):
        earned = {
            order_id: int(issued or 0)
            for order_id, issued in self.env["loyalty.history"]
            .sudo()
            ._read_group(
                [
                    ("order_model", "=", "pos.order"),
                    ("order_id", "in", self.ids),
                    ("crm_loyalty_kind", "=", "order"),
                    ("card_id.crm_loyalty_ranked", "=", True),
                ],
                ["order_id"],
                ["issued:sum"],
            )
        }
        for order in self:
            order.crm_loyalty_pos_points = earned.get(order.id, 0)

    @api.model
    def _load_pos_data_fields(self, config_id):
        fields_ = super()._load_pos_data_fields(config_id)
        # the points the server counted, read back by the POS after a sync
        return [*fields_, "crm_loyalty_pos_points"] if fields_ else fields_

    def _process_saved_order(self, draft):
        order_id = super()._process_saved_order(draft)
        if not draft:
            self._crm_loyalty_settle()
        return order_id

    def _crm_loyalty_settle(self):
        """Bring the points of the paid orders of ``self`` to what they earn and what
        their refunds take back (idempotent: a second call writes nothing)."""
        paid = self.filtered(lambda o: o.state in PAID)
        paid._crm_loyalty_earn()
        paid.filtered(lambda o: o.lines.refunded_orderline_id)._crm_loyalty_take_back()

    # ------------------------------------------------------------ what an order earns

    def _crm_loyalty_lines(self):
        """``(product, untaxed subtotal, reward)`` of the lines that count for points: a
        refund line is not a sale (it takes points back, ``_crm_loyalty_take_back``)."""
        self.ensure_one()
        lines = self.lines.filtered(lambda line: line.product_id and not line.refunded_orderline_id)
        return [(line.product_id, line.price_subtotal, line.is_reward_line) for line in lines]

    def _crm_loyalty_points(self, program, card, multiplier=None):
        """Whole points this order earns in the ranked ``program``: the rule of the sale
        orders, on the same kind of lines, at the order's own rate."""
        self.ensure_one()
        return program._crm_loyalty_lines_points(
            card,
            self._crm_loyalty_lines(),
            self.currency_id,
            self.currency_rate,
            self.company_id,
            self.date_order,
            multiplier,
        )

    def _crm_loyalty_open_programs(self):
        """The active ranked programs of the order's shop and company, on its day."""
        self.ensure_one()
        # sudo: the programs are the company's, whoever sells; the ranked programs are
        # cached and checked in memory (no search per order)
        Program = self.env["loyalty.program"].sudo()
        day = fields.Date.context_today(self, self.date_order)
        return Program.browse(Program._crm_loyalty_ranked_program_ids()).filtered(
            lambda p: (
                p.active
                and p.pos_ok
                and (not p.pos_config_ids or self.config_id in p.pos_config_ids)
                and p.company_id in (self.company_id, self.env["res.company"])
                and (not p.date_from or p.date_from <= day)
                and (not p.date_to or p.date_to >= day)
            )
        )

    def _crm_loyalty_rules_met(self, program):
        """Whether the order meets one of ``program``'s rules (minimum quantity and
        purchase on the rule's products); a rule with a code is not met at the counter."""
        self.ensure_one()
        if not program.rule_ids:
            return True
        lines = self.lines.filtered(
            lambda line: line.product_id and not line.is_reward_line and line.qty > 0
        )
        valid = program._get_valid_products(lines.product_id)
        for rule in program.rule_ids.filtered(lambda r: r.mode != "with_code"):
            ruled = lines.filtered(lambda line, r=rule: line.product_id in valid.get(r, ()))
            if sum(ruled.mapped("qty")) < rule.minimum_qty:
                continue
            if rule.minimum_amount:
                price = (
                    "price_subtotal_incl"
                    if rule.minimum_amount_tax_mode == "incl"
                    else ("price_subtotal")
                )
                if sum(ruled.mapped(price)) < rule._compute_amount(self.currency_id):
                    continue
            return True
        return False

    def _crm_loyalty_reward_cards(self):
        """The ranked cards the order's reward lines spend, checked: the customer's
        own card, and a reward its rank may claim."""
        self.ensure_one()
        customer = self.partner_id.commercial_partner_id
        cards = self.lines.filtered("is_reward_line").coupon_id.sudo()
        cards = cards.filtered("crm_loyalty_ranked")
        if cards.filtered(lambda c: c.partner_id != customer):
            raise UserError(self.env._("This member card is not the customer's."))
        SaleOrder = self.env["sale.order"]
        for line in self.lines.filtered(lambda line: line.coupon_id in cards and line.reward_id):
            if not SaleOrder._crm_loyalty_reward_allowed(line.reward_id, line.coupon_id):
                raise UserError(
                    self.env._(
                        "The reward %(reward)s is reserved for higher member ranks.",
                        reward=line.reward_id.description,
                    )
                )
        return cards

    def _crm_loyalty_earn(self):
        """Post what each paid order of ``self`` earned and what its rewards cost, once:
        the balance moves by the difference with what the order's row already says."""
        Card = self.env["loyalty.card"]
        History = self.env["loyalty.history"].sudo()._idic_system()
        existing = self._crm_loyalty_rows(("order",))
        changed, reversed_cards, new_rows = Card, Card, []
        for order in self.filtered("partner_id"):
            mine = existing.filtered(lambda h, o=order: h.order_id == o.id)
            open_programs = order._crm_loyalty_open_programs()
            applicable = open_programs.filtered(order._crm_loyalty_rules_met)
            cards = mine.card_id | order._crm_loyalty_reward_cards()
            for program in applicable - cards.program_id:
                cards |= Card._crm_loyalty_member_card(order.partner_id, program, create=True)
            for card in cards.sudo():
                row = mine.filtered(lambda h, c=card: h.card_id == c)[:1]
                program = card.program_id
                multiplier = row.crm_loyalty_multiplier or program._crm_loyalty_card_multiplier(
                    card
                )
                due = (
                    order._crm_loyalty_points(program, card, multiplier)
                    if program in applicable
                    else 0
                )
                # a reward never gives points: a negative cost sent by a client is none
                cost = sum(
                    max(line.points_cost, 0.0)
                    for line in order.lines
                    if line.coupon_id == card and line.is_reward_line
                )
                delta = (due - cost) - (row.issued - row.used)
                if not row:
                    if not due and not cost:
                        continue
                    new_rows.append(
                        {
                            "card_id": card.id,
                            "order_model": "pos.order",
                            "order_id": order.id,
                            "crm_loyalty_kind": "order",
                            "crm_loyalty_multiplier": multiplier,
                            "crm_loyalty_date": fields.Date.context_today(order, order.date_order),
                            "description": self.env._("Point of sale %s", order.display_name),
                            "issued": due,
                            "used": cost,
                        }
                    )
                elif row.issued != due or row.used != cost:
                    History.browse(row.id).write({"issued": due, "used": cost})
                if delta:
                    card._idic_system().points += delta
                    changed |= card
                    if due < row.issued:
                        reversed_cards |= card
        if new_rows:
            History.create(new_rows)
        changed._crm_loyalty_after_points(reversed_cards)

    # ------------------------------------------------------------ refunds

    def _crm_loyalty_refund_line_domain(self, exclude):
        return [
            ("refunded_orderline_id.order_id", "=", self.id),
            ("order_id", "not in", exclude),
            ("order_id.state", "in", PAID),
        ]

    def _crm_loyalty_refund_base(self):
        return self.amount_total - self.amount_tax

    def _crm_loyalty_take_back(self):
        """A refund takes back its share of the refunded order's points, as a credit note
        does (``crm.loyalty.refund.mixin``), once: the rows it wrote name it. The refunds
        of ``self`` one after the other, each counting those before it (and every paid
        refund settled earlier) as refunded before and the rows they wrote as taken, not
        those after it: two refunds of one order synced together take back its points
        once."""
        done = (
            self.env["loyalty.history"]
            .sudo()
            .search([("crm_loyalty_pos_refund_id", "in", self.ids)])
            .crm_loyalty_pos_refund_id
        )
        pending = set((self - done).ids)
        for refund in self - done:
            rows, cards = self._crm_loyalty_take_back_rows(
                [
                    (line.refunded_orderline_id.order_id, line.price_subtotal)
                    for line in refund.lines.filtered("refunded_orderline_id")
                ],
                set(pending),
                {"crm_loyalty_pos_refund_id": refund.id},
                lambda order, r=refund: self.env._(
                    "Refund %(refund)s of %(order)s",
                    refund=r.display_name,
                    order=order.display_name,
                ),
            )
            self._crm_loyalty_post_take_back(rows, cards)
            pending.discard(refund.id)
