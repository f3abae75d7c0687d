from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..statutory_day import statutory_today_default

# Set by the independence re-check only (``_recheck_independence``), never by a client.
BREACH_FIELDS = frozenset({"independence_breach", "independence_breach_reason"})


class ScrReviewAppointment(models.Model):
    """A reviewer appointed to a review, with the national Panel's view of it.

    Independence is checked when the reviewer is appointed (a breach refuses the
    appointment) and again whenever the reviewer register changes (a breach then flags
    the appointment and the partnership's chair is told: the facts about the reviewer
    are recorded as they are, and the chair decides what follows)."""

    _name = "scr.review.appointment"
    _description = "Reviewer appointment"
    _inherit = ["scr.input.bounds.mixin", "scr.partnership.mixin", "scr.reviewer.scope.mixin"]
    _order = "review_id, role, id"
    _check_company_auto = True
    _scr_past_date_fields = frozenset({"date_panel_informed"})

    review_id = fields.Many2one(
        "scr.review", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    # A reviewer of the partnership's own register, or of the shared one (no partnership).
    reviewer_id = fields.Many2one(
        "scr.reviewer", required=True, index=True, ondelete="restrict", check_company=True
    )
    reviewer_user_id = fields.Many2one(related="reviewer_id.user_id", store=True, index=True)
    role = fields.Selection(
        [("lead", "Lead reviewer"), ("co_reviewer", "Co-reviewer"), ("panel_chair", "Panel chair")],
        required=True,
        default="lead",
    )
    date_appointed = fields.Date(required=True, default=statutory_today_default)
    date_panel_informed = fields.Date(string="Name sent to the national Panel")
    panel_advice = fields.Text(string="National Panel's advice")
    independence_breach = fields.Boolean(
        readonly=True,
        copy=False,
        help="Since the appointment, the reviewer register shows the reviewer is not "
        "independent of this review; the chair was told.",
    )
    independence_breach_reason = fields.Text(readonly=True, copy=False)

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

    def _recheck_independence(self):
        """Check these appointments again against the register as it is now: flag each
        one now in breach, with the reasons, in a note on the review and an activity for
        the partnership's chair; lift a flag the register no longer bears out, with a
        note. Runs as the server: the reviewer may serve another partnership, whose
        chair is told without the user seeing its review."""
        appointments = self.sudo()
        chairs = appointments.company_id._scr_chairs()
        for appointment in appointments:
            review = appointment.review_id
            reasons = appointment.reviewer_id._independence_conflicts(review)
            reason = " ".join(reasons)
            if reasons and reason != appointment.independence_breach_reason:
                appointment.write(
                    {"independence_breach": True, "independence_breach_reason": reason}
                )
                body = self.env._(
                    "Independence of %(name)s, appointed to %(review)s, is breached since the "
                    "reviewer register changed: %(reasons)s The chair decides whether the "
                    "appointment ends.",
                    name=appointment.reviewer_id.name,
                    review=review.name,
                    reasons=reason,
                )
                review.message_post(body=body, subtype_xmlid="mail.mt_note")
                chair = chairs.get(review.company_id.id) or review.user_id
                review.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=chair.id or self.env.uid,
                    summary=self.env._(
                        "Reviewer no longer independent: %(name)s",
                        name=appointment.reviewer_id.name,
                    ),
                    note=body,
                )
            elif not reasons and appointment.independence_breach:
                appointment.write(
                    {"independence_breach": False, "independence_breach_reason": False}
                )
                review.message_post(
                    body=self.env._(
                        "The reviewer register no longer shows a breach of the independence of "
                        "%(name)s.",
                        name=appointment.reviewer_id.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get(name) for vals in vals_list for name in BREACH_FIELDS):
            raise self._breach_fields_refused()
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

    def write(self, vals):
        if not self.env.su and BREACH_FIELDS & set(vals):
            raise self._breach_fields_refused()
        return super().write(vals)

    def _breach_fields_refused(self):
        return AccessError(
            self.env._(
                "Whether an appointment breaches independence is read from the reviewer "
                "register, never set by hand."
            )
        )

    def _grant_reviewer_access(self):
        """An appointed reviewer's user gets the reviewer role; the record rules do the rest."""
        group = self.env.ref("odoo_scr.group_scr_reviewer")
        users = self.reviewer_id.user_id.filtered(lambda user: group not in user.all_group_ids)
        if users:
            users.sudo().write({"group_ids": [(4, group.id)]})
