from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..statutory_day import statutory_today, statutory_today_default

COORDINATOR_GROUP = "odoo_scr.group_scr_coordinator"
OUTCOMES = [
    ("initiate_review", "Initiate a review"),
    ("alternative_review", "Alternative learning review"),
    # WT2018/2023: the Panel holds a national review and the partnership supports it, with
    # no local review of its own (Children Act 2004 s16B; WT2023 ch. 5).
    ("national_review", "Support the Panel's national review"),
    ("no_review", "No review"),
]
STATES = [("draft", "With the subgroup"), ("signed", "Signed off")]
DECISION_ACTIVITY = "odoo_scr.mail_activity_type_scr_decision"
SIGN_OFF_ACTIVITY = "odoo_scr.mail_activity_type_scr_sign_off"
NOTIFY_ACTIVITY = "odoo_scr.mail_activity_type_scr_decision_notification"


class ScrDecision(models.Model):
    """The case review subgroup's recommendation and the chair's decision on an incident.

    The chair signs the decision off through OCA ``base_tier_validation`` (a shipped
    tier whose reviewer is the chair group; see ``scr.sign.off.mixin``). A signed
    decision is locked by the engine's after-validation lock, with the national Panel's
    answer as the shipped exception (it arrives after the decision); it stays signed,
    and a signatory who must change it records a new decision with reasons
    (``_supersede``), the old one archived with its history. The statutory dates
    (decision, rapid review, notice of the decision) come from ``scr.timescale``;
    signing off moves the incident to "decided" and creates the notices of the
    decision to the statutory bodies.
    """

    _name = "scr.decision"
    _description = "Decision whether to review"
    _inherit = [
        "scr.input.bounds.mixin",
        "scr.partnership.mixin",
        "scr.sign.off.mixin",
        "mail.thread",
        "scr.activity.mixin",
        "mail.activity.mixin",
        "scr.reviewer.scope.mixin",
    ]
    _scr_review_path = "case_review_ids"
    _order = "decision_due_date desc, id desc"
    # What already happened, after the incident (scr.input.bounds.mixin); a decision
    # also comes after the incident was notified.
    _scr_past_date_fields = frozenset(
        {"decision_date", "recommendation_date", "peer_challenge_date", "panel_sent_date"}
    )
    _scr_not_before = {
        "decision_date": ("incident_id.incident_date", "notification_date"),
        "recommendation_date": ("incident_id.incident_date",),
        "peer_challenge_date": ("incident_id.incident_date",),
        "panel_sent_date": ("incident_id.incident_date",),
    }
    _check_company_auto = True
    _workflow_fields = frozenset(
        {
            "state",
            "signed_by_id",
            "signed_date",
            "validation_status",
            "override_confirmed_by_id",
            "override_confirmed_date",
            "chair_comment",
            "supersedes_id",
            "supersede_reason",
        }
    )

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
        required=True, tracking=True, default=statutory_today_default, index=True
    )
    rationale = fields.Text(
        required=True, tracking=True, help="Why the chair decided so, in the chair's own words."
    )
    override_required = fields.Boolean(
        compute="_compute_override_required",
        help="WT2015 only: a decision not to hold a serious case review where the criteria "
        "make one mandatory needs an explicit reason, confirmed by the chair's sign-off.",
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
    local_review_with_national_reasons = fields.Text(
        string="Why a local review as well",
        tracking=True,
        help="The Panel holds a national review: the partners hold a local review as well "
        "only if they still decide one, and say why (WT2023 ch. 5).",
    )
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
    chair_comment = fields.Text(
        string="Chair's comment",
        readonly=True,
        copy=False,
        tracking=True,
        help="The chair's comment when the decision was last returned to the subgroup.",
    )
    supersedes_id = fields.Many2one(
        "scr.decision",
        string="Replaces",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
        help="The signed decision this one replaces; it stays on record, archived.",
    )
    supersede_reason = fields.Text(
        string="Why it was replaced", readonly=True, copy=False, tracking=True
    )

    _incident_active_unique = models.UniqueIndex(
        "(incident_id) WHERE active",
        "This incident already has a decision: open it instead of recording another.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("incident_id.name")
    def _compute_name(self):
        for decision in self:
            decision.name = self.env._("Decision on %(ref)s", ref=decision.incident_id.name)

    @api.depends("decision", "regime", "incident_id.review_requirement")
    def _compute_override_required(self):
        """Only WT2015 makes a review mandatory (LSCB Regulations 2006 reg. 5(2); WT2015
        ch. 4 para 18), so only there does deciding against one override a rule. Under
        WT2018/2023 the local review is the safeguarding partners' decision after the rapid
        review (Children Act 2004 s16F; SI 2018/789 reg. 11; WT2023 ch. 5): its reasons are
        the rationale every decision records, and nothing is overridden."""
        for decision in self:
            decision.override_required = (
                decision.regime == "wt2015"
                and decision.decision == "no_review"
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
        decisions.activity_update()
        return decisions

    def write(self, vals):
        result = super().write(vals)
        if vals.get("panel_response") == "national":
            self._on_panel_national_review()
        if {"user_id", "incident_id", "active"} & set(vals):
            self.activity_update()
        return result

    # ------------------------------------------------------------------
    # Sign-off (scr.sign.off.mixin over base_tier_validation)
    # ------------------------------------------------------------------
    @api.constrains("decision", "regime")
    def _check_national_review_regime(self):
        """Only WT2018/2023 has a national Panel that holds national reviews (Children Act
        2004 s16A-16B); WT2015 records have no such outcome."""
        if self.filtered(lambda d: d.decision == "national_review" and d.regime == "wt2015"):
            raise ValidationError(
                self.env._(
                    "Working Together 2015 has no national Panel: a WT2015 decision cannot "
                    "support a national review."
                )
            )

    def _check_ready_for_sign_off(self):
        """What the signatory needs before signing, beyond the rationale that every decision
        has: the reason to override a mandatory review (WT2015), and where the Panel holds a
        national review, the partners' reasons for a local review as well."""
        for decision in self:
            if (
                decision.panel_response == "national"
                and decision.decision == "initiate_review"
                and not (decision.local_review_with_national_reasons or "").strip()
            ):
                raise UserError(
                    self.env._(
                        "The national Panel holds a national review of %(ref)s: the partnership "
                        "supports it. Decide to support the national review, or say why the "
                        "partners still hold a local review as well.",
                        ref=decision.incident_id.name,
                    )
                )
            if decision.override_required and not (decision.override_reason or "").strip():
                raise UserError(
                    self.env._(
                        "%(ref)s meets the criteria for a mandatory review. A decision of no "
                        "review needs an override reason, which the chair confirms by signing "
                        "off.",
                        ref=decision.incident_id.name,
                    )
                )

    def _on_sign_off_requested(self):
        self.activity_update()

    def action_return_to_subgroup(self):
        """The signatory returns the decision with a comment (the engine's comment form)."""
        self.ensure_one()
        self._check_awaiting_reviewer()
        reviews = self.review_ids.filtered(
            lambda review: review.status == "pending" and self.env.user in review.reviewer_ids
        )
        return self._add_comment("reject", reviews)

    def _on_returned(self, comments):
        """Back with the subgroup: the comment on record, the coordinator's activity again."""
        for decision in self:
            decision._write_workflow(
                {"chair_comment": comments[decision.id] or self.env._("Returned without comment.")}
            )
        for decision in self:
            decision.message_post(
                body=self.env._(
                    "Returned to the case review subgroup by %(who)s: %(comment)s",
                    who=self.env.user.name,
                    comment=decision.chair_comment,
                ),
                partner_ids=decision.user_id.partner_id.ids,
            )
        self.activity_update()

    def _on_signed(self):
        """The sign-off is complete: confirm the override, notify, move the incident on."""
        self.filtered("override_required")._write_workflow(
            {
                "override_confirmed_by_id": self.env.uid,
                "override_confirmed_date": statutory_today(),
            }
        )
        self._create_decision_notifications()
        self.activity_update()
        # The signature moves the incident on, whoever the tier names as signatory.
        incidents = self.incident_id.sudo()
        # Not notifiable drafts go to the subgroup now; notifiable ones must be notified first.
        incidents.filtered(lambda incident: incident.state == "draft").action_start_consideration()
        incidents._set_decided()
        self.filtered(
            lambda decision: decision.decision == "initiate_review"
        )._on_decision_approved()
        national = self.filtered(lambda decision: decision.decision == "national_review")
        national._message_log_batch(
            bodies=dict.fromkeys(
                national.ids,
                self.env._(
                    "The partnership supports the national Panel's national review: no local "
                    "review is opened."
                ),
            )
        )

    def _on_panel_national_review(self):
        """The Panel's answer arrives after the decision: where a signed decision opened a
        local review that has not started, the partners confirm it or replace the decision
        with support of the national review (WT2023 ch. 5). The coordinator is told."""
        for decision in self.filtered(
            lambda d: (
                d.state == "signed"
                and d.decision == "initiate_review"
                and not (d.local_review_with_national_reasons or "").strip()
            )
        ):
            decision.message_post(
                body=self.env._(
                    "The national Panel will hold a national review. %(reviews)s continues "
                    "only if the safeguarding partners still decide a local review: otherwise "
                    "record a new decision supporting the national review.",
                    reviews=", ".join(decision.case_review_ids.mapped("name"))
                    or self.env._("The local review"),
                ),
                partner_ids=decision.user_id.partner_id.ids,
            )

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

    def action_view_incident(self):
        """The incident decided on (smart button)."""
        self.ensure_one()
        return self.incident_id._get_records_action(name=self.env._("Incident"))

    def action_view_reviews(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("odoo_scr.scr_review_action")
        action.update(domain=[("decision_id", "=", self.id)], context={})
        if len(self.case_review_ids) == 1:
            action.update(view_mode="form", res_id=self.case_review_ids.id, views=[(False, "form")])
        return action

    def _on_sign_off_restarted(self):
        """The request is withdrawn: the decision is the subgroup's again."""
        self._message_log_batch(
            bodies=dict.fromkeys(
                self.ids,
                self.env._(
                    "The sign-off was restarted by %(user)s: the decision can be revised and "
                    "must be signed off again.",
                    user=self.env.user.name,
                ),
            )
        )
        self.activity_update()

    def _signed_stays_signed_message(self):
        return self.env._(
            "%(ref)s is signed off and stays so. To change it, record a new decision with "
            "your reasons (Record a new decision): this one stays on record, archived.",
            ref=self.name,
        )

    # ------------------------------------------------------------------
    # A new decision in place of a signed one
    # ------------------------------------------------------------------
    def action_open_supersede(self):
        """The form in which the signatory gives the reasons for a new decision."""
        self.ensure_one()
        self._check_can_supersede()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record a new decision"),
            "res_model": "scr.decision.supersede",
            "view_mode": "form",
            "target": "new",
            "context": {"default_decision_id": self.id},
        }

    def _check_can_supersede(self):
        """Only who signed it (the reviewers its tier named) replaces a signed decision,
        and never once the review it opened has started (docs/process.md 1.3: the final
        decision rests with the chair; what the review has begun cannot be undone)."""
        for decision in self:
            if decision.state != "signed" or not decision.active:
                raise UserError(
                    self.env._(
                        "%(ref)s is not signed off: revise it, or restart its sign-off.",
                        ref=decision.name,
                    )
                )
            approved = decision.review_ids.filtered(lambda review: review.status == "approved")
            if self.env.user not in approved.reviewer_ids:
                raise UserError(
                    self.env._(
                        "Only %(who)s, who sign off decisions, can replace %(ref)s with a new one.",
                        who=", ".join(approved.reviewer_ids.mapped("name"))
                        or self.env._("its signatory"),
                        ref=decision.name,
                    )
                )
            started = decision.case_review_ids.filtered(lambda review: review.state != "scoping")
            if started:
                raise UserError(
                    self.env._(
                        "%(review)s, opened by %(ref)s, has started: the decision can no longer "
                        "be replaced.",
                        review=", ".join(started.mapped("name")),
                        ref=decision.name,
                    )
                )

    def _supersede(self, reason):
        """Archive this signed decision (with its history and sent notices) and open a new
        draft in its place, with the reasons on both; the incident goes back to
        consideration and a review still in scoping is archived with it."""
        self.ensure_one()
        self._check_can_supersede()
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reasons for replacing %(ref)s.", ref=self.name))
        trusted = self.sudo().with_context(skip_validation_check=True)
        trusted.write({"active": False})
        trusted.case_review_ids.activity_ids.unlink()
        trusted.case_review_ids.write({"active": False})
        trusted.incident_id._write_workflow({"state": "under_consideration"})
        new = trusted.copy(
            {
                "active": True,
                "state": "draft",
                "supersedes_id": self.id,
                "supersede_reason": reason,
                "decision_date": statutory_today(),
            }
        ).sudo(False)
        body = self.env._(
            "%(who)s replaced %(old)s with a new decision: %(reason)s",
            who=self.env.user.name,
            old=self.name,
            reason=reason,
        )
        trusted.message_post(body=body)
        new.message_post(body=body)
        return new

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
        """A notice of the decision was recorded as sent: the activities follow."""
        self.activity_update()

    # ------------------------------------------------------------------
    # Activities
    # ------------------------------------------------------------------
    def activity_update(self):
        """The activities of the decision, in line with its state (as
        ``hr.leave.activity_update()``; see ``scr.activity.mixin``):

        - the coordinator gets the chair's decision by the statutory date, while the
          decision is with the subgroup (the chair's comment in it once returned);
        - the chair signs it off by that date, while the sign-off is requested;
        - once signed, the coordinator notifies the decision by ``notify_due_date``;
          recording the last notice does it.
        Signing does the first two; returning it does the chair's.
        """
        drafts = self.filtered(lambda d: d.state == "draft" and d.active)
        signed = self.filtered(lambda d: d.state == "signed" and d.active)
        users = {decision: decision.user_id or self.env.user for decision in self}
        chairs = self.company_id._scr_chairs() if drafts else {}
        self._activity_align(
            DECISION_ACTIVITY,
            {decision: decision._decision_activity(users[decision]) for decision in drafts},
            done=signed,
            feedback=self.env._("Signed off by %(who)s.", who=self.env.user.name),
        )
        self._activity_align(
            SIGN_OFF_ACTIVITY,
            {
                decision: (
                    decision.decision_due_date,
                    decision._sign_off_assignee()
                    or chairs.get(decision.company_id.id)
                    or users[decision],
                    self.env._("Sign off the decision on %(ref)s", ref=decision.incident_id.name),
                )
                for decision in drafts
                if decision.validation_status == "pending"
            },
            done=signed | drafts.filtered(lambda d: d.validation_status == "rejected"),
            feedback=self.env._("Answered by %(who)s.", who=self.env.user.name),
        )
        unsent = signed.filtered(lambda d: not all(d.notification_ids.mapped("date_sent")))
        self._activity_align(
            NOTIFY_ACTIVITY,
            {
                decision: (
                    decision.notify_due_date,
                    users[decision],
                    self.env._(
                        "Notify the decision by %(date)s",
                        date=self._activity_date(decision.notify_due_date, users[decision]),
                    ),
                )
                for decision in unsent
            },
            done=signed - unsent,
            feedback=self.env._("All notices of the decision recorded."),
        )

    def _decision_activity(self, user):
        """(deadline, user, summary) of the coordinator's activity to get the decision."""
        if self.validation_status == "rejected" and self.chair_comment:
            summary = self.env._("Returned by the chair: %(comment)s", comment=self.chair_comment)
        else:
            summary = self.env._(
                "Chair's decision due by %(date)s",
                date=self._activity_date(self.decision_due_date, user),
            )
        return self.decision_due_date, user, summary
