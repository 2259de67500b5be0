from copy import deepcopy
from uuid import uuid4

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.crm_loyalty.tests.common import InvoicedLoyaltyCase


class PosLoyaltyCase(InvoicedLoyaltyCase):
    """crm_loyalty's VND company and ranked program, with a shop: a point of sale, an
    open session and a cashier (a POS user) who syncs orders as the POS does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product.available_in_pos = True
        Journal = cls.env["account.journal"].with_company(cls.company)
        cash = Journal.search([("type", "=", "cash"), ("company_id", "=", cls.company.id)], limit=1)
        cls.cash_pm = cls.env["pos.payment.method"].create(
            {"name": "Tiền mặt", "journal_id": cash.id, "company_id": cls.company.id}
        )
        cls.config = (
            cls.env["pos.config"]
            .with_company(cls.company)
            .create({"name": "Cửa hàng Test", "payment_method_ids": [Command.set(cls.cash_pm.ids)]})
        )
        cls.cashier = new_test_user(
            cls.env,
            login="loyalty_cashier",
            groups="base.group_user,point_of_sale.group_pos_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.session = cls.env["pos.session"].create(
            {"config_id": cls.config.id, "user_id": cls.cashier.id}
        )

    @classmethod
    def make_silver(cls, name="Silver member"):
        """A member holding the Silver rank (multiplier 1.1) with 3,000 points."""
        partner = cls.make_customer(name, is_company=True)
        card = cls.make_card(partner, [(fields.Date.today(), 3000)])
        card._crm_loyalty_assess()
        return partner, card

    def line(self, amount, qty=1, **extra):
        return Command.create(
            {
                "product_id": self.product.id,
                "qty": qty,
                "price_unit": amount,
                "discount": 0,
                "price_subtotal": amount * qty,
                "price_subtotal_incl": amount * qty,
                "tax_ids": [],
                **extra,
            }
        )

    def payload(self, partner, lines, uuid=None):
        """An order as the POS sends it to ``sync_from_ui``, paid in cash."""
        uuid = uuid or str(uuid4())
        total = sum(line[2]["price_subtotal_incl"] for line in lines)
        now = fields.Datetime.to_string(fields.Datetime.now())
        return {
            "amount_paid": total,
            "amount_return": 0,
            "amount_tax": 0,
            "amount_total": total,
            "date_order": now,
            "fiscal_position_id": False,
            "pricelist_id": self.config.pricelist_id.id,
            "name": f"Order {uuid}",
            "last_order_preparation_change": "{}",
            "lines": lines,
            "partner_id": partner.id if partner else False,
            "session_id": self.session.id,
            "sequence_number": 1,
            "payment_ids": [
                Command.create({"amount": total, "name": now, "payment_method_id": self.cash_pm.id})
            ],
            "uuid": uuid,
            "user_id": self.cashier.id,
            "to_invoice": False,
        }

    def sync(self, *payloads, user=None):
        """The orders synced by the cashier (``user``); returns the pos.orders."""
        env = self.user_env(user or self.cashier)
        result = env["pos.order"].sync_from_ui(deepcopy(list(payloads)))
        return self.env["pos.order"].browse([row["id"] for row in result["pos.order"]])

    def refund_payload(self, order, amount=None):
        line = order.lines[:1]
        amount = line.price_subtotal if amount is None else amount
        return self.payload(
            order.partner_id, [self.line(amount, qty=-1, refunded_orderline_id=line.id)]
        )

    def rows(self, order):
        return self.env["loyalty.history"].search(
            [("order_model", "=", "pos.order"), ("order_id", "=", order.id)]
        )
