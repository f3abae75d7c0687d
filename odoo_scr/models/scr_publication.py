from odoo import fields, models
from odoo.exceptions import UserError

CHAIR_GROUP = "odoo_scr.group_scr_chair"


class ScrPublication(models.Model):
    """The chair's sign-off of one version of a review's final report for publication.

    Why a record of its own, rather than tier validation on ``scr.review`` itself:
    base_tier_validation locks every field of a record under validation and ties the
    approval to the record's state field. A review is worked on by coordinators,
    reviewers and agencies until the day it is published; locking it while the chair
    reads the report would stop that work, and one state field cannot carry two
    approvals. The sign-off also binds a *version* of the report: when the report
    changes, the review needs a new sign-off, and the history of sign-offs stays on
    record. The review is published only when its latest sign-off is signed and for
    its current report version (see ``scr.review._check_publishable``).
    """

    _name = "scr.publication"
    _description = "Chair's sign-off of publication"
    _inherit = ["mail.thread", "tier.validation"]
    _order = "id desc"
    _check_company_auto = True

    _state_from = ["draft"]
    _state_to = ["signed"]

    name = fields.Char(compute="_compute_name")
    review_id = fields.Many2one(
        "scr.review", required=True, index=True, ondelete="restrict", check_company=True
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    report_version = fields.Char(required=True, readonly=True, help="The version signed off.")
    state = fields.Selection(
        [("draft", "Awaiting the chair"), ("signed", "Signed off")],
        default="draft",
        required=True,
        tracking=True,
    )
    signed_by_id = fields.Many2one("res.users", string="Signed off by", readonly=True)
    signed_date = fields.Datetime(string="Signed off on", readonly=True)

    def _compute_name(self):
        for publication in self:
            publication.name = self.env._(
                "Publication of %(ref)s, version %(version)s",
                ref=publication.review_id.name,
                version=publication.report_version,
            )

    def _check_chair(self):
        if not self.env.user.has_group(CHAIR_GROUP):
            raise UserError(self.env._("Only the chair of the partnership signs publication off."))

    def validate_tier(self):
        self._check_chair()
        return super().validate_tier()

    def reject_tier(self):
        self._check_chair()
        return super().reject_tier()

    def _validate_tier(self, tiers=False):
        self._check_chair()
        result = super()._validate_tier(tiers)
        if self.validation_status == "validated":
            # need_validation has no dependencies: drop the value cached before the reviews.
            self.invalidate_recordset(["need_validation"])
            self.write(
                {
                    "state": "signed",
                    "signed_by_id": self.env.uid,
                    "signed_date": fields.Datetime.now(),
                }
            )
            self.review_id.message_post(
                body=self.env._(
                    "%(chair)s signed off version %(version)s of the report for publication.",
                    chair=self.env.user.name,
                    version=self.report_version,
                )
            )
        return result
