from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import criteria

COORDINATOR_GROUP = "odoo_scr.group_scr_coordinator"
# One national notification names up to four children: the incident's child and three
# others; further children go in its free text (gov.uk, "Report a serious child
# safeguarding incident": "details of up to 4 children per incident").
MAX_OTHER_CHILDREN_NOTIFIED = 3


class ScrIncidentChild(models.Model):
    """Another child of the incident: a sibling or another child who died or was seriously
    harmed in it (named in the same notification), or a child at risk and how they were
    kept safe.

    Each is a person with an age: a child is under 18 (unborn included); a care leaver up
    to and including 24 (Working Together 2023 chapter 5). Their identity, like the
    incident child's, is for coordinators and the chair only.
    """

    _name = "scr.incident.child"
    _description = "Another child of the incident"
    _inherit = ["scr.input.bounds.mixin", "scr.partnership.mixin"]
    _order = "incident_id, id"
    _check_company_auto = True

    incident_id = fields.Many2one(
        "scr.incident", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="incident_id.company_id", store=True, index=True)
    alias = fields.Char(
        required=True, help="How the child is named in every record, e.g. Sibling 1."
    )
    relationship = fields.Selection(
        [
            ("sibling", "Sibling"),
            ("household", "Other child in the household"),
            ("same_setting", "Child in the same setting"),
            ("other", "Other"),
        ],
        required=True,
        default="sibling",
    )
    in_notification = fields.Boolean(
        string="Named in the notification",
        help="This child also died or was seriously harmed: the national notification names "
        "them beside the incident's child (up to four children in all).",
    )
    child_age = fields.Integer(
        string="Age at the time (years)", help="Completed years; 0 for a baby under one year."
    )
    child_unborn = fields.Boolean(string="Unborn child")
    care_leaver = fields.Boolean()
    safeguarding_action = fields.Text(
        string="Action to safeguard",
        help="What was done to keep this child safe (strategy discussion, protection plan, ...).",
    )
    # Identity: coordinators and the chair only, as the incident child's.
    child_name = fields.Char(string="Full name", groups=COORDINATOR_GROUP)
    child_birthdate = fields.Date(string="Date of birth", groups=COORDINATOR_GROUP)
    child_gender = fields.Selection(
        [("female", "Female"), ("male", "Male"), ("other", "Other / not stated")],
        string="Gender",
        groups=COORDINATOR_GROUP,
    )

    @api.constrains("child_age", "child_unborn", "care_leaver")
    def _check_person(self):
        """A child under 18 (unborn included), or a care leaver up to 24."""
        for child in self:
            problem = criteria.person_problem(
                child.child_age, child.child_unborn, child.care_leaver
            )
            if problem:
                raise ValidationError(
                    self.env._("%(alias)s: %(problem)s.", alias=child.alias, problem=problem)
                )

    @api.constrains("in_notification", "incident_id")
    def _check_notified_children(self):
        """Up to four children in one national notification: the incident's and three more."""
        for incident in self.incident_id:
            named = incident.other_child_ids.filtered("in_notification")
            if len(named) > MAX_OTHER_CHILDREN_NOTIFIED:
                raise ValidationError(
                    self.env._(
                        "%(ref)s: one national notification names up to four children, "
                        "%(alias)s and three others; give the details of %(extra)s in the "
                        "notification's further information instead.",
                        ref=incident.name,
                        alias=incident.child_alias,
                        extra=", ".join(named[MAX_OTHER_CHILDREN_NOTIFIED:].mapped("alias")),
                    )
                )
