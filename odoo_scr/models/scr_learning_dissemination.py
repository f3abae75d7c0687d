from odoo import fields, models

from .scr_input_bounds import REACHED_PRACTITIONERS


class ScrLearningDissemination(models.Model):
    """Who a learning briefing went to, when and how."""

    _name = "scr.learning.dissemination"
    _description = "Dissemination of a learning briefing"
    _inherit = ["scr.input.bounds.mixin", "scr.partnership.mixin", "scr.reviewer.scope.mixin"]
    _scr_review_path = "briefing_id.review_id"
    _order = "date, id"
    _check_company_auto = True
    _scr_number_bounds = {"reached": REACHED_PRACTITIONERS}

    briefing_id = fields.Many2one(
        "scr.learning.briefing", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="briefing_id.company_id", store=True, index=True)
    audience = fields.Char(
        required=True, help="E.g. health visitors, designated safeguarding leads"
    )
    agency_id = fields.Many2one("res.partner", domain=[("is_scr_agency", "=", True)])
    date = fields.Date(required=True)
    method = fields.Selection(
        [("email", "Email"), ("meeting", "Meeting"), ("training", "Training"), ("web", "Website")],
        default="email",
    )
    reached = fields.Integer(string="People reached")
