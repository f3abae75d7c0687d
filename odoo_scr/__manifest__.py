{
    "name": "Safeguarding Case Reviews",
    "summary": "Statutory case reviews of a local safeguarding children partnership: "
    "notifiable incidents, decisions, independent reviews, action plans and publication",
    "version": "19.0.1.0.0",
    "category": "Services/Safeguarding",
    "author": "odoo_scr developers",
    "website": "https://github.com/odoo-scr/odoo_scr",
    "license": "LGPL-3",
    "depends": ["mail", "portal", "resource", "base_tier_validation"],
    "external_dependencies": {"python": ["holidays"]},
    "data": [
        "security/scr_security.xml",
        "security/ir.model.access.csv",
        "security/scr_rules.xml",
        "data/scr_timescale_data.xml",
        "data/scr_notification_recipient_data.xml",
        "data/ir_sequence_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "views/scr_timescale_views.xml",
        "views/resource_calendar_views.xml",
        "views/res_company_views.xml",
        "views/res_partner_views.xml",
        "views/scr_notification_views.xml",
        "views/scr_incident_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/scr_demo.xml",
        "demo/scr_incident_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "odoo_scr/static/tests/tours/**/*",
        ],
    },
    "application": True,
}
