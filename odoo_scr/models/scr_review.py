from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

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
NEXT_STAGE = {current: following for (current, _), (following, _) in zip(STAGES, STAGES[1:])}
COORDINATOR_GROUP = "odoo_scr.group_scr_coordinator"
REVIEWER_GROUP = "odoo_scr.group_scr_reviewer"
# What an independent reviewer writes on the review they are appointed to: their own
# working material. Everything that shapes the case (terms of reference, organisations
# involved, the decision, the stage, publication) is the partnership's (DESIGN.md 1.4).
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


class ScrReview(models.Model):
    """The review itself: terms of reference, reviewers, agencies and its deadline.

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
        "mail.activity.mixin",
    ]
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
    _scr_past_date_fields = frozenset({"date_completed"})

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
                        done=review.date_completed,
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
        reviews.filtered("date_initiated")._schedule_completion_activity()
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
        if {"date_initiated", "user_id"} & set(vals):
            self.filtered("date_initiated")._schedule_completion_activity()
        return result

    def _schedule_completion_activity(self):
        """One open 'complete the review' activity per review, due on the completion date."""
        activity_type = self.env.ref("odoo_scr.mail_activity_type_scr_review_completion")
        existing = {
            activity.res_id: activity
            for activity in self.env["mail.activity"].search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        }
        for review in self:
            values = {"date_deadline": review.completion_due_date, "user_id": review.user_id.id}
            if review.id in existing:
                existing[review.id].write(values)
            else:
                review.activity_schedule(
                    "odoo_scr.mail_activity_type_scr_review_completion",
                    summary=self.env._("Complete the review"),
                    **values,
                )

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
        """Move to the next stage; starting the review needs a lead reviewer and a start date."""
        self._check_partnership_step()
        for review in self:
            if review.state not in NEXT_STAGE:
                raise UserError(self.env._("%(ref)s is closed.", ref=review.name))
            if review.state == "scoping":
                review._check_ready_to_start()
            following = NEXT_STAGE[review.state]
            values = {"state": following}
            if following == "final_report" and not review.date_completed:
                values["date_completed"] = fields.Date.context_today(self)
            review._write_workflow(values)

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

    def action_view_info_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("odoo_scr.scr_info_request_action")
        action["domain"] = [("review_id", "=", self.id)]
        action["context"] = {"default_review_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Action plan: recommendations, actions and progress per agency (DESIGN.md 1.5)
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
