from datetime import date

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class LoyaltyCase(TransactionCase):
    """A VND company with a ranked program (four ranks), users of each kind and helpers.

    ``self.env`` is the superuser: it sets up data and runs what only the system runs
    (the nightly assessment). What a person does runs as that person (``as_user``):

    * ``user`` (loyalty_user): a salesman, hence a Loyalty User;
    * ``manager`` (loyalty_manager): a sales manager, hence a Loyalty Manager;
    * ``employee`` (loyalty_employee): an internal user without sales or loyalty groups;
    * ``portal_user`` (loyalty_portal): a portal user.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        vnd = cls.env.ref("base.VND")
        vnd.active = True
        cls.company = cls.env["res.company"].create(
            {"name": "Loyalty Test Company", "currency_id": vnd.id}
        )
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.company.ids))
        cls.program = (
            cls.env["loyalty.program"]
            .with_company(cls.company)
            .create(
                {
                    "name": "Test loyalty",
                    "company_id": cls.company.id,
                    "program_type": "loyalty",
                    "applies_on": "both",
                    "trigger": "auto",
                    "crm_loyalty_ranked": True,
                    "crm_loyalty_amount_per_point": 10000,
                    "crm_loyalty_window": "rolling_12",
                    "crm_loyalty_review_basis": "period_end",
                    "rule_ids": [
                        Command.create(
                            {"reward_point_mode": "money", "reward_point_amount": 0.0001}
                        )
                    ],
                    "reward_ids": [
                        Command.create(
                            {"reward_type": "discount", "discount": 5, "required_points": 1000}
                        )
                    ],
                    "crm_loyalty_tier_ids": [
                        Command.create({"name": name, "sequence": seq, "threshold": t, **extra})
                        for name, seq, t, extra in (
                            ("Member", 10, 0, {}),
                            ("Silver", 20, 2000, {"multiplier": 1.1}),
                            ("Gold", 30, 10000, {"multiplier": 1.25}),
                            ("Diamond", 40, 50000, {"multiplier": 1.5}),
                        )
                    ],
                }
            )
        )
        tiers = cls.program._crm_loyalty_tiers()
        cls.member, cls.silver, cls.gold, cls.diamond = tiers
        groups = {
            "user": "sales_team.group_sale_salesman",
            "manager": "sales_team.group_sale_manager",
            "employee": "base.group_user",
            "portal_user": "base.group_portal",
        }
        for attr, group in groups.items():
            setattr(
                cls,
                attr,
                new_test_user(
                    cls.env,
                    login=f"loyalty_{attr}",
                    groups=group,
                    company_id=cls.company.id,
                    company_ids=[Command.set(cls.company.ids)],
                ),
            )
        cls.product = cls.env["product.product"].create(
            {"name": "Loyalty router", "list_price": 100.0, "type": "consu", "taxes_id": False}
        )

    @classmethod
    def user_env(cls, user):
        return cls.env(
            user=user, context=dict(cls.env.context, allowed_company_ids=user.company_id.ids)
        )

    @classmethod
    def as_user(cls, user, records):
        return records.with_env(cls.user_env(user))

    @classmethod
    def make_customer(cls, name="Member", **vals):
        return cls.env["res.partner"].create(
            {"name": name, "company_id": cls.company.id, "email": "m@example.com", **vals}
        )

    def make_order(self, partner, amount, user=None, confirm=True):
        """A quotation of ``amount`` VND (untaxed) entered and confirmed by ``user``
        (default: the salesman)."""
        env = self.user_env(user or self.user)
        order = env["sale.order"].create(
            {
                "partner_id": partner.id,
                "company_id": self.company.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        if confirm:
            order.action_confirm()
        return order

    def card_of(self, partner):
        return self.env["loyalty.card"].search(
            [("partner_id", "=", partner.id), ("program_id", "=", self.program.id)]
        )

    @classmethod
    def make_card(cls, partner, earnings=(), balance=None, program=None):
        """A card with ``earnings`` ((date, points) pairs) written as order history by
        the program; a ``balance`` below them is what the member spent (a redemption on
        the day of the last earning), above them a manual adjustment."""
        card = cls.env["loyalty.card"].create(
            {"program_id": (program or cls.program).id, "partner_id": partner.id}
        )
        rows = [
            {
                "card_id": card.id,
                "description": "Earned",
                "issued": points,
                "crm_loyalty_kind": "order",
                "crm_loyalty_date": day,
            }
            for day, points in earnings
        ]
        earned = sum(points for _day, points in earnings)
        if balance is not None and balance != earned:
            rows.append(
                {
                    "card_id": card.id,
                    "description": "Spent" if balance < earned else "Opening balance",
                    "issued": max(balance - earned, 0),
                    "used": max(earned - balance, 0),
                    "crm_loyalty_kind": "redemption" if balance < earned else "adjust",
                    "crm_loyalty_date": max((day for day, _p in earnings), default=date.today()),
                }
            )
        if rows:
            cls.env["loyalty.card"]._crm_loyalty_post(rows)
        return card

    def assert_ledger(self, msg=None):
        """Each card of a ranked program holds what its history issued less what it
        used: no point without its row, no row without its point."""
        cards = (
            self.env["loyalty.card"]
            .with_context(active_test=False)
            .search([("program_id.crm_loyalty_ranked", "=", True)])
        )
        self.env.flush_all()
        history = {
            card.id: issued - used
            for card, issued, used in self.env["loyalty.history"]._read_group(
                [("card_id", "in", cards.ids)], ["card_id"], ["issued:sum", "used:sum"]
            )
        }
        cards.invalidate_recordset(["points"])
        wrong = [
            (card.partner_id.name, card.points, history.get(card.id, 0))
            for card in cards
            if round(card.points - history.get(card.id, 0), 6)
        ]
        self.assertFalse(wrong, msg or "balance = history (member, balance, history)")

    def setUp(self):
        super().setUp()
        # whatever a test did, the ledger holds at its end
        self.addCleanup(self.assert_ledger, "balance = history at the end of the test")


class InvoicedLoyaltyCase(LoyaltyCase):
    """LoyaltyCase with an accounting: orders are invoiced and refunded."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company, install_demo=False
        )
        cls.product.invoice_policy = "order"

    def invoice(self, order):
        invoice = order._create_invoices()
        invoice.action_post()
        return invoice

    def refund(self, invoice, price=None):
        credit = invoice._reverse_moves()
        if price is not None:
            credit.invoice_line_ids.price_unit = price
        credit.action_post()
        return credit


D = date
