from collections import defaultdict

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
        """Followed once per review (the path's first step) and assigned once per distinct
        set of reviewers: the record rules evaluate this field in Python on every row a
        reviewer reads (Odoo's ``_check_access`` runs ``filtered_domain``), and the rows
        of one review share their reviewers. The values go straight into the cache (as
        mail.thread puts its users' partners there): assigning a many2many runs the
        inverse and write bookkeeping of a stored one, for a value nothing writes."""
        first, rest = self._scr_reviewer_field().split(".", 1)
        ids_by_target = defaultdict(list)
        for record in self:
            ids_by_target[record[first]].append(record.id)
        ids_by_reviewers = defaultdict(list)
        for target, ids in ids_by_target.items():
            ids_by_reviewers[target.mapped(rest)].extend(ids)
        field = self._fields["scr_reviewer_user_ids"]
        for reviewers, ids in ids_by_reviewers.items():
            field._update_cache(self.browse(ids), reviewers._ids)

    @api.model
    def _search_scr_reviewer_user_ids(self, operator, value):
        return [(self._scr_reviewer_field(), operator, value)]
