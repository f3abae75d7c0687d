import re
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date, html2plaintext

from ..statutory_day import statutory_today

REVIEW_TYPES = [
    ("scr", "Serious case review"),
    ("lcspr", "Local child safeguarding practice review"),
    ("alr", "Alternative learning review"),
]
STAGES = [
    ("scoping", "Scoping"),
    ("in_progress", "In progress"),
    ("draft_report", "Draft report"),
    ("final_report", "Final report"),
    ("awaiting_publication", "Awaiting publication"),
    ("published", "Published"),
    ("closed", "Closed"),
]
# The step that moves a review on from each stage ("Next stage" on the form).
NEXT_STEP = {
    "scoping": "action_start",
    "in_progress": "action_draft_report",
    "draft_report": "action_final_report",
    "final_report": "action_await_publication",
    "awaiting_publication": "action_publish",
    "published": "action_close",
}
# Until the final report is in, the coordinator has the review to complete.
COMPLETING_STAGES = ("scoping", "in_progress", "draft_report")
COMPLETION_ACTIVITY = "odoo_scr.mail_activity_type_scr_review_completion"
PRE_PUBLICATION_ACTIVITY = "odoo_scr.mail_activity_type_scr_pre_publication"
RETENTION_ACTIVITY = "odoo_scr.mail_activity_type_scr_publication_retention"
COORDINATOR_GROUP = "odoo_scr.group_scr_coordinator"
REVIEWER_GROUP = "odoo_scr.group_scr_reviewer"
# What an independent reviewer writes on the review they are appointed to: their own
# working material. Everything that shapes the case (terms of reference, organisations
# involved, the decision, the stage, publication) is the partnership's (docs/process.md 1.4).
REVIEWER_WRITABLE_FIELDS = frozenset(
    {
        "chronology_analysis",
        "report_body",
        "final_report",
        "final_report_filename",
        "final_report_version",
        "final_report_date",
        "message_main_attachment_id",
    }
)

# What the anonymity check reads: a change to any of them means the report must be
# checked again.
ANONYMITY_SOURCES = frozenset(
    {"report_body", "written_response", "final_report", "final_report_filename"}
)
# Ways a date of birth is written in a report: ISO, British numeric, and in words.
DATE_FORMATS = (
    "%Y-%m-%d",
    "%d/%m/%Y",
    "{d}/{m}/%Y",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "{d} %B %Y",
    "{d} %b %Y",
    "{d}{suffix} %B %Y",
    "%B {d}, %Y",
    "%d/%m/%y",
)


def _ordinal_suffix(day):
    if day in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


class ScrReview(models.Model):
    """The review itself: terms of reference, reviewers, agencies and its deadline, its
    report and publication, and its action plan.

    ``completion_due_date`` is the statutory six months (``review_completion``
    timescale) from ``date_initiated``, or the date of the latest extension, each of
    which needs a reason and is kept on record.
    """

    _name = "scr.review"
    _description = "Case review"
    _inherit = [
        "scr.input.bounds.mixin",
        "scr.partnership.mixin",
        "scr.statutory.record.mixin",
        "mail.thread",
        "scr.activity.mixin",
        "mail.activity.mixin",
        "scr.reviewer.scope.mixin",
    ]
    _scr_review_path = ""
    _order = "date_initiated desc, id desc"
    _check_company_auto = True
    _workflow_fields = frozenset(
        {
            "state",
            "published_date",
            "no_publication",
            "anonymity_state",
            "anonymity_hit_count",
            "anonymity_checked_date",
        }
    )
    # What already happened: not after today (scr.input.bounds.mixin). The initiation
    # date may be planned (within the mixin's bounds).
    _scr_past_date_fields = frozenset({"date_completed", "family_informed_date"})

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="New")
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Partnership",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    incident_id = fields.Many2one(
        "scr.incident", required=True, index=True, check_company=True, tracking=True
    )
    decision_id = fields.Many2one(
        "scr.decision", index=True, check_company=True, readonly=True, tracking=True
    )
    child_alias = fields.Char(related="incident_id.child_alias", store=True)
    regime = fields.Selection(related="incident_id.regime", store=True)
    review_type = fields.Selection(REVIEW_TYPES, required=True, tracking=True)
    state = fields.Selection(STAGES, default="scoping", required=True, tracking=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible coordinator",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
    )

    # Terms of reference
    methodology = fields.Selection(
        [
            ("systems", "Systems approach"),
            ("learning_together", "SCIE Learning Together"),
            ("other", "Other"),
        ],
        tracking=True,
    )
    methodology_note = fields.Text(string="Methodology details")
    period_start = fields.Date(string="Period under review from")
    period_end = fields.Date(string="Period under review to")
    family_history = fields.Text(string="Family history to gather")
    other_contributors = fields.Text()
    relevant_issues = fields.Text(string="Issues to address")
    coroner_inquest = fields.Boolean(string="Coroner's inquest", tracking=True)
    criminal_investigation = fields.Boolean(string="Criminal investigation", tracking=True)
    parallel_proceedings_note = fields.Text(
        string="How the review takes account of parallel proceedings"
    )
    family_involvement = fields.Text()
    police_agreement = fields.Boolean(
        string="Police agree to family involvement",
        tracking=True,
        help="Needed before involving the family while criminal proceedings run.",
    )
    media_lead_id = fields.Many2one(
        "res.users", string="Media lead", help="Media handling goes only through the chair."
    )
    legal_advice = fields.Text()
    panel_member_ids = fields.Many2many(
        "res.partner",
        "scr_review_panel_member_rel",
        "review_id",
        "partner_id",
        string="Expert leads panel",
    )

    agency_ids = fields.Many2many(
        "res.partner",
        string="Organisations involved",
        domain=[("is_scr_agency", "=", True)],
        tracking=True,
    )
    appointment_ids = fields.One2many("scr.review.appointment", "review_id", string="Reviewers")
    info_request_ids = fields.One2many(
        "scr.info.request", "review_id", string="Information requests"
    )
    info_request_count = fields.Integer(compute="_compute_info_request_count")

    date_initiated = fields.Date(tracking=True)
    statutory_completion_date = fields.Date(
        compute="_compute_completion_due_date",
        store=True,
        help="Six months from initiation, from the review_completion timescale.",
    )
    completion_due_date = fields.Date(
        compute="_compute_completion_due_date", store=True, tracking=True, index=True
    )
    extension_ids = fields.One2many("scr.review.extension", "review_id", string="Extensions")
    date_completed = fields.Date(tracking=True)
    chronology_analysis = fields.Html(
        string="Analysis of the chronologies",
        help="The reviewer's analysis of what the organisations involved provided.",
    )

    # Learning: themes (with the "toxic trio"), briefings, quality self-assessment.
    theme_ids = fields.Many2many("scr.theme", string="Themes")
    toxic_trio = fields.Boolean(
        compute="_compute_toxic_trio",
        store=True,
        index=True,
        help="Domestic abuse, parental substance misuse and parental mental ill health are "
        "all present.",
    )
    briefing_ids = fields.One2many("scr.learning.briefing", "review_id", string="Briefings")
    quality_ids = fields.One2many("scr.review.quality", "review_id", string="Quality markers")
    completed_on_time = fields.Boolean(
        compute="_compute_completed_on_time",
        store=True,
        help="Completed by the completion due date (statutory, or as extended).",
    )

    @api.depends("date_initiated", "regime", "company_id", "extension_ids.new_due_date")
    def _compute_completion_due_date(self):
        Timescale = self.env["scr.timescale"]
        for review in self:
            review.statutory_completion_date = Timescale._deadline_of(
                review, "review_completion", review.date_initiated
            )
            latest = review.extension_ids.sorted(lambda e: (e.new_due_date, e.id))[-1:]
            review.completion_due_date = latest.new_due_date or review.statutory_completion_date

    @api.depends("theme_ids.toxic_trio")
    def _compute_toxic_trio(self):
        trio_size = self.env["scr.theme"].search_count([("toxic_trio", "=", True)])
        for review in self:
            present = review.theme_ids.filtered("toxic_trio")
            review.toxic_trio = bool(trio_size) and len(present) == trio_size

    @api.depends("date_completed", "completion_due_date")
    def _compute_completed_on_time(self):
        for review in self:
            review.completed_on_time = bool(
                review.date_completed
                and review.completion_due_date
                and review.date_completed <= review.completion_due_date
            )

    def action_prepare_quality_assessment(self):
        """One self-assessment line per active quality marker not yet assessed."""
        self.check_access("write")
        markers = self.env["scr.quality.marker"].search([("active", "=", True)])
        self.env["scr.review.quality"].create(
            [
                {"review_id": review.id, "marker_id": marker.id}
                for review in self
                for marker in markers - review.quality_ids.marker_id
            ]
        )

    def _compute_info_request_count(self):
        counts = dict(
            self.env["scr.info.request"]._read_group(
                [("review_id", "in", self.ids)], ["review_id"], ["__count"]
            )
        )
        for review in self:
            review.info_request_count = counts.get(review, 0)

    @api.constrains("date_initiated", "date_completed", "period_start", "period_end")
    def _check_dates(self):
        for review in self:
            if review.date_completed and (
                not review.date_initiated or review.date_completed < review.date_initiated
            ):
                raise ValidationError(
                    self.env._(
                        "%(ref)s cannot be completed on %(done)s, before it was initiated.",
                        ref=review.name,
                        done=format_date(self.env, review.date_completed),
                    )
                )
            if (
                review.period_start
                and review.period_end
                and review.period_end < review.period_start
            ):
                raise ValidationError(self.env._("The period under review ends before it starts."))

    @api.constrains("agency_ids")
    def _check_reviewers_stay_independent(self):
        """Adding an organisation must not compromise an appointed reviewer."""
        self.appointment_ids._check_independence()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "New") == "New":
                code = f"scr.review.{vals.get('review_type') or 'scr'}"
                vals["name"] = self.env["ir.sequence"].next_by_code(code) or "New"
        reviews = super().create(vals_list)
        reviews.activity_update()
        return reviews

    def write(self, vals):
        if not self.env.su and self._is_reviewer_only():
            forbidden = set(vals) - REVIEWER_WRITABLE_FIELDS
            if forbidden:
                raise AccessError(
                    self.env._(
                        "As the independent reviewer you write the report and your analysis; "
                        "%(fields)s belong to the partnership.",
                        fields=", ".join(
                            sorted(self._fields[f]._description_string(self.env) for f in forbidden)
                        ),
                    )
                )
        result = super().write(vals)
        # What follows from an edit; what follows from a step is in the step (action_*).
        if ANONYMITY_SOURCES & set(vals):
            # The report changed: the last check no longer speaks for it.
            self.filtered(lambda review: review.anonymity_state != "not_checked").sudo().write(
                {"anonymity_state": "not_checked", "anonymity_hit_count": 0}
            )
        if "agency_ids" in vals:
            self._prepare_contributors()
        if {"date_initiated", "user_id", "publication_date", "active"} & set(vals):
            self.activity_update()
        return result

    # ------------------------------------------------------------------
    # Stages
    # ------------------------------------------------------------------
    def _is_reviewer_only(self):
        """The user is an independent reviewer, not one of the partnership's staff."""
        user = self.env.user
        return user.has_group(REVIEWER_GROUP) and not user.has_group(COORDINATOR_GROUP)

    def _check_partnership_step(self):
        """The review's steps are the partnership's, never the reviewer's."""
        self.check_access("write")
        if self._is_reviewer_only():
            raise AccessError(
                self.env._(
                    "The partnership moves %(ref)s on; as its reviewer you write the report.",
                    ref=", ".join(self.mapped("name")),
                )
            )

    def action_next_stage(self):
        """Take each review's next step (``NEXT_STEP``): the form's "Next stage" button."""
        for state, reviews in self.grouped("state").items():
            if state not in NEXT_STEP:
                raise UserError(self.env._("%(ref)s is closed.", ref=reviews[0].name))
            getattr(reviews, NEXT_STEP[state])()
        return True

    def _take_step(self, from_state, what, values):
        """A step of the partnership, from ``from_state`` only: the workflow fields are
        written as the workflow writes them."""
        self._check_partnership_step()
        self._check_state([from_state], what)
        self._write_workflow(values)

    def action_start(self):
        """Scoping -> in progress: a lead reviewer and a start date first (and the
        police's agreement to involve the family during a criminal investigation)."""
        self._check_partnership_step()
        self._check_state(["scoping"], self.env._("start it"))
        for review in self:
            review._check_ready_to_start()
        self._take_step("scoping", self.env._("start it"), {"state": "in_progress"})
        self.activity_update()

    def action_draft_report(self):
        """In progress -> draft report."""
        self._take_step(
            "in_progress", self.env._("record its draft report"), {"state": "draft_report"}
        )
        self.activity_update()

    def action_final_report(self):
        """Draft report -> final report: the review is complete (today, unless a completion
        date is on record) and each organisation involved confirms how it is represented."""
        self._take_step(
            "draft_report", self.env._("record its final report"), {"state": "final_report"}
        )
        today = statutory_today()
        self.filtered(lambda review: not review.date_completed)._write_workflow(
            {"date_completed": today}
        )
        self._prepare_contributors()
        self.activity_update()

    def action_await_publication(self):
        """Final report -> awaiting publication: the notices the regime requires are
        prepared, to go before the publication date."""
        self._take_step(
            "final_report", self.env._("prepare its publication"), {"state": "awaiting_publication"}
        )
        self._prepare_contributors()
        self._prepare_pre_publication_notices()
        self.activity_update()

    def action_close(self):
        """Published -> closed."""
        self._take_step("published", self.env._("close it"), {"state": "closed"})
        self.activity_update()

    def activity_update(self):
        """The coordinator's activities on the review, in line with its stage (as
        ``hr.leave.activity_update()``; see ``scr.activity.mixin``):

        - complete the review, due on the completion date (statutory or extended), from
          its initiation until the final report, which does it;
        - send the pre-publication notices by the pre-publication date, while the review
          awaits publication with notices unsent; recording the last one does it;
        - keep the report available until ``publish_until_date``, once published.
        """
        users = {review: review.user_id or self.env.user for review in self}
        self._activity_align(
            COMPLETION_ACTIVITY,
            {
                review: (
                    review.completion_due_date,
                    users[review],
                    self.env._("Complete the review"),
                )
                for review in self
                if review.state in COMPLETING_STAGES
                and review.active
                and review.completion_due_date
            },
            done=self.filtered(lambda review: review.state not in COMPLETING_STAGES),
            feedback=self.env._("Final report received."),
        )
        unsent = {
            review: review.pre_publication_notice_ids.filtered(lambda n: not n.date_sent)
            for review in self
        }
        self._activity_align(
            PRE_PUBLICATION_ACTIVITY,
            {
                review: (
                    review.pre_publication_due_date,
                    users[review],
                    self.env._(
                        "Send the report to %(bodies)s by %(date)s",
                        bodies=", ".join(unsent[review].recipient_id.mapped("name")),
                        date=self._activity_date(review.pre_publication_due_date, users[review]),
                    ),
                )
                for review in self
                if review.state == "awaiting_publication"
                and review.pre_publication_due_date
                and unsent[review]
            },
            done=self.filtered(
                lambda review: review.pre_publication_notice_ids and not unsent[review]
            ),
            feedback=self.env._("All pre-publication notices recorded."),
        )
        self._activity_align(
            RETENTION_ACTIVITY,
            {
                review: (
                    review.publish_until_date,
                    users[review],
                    self.env._(
                        "Published until %(date)s: keep it available on request afterwards",
                        date=self._activity_date(review.publish_until_date, users[review]),
                    ),
                )
                for review in self
                if review.published_date and review.publish_until_date and review.active
            },
        )

    def _check_ready_to_start(self):
        if not self.appointment_ids.filtered(lambda a: a.role == "lead"):
            raise UserError(
                self.env._(
                    "Appoint a lead reviewer before %(ref)s moves on from scoping.", ref=self.name
                )
            )
        if not self.date_initiated:
            raise UserError(self.env._("Record the date %(ref)s was initiated.", ref=self.name))
        if self.criminal_investigation and self.family_involvement and not self.police_agreement:
            raise UserError(
                self.env._(
                    "A criminal investigation is running: record the police's agreement to involve "
                    "the family before the review starts."
                )
            )

    def action_view_incident(self):
        """The incident the review is held on (smart button)."""
        self.ensure_one()
        return self.incident_id._get_records_action(name=self.env._("Incident"))

    def action_view_decision(self):
        """The decision that started the review (smart button)."""
        self.ensure_one()
        return self.decision_id._get_records_action(name=self.env._("Decision"))

    def action_view_info_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("odoo_scr.scr_info_request_action")
        action["domain"] = [("review_id", "=", self.id)]
        action["context"] = {"default_review_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Publication: the final report, the contributors' confirmation, the pre-publication
    # notices, the chair's sign-off, the anonymity check and what the partnership
    # publishes afterwards (Working Together 2015 ch. 4; 2018 ch. 4). Every route to
    # "published" goes through one gate, ``_check_publishable``.
    # ------------------------------------------------------------------

    # The final report.
    report_body = fields.Html(
        string="Report text",
        help="The text (or summary) of the report to publish: it is checked for anything "
        "that identifies the child before publication.",
    )
    final_report = fields.Binary(attachment=True, copy=False)
    final_report_filename = fields.Char(copy=False)
    final_report_version = fields.Char(tracking=True, copy=False)
    final_report_date = fields.Date(string="Final report received", tracking=True, copy=False)
    contributor_ids = fields.One2many(
        "scr.review.contributor", "review_id", string="Contributors' confirmations"
    )
    written_response = fields.Html(string="Partnership's written response")

    # Publication dates and notices.
    publication_date = fields.Date(string="Planned publication date", tracking=True, copy=False)
    pre_publication_due_date = fields.Date(
        string="Send the pre-publication notices by",
        compute="_compute_pre_publication_due_date",
        store=True,
        help="The latest day the report may go to the statutory bodies, counted back from the "
        "publication date (pre_publication timescale).",
    )
    pre_publication_notice_ids = fields.One2many(
        "scr.notification", "review_id", string="Pre-publication notices"
    )
    publication_ids = fields.One2many(
        "scr.publication", "review_id", string="Chair's sign-offs of publication"
    )
    publication_signed = fields.Boolean(
        compute="_compute_publication_signed",
        help="The chair signed off the current version of the report.",
    )
    published_date = fields.Date(readonly=True, tracking=True, copy=False, index=True)
    published_url = fields.Char(string="Published at", tracking=True, copy=False)
    publish_until_date = fields.Date(
        string="Keep published until",
        compute="_compute_publish_until_date",
        store=True,
        help="At least 12 months from publication (publication_retention timescale), then "
        "available on request.",
    )
    publication_on_time = fields.Boolean(
        compute="_compute_publication_on_time",
        store=True,
        help="Published, and every pre-publication notice went in time.",
    )
    # WT2018/2023: the review is completed and published within six months of the decision
    # to initiate it (WT2018 ch. 4 para 43; WT2023 ch. 5; review_publication timescale).
    publication_due_date = fields.Date(
        string="Publish by",
        compute="_compute_publication_due_date",
        store=True,
        help="Six months from the decision to initiate the review (review_publication "
        "timescale). Working Together 2015 sets no such date.",
    )
    published_in_time = fields.Boolean(
        string="Published within six months",
        compute="_compute_publication_due_date",
        store=True,
        help="Published by the statutory date (for the annual report).",
    )
    family_informed_date = fields.Date(
        string="Family told of publication on",
        tracking=True,
        copy=False,
        help="The child's family is told before publication what will be published and when "
        "(WT2023 ch. 5; WT2015 ch. 4).",
    )
    publication_deferral = fields.Selection(
        [("criminal_proceedings", "Criminal proceedings"), ("inquest", "An inquest")],
        string="Publication deferred for",
        tracking=True,
        copy=False,
        help="Publication waits while criminal proceedings or an inquest could be prejudiced "
        "(WT2023 ch. 5). Clear it once they are over.",
    )
    publication_deferral_reason = fields.Text(
        string="Why publication is deferred", tracking=True, copy=False
    )

    # The decision not to publish.
    no_publication = fields.Boolean(string="Decided not to publish", tracking=True, copy=False)
    no_publication_reasons = fields.Text(string="Reasons not to publish", tracking=True)
    panel_advice = fields.Text(string="National Panel's advice", tracking=True)
    panel_advice_date = fields.Date(string="Panel's advice received", tracking=True)

    # What the partnership publishes afterwards.
    actions_taken = fields.Text(string="Actions taken")
    actions_impact = fields.Text(string="Their impact")
    further_actions = fields.Text(string="What more will be done")
    update_published_date = fields.Date(string="Update published on", tracking=True)

    # Anonymity. The live result names what matched, so it is for those who may read the
    # child's identity (the coordinators' group, as the identity fields of the incident).
    # Everyone else sees the result of the last check run (``action_check_anonymity``):
    # how many places, never which words, and each of their checks is counted and logged,
    # so that the check cannot be used to try out names or dates one by one.
    anonymity_issues = fields.Text(
        compute="_compute_anonymity",
        groups=COORDINATOR_GROUP,
        help="What identifies the child in the report: fix each before publication.",
    )
    anonymity_clear = fields.Boolean(
        compute="_compute_anonymity",
        groups=COORDINATOR_GROUP,
        help="Nothing in the report text or attachment names identifies the child.",
    )
    anonymity_state = fields.Selection(
        [
            ("not_checked", "Not checked since the report changed"),
            ("clear", "Nothing identifies the child"),
            ("identifies", "The report identifies the child"),
        ],
        string="Anonymity check",
        default="not_checked",
        readonly=True,
        copy=False,
        tracking=True,
    )
    anonymity_hit_count = fields.Integer(
        string="Places that identify the child", readonly=True, copy=False
    )
    anonymity_checked_date = fields.Datetime(string="Checked on", readonly=True, copy=False)

    @api.depends("publication_date", "regime", "company_id")
    def _compute_pre_publication_due_date(self):
        Timescale = self.env["scr.timescale"]
        for review in self:
            review.pre_publication_due_date = Timescale._deadline_of(
                review, "pre_publication", review.publication_date
            )

    @api.depends("publication_ids.state", "final_report_version")
    def _compute_publication_signed(self):
        for review in self:
            latest = review.publication_ids.sorted("id")[-1:]
            review.publication_signed = bool(
                latest.state == "signed" and latest.report_version == review.final_report_version
            )

    @api.depends("published_date", "regime", "company_id")
    def _compute_publish_until_date(self):
        Timescale = self.env["scr.timescale"]
        for review in self:
            review.publish_until_date = Timescale._deadline_of(
                review, "publication_retention", review.published_date
            )

    @api.depends("published_date", "pre_publication_notice_ids.date_sent", "regime", "company_id")
    def _compute_publication_on_time(self):
        Timescale = self.env["scr.timescale"]
        for review in self:
            if not review.published_date:
                review.publication_on_time = False
                continue
            latest_allowed = Timescale._deadline_of(
                review, "pre_publication", review.published_date
            )
            sent = review.pre_publication_notice_ids.mapped("date_sent")
            review.publication_on_time = (
                bool(sent) and all(sent) and all(day <= latest_allowed for day in sent)
            )

    @api.depends("date_initiated", "published_date", "regime", "company_id")
    def _compute_publication_due_date(self):
        """Six months from the decision to initiate, under WT2018/2023 only."""
        Timescale = self.env["scr.timescale"]
        for review in self:
            due = review.regime != "wt2015" and Timescale._deadline_of(
                review, "review_publication", review.date_initiated
            )
            review.publication_due_date = due
            review.published_in_time = bool(
                due and review.published_date and review.published_date <= due
            )

    @api.depends(
        "report_body",
        "written_response",
        "final_report_filename",
        "incident_id",
    )
    def _compute_anonymity(self):
        issues = self._anonymity_hits()
        for review in self:
            review.anonymity_clear = not issues[review.id]
            review.anonymity_issues = "\n".join(issues[review.id]) or False

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("publication_date", "final_report_date", "date_completed")
    def _check_publication_date(self):
        """A report cannot be published before it exists."""
        for review in self.filtered("publication_date"):
            report_date = review.final_report_date or review.date_completed
            if report_date and review.publication_date < report_date:
                raise ValidationError(
                    self.env._(
                        "%(ref)s cannot be published on %(date)s, before its final report "
                        "(%(report)s).",
                        ref=review.name,
                        date=format_date(self.env, review.publication_date),
                        report=format_date(self.env, report_date),
                    )
                )

    @api.constrains("publication_deferral", "publication_deferral_reason")
    def _check_publication_deferral(self):
        """A deferral says why: what proceedings, and what publishing now could prejudice."""
        for review in self.filtered("publication_deferral"):
            if not (review.publication_deferral_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Say why publication of %(ref)s is deferred for %(what)s.",
                        ref=review.name,
                        what=dict(
                            self._fields["publication_deferral"]._description_selection(self.env)
                        )[review.publication_deferral].lower(),
                    )
                )

    # ------------------------------------------------------------------
    # Anonymity check
    # ------------------------------------------------------------------
    def _anonymity_terms(self):
        """[(label, compiled pattern)] of what would identify the children of this review:
        the incident's child and every other child recorded on the incident (issue 15 item 5).

        Read as superuser: the identity fields are the coordinators'; the labels carry the
        names and are shown only to coordinators and the chair.
        """
        self.ensure_one()
        incident = self.incident_id.sudo()
        children = incident.other_child_ids
        aliases = " ".join([self.child_alias or "", *children.mapped("alias")])
        alias_words = {word.lower() for word in re.findall(r"\w+", aliases)}
        names = [(self.env._("the child's name"), incident.child_name)]
        names += [(self.env._("another child's name"), child.child_name) for child in children]
        names += [
            (self.env._("a family member's name"), line.strip())
            for line in (incident.family_member_names or "").splitlines()
        ]
        terms = []
        for label, name in names:
            if not name or not name.strip():
                continue
            candidates = {name.strip()} | {
                part
                for part in re.findall(r"\w+", name)
                if len(part) > 2 and part.lower() not in alias_words
            }
            terms += [
                (
                    f"{label} '{word}'",
                    re.compile(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", re.IGNORECASE),
                )
                for word in sorted(candidates)
            ]
        birthdates = [incident.child_birthdate, *children.mapped("child_birthdate")]
        for birthdate in filter(None, birthdates):
            day = str(birthdate.day)
            written = {
                birthdate.strftime(
                    fmt.format(d=day, m=str(birthdate.month), suffix=_ordinal_suffix(birthdate.day))
                )
                for fmt in DATE_FORMATS
            }
            terms += [
                (
                    self.env._("the child's date of birth '%(date)s'", date=text),
                    re.compile(rf"(?<!\d){re.escape(text)}(?!\d)", re.IGNORECASE),
                )
                for text in sorted(written)
            ]
        return terms

    def _anonymity_hits(self):
        """{review id: [what identifies the child, and where]} for the report text, the
        written response, the report file name and the names of the review's attachments."""
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
        )
        names_by_review = {}
        for attachment in attachments:
            names_by_review.setdefault(attachment.res_id, []).append(attachment.name)
        hits = {}
        for review in self:
            sources = [
                (self.env._("the report text"), html2plaintext(review.report_body or "")),
                (self.env._("the written response"), html2plaintext(review.written_response or "")),
                (self.env._("the report file name"), review.final_report_filename or ""),
            ] + [
                (self.env._("attachment '%(name)s'", name=name), name)
                for name in names_by_review.get(review.id, [])
            ]
            hits[review.id] = [
                self.env._("%(what)s in %(where)s", what=label, where=where)
                for label, pattern in (review._anonymity_terms() if review.id else [])
                for where, text in sources
                if text and pattern.search(text)
            ]
        return hits

    def action_check_anonymity(self):
        """Run the check, record its result and say it. What matched is said only to those
        who may read the child's identity; others learn how many places, and their checks
        are limited per day and logged on the review (``_log_anonymity_check``)."""
        self.check_access("write")
        identity_reader = self._can_read_identity()
        hits = self._anonymity_hits()
        if not identity_reader:
            self._log_anonymity_check(hits)
        for review in self:
            review._write_workflow(
                {
                    "anonymity_state": "identifies" if hits[review.id] else "clear",
                    "anonymity_hit_count": len(hits[review.id]),
                    "anonymity_checked_date": fields.Datetime.now(),
                }
            )
        found = self.filtered(lambda review: hits[review.id])
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "danger" if found else "success",
                "sticky": bool(found),
                "message": "\n".join(review._anonymity_message(hits[review.id]) for review in found)
                or self.env._("Nothing in the report identifies the child."),
            },
        }

    def _can_read_identity(self):
        """Whether the user may read the child's identity (the incident's identity fields
        belong to the coordinators' group, the chair's included)."""
        return self.env.user.has_group(COORDINATOR_GROUP)

    def _log_anonymity_check(self, hits):
        """Count a check by someone who may not read the identity against the daily limit
        (``odoo_scr.anonymity_checks_per_day``, 5 unless set), and log it on the review so
        that the partnership sees who checked what, and how often."""
        subtype = self.env.ref("odoo_scr.mt_scr_anonymity_check")
        limit = int(
            self.env["ir.config_parameter"].sudo().get_param("odoo_scr.anonymity_checks_per_day", 5)
        )
        since = fields.Datetime.now() - timedelta(days=1)
        for review in self:
            done = (
                self.env["mail.message"]
                .sudo()
                .search_count(
                    [
                        ("model", "=", self._name),
                        ("res_id", "=", review.id),
                        ("subtype_id", "=", subtype.id),
                        ("author_id", "=", self.env.user.partner_id.id),
                        ("date", ">=", since),
                    ]
                )
            )
            if done >= limit:
                raise UserError(
                    self.env._(
                        "You have checked %(ref)s %(count)s times today: ask the partnership's "
                        "coordinator to run the check.",
                        ref=review.name,
                        count=done,
                    )
                )
            review.sudo().message_post(
                body=self.env._(
                    "%(who)s checked the anonymity of the report: %(count)s place(s) identify "
                    "the child.",
                    who=self.env.user.name,
                    count=len(hits[review.id]),
                ),
                subtype_id=subtype.id,
                author_id=self.env.user.partner_id.id,
            )

    def _anonymity_message(self, hits):
        """The refusal, in words its reader may read: what matched for those who may read
        the identity, how many places for everyone else (never the matched text)."""
        if self._can_read_identity():
            return self.env._(
                "%(ref)s identifies the child. Fix before publication:\n- %(hits)s",
                ref=self.name,
                hits="\n- ".join(hits),
            )
        return self.env._(
            "%(ref)s identifies the child in %(count)s place(s): the partnership's coordinator "
            "can say where.",
            ref=self.name,
            count=len(hits),
        )

    # ------------------------------------------------------------------
    # Publication steps
    # ------------------------------------------------------------------
    def _prepare_contributors(self):
        """One confirmation line per organisation involved, once the report is final."""
        self.env["scr.review.contributor"].create(
            [
                {"review_id": review.id, "agency_id": agency.id}
                for review in self.filtered(
                    lambda r: r.state in ("final_report", "awaiting_publication")
                )
                for agency in review.agency_ids - review.contributor_ids.agency_id
            ]
        )

    def _prepare_pre_publication_notices(self):
        """One notice per body the ``pre_publication`` timescale names for the regime."""
        self.env["scr.notification"]._create_missing_notices(
            "pre_publication",
            self,
            "review_id",
            lambda review: review.pre_publication_notice_ids.recipient_id,
        )

    def _on_notifications_sent(self):
        """A pre-publication notice was recorded as sent: the activities follow."""
        self.activity_update()

    def action_prepare_pre_publication_notices(self):
        self._check_partnership_step()
        self._prepare_pre_publication_notices()
        self.activity_update()

    def action_request_publication_sign_off(self):
        """Ask the chair to sign the current version of the report off for publication."""
        self._check_partnership_step()
        for review in self:
            if review.state != "awaiting_publication":
                raise UserError(
                    self.env._(
                        "%(ref)s is not awaiting publication: move it on from the final report "
                        "first.",
                        ref=review.name,
                    )
                )
        self._check_report_ready()
        for review in self:
            if review._pending_publication_sign_off():
                raise UserError(
                    self.env._(
                        "The chair's sign-off of %(ref)s is already requested.", ref=review.name
                    )
                )
        # The review and the version signed are the sign-off's workflow fields: set here only.
        publications = (
            self.env["scr.publication"]
            .sudo()
            .create(
                [
                    {"review_id": review.id, "report_version": review.final_report_version}
                    for review in self
                ]
            )
        )
        publications.sudo(False).request_validation()
        return True

    def _pending_publication_sign_off(self):
        """The sign-off of the current report version that waits for the chair."""
        self.ensure_one()
        return self.publication_ids.filtered(
            lambda p: p.state == "draft" and p.report_version == self.final_report_version
        )[:1]

    def action_sign_publication(self):
        """The chair signs the pending sign-off of the current report version."""
        self.ensure_one()
        pending = self._pending_publication_sign_off()
        if not pending:
            raise UserError(
                self.env._("Request the chair's sign-off of %(ref)s first.", ref=self.name)
            )
        return pending.validate_tier()

    def action_publish(self):
        """Awaiting publication -> published, today: the gate (``_check_publishable``)
        says what is missing."""
        self._check_partnership_step()
        self._check_publishable()
        self._write_workflow({"state": "published", "published_date": statutory_today()})
        self.activity_update()

    def action_decide_not_to_publish(self):
        """The partnership decides not to publish: reasons on record, review closed.

        Under WT2018/2023 the safeguarding partners who decide not to publish send the
        report and their reasons to the national Panel and the Secretary of State (SI
        2018/789 reg. 16; WT2023 ch. 5): the pre-publication notices, to the same bodies,
        record that they went."""
        self._check_partnership_step()
        for review in self:
            if not (review.no_publication_reasons or "").strip():
                raise UserError(
                    self.env._(
                        "Record why %(ref)s will not be published, and the national Panel's "
                        "advice.",
                        ref=review.name,
                    )
                )
        current = self.filtered(lambda review: review.regime != "wt2015")
        current._prepare_pre_publication_notices()
        for review in current:
            unsent = review.pre_publication_notice_ids.filtered(lambda n: not n.date_sent)
            if unsent:
                raise UserError(
                    self.env._(
                        "Send the report of %(ref)s and your reasons not to publish it to "
                        "%(bodies)s, and record when they went, before closing the review.",
                        ref=review.name,
                        bodies=", ".join(unsent.recipient_id.mapped("name")),
                    )
                )
        self._write_workflow({"no_publication": True, "state": "closed"})
        self.activity_update()

    def _check_pre_publication_notice_timing(self):
        """Publishing sets the date to today, so the notices are measured against today: each
        went at least the ``pre_publication`` timescale before it (7 working days under
        WT2018/2023: SI 2018/789 reg. 16, WT2018 ch. 4 para 46, WT2023 ch. 5)."""
        self.ensure_one()
        latest_allowed = self.env["scr.timescale"]._deadline_of(
            self, "pre_publication", statutory_today()
        )
        late = self.pre_publication_notice_ids.filtered(
            lambda notice: notice.date_sent > latest_allowed
        )
        if late:
            raise UserError(
                self.env._(
                    "%(ref)s cannot be published today: the report went to %(bodies)s on "
                    "%(sent)s, and must have gone by %(due)s to be published today.",
                    ref=self.name,
                    bodies=", ".join(late.recipient_id.mapped("name")),
                    sent=format_date(self.env, max(late.mapped("date_sent"))),
                    due=format_date(self.env, latest_allowed),
                )
            )

    def _check_report_ready(self):
        """What the chair needs before signing each of these reviews: the report, its
        contributors' confirmation and a clean anonymity check (run once for all)."""
        hits = self._anonymity_hits()
        for review in self:
            if not (review.final_report or review.report_body) or not review.final_report_version:
                raise UserError(
                    self.env._(
                        "Attach the final report of %(ref)s and record its version.",
                        ref=review.name,
                    )
                )
            pending = review.contributor_ids.filtered(lambda c: not c.confirmed)
            if pending:
                raise UserError(
                    self.env._(
                        "%(agencies)s have not confirmed their information is fairly represented.",
                        agencies=", ".join(pending.agency_id.mapped("name")),
                    )
                )
            if hits[review.id]:
                raise UserError(review._anonymity_message(hits[review.id]))

    def _check_publishable(self):
        """The gate every route to "published" goes through."""
        for review in self:
            if review.no_publication:
                raise UserError(
                    self.env._("The partnership decided not to publish %(ref)s.", ref=review.name)
                )
            if review.state != "awaiting_publication":
                raise UserError(self.env._("%(ref)s is not awaiting publication.", ref=review.name))
            if not review.publication_date:
                raise UserError(
                    self.env._("Plan the publication date of %(ref)s.", ref=review.name)
                )
            if review.publication_deferral:
                raise UserError(
                    self.env._(
                        "Publication of %(ref)s is deferred: %(reason)s. Clear the deferral "
                        "once the proceedings allow it.",
                        ref=review.name,
                        reason=review.publication_deferral_reason,
                    )
                )
            if not review.family_informed_date:
                raise UserError(
                    self.env._(
                        "Tell the child's family before %(ref)s is published, and record when.",
                        ref=review.name,
                    )
                )
        self._check_report_ready()
        for review in self:
            unsent = review.pre_publication_notice_ids.filtered(lambda n: not n.date_sent)
            if unsent or not review.pre_publication_notice_ids:
                raise UserError(
                    self.env._(
                        "The pre-publication notices of %(ref)s have not all been sent "
                        "(%(bodies)s): send them by %(due)s.",
                        ref=review.name,
                        bodies=", ".join(unsent.recipient_id.mapped("name"))
                        or self.env._("none prepared"),
                        due=format_date(self.env, review.pre_publication_due_date),
                    )
                )
            review._check_pre_publication_notice_timing()
            if not review.publication_signed:
                raise UserError(
                    self.env._(
                        "The chair has not signed off version %(version)s of %(ref)s for "
                        "publication.",
                        version=review.final_report_version,
                        ref=review.name,
                    )
                )

    # ------------------------------------------------------------------
    # Action plan: recommendations, actions and progress per agency (docs/process.md 1.5)
    # ------------------------------------------------------------------
    recommendation_ids = fields.One2many(
        "scr.recommendation", "review_id", string="Recommendations"
    )
    action_ids = fields.One2many("scr.action", "review_id", string="Actions")
    action_count = fields.Integer(compute="_compute_action_plan")
    action_plan_state = fields.Selection(
        [("none", "No actions"), ("awaiting_sign_off", "Awaiting sign-off"), ("agreed", "Agreed")],
        compute="_compute_action_plan",
        string="Action plan",
    )
    action_progress_summary = fields.Text(
        string="Progress per agency", compute="_compute_action_plan"
    )

    @api.depends("action_ids.state", "action_ids.progress", "action_ids.agency_id")
    def _compute_action_plan(self):
        groups = self.env["scr.action"]._read_group(
            [("review_id", "in", self.ids), ("state", "!=", "cancelled")],
            ["review_id", "agency_id"],
            ["__count", "progress:avg", "signed_by_id:count"],
        )
        stats = {}
        for review, agency, count, progress, signed in groups:
            stats.setdefault(review, []).append((agency, count, progress, signed))
        for review in self:
            rows = stats.get(review, [])
            review.action_count = sum(row[1] for row in rows)
            if not rows:
                review.action_plan_state = "none"
            elif all(count == signed for _agency, count, _progress, signed in rows):
                review.action_plan_state = "agreed"
            else:
                review.action_plan_state = "awaiting_sign_off"
            review.action_progress_summary = "\n".join(
                f"{agency.name}: {round(progress or 0)}% ({count})"
                for agency, count, progress, _signed in sorted(rows, key=lambda r: r[0].name)
            )

    def action_request_sign_off(self):
        """E-mail each agency with unsigned actions that its senior officer must sign."""
        to_sign = self.env["scr.action"].search(
            [("review_id", "in", self.ids), ("state", "=", "draft"), ("signed_by_id", "=", False)]
        )
        if not to_sign:
            raise UserError(self.env._("Every agency has already signed its actions off."))
        first_per_agency = [actions[0].id for actions in to_sign.grouped("agency_id").values()]
        self.env.ref("odoo_scr.mail_template_scr_action_sign_off").send_mail_batch(first_per_agency)
        for review in self:
            agencies = to_sign.filtered(lambda a, r=review: a.review_id == r).agency_id
            review.message_post(
                body=self.env._(
                    "Senior sign-off of the action plan requested from %(agencies)s.",
                    agencies=", ".join(agencies.mapped("name")),
                )
            )

    def action_open_action_plan(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("odoo_scr.scr_action_action")
        action["domain"] = [("review_id", "=", self.id)]
        action["context"] = {
            "default_review_id": self.id,
            "search_default_group_agency": 1,
            "search_default_group_recommendation": 1,
        }
        return action
