from odoo import fields, models


class ScrIncidentChild(models.Model):
    """Another child at risk (a sibling, a child in the same setting) and how they were
    kept safe."""

    _name = "scr.incident.child"
    _description = "Other child at risk"
    _inherit = ["scr.input.bounds.mixin", "scr.partnership.mixin"]
    _order = "incident_id, id"
    _check_company_auto = True

    incident_id = fields.Many2one(
        "scr.incident", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="incident_id.company_id", store=True, index=True)
    alias = fields.Char(
        required=True, help="How the child is named in every record, e.g. Sibling 1."
    )
    relationship = fields.Selection(
        [
            ("sibling", "Sibling"),
            ("household", "Other child in the household"),
            ("same_setting", "Child in the same setting"),
            ("other", "Other"),
        ],
        required=True,
        default="sibling",
    )
    safeguarding_action = fields.Text(
        string="Action to safeguard",
        help="What was done to keep this child safe (strategy discussion, protection plan, ...).",
    )
