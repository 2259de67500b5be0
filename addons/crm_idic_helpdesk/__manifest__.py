{
    "name": "IDIC Helpdesk",
    "summary": "Customer segment, service level in working hours, complaints and the "
    "customer's ratings on helpdesk tickets; open complaints flag the customer",
    "version": "18.0.1.2.0",
    "category": "After-Sales",
    "website": "https://github.com/idic-crm/idic-crm",
    "author": "IDIC CRM Team",
    "maintainers": ["idic-crm"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    # installs itself with crm_idic and helpdesk_mgmt; brings the OCA rating and SLA
    # modules (the customer's ratings, the teams' working hours) along
    "auto_install": ["crm_idic", "helpdesk_mgmt"],
    "depends": ["crm_idic", "helpdesk_mgmt", "helpdesk_mgmt_rating", "helpdesk_mgmt_sla"],
    "data": [
        "security/crm_idic_helpdesk_security.xml",
        "security/ir.model.access.csv",
        "data/crm_idic_complaint_type_data.xml",
        "data/crm_idic_segment_data.xml",
        "data/crm_idic_action_signal_data.xml",
        "views/crm_idic_complaint_type_views.xml",
        "views/crm_idic_segment_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/res_partner_views.xml",
    ],
    "demo": [
        "demo/helpdesk_ticket_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_idic_helpdesk/static/tests/tours/*.js",
        ],
    },
}
