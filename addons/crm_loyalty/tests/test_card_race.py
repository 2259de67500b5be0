"""Two users confirm the first orders of one new customer at the same moment: one card."""

import sys
import threading
import time
import traceback

import psycopg2

from odoo import Command, api
from odoo.api import Transaction
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestCardRace(TransactionCase):
    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            company = env.ref("base.main_company")
            program = env["loyalty.program"].create(
                {
                    "name": "Race ranks",
                    "company_id": company.id,
                    "program_type": "loyalty",
                    "applies_on": "both",
                    "trigger": "auto",
                    "crm_loyalty_ranked": True,
                    "crm_loyalty_amount_per_point": 10,
                    "rule_ids": [Command.create({"reward_point_mode": "money"})],
                    "crm_loyalty_tier_ids": [
                        Command.create({"name": "Member", "sequence": 1, "threshold": 0}),
                        Command.create({"name": "Silver", "sequence": 2, "threshold": 150}),
                    ],
                }
            )
            customer = env["res.partner"].create({"name": "New customer", "is_company": True})
            product = env["product.product"].create(
                {"name": "Race product", "type": "service", "taxes_id": False}
            )
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": customer.id,
                        "company_id": company.id,
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "price_unit": 1000,
                                    "tax_id": [Command.clear()],
                                }
                            )
                        ],
                    }
                    for _order in range(2)
                ]
            )
            self.ids = {
                "company": company.id,
                "program": program.id,
                "customer": customer.id,
                "product": product.id,
                "orders": orders.ids,
            }
        self.addCleanup(self.clean)

    def clean(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"active_test": False})
            orders = env["sale.order"].browse(self.ids["orders"])
            orders.with_context(disable_cancel_warning=True)._action_cancel()
            orders.unlink()
            cards = env["loyalty.card"].search(
                [
                    "|",
                    ("program_id", "=", self.ids["program"]),
                    ("partner_id", "=", self.ids["customer"]),
                ]
            )
            cards.crm_loyalty_tier_history_ids._idic_system().unlink()
            cards.history_ids._idic_system().unlink()
            cards._idic_system().unlink()
            program = env["loyalty.program"].browse(self.ids["program"])
            program.write({"active": False})
            program.unlink()
            env["product.product"].browse(self.ids["product"]).unlink()
            env["res.partner"].browse(self.ids["customer"]).unlink()

    def confirm(self, cr, order_id):
        """Confirm as an RPC call would: a transaction that fails to serialize is run
        again (what ``odoo.service.model.retrying`` does; it is not used here, since it
        reloads the registry, whose lock the test runner holds while tests run)."""
        for _attempt in range(5):
            cr.transaction = Transaction(self.registry)
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            try:
                env["sale.order"].browse(order_id).action_confirm()
                env.flush_all()
                return
            except psycopg2.errors.SerializationFailure:
                cr.rollback()
                time.sleep(0.2)
        raise AssertionError("the second confirmation never went through")

    def stuck(self, thread):
        """Where the second confirmation waits (the failure message)."""
        frame = sys._current_frames().get(thread.ident)
        stack = "".join(traceback.format_stack(frame)) if frame else ""
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT pid, state, wait_event_type, wait_event, left(query, 200) "
                "FROM pg_stat_activity WHERE datname = current_database()"
            )
            activity = cr.fetchall()
        return f"second confirmation still running:\n{stack}\n{activity}"

    def test_two_first_orders_at_once_make_one_card(self):
        first, second = self.ids["orders"]
        errors = []

        def confirm_second():
            try:
                with self.registry.cursor() as cr:
                    self.confirm(cr, second)
            except Exception as error:  # noqa: BLE001 (any failure is reported by the test)
                errors.append(error)

        # the second confirmation's serialization failure is the expected way out
        with mute_logger("odoo.sql_db"):
            with self.registry.cursor() as cr_a:
                env_a = api.Environment(cr_a, api.SUPERUSER_ID, {})
                env_a["sale.order"].browse(first).action_confirm()
                env_a.flush_all()
                other = threading.Thread(target=confirm_second)
                other.start()
                # the second confirmation waits on the customer while the first is open
                time.sleep(2)
                cr_a.commit()
            other.join(60)
        self.assertFalse(other.is_alive(), self.stuck(other))
        self.assertFalse(errors)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            cards = env["loyalty.card"].search(
                [
                    ("program_id", "=", self.ids["program"]),
                    ("partner_id", "=", self.ids["customer"]),
                ]
            )
            self.assertEqual(len(cards), 1)
            self.assertEqual(cards.points, 200)
            self.assertEqual(sum(cards.history_ids.mapped("issued")), 200)
            self.assertEqual(cards.crm_loyalty_qualifying_points, 200)
            self.assertEqual(cards.crm_loyalty_tier_id.name, "Silver")
