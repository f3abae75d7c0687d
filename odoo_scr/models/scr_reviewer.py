from odoo import api, fields, models


class ScrReviewer(models.Model):
    """The partnership's register of independent reviewers.

    ``worked_for_ids`` and ``employer_id`` drive the independence check: a reviewer
    is never appointed to a review involving an organisation they worked for, nor
    to a review of the partnership that employs them.
    """

    _name = "scr.reviewer"
    _description = "Independent reviewer"
    _inherit = ["mail.thread"]
    _order = "name"

    partner_id = fields.Many2one("res.partner", string="Contact", required=True, tracking=True)
    name = fields.Char(related="partner_id.name", store=True, readonly=True)
    user_id = fields.Many2one(
        "res.users",
        tracking=True,
        help="The reviewer's login: appointing the reviewer gives it access to that review only.",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Partnership",
        default=lambda self: self.env.company,
        help="Leave empty to share the reviewer with every partnership of the database.",
    )
    employer_id = fields.Many2one("res.partner", tracking=True)
    worked_for_ids = fields.Many2many(
        "res.partner",
        string="Organisations worked for or with",
        help="An appointment to a review involving any of these organisations is refused.",
    )
    accreditation = fields.Text(
        help="Qualifications, accreditation and training (e.g. SCIE Learning Together)."
    )
    declared_interests = fields.Text()
    availability = fields.Selection(
        [("available", "Available"), ("limited", "Limited"), ("unavailable", "Unavailable")],
        default="available",
        tracking=True,
    )
    appointment_ids = fields.One2many(
        "scr.review.appointment", "reviewer_id", string="Appointments"
    )
    appointment_count = fields.Integer(compute="_compute_appointment_count")
    active = fields.Boolean(default=True, tracking=True)

    @api.depends("appointment_ids")
    def _compute_appointment_count(self):
        counts = dict(
            self.env["scr.review.appointment"]._read_group(
                [("reviewer_id", "in", self.ids)], ["reviewer_id"], ["__count"]
            )
        )
        for reviewer in self:
            reviewer.appointment_count = counts.get(reviewer, 0)

    def _independence_conflicts(self, review):
        """The reasons this reviewer is not independent of ``review`` (empty when independent)."""
        self.ensure_one()
        reasons = []
        partnership = review.company_id.partner_id
        if self.employer_id and self.employer_id.commercial_partner_id == partnership:
            reasons.append(self.env._("%(name)s is employed by the partnership.", name=self.name))
        worked_for = self.worked_for_ids.commercial_partner_id
        for organisation in (review.agency_ids.commercial_partner_id | partnership) & worked_for:
            reasons.append(
                self.env._(
                    "%(name)s has worked for or with %(org)s, which is involved in the review.",
                    name=self.name,
                    org=organisation.name,
                )
            )
        return reasons
