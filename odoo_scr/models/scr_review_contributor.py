from odoo import api, fields, models

from ..statutory_day import statutory_today


class ScrReviewContributor(models.Model):
    """One organisation that contributed to a review, and whether it is satisfied that its
    information is fairly represented in the final report (Working Together 2015, ch. 4).

    The chair does not sign publication off until every contributor has confirmed.
    """

    _name = "scr.review.contributor"
    _description = "Contributor's confirmation of the final report"
    _inherit = ["scr.input.bounds.mixin", "scr.partnership.mixin", "scr.reviewer.scope.mixin"]
    _order = "review_id, agency_id"
    _check_company_auto = True

    review_id = fields.Many2one(
        "scr.review", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    agency_id = fields.Many2one("res.partner", required=True, domain=[("is_scr_agency", "=", True)])
    confirmed = fields.Boolean(
        help="The agency is satisfied that its information is fairly represented."
    )
    date_confirmed = fields.Date(string="Confirmed on")
    confirmed_by = fields.Char(help="Who confirmed, at senior level, for the agency.")
    note = fields.Text(help="What the agency asked to change, and what was done about it.")

    _review_agency_unique = models.Constraint(
        "UNIQUE(review_id, agency_id)", "An agency confirms a review's report once."
    )

    @api.onchange("confirmed")
    def _onchange_confirmed(self):
        if self.confirmed and not self.date_confirmed:
            self.date_confirmed = statutory_today()
