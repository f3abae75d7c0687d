from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

COORDINATOR_GROUP = "odoo_scr.group_scr_coordinator"
CHAIR_GROUP = "odoo_scr.group_scr_chair"
OUTCOMES = [
    ("initiate_review", "Initiate a review"),
    ("alternative_review", "Alternative learning review"),
    ("no_review", "No review"),
]
STATES = [("draft", "With the subgroup"), ("signed", "Signed off by the chair")]
# What may still change once the chair has signed: the national Panel's answer to a
# rapid review arrives after the decision, and mail bookkeeping is not the decision.
EDITABLE_WHEN_SIGNED = frozenset(
    {
        "panel_response",
        "panel_response_date",
        "message_follower_ids",
        "message_main_attachment_id",
        "access_token",
    }
)
# Dates of the record that cannot come before the incident, nor lie in the future.
EVENT_DATE_FIELDS = ("recommendation_date", "peer_challenge_date", "panel_sent_date")


class ScrDecision(models.Model):
    """The case review subgroup's recommendation and the chair's decision on an incident.

    The chair signs the decision off through OCA ``base_tier_validation`` (a shipped
    tier that only the chair group can validate); a signed decision is locked until
    its sign-off is restarted. The statutory dates (decision, rapid review, notice of
    the decision) come from ``scr.timescale``; signing off moves the incident to
    "decided" and creates the notices of the decision to the statutory bodies.
    """

    _name = "scr.decision"
    _description = "Decision whether to review"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "tier.validation",
        "scr.statutory.record.mixin",
    ]
    _order = "decision_due_date desc, id desc"
    _check_company_auto = True

    _state_from = ["draft"]
    _state_to = ["signed"]

    name = fields.Char(compute="_compute_name", store=True, index="trigram")
    active = fields.Boolean(default=True, tracking=True)
    state = fields.Selection(STATES, default="draft", required=True, tracking=True, index=True)
    incident_id = fields.Many2one(
        "scr.incident",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        domain="[('state', 'in', ('draft', 'notified', 'under_consideration'))]",
    )
    company_id = fields.Many2one(
        related="incident_id.company_id", string="Partnership", store=True, index=True
    )
    regime = fields.Selection(related="incident_id.regime", store=True)
    child_alias = fields.Char(related="incident_id.child_alias")
    review_requirement = fields.Selection(related="incident_id.review_requirement")
    criteria_explanation = fields.Text(related="incident_id.criteria_explanation")
    user_id = fields.Many2one(
        "res.users",
        string="Responsible coordinator",
        tracking=True,
        index=True,
        default=lambda self: self._default_user_id(),
        domain=lambda self: [("group_ids", "in", self.env.ref(COORDINATOR_GROUP).ids)],
    )

    # The case review subgroup's recommendation.
    recommendation = fields.Selection(OUTCOMES, string="Subgroup recommendation", tracking=True)
    recommendation_date = fields.Date(tracking=True)
    member_ids = fields.Many2many(
        "res.partner",
        string="Members present",
        help="The members of the case review subgroup who made the recommendation.",
    )
    recommendation_reasons = fields.Text(string="Reasons of the subgroup")

    # The chair's decision.
    decision = fields.Selection(OUTCOMES, string="Chair's decision", required=True, tracking=True)
    decision_date = fields.Date(
        required=True, tracking=True, default=fields.Date.context_today, index=True
    )
    rationale = fields.Text(
        required=True, tracking=True, help="Why the chair decided so, in the chair's own words."
    )
    override_required = fields.Boolean(
        compute="_compute_override_required",
        help="A decision not to review an incident that meets the criteria for a mandatory "
        "review needs an explicit reason, confirmed by the chair's sign-off.",
    )
    override_reason = fields.Text(tracking=True)
    override_confirmed_by_id = fields.Many2one(
        "res.users", string="Override confirmed by", readonly=True, copy=False, tracking=True
    )
    override_confirmed_date = fields.Date(readonly=True, copy=False, tracking=True)

    # Peer challenge: another partnership's chair consulted on the decision.
    peer_challenge = fields.Boolean(string="Peer challenge sought", tracking=True)
    peer_chair_name = fields.Char(string="Chair consulted", tracking=True)
    peer_partnership_name = fields.Char(string="Their partnership", tracking=True)
    peer_challenge_date = fields.Date(tracking=True)
    peer_challenge_outcome = fields.Text(tracking=True)

    # Statutory dates.
    notification_date = fields.Date(
        string="Incident notified on",
        compute="_compute_notification_date",
        store=True,
        help="The day the last statutory notice of the incident went; the date the local "
        "authority became aware while none has gone.",
    )
    decision_due_date = fields.Date(compute="_compute_decision_due_date", store=True, index=True)
    notify_due_date = fields.Date(
        string="Notify the decision by", compute="_compute_notify_due_date", store=True
    )
    notification_ids = fields.One2many(
        "scr.notification", "decision_id", string="Notices of the decision"
    )
    decided_on_time = fields.Boolean(
        compute="_compute_decided_on_time",
        store=True,
        help="Decided by the statutory date (for the annual report).",
    )

    # Rapid review (Working Together 2018/2023).
    case_review_ids = fields.One2many("scr.review", "decision_id", string="Case reviews")
    panel_sent_date = fields.Date(string="Rapid review sent to the Panel", tracking=True)
    panel_response = fields.Selection(
        [
            ("national", "National review"),
            ("local", "Local review"),
            ("no_review", "No review"),
        ],
        string="Panel's response",
        tracking=True,
    )
    panel_response_date = fields.Date(tracking=True)
    regulation_11_grounds = fields.Text(
        string="Regulation 11 grounds",
        tracking=True,
        help="Why a local child safeguarding practice review is appropriate (Child Safeguarding "
        "Practice Review and Relevant Agency (England) Regulations 2018, reg. 11).",
    )
    learning_identified = fields.Text(
        tracking=True, help="What the rapid review learned, even when no review follows."
    )
    became_local_review = fields.Boolean(
        string="Rapid review became a local review",
        compute="_compute_became_local_review",
        store=True,
        tracking=True,
        index=True,
    )

    # Sign-off.
    validated = fields.Boolean(
        compute="_compute_validated", help="The chair's sign-off is complete."
    )
    signed_by_id = fields.Many2one(
        "res.users", string="Signed off by", readonly=True, copy=False, tracking=True
    )
    signed_date = fields.Datetime(string="Signed off on", readonly=True, copy=False, tracking=True)
    chair_comment = fields.Text(
        string="Chair's comment",
        readonly=True,
        copy=False,
        tracking=True,
        help="The chair's comment when the decision was last returned to the subgroup.",
    )

    _incident_active_unique = models.UniqueIndex(
        "(incident_id) WHERE active",
        "This incident already has a decision: open it instead of recording another.",
    )

    def _default_user_id(self):
        if self.env.user.has_group(COORDINATOR_GROUP):
            return self.env.user
        return self.env.company.scr_coordinator_id

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("incident_id.name")
    def _compute_name(self):
        for decision in self:
            decision.name = self.env._("Decision on %(ref)s", ref=decision.incident_id.name)

    @api.depends("decision", "incident_id.review_requirement")
    def _compute_override_required(self):
        for decision in self:
            decision.override_required = (
                decision.decision == "no_review"
                and decision.incident_id.review_requirement == "mandatory"
            )

    @api.depends(
        "incident_id.aware_date",
        "incident_id.notification_ids.date_sent",
        "incident_id.notification_ids.timescale_code",
    )
    def _compute_notification_date(self):
        for decision in self:
            sent = decision.incident_id.notification_ids.filtered(
                lambda line: line.timescale_code == "incident_notification" and line.date_sent
            ).mapped("date_sent")
            decision.notification_date = max(sent) if sent else decision.incident_id.aware_date

    @api.depends("notification_date", "incident_id.aware_date", "regime", "company_id")
    def _compute_decision_due_date(self):
        """WT2015: one month from the notification; WT2018: the rapid review, from awareness."""
        Timescale = self.env["scr.timescale"]
        for decision in self:
            incident = decision.incident_id
            if not incident:
                decision.decision_due_date = False
            elif decision.regime == "wt2015":
                decision.decision_due_date = Timescale._deadline_of(
                    decision, "decision", decision.notification_date
                )
            else:
                decision.decision_due_date = Timescale._deadline_of(
                    decision, "rapid_review", incident.aware_date
                )

    @api.depends("decision_date", "regime", "company_id")
    def _compute_notify_due_date(self):
        Timescale = self.env["scr.timescale"]
        for decision in self:
            decision.notify_due_date = bool(decision.incident_id) and Timescale._deadline_of(
                decision, "decision_notification", decision.decision_date
            )

    @api.depends("decision_date", "decision_due_date")
    def _compute_decided_on_time(self):
        for decision in self:
            decision.decided_on_time = bool(
                decision.decision_due_date and decision.decision_date <= decision.decision_due_date
            )

    @api.depends("regime", "panel_response", "decision")
    def _compute_became_local_review(self):
        for decision in self:
            decision.became_local_review = (
                decision.regime == "wt2018"
                and decision.panel_response == "local"
                and decision.decision == "initiate_review"
            )

    @api.depends("validation_status")
    def _compute_validated(self):
        for decision in self:
            decision.validated = decision.validation_status == "validated"

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("rationale")
    def _check_rationale(self):
        """A decision without the chair's reasons cannot be defended to the Panel."""
        if self.filtered(lambda decision: not (decision.rationale or "").strip()):
            raise ValidationError(self._rationale_missing_message())

    def _rationale_missing_message(self):
        return self.env._(
            "Write the rationale of the decision: the chair's reasons, in the chair's own words."
        )

    @api.constrains("decision_date", "incident_id")
    def _check_decision_date(self):
        """A decision cannot precede the incident or its notification, nor lie in the future."""
        today = fields.Date.context_today(self)
        for decision in self:
            incident = decision.incident_id
            if decision.decision_date > today:
                raise ValidationError(
                    self.env._(
                        "The decision date %(date)s is in the future.", date=decision.decision_date
                    )
                )
            if decision.decision_date < incident.incident_date:
                raise ValidationError(
                    self.env._(
                        "The decision (%(date)s) cannot come before the incident of %(incident)s.",
                        date=decision.decision_date,
                        incident=incident.incident_date,
                    )
                )
            if decision.decision_date < decision.notification_date:
                raise ValidationError(
                    self.env._(
                        "The decision (%(date)s) cannot come before %(ref)s was notified "
                        "(%(notified)s).",
                        date=decision.decision_date,
                        ref=incident.name,
                        notified=decision.notification_date,
                    )
                )

    @api.constrains(*EVENT_DATE_FIELDS)
    def _check_event_dates(self):
        """Recommendation, peer challenge and rapid review happen after the incident, not later
        than today."""
        today = fields.Date.context_today(self)
        for decision in self:
            for field_name in EVENT_DATE_FIELDS:
                value = decision[field_name]
                if not value:
                    continue
                label = self._fields[field_name]._description_string(self.env)
                if value > today:
                    raise ValidationError(
                        self.env._("%(what)s (%(date)s) is in the future.", what=label, date=value)
                    )
                if value < decision.incident_id.incident_date:
                    raise ValidationError(
                        self.env._(
                            "%(what)s (%(date)s) cannot come before the incident of %(incident)s.",
                            what=label,
                            date=value,
                            incident=decision.incident_id.incident_date,
                        )
                    )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if any(not (vals.get("rationale") or "").strip() for vals in vals_list):
            raise ValidationError(self._rationale_missing_message())
        incidents = self.env["scr.incident"].browse(
            [vals["incident_id"] for vals in vals_list if vals.get("incident_id")]
        )
        # A rapid review starts on awareness, alongside the notices: a draft incident is fine.
        undecidable = incidents.filtered(lambda incident: incident.state in ("decided", "closed"))
        if undecidable:
            raise UserError(
                self.env._(
                    "%(refs)s is already decided or closed: open its decision, or reopen the "
                    "incident, instead of recording another decision.",
                    refs=", ".join(undecidable.mapped("name")),
                )
            )
        decisions = super().create(vals_list)
        decisions._schedule_decision_activity()
        return decisions

    def write(self, vals):
        if not self.env.context.get("scr_decision_unlock"):
            locked = set(vals) - EDITABLE_WHEN_SIGNED
            signed = self.filtered(lambda decision: decision.state == "signed")
            if locked and signed:
                raise UserError(
                    self.env._(
                        "%(ref)s was signed off by the chair and is locked. Restart the sign-off "
                        "to change it; the chair will have to sign it off again.",
                        ref=", ".join(signed.mapped("name")),
                    )
                )
        result = super().write(vals)
        if {"user_id", "incident_id"} & set(vals):
            self.filtered(lambda decision: decision.state == "draft")._schedule_decision_activity()
        return result

    # ------------------------------------------------------------------
    # Chair's sign-off (base_tier_validation)
    # ------------------------------------------------------------------
    def _check_ready_for_sign_off(self):
        """What the chair needs before signing, beyond the rationale that every decision has:
        the reason to override a mandatory review."""
        for decision in self:
            if decision.override_required and not (decision.override_reason or "").strip():
                raise UserError(
                    self.env._(
                        "%(ref)s meets the criteria for a mandatory review. A decision of no "
                        "review needs an override reason, which the chair confirms by signing "
                        "off.",
                        ref=decision.incident_id.name,
                    )
                )

    def request_validation(self):
        """Ask the chair to sign off; refuse in plain words what the tier engine ignores."""
        # need_validation has no dependencies: never trust a value cached before the reviews.
        self.invalidate_recordset(["need_validation"])
        for decision in self:
            if decision.state == "signed":
                raise UserError(self.env._("%(ref)s is already signed off.", ref=decision.name))
            if decision.review_ids:
                raise UserError(
                    self.env._(
                        "The chair's sign-off of %(ref)s has already been requested. Restart it "
                        "to ask again.",
                        ref=decision.name,
                    )
                )
            if not decision.need_validation:
                raise UserError(
                    self.env._(
                        "No approval tier applies to %(ref)s: ask a case review manager to "
                        "configure the chair's sign-off under Configuration > Approval tiers.",
                        ref=decision.name,
                    )
                )
        self._check_ready_for_sign_off()
        reviews = super().request_validation()
        self._schedule_sign_off_activity()
        return reviews

    def _check_can_sign(self):
        """Only a chair, and only once, on a decision whose sign-off was requested."""
        is_chair = self.env.user.has_group(CHAIR_GROUP)
        for decision in self:
            if decision.state == "signed" or decision.validation_status == "validated":
                raise UserError(
                    self.env._(
                        "%(ref)s was already signed off by %(chair)s on %(date)s.",
                        ref=decision.name,
                        chair=decision.signed_by_id.name or self.env._("the chair"),
                        date=decision.signed_date,
                    )
                )
            if not is_chair:
                raise UserError(
                    self.env._(
                        "Only the chair of the partnership can sign off or return a decision. "
                        "Ask the chair to review %(ref)s.",
                        ref=decision.name,
                    )
                )
            if decision.validation_status == "rejected":
                raise UserError(
                    self.env._(
                        "%(ref)s was returned to the subgroup. The subgroup restarts the "
                        "sign-off once it has been revised.",
                        ref=decision.name,
                    )
                )

    def validate_tier(self):
        """The chair signs off; a chair may sign a decision whose sign-off nobody requested."""
        self.ensure_one()
        self._check_can_sign()
        if not self.review_ids:
            self.request_validation()
        if not self.can_review:
            raise UserError(
                self.env._(
                    "You are not among the reviewers of %(ref)s: its sign-off waits for %(who)s.",
                    ref=self.name,
                    who=", ".join(self.reviewer_ids.mapped("name")) or self.env._("nobody"),
                )
            )
        return super().validate_tier()

    def reject_tier(self):
        self._check_can_sign()
        return super().reject_tier()

    def action_return_to_subgroup(self):
        """The chair returns the decision with a comment (the approval engine's comment form)."""
        self.ensure_one()
        self._check_can_sign()
        reviews = self.review_ids.filtered(
            lambda review: review.status == "pending" and self.env.user in review.reviewer_ids
        )
        return self._add_comment("reject", reviews)

    def _validate_tier(self, tiers=False):
        self._check_can_sign()
        self._check_ready_for_sign_off()
        result = super()._validate_tier(tiers)
        if self.validation_status == "validated":
            self._action_sign()
        return result

    def _rejected_tier(self, tiers=False):
        self._check_can_sign()
        result = super()._rejected_tier(tiers)
        comment = "\n".join(
            filter(
                None,
                self.review_ids.filtered(lambda review: review.status == "rejected").mapped(
                    "comment"
                ),
            )
        )
        self.with_context(skip_validation_check=True).chair_comment = comment or self.env._(
            "Returned without comment."
        )
        self.activity_feedback(
            ["odoo_scr.mail_activity_type_scr_sign_off"],
            feedback=self.env._("Returned to the subgroup."),
        )
        self.message_post(
            body=self.env._(
                "Returned to the case review subgroup by %(chair)s: %(comment)s",
                chair=self.env.user.name,
                comment=self.chair_comment,
            ),
            partner_ids=self.user_id.partner_id.ids,
        )
        self._schedule_decision_activity()
        return result

    def _action_sign(self):
        """The sign-off is complete: lock, notify, and move the incident on."""
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        self.invalidate_recordset(["need_validation"])
        self.with_context(scr_decision_unlock=True).write(
            {"state": "signed", "signed_by_id": self.env.uid, "signed_date": now}
        )
        self.filtered("override_required").with_context(scr_decision_unlock=True).write(
            {"override_confirmed_by_id": self.env.uid, "override_confirmed_date": today}
        )
        self.activity_feedback(
            [
                "odoo_scr.mail_activity_type_scr_decision",
                "odoo_scr.mail_activity_type_scr_sign_off",
            ],
            feedback=self.env._("Signed off by %(chair)s.", chair=self.env.user.name),
        )
        self._create_decision_notifications()
        self._schedule_notify_activity()
        # Not notifiable drafts go to the subgroup now; notifiable ones must be notified first.
        self.incident_id.filtered(
            lambda incident: incident.state == "draft"
        ).action_start_consideration()
        self.incident_id._set_decided()
        self.filtered(
            lambda decision: decision.decision == "initiate_review"
        )._on_decision_approved()

    def _on_decision_approved(self):
        """A signed decision to initiate a review opens the review, in scoping.

        Its type follows the regime (serious case review under WT2015, local child
        safeguarding practice review under WT2018/2023) and its six months run from
        the decision (WT2018: "six months from the decision to initiate").
        """
        reviews = self.env["scr.review"].create(
            [
                {
                    "incident_id": decision.incident_id.id,
                    "decision_id": decision.id,
                    "company_id": decision.company_id.id,
                    "review_type": "scr" if decision.regime == "wt2015" else "lcspr",
                    "date_initiated": decision.decision_date,
                    "user_id": decision.user_id.id,
                    "agency_ids": [(6, 0, decision.incident_id.agency_ids.ids)],
                }
                for decision in self
            ]
        )
        self._message_log_batch(
            bodies={
                review.decision_id.id: self.env._(
                    "The chair decided to initiate a review: %(ref)s opened for scoping.",
                    ref=review.name,
                )
                for review in reviews
            }
        )

    def action_view_reviews(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("odoo_scr.scr_review_action")
        action.update(domain=[("decision_id", "=", self.id)], context={})
        if len(self.case_review_ids) == 1:
            action.update(view_mode="form", res_id=self.case_review_ids.id, views=[(False, "form")])
        return action

    def restart_validation(self):
        """Withdraw the sign-off so that the decision can change; the chair signs again.

        A signed decision goes back to the subgroup: its unsent notices are withdrawn and
        the incident returns to consideration. Every restart is written in the chatter.
        """
        idle = self.filtered(lambda decision: decision.state == "draft" and not decision.review_ids)
        if idle:
            raise UserError(
                self.env._(
                    "The sign-off of %(ref)s has not been requested: there is nothing to restart.",
                    ref=", ".join(idle.mapped("name")),
                )
            )
        signed = self.filtered(lambda decision: decision.state == "signed")
        closed = signed.incident_id.filtered(lambda incident: incident.state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "%(refs)s is closed: reopen the incident before changing its decision.",
                    refs=", ".join(closed.mapped("name")),
                )
            )
        if signed:
            signed.with_context(scr_decision_unlock=True).write(
                {"state": "draft", "signed_by_id": False, "signed_date": False}
            )
            signed.notification_ids.filtered(lambda line: not line.date_sent).unlink()
            signed.activity_unlink(["odoo_scr.mail_activity_type_scr_decision_notification"])
            signed.incident_id.filtered(lambda incident: incident.state == "decided").write(
                {"state": "under_consideration"}
            )
        result = super().restart_validation()
        self.activity_unlink(["odoo_scr.mail_activity_type_scr_sign_off"])
        self.with_context(scr_decision_unlock=True).write(
            {"override_confirmed_by_id": False, "override_confirmed_date": False}
        )
        self._message_log_batch(
            bodies=dict.fromkeys(
                self.ids,
                self.env._(
                    "The chair's sign-off was restarted by %(user)s: the decision can be "
                    "revised and must be signed off again.",
                    user=self.env.user.name,
                ),
            )
        )
        self._schedule_decision_activity()
        return result

    # ------------------------------------------------------------------
    # Notices of the decision
    # ------------------------------------------------------------------
    def _create_decision_notifications(self):
        """One notice per body the ``decision_notification`` timescale names, per decision."""
        self.env["scr.notification"]._create_missing_notices(
            "decision_notification",
            self,
            "decision_id",
            lambda decision: (
                decision.notification_ids.filtered(lambda line: not line.date_sent).recipient_id
            ),
        )

    def _on_notifications_sent(self):
        """Every notice of the decision went: the coordinator's activity is done."""
        done = self.filtered(
            lambda decision: (
                decision.notification_ids and all(decision.notification_ids.mapped("date_sent"))
            )
        )
        done.activity_feedback(
            ["odoo_scr.mail_activity_type_scr_decision_notification"],
            feedback=self.env._("All notices of the decision recorded."),
        )

    # ------------------------------------------------------------------
    # Activities
    # ------------------------------------------------------------------
    def _plan_activity(self, xmlid, deadlines, users, summaries):
        """Create or move one open activity of type ``xmlid`` per decision, in batch.

        ``deadlines``, ``users`` and ``summaries`` map a decision id to its value.
        """
        activity_type = self.env.ref(xmlid)
        existing = {
            activity.res_id: activity
            for activity in self.activity_ids.filtered(
                lambda activity: activity.activity_type_id == activity_type
            )
        }
        model_id = self.env["ir.model"]._get_id(self._name)
        new_activities = []
        for decision in self:
            values = {
                "date_deadline": deadlines[decision.id],
                "user_id": users[decision.id].id,
                "summary": summaries[decision.id],
            }
            if decision.id in existing:
                existing[decision.id].write(values)
            else:
                new_activities.append(
                    dict(
                        values,
                        res_model_id=model_id,
                        res_id=decision.id,
                        activity_type_id=activity_type.id,
                        automated=True,
                    )
                )
        self.env["mail.activity"].create(new_activities)

    def _schedule_decision_activity(self):
        """The coordinator gets the chair's decision by the statutory date."""
        self._plan_activity(
            "odoo_scr.mail_activity_type_scr_decision",
            {decision.id: decision.decision_due_date for decision in self},
            {decision.id: decision.user_id or self.env.user for decision in self},
            {
                decision.id: decision.chair_comment
                and decision.validation_status == "rejected"
                and self.env._("Returned by the chair: %(comment)s", comment=decision.chair_comment)
                or self.env._("Chair's decision due by %(date)s", date=decision.decision_due_date)
                for decision in self
            },
        )

    def _schedule_sign_off_activity(self):
        """The chair has a decision to sign, due on the statutory date."""
        chairs = self.company_id._scr_chairs()
        self._plan_activity(
            "odoo_scr.mail_activity_type_scr_sign_off",
            {decision.id: decision.decision_due_date for decision in self},
            {
                decision.id: chairs.get(decision.company_id.id) or decision.user_id
                for decision in self
            },
            {
                decision.id: self.env._(
                    "Sign off the decision on %(ref)s", ref=decision.incident_id.name
                )
                for decision in self
            },
        )

    def _schedule_notify_activity(self):
        """The coordinator notifies the decision within the statutory timescale."""
        self._plan_activity(
            "odoo_scr.mail_activity_type_scr_decision_notification",
            {decision.id: decision.notify_due_date for decision in self},
            {decision.id: decision.user_id or self.env.user for decision in self},
            {
                decision.id: self.env._(
                    "Notify the decision by %(date)s", date=decision.notify_due_date
                )
                for decision in self
            },
        )
