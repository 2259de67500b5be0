{
    "name": "IDIC Loyalty Ranks at the Point of Sale",
    "summary": "Member ranks, points and balance at the counter; the server counts the "
    "points of POS orders by the ranked program's rule, in the back office's ledger",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/idic-crm/idic-crm",
    "author": "IDIC CRM Team",
    "maintainers": ["idic-crm"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "auto_install": True,
    "depends": ["crm_loyalty", "pos_loyalty"],
    "data": [],
    "demo": ["demo/crm_loyalty_pos_demo.xml"],
    "assets": {
        "point_of_sale._assets_pos": [
            "crm_loyalty_pos/static/src/**/*",
        ],
        "web.assets_tests": [
            "crm_loyalty_pos/static/tests/tours/*.js",
        ],
    },
}
