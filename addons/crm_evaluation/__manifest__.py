{
    "name": "IDIC Evaluation",
    "summary": "Evaluation periods, KPI targets, scorecards and program reports",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/idic-crm/idic-crm",
    "author": "IDIC CRM Team",
    "maintainers": ["idic-crm"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["crm_idic", "survey"],
    "data": [
        "security/crm_evaluation_security.xml",
        "security/ir.model.access.csv",
        "views/crm_evaluation_period_views.xml",
        "views/crm_evaluation_line_views.xml",
        "views/crm_evaluation_target_views.xml",
        "views/crm_evaluation_criterion_views.xml",
        "views/crm_evaluation_scorecard_views.xml",
        "views/crm_evaluation_menus.xml",
    ],
    "demo": ["demo/crm_evaluation_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "crm_evaluation/static/tests/tours/*.js",
        ],
    },
}
