{
    "name": "IDIC Evaluation - Helpdesk",
    "summary": "Complaints, resolution times, service level and ticket ratings in "
    "evaluation periods",
    "version": "18.0.1.1.0",
    "category": "Sales/CRM",
    "website": "https://github.com/idic-crm/idic-crm",
    "author": "IDIC CRM Team",
    "maintainers": ["idic-crm"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "auto_install": True,
    "depends": ["crm_evaluation", "crm_idic_helpdesk"],
    "data": [],
    "assets": {
        "web.assets_tests": [
            "crm_evaluation_helpdesk/static/tests/tours/*.js",
        ],
    },
}
