{
    "name": "IDIC Dealer Tiers",
    "summary": "Distributor, level-1 and level-2 agents: application, dossier, contract",
    "version": "18.0.0.1.0",
    "category": "Sales/CRM",
    "website": "https://github.com/idic-crm/idic-crm",
    "author": "IDIC CRM Team",
    "maintainers": ["idic-crm"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["crm_idic", "sale_management"],
    "data": [],
}
