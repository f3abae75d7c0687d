from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError


class ScrAgencyReviewMixin(models.AbstractModel):
    """What a partner agency does for a review: an information request it answers, an
    action of the plan it delivers. The record belongs to the review (its partnership,
    its child's alias) and to the agency, and its review's coordinator answers for it
    when it is overdue (``scr.escalation.mixin``)."""

    _name = "scr.agency.review.mixin"
    _description = "Agency's work for a review"

    review_id = fields.Many2one("scr.review", required=True, index=True, check_company=True)
    review_reference = fields.Char(related="review_id.name", store=True, string="Review reference")
    child_alias = fields.Char(related="review_id.child_alias", store=True)
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    agency_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        domain="[('is_scr_agency', '=', True)]",
        check_company=True,
    )

    def _escalation_users(self):
        """An overdue request or action goes to its review's coordinator."""
        return {record.id: record.review_id.user_id or self.env.user for record in self}

    @api.constrains("agency_id", "review_id")
    def _check_agency_in_review(self):
        """The agency is one of the organisations involved in the review."""
        for record in self:
            if record.agency_id not in record.review_id.agency_ids:
                raise ValidationError(
                    self.env._(
                        "%(agency)s is not one of the organisations involved in %(review)s.",
                        agency=record.agency_id.name,
                        review=record.review_id.name,
                    )
                )

    def _check_partnership_step(self, what):
        """Steps such as accepting, verifying, returning or cancelling are the
        partnership's, never the agency's (a partner agency writes its own part:
        ``_agency_part``)."""
        self.check_access("write")
        if not self.env.su and not self.env.user.has_group("odoo_scr.group_scr_coordinator"):
            raise AccessError(
                self.env._(
                    "Only the partnership can %(what)s: %(part)s.",
                    what=what,
                    part=self._agency_part(),
                )
            )

    def _agency_part(self):
        """What the agency does itself, in the refusal of a partnership's step."""
        raise NotImplementedError
