from odoo import fields, models


class ResPartner(models.Model):
    """Partner agencies (police, health, schools...) are companies flagged as such.

    An agency's units (departments, hospitals, contacts) are its children: the
    independence of reviewers treats them as the agency, so moving a partner in that tree
    checks again the appointments it may bear on."""

    _inherit = "res.partner"

    is_scr_agency = fields.Boolean(
        string="Safeguarding partner agency",
        help="An organisation that takes part in case reviews. Its contacts with a "
        "portal login act for it on the partner-agency portal.",
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
        help="A named senior officer of the agency: only such a contact may sign the "
        "agency's actions of a review's action plan off (DESIGN.md 1.5).",
    )

    def write(self, vals):
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
