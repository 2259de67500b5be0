{
    "name": "IDIC Priority Supply",
    "summary": "Deliveries of loyal (level 3) and priority-segment customers are urgent, "
    "so Odoo reserves stock for them first when it is short",
    "version": "18.0.1.0.0",
    "category": "Inventory/Delivery",
    "website": "https://github.com/idic-crm/idic-crm",
    "author": "IDIC CRM Team",
    "maintainers": ["idic-crm"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "auto_install": True,
    "depends": ["crm_idic", "sale_stock"],
    "post_init_hook": "post_init_hook",
    "data": [
        "views/stock_picking_views.xml",
        "views/sale_order_views.xml",
    ],
    "demo": ["demo/crm_idic_stock_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "crm_idic_stock/static/tests/tours/*.js",
        ],
    },
}
