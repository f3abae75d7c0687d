from odoo import api, fields, models
from odoo.exceptions import UserError

from .scr_input_bounds import RECOMMENDATION_NUMBERS


class ScrRecommendation(models.Model):
    """A recommendation of a review's report, which the partnership turns into actions.

    Numbered within its review as in the report; its themes feed the national learning
    analyses (docs/process.md 1.5).
    """

    _name = "scr.recommendation"
    _description = "Review recommendation"
    _inherit = [
        "scr.input.bounds.mixin",
        "scr.partnership.mixin",
        "mail.thread",
        "scr.reviewer.scope.mixin",
    ]
    _order = "review_id, number, id"
    _rec_name = "recommendation"
    _rec_names_search = ["recommendation", "review_id.name"]
    _check_company_auto = True
    _scr_number_bounds = {"number": RECOMMENDATION_NUMBERS}

    review_id = fields.Many2one(
        "scr.review", required=True, index=True, check_company=True, ondelete="restrict"
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    active = fields.Boolean(default=True)
    number = fields.Integer(required=True, default=1, tracking=True)
    recommendation = fields.Text(required=True, tracking=True)
    theme_ids = fields.Many2many(
        "scr.theme", string="Themes", tracking=True, help="The learning themes it addresses."
    )
    action_ids = fields.One2many("scr.action", "recommendation_id", string="Actions")

    _number_unique = models.Constraint(
        "UNIQUE(review_id, number)", "Recommendations are numbered once per review."
    )

    @api.depends("number", "recommendation", "review_id.name")
    def _compute_display_name(self):
        for rec in self:
            text = (rec.recommendation or "").split("\n")[0]
            rec.display_name = f"{rec.review_id.name} R{rec.number}: {text[:60]}"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_statutory_record(self):
        if not self.env.is_superuser():
            raise UserError(self.env._("Recommendations are kept on record; archive them instead."))
