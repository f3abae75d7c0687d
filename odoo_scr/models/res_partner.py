from odoo import fields, models


class ResPartner(models.Model):
    """Partner agencies (police, health, schools...) are companies flagged as such."""

    _inherit = "res.partner"

    is_scr_agency = fields.Boolean(
        string="Safeguarding partner agency",
        help="An organisation that takes part in case reviews. Its contacts with a "
        "portal login act for it on the partner-agency portal.",
    )
    scr_agency_type = fields.Selection(
        [
            ("police", "Police"),
            ("health", "Health"),
            ("education", "Education"),
            ("social_care", "Children's social care"),
            ("probation", "Probation"),
            ("other", "Other"),
        ],
        string="Agency type",
    )
    scr_senior_officer = fields.Boolean(
        string="Senior officer (signs action plans)",
        help="A named senior officer of the agency: only such a contact may sign the "
        "agency's actions of a review's action plan off (DESIGN.md 1.5).",
    )
