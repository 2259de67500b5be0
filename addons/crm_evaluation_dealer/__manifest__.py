{
    "name": "IDIC Evaluation - Dealer Tiers",
    "summary": "Revenue per dealer tier and the dealers' compliance rate in evaluation periods",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/idic-crm/idic-crm",
    "author": "IDIC CRM Team",
    "maintainers": ["idic-crm"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "auto_install": True,
    "depends": ["crm_evaluation", "crm_dealer_tiers"],
    "data": [
        "views/crm_evaluation_line_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_evaluation_dealer/static/tests/tours/*.js",
        ],
    },
}
