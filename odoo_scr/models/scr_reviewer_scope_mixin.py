from odoo import api, fields, models


class ScrReviewerScopeMixin(models.AbstractModel):
    """Who the independent reviewers of a record are: those appointed to its review.

    An independent reviewer sees only the reviews they are appointed to (docs/process.md
    §1.4, §2 "Who sees what") and what belongs to them. Each model says, in
    ``_scr_review_path``, how it reaches its review(s); the record rules of every such
    model then read the same ``[('scr_reviewer_user_ids', 'in', user.id)]``, and what
    makes a user a review's reviewer (an appointment's stored ``reviewer_user_id``) is
    said here, once.
    """

    _name = "scr.reviewer.scope.mixin"
    _description = "Reviewers appointed to the record's review"

    # The path from a record to its review(s), "" on the review itself.
    _scr_review_path = "review_id"

    scr_reviewer_user_ids = fields.Many2many(
        "res.users",
        string="Appointed reviewers",
        compute="_compute_scr_reviewer_user_ids",
        search="_search_scr_reviewer_user_ids",
        compute_sudo=True,
    )

    def _scr_reviewer_field(self):
        """The appointments' reviewer, reached from this model."""
        path = self._scr_review_path
        return (
            f"{path}.appointment_ids.reviewer_user_id"
            if path
            else ("appointment_ids.reviewer_user_id")
        )

    def _compute_scr_reviewer_user_ids(self):
        field = self._scr_reviewer_field()
        for record in self:
            record.scr_reviewer_user_ids = record.mapped(field)

    @api.model
    def _search_scr_reviewer_user_ids(self, operator, value):
        return [(self._scr_reviewer_field(), operator, value)]
