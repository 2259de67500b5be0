{
    "name": "IDIC Evaluation",
    "summary": "Evaluation periods, KPI targets, scorecards and program reports",
    "version": "18.0.0.1.0",
    "category": "Sales/CRM",
    "website": "https://github.com/idic-crm/idic-crm",
    "author": "IDIC CRM Team",
    "maintainers": ["idic-crm"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["crm_idic", "survey"],
    "data": [],
}
