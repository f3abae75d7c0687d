from odoo import api, fields, models


class ScrPublication(models.Model):
    """The sign-off of one version of a review's final report for publication.

    Why a record of its own, rather than tier validation on ``scr.review`` itself:
    base_tier_validation locks every field of a record under validation and ties the
    approval to the record's state field. A review is worked on by coordinators,
    reviewers and agencies until the day it is published; locking it while the chair
    reads the report would stop that work, and one state field cannot carry two
    approvals. The sign-off also binds a *version* of the report: when the report
    changes, the review needs a new sign-off, and the history of sign-offs stays on
    record. The review is published only when its latest sign-off is signed and for
    its current report version (see ``scr.review._check_publishable``).

    Only ``scr.review.action_request_publication_sign_off`` creates one (the review and
    the version signed are workflow fields); who signs is the tier definition's reviewer.
    """

    _name = "scr.publication"
    _description = "Sign-off of publication"
    _inherit = [
        "scr.partnership.mixin",
        "scr.sign.off.mixin",
        "mail.thread",
        "scr.reviewer.scope.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True
    _workflow_fields = frozenset(
        {"state", "signed_by_id", "signed_date", "validation_status", "review_id", "report_version"}
    )

    name = fields.Char(compute="_compute_name")
    review_id = fields.Many2one(
        "scr.review", required=True, index=True, ondelete="restrict", check_company=True
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    regime = fields.Selection(related="review_id.regime")
    report_version = fields.Char(required=True, readonly=True, help="The version signed off.")
    state = fields.Selection(
        [("draft", "Awaiting sign-off"), ("signed", "Signed off")],
        default="draft",
        required=True,
        tracking=True,
    )

    # What the chair signs, shown on the sign-off so that nobody signs blind. Read through
    # the review: whoever may read this sign-off may read its review (the same record
    # rules); the notices are the coordinators' records, as on the review; the anonymity
    # check shows its stored result only, never what in the report identifies the child.
    child_alias = fields.Char(related="review_id.child_alias")
    final_report = fields.Binary(related="review_id.final_report", string="Report")
    final_report_filename = fields.Char(related="review_id.final_report_filename")
    final_report_version = fields.Char(
        related="review_id.final_report_version", string="Current version of the report"
    )
    report_body = fields.Html(related="review_id.report_body")
    report_is_pdf = fields.Boolean(compute="_compute_report_is_pdf")
    report_changed = fields.Boolean(
        compute="_compute_report_changed",
        help="The report's version is no longer the one this sign-off was asked for.",
    )
    publication_date = fields.Date(related="review_id.publication_date")
    pre_publication_due_date = fields.Date(related="review_id.pre_publication_due_date")
    pre_publication_notice_ids = fields.One2many(
        related="review_id.pre_publication_notice_ids", groups="odoo_scr.group_scr_coordinator"
    )
    contributor_ids = fields.One2many(related="review_id.contributor_ids")
    anonymity_state = fields.Selection(related="review_id.anonymity_state")
    anonymity_hit_count = fields.Integer(related="review_id.anonymity_hit_count")
    anonymity_checked_date = fields.Datetime(related="review_id.anonymity_checked_date")

    @api.depends("final_report_filename")
    def _compute_report_is_pdf(self):
        for publication in self:
            publication.report_is_pdf = (
                (publication.final_report_filename or "").lower().endswith(".pdf")
            )

    @api.depends("state", "report_version", "final_report_version")
    def _compute_report_changed(self):
        for publication in self:
            publication.report_changed = (
                publication.state == "draft"
                and publication.report_version != publication.final_report_version
            )

    def _compute_name(self):
        for publication in self:
            publication.name = self.env._(
                "Publication of %(ref)s, version %(version)s",
                ref=publication.review_id.name,
                version=publication.report_version,
            )

    def _on_signed(self):
        """Tell the review's chatter which version was signed, and by whom."""
        for publication in self:
            publication.review_id.message_post(
                body=self.env._(
                    "%(who)s signed off version %(version)s of the report for publication.",
                    who=self.env.user.name,
                    version=publication.report_version,
                )
            )
