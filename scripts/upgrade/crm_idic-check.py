# ruff: noqa: F821 (`env` is given by odoo shell)
# Run by scripts/test-upgrade in `odoo shell` after the update: the action board exists,
# its signals are there, and the upgrade filled it from the demo customers.
problems = []
signals = env["crm.idic.action.signal"].search([]).mapped("code")
for code in ("visit", "winback", "gift", "profile", "duplicate", "segment_drop", "attention"):
    if code not in signals:
        problems.append(f"no signal {code}")
lines = env["crm.idic.action"].search([("state", "=", "open")])
if not lines:
    problems.append("the board is empty after the upgrade")
if not env.ref("crm_idic.ir_cron_idic_action_board", raise_if_not_found=False):
    problems.append("no refresh job")
env.cr.execute(
    "SELECT conname FROM pg_constraint WHERE conname = 'crm_idic_action_occurrence_unique'"
)
if env.cr.fetchall():
    problems.append("the old occurrence constraint is still there")
env.cr.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'crm_idic_action_occurrence_index'")
if not env.cr.fetchall():
    problems.append("no unique occurrence index")
env.cr.execute(
    "SELECT is_nullable FROM information_schema.columns "
    "WHERE table_name = 'crm_idic_action' AND column_name = 'partner_id'"
)
if env.cr.fetchone()[0] != "YES":
    problems.append("a board line still needs a customer")
order = env["sale.order"].search([("partner_id.name", "=", "Upgrade revenue customer")])
if not order:
    problems.append("the seeded order is missing")
elif order.idic_refunded_amount != 300 or order.order_line.idic_refunded_amount != 300:
    problems.append(f"the credit note of 300 was not counted: {order.idic_refunded_amount}")
elif order.partner_id.idic_revenue_12m != 700:
    problems.append(f"revenue is not net: {order.partner_id.idic_revenue_12m}")
env.cr.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'sale_order_idic_confirmed_index'")
if env.cr.fetchall():
    problems.append("the old index of confirmed orders is still there")
env.cr.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'sale_order_idic_confirmed_net_index'")
if not env.cr.fetchall():
    problems.append("no index of confirmed orders with the refunded amount")
print("UPGRADE-CHECK-FAILED: " + "; ".join(problems) if problems else "UPGRADE-CHECK-OK")
