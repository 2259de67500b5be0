{
    "name": "IDIC Evaluation - Loyalty",
    "summary": "Loyalty points issued, redeemed and expired, and members per rank, "
    "in evaluation periods",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/idic-crm/idic-crm",
    "author": "IDIC CRM Team",
    "maintainers": ["idic-crm"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "auto_install": True,
    "depends": ["crm_evaluation", "crm_loyalty"],
    "data": [
        "views/crm_evaluation_line_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_evaluation_loyalty/static/tests/tours/*.js",
        ],
    },
}
