from odoo import fields, models

RATINGS = [("met", "Met"), ("partly", "Partly met"), ("not_met", "Not met")]


class ScrReviewQuality(models.Model):
    """The partnership's self-assessment of a review against one quality marker."""

    _name = "scr.review.quality"
    _description = "Quality marker self-assessment"
    _inherit = ["scr.input.bounds.mixin", "scr.partnership.mixin", "scr.reviewer.scope.mixin"]
    _order = "review_id, sequence, id"
    _check_company_auto = True

    review_id = fields.Many2one(
        "scr.review", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    marker_id = fields.Many2one("scr.quality.marker", required=True, ondelete="restrict")
    sequence = fields.Integer(related="marker_id.sequence", store=True)
    rating = fields.Selection(RATINGS)
    evidence = fields.Text()

    _review_marker_unique = models.Constraint(
        "UNIQUE(review_id, marker_id)", "A review is assessed once against each marker."
    )
