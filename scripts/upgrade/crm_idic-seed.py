# ruff: noqa: F821 (`env` is given by odoo shell)
# Run by scripts/test-upgrade in `odoo shell` on the previous version: a confirmed order
# of 1,000 invoiced, and a credit note of 300 issued against it, posted.
company = env.company
env["account.chart.template"].try_loading("generic_coa", company=company, install_demo=False)
product = env["product.product"].create(
    {"name": "Upgrade revenue product", "invoice_policy": "order", "taxes_id": False}
)
customer = env["res.partner"].create({"name": "Upgrade revenue customer", "is_company": True})
order = env["sale.order"].create(
    {
        "partner_id": customer.id,
        "order_line": [
            (0, 0, {"product_id": product.id, "product_uom_qty": 1, "price_unit": 1000})
        ],
    }
)
order.action_confirm()
invoice = order._create_invoices()
invoice.action_post()
credit = invoice._reverse_moves()
credit.invoice_line_ids.price_unit = 300
credit.action_post()
env.cr.commit()
print("UPGRADE-SEED-OK")
