from odoo import api, fields, models

# A review in these states no longer needs its reviewer: a change to the register leaves
# its appointments as they were.
RECHECK_ENDED_STATES = ("published", "closed")


class ScrReviewer(models.Model):
    """The partnership's register of independent reviewers.

    ``worked_for_ids`` and ``employer_id`` drive the independence check: a reviewer
    is never appointed to a review involving an organisation they worked for or that
    employs them, nor to a review of the partnership that employs them. An
    organisation's sub-units count as the organisation (and it as theirs). The register
    says what is true: when it changes, every appointment of the reviewer still running
    is checked again, and one now in breach is flagged and its chair told.
    """

    _name = "scr.reviewer"
    _description = "Independent reviewer"
    _inherit = [
        "scr.input.bounds.mixin",
        "scr.partnership.mixin",
        "mail.thread",
        "scr.reviewer.scope.mixin",
    ]
    _scr_review_path = "appointment_ids.review_id"
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
        tracking=True,
        help="An appointment to a review involving any of these organisations (or a unit "
        "of one) is refused; a running appointment that now involves one is flagged.",
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

    def write(self, vals):
        result = super().write(vals)
        if {"worked_for_ids", "employer_id"} & set(vals):
            self._recheck_appointments()
        return result

    def _recheck_appointments(self):
        """Check again every appointment of these reviewers to a review still running
        (of any partnership: a shared reviewer serves several)."""
        self.env["scr.review.appointment"].sudo().search(
            [
                ("reviewer_id", "in", self.ids),
                ("review_id.active", "=", True),
                ("review_id.state", "not in", RECHECK_ENDED_STATES),
            ]
        )._recheck_independence()

    def _independence_conflicts(self, review):
        """The reasons this reviewer is not independent of ``review`` (empty when independent).

        The organisations involved are the review's agencies and the partnership; the
        reviewer's are those worked for or with and the employer. An organisation's units
        (``child_of``: its contacts, departments, a trust's hospitals) count as the
        organisation: two partners are the same organisation when they are units of the
        same top organisation (``parent_id``), which holds for a unit and its agency."""
        self.ensure_one()
        reviewer = self.sudo()
        partnership = review.sudo().company_id.partner_id
        involved = review.sudo().agency_ids | partnership
        reasons = []
        for organisation in involved:
            for own in reviewer.employer_id | reviewer.worked_for_ids:
                if not _same_organisation(own, organisation):
                    continue
                reasons.append(self._conflict_reason(own, organisation, partnership))
        return list(dict.fromkeys(reasons))

    def _conflict_reason(self, own, organisation, partnership):
        employed = own == self.sudo().employer_id
        if employed and organisation == partnership:
            return self.env._("%(name)s is employed by the partnership.", name=self.name)
        if employed:
            return self.env._(
                "%(name)s is employed by %(own)s, which is involved in the review (%(org)s).",
                name=self.name,
                own=own.name,
                org=organisation.name,
            )
        if own == organisation:
            return self.env._(
                "%(name)s has worked for or with %(org)s, which is involved in the review.",
                name=self.name,
                org=organisation.name,
            )
        return self.env._(
            "%(name)s has worked for or with %(own)s, of the same organisation as %(org)s, "
            "which is involved in the review.",
            name=self.name,
            own=own.name,
            org=organisation.name,
        )


def _top_organisation(partner):
    """The organisation ``partner`` is a unit of, at the top of its ``parent_id`` chain
    (itself when it is a unit of none): what ``child_of`` its top would find it in."""
    seen = partner.browse()
    while partner.parent_id and partner not in seen:
        seen |= partner
        partner = partner.parent_id
    return partner


def _same_organisation(first, second):
    """Whether the two partners are units of one organisation (``child_of`` its top)."""
    return _top_organisation(first) == _top_organisation(second)
