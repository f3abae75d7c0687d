from odoo import api, fields, models
from odoo.exceptions import AccessError

# Who names an agency's senior officers: a senior officer signs the agency's actions of
# an action plan off (Working Together 2015 ch. 4: the plan is signed up to at senior
# level by each organisation; docs/process.md 1.5), so naming one is the partnership's
# configuration, not a contact's detail.
SENIOR_OFFICER_GROUP = "odoo_scr.group_scr_manager"


class ResPartner(models.Model):
    """Partner agencies (police, health, schools...) are companies flagged as such.

    An agency's units (departments, hospitals, contacts) are its children: the
    independence of reviewers treats them as the agency, so moving a partner in that tree
    checks again the appointments it may bear on."""

    _inherit = "res.partner"

    is_scr_agency = fields.Boolean(
        string="Partner agency (case reviews)",
        help="An organisation that takes part in case reviews: one of the three safeguarding "
        "partners (local authority, ICB, police; Children Act 2004 s16E) or a relevant agency "
        "(SI 2018/789, Schedule). Its contacts with a portal login act for it on the "
        "partner-agency portal.",
    )
    scr_agency_type = fields.Selection(
        [
            ("police", "Police"),
            ("health", "Health"),
            ("education", "Education"),
            ("social_care", "Children's social care"),
            ("probation", "Probation"),
            ("other", "Other"),
        ],
        string="Agency type",
    )
    scr_senior_officer = fields.Boolean(
        string="Senior officer (signs action plans)",
        copy=False,
        help="A named senior officer of the agency: only such a contact may sign the "
        "agency's actions of a review's action plan off (docs/process.md 1.5). Named by a case "
        "review manager.",
    )
    scr_agency_member = fields.Boolean(
        string="Belongs to a partner agency",
        compute="_compute_scr_agency_member",
        search="_search_scr_agency_member",
        help="A partner agency, or one of its units or contacts: what a case review manager "
        "maintains (the record rule of security/scr_rules.xml).",
    )

    @api.depends("is_scr_agency", "parent_id")
    def _compute_scr_agency_member(self):
        for partner in self:
            node = partner
            while node and not node.is_scr_agency:
                node = node.parent_id
            partner.scr_agency_member = bool(node)

    @api.model
    def _search_scr_agency_member(self, operator, value):
        """The agencies and everything under them (units, contacts), archived included."""
        if operator != "in":
            return NotImplemented
        partners = self.sudo().with_context(active_test=False)
        agencies = partners.search([("is_scr_agency", "=", True)])
        members = partners.search([("id", "child_of", agencies.ids)]).ids if agencies else []
        if True in value and False in value:
            return [(1, "=", 1)]
        return [("id", "in" if True in value else "not in", members)]

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("scr_senior_officer") for vals in vals_list):
            self._check_senior_officer_rights()
        return super().create(vals_list)

    def write(self, vals):
        if "scr_senior_officer" in vals and self.filtered(
            lambda partner: partner.scr_senior_officer != bool(vals["scr_senior_officer"])
        ):
            self._check_senior_officer_rights()
        if "parent_id" in vals and self.filtered("scr_senior_officer"):
            # A senior officer signs for the agency they belong to: moving them is naming
            # them senior officer of another.
            self._check_senior_officer_rights()
        result = super().write(vals)
        if "parent_id" in vals:
            self._scr_recheck_reviewers()
        return result

    def _scr_recheck_reviewers(self):
        """These partners (and their units) moved in the organisation tree: check again
        the appointments of the reviewers whose organisations, or whose reviews'
        organisations, are among them."""
        moved = self.sudo().with_context(active_test=False).search([("id", "child_of", self.ids)])
        reviewers = (
            self.env["scr.reviewer"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    "|",
                    "|",
                    ("worked_for_ids", "in", moved.ids),
                    ("employer_id", "in", moved.ids),
                    ("appointment_ids.review_id.agency_ids", "in", moved.ids),
                ]
            )
        )
        reviewers._recheck_appointments()

    def _check_senior_officer_rights(self):
        """Only a case review manager (or the superuser) names, removes or moves an
        agency's senior officer."""
        if self.env.su or self.env.user.has_group(SENIOR_OFFICER_GROUP):
            return
        raise AccessError(
            self.env._(
                "Only a case review manager can name or remove an agency's senior officer, "
                "or move one to another organisation: a senior officer signs the agency's "
                "actions off."
            )
        )
