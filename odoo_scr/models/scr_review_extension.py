from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from ..statutory_day import statutory_today_default


class ScrReviewExtension(models.Model):
    """A later completion date for a review (court proceedings, ...), always with its reason."""

    _name = "scr.review.extension"
    _description = "Review extension"
    _inherit = ["scr.input.bounds.mixin", "scr.partnership.mixin", "scr.reviewer.scope.mixin"]
    _order = "review_id, new_due_date, id"
    _check_company_auto = True

    review_id = fields.Many2one(
        "scr.review", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    new_due_date = fields.Date(string="New completion date", required=True)
    reason = fields.Text(required=True)
    improvement_points = fields.Text(
        string="Improvement points meanwhile",
        help="Learning already captured and corrective action taken while the review is delayed.",
    )
    requested_by_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
    date_requested = fields.Date(default=statutory_today_default, readonly=True)

    @api.constrains("reason", "new_due_date")
    def _check_extension(self):
        for extension in self:
            if not (extension.reason or "").strip():
                raise ValidationError(self.env._("An extension needs a reason."))
            review = extension.review_id
            previous = (review.extension_ids - extension).mapped("new_due_date")
            current = max([review.statutory_completion_date or extension.new_due_date, *previous])
            if extension.new_due_date <= current:
                raise ValidationError(
                    self.env._(
                        "The new completion date of %(ref)s must be after %(current)s.",
                        ref=review.name,
                        current=current,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        extensions = super().create(vals_list)
        for extension in extensions:
            extension.review_id.message_post(
                body=self.env._(
                    "Completion extended to %(date)s: %(reason)s",
                    date=format_date(self.env, extension.new_due_date),
                    reason=extension.reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        extensions.review_id.activity_update()
        return extensions
