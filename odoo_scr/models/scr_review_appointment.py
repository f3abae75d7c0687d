from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ScrReviewAppointment(models.Model):
    """A reviewer appointed to a review, with the national Panel's view of it."""

    _name = "scr.review.appointment"
    _description = "Reviewer appointment"
    _order = "review_id, role, id"

    review_id = fields.Many2one("scr.review", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    reviewer_id = fields.Many2one("scr.reviewer", required=True, index=True, ondelete="restrict")
    reviewer_user_id = fields.Many2one(related="reviewer_id.user_id", store=True, index=True)
    role = fields.Selection(
        [("lead", "Lead reviewer"), ("co_reviewer", "Co-reviewer"), ("panel_chair", "Panel chair")],
        required=True,
        default="lead",
    )
    date_appointed = fields.Date(required=True, default=fields.Date.context_today)
    date_panel_informed = fields.Date(string="Name sent to the national Panel")
    panel_advice = fields.Text(string="National Panel's advice")

    _reviewer_unique = models.Constraint(
        "UNIQUE(review_id, reviewer_id, role)", "This reviewer already has this role on the review."
    )

    @api.constrains("review_id", "reviewer_id")
    def _check_independence(self):
        """Lead reviewers must be independent of the partnership and of every organisation."""
        for appointment in self:
            reasons = appointment.reviewer_id._independence_conflicts(appointment.review_id)
            if reasons:
                raise ValidationError(
                    self.env._(
                        "%(name)s cannot be appointed to %(review)s: %(reasons)s",
                        name=appointment.reviewer_id.name,
                        review=appointment.review_id.name,
                        reasons=" ".join(reasons),
                    )
                )

    @api.constrains("role", "review_id")
    def _check_single_lead(self):
        for review in self.filtered(lambda a: a.role == "lead").review_id:
            if len(review.appointment_ids.filtered(lambda a: a.role == "lead")) > 1:
                raise ValidationError(
                    self.env._(
                        "%(review)s already has a lead reviewer: appoint the second reviewer as "
                        "co-reviewer.",
                        review=review.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        appointments = super().create(vals_list)
        appointments._grant_reviewer_access()
        roles = dict(self._fields["role"].selection)
        bodies = {}
        for appointment in appointments:
            line = self.env._(
                "%(name)s appointed as %(role)s.",
                name=appointment.reviewer_id.name,
                role=roles[appointment.role].lower(),
            )
            review_id = appointment.review_id.id
            bodies[review_id] = f"{bodies[review_id]} {line}" if review_id in bodies else line
        appointments.review_id._message_log_batch(bodies=bodies)
        return appointments

    def _grant_reviewer_access(self):
        """An appointed reviewer's user gets the reviewer role; the record rules do the rest."""
        group = self.env.ref("odoo_scr.group_scr_reviewer")
        users = self.reviewer_id.user_id.filtered(lambda user: group not in user.all_group_ids)
        if users:
            users.sudo().write({"group_ids": [(4, group.id)]})
