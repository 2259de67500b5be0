{
    "name": "IDIC Loyalty Ranks",
    "summary": "Member ranks and rewards on top of Odoo loyalty, seen at the point of sale",
    "version": "18.0.0.1.0",
    "category": "Sales/CRM",
    "website": "https://github.com/idic-crm/idic-crm",
    "author": "IDIC CRM Team",
    "maintainers": ["idic-crm"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["crm_idic", "sale_loyalty"],
    "data": [],
}
