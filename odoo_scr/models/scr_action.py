from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import format_date, get_lang

from ..statutory_day import statutory_today

STATES = [
    ("draft", "Draft"),
    ("agreed", "Agreed"),
    ("in_progress", "In progress"),
    ("completed", "Completed"),
    ("verified", "Verified"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("agreed", "in_progress")
# Once the agency says the action is done, its evidence is what the partnership verifies:
# it changes no more (the partnership reopens the action to let the agency add to it).
EVIDENCE_FROZEN_STATES = ("completed", "verified", "cancelled")
# What the partnership verified (or cancelled) stays as it was; the impact of the action
# is still assessed afterwards (docs/process.md 1.5: how impact is monitored).
CLOSED_STATES = ("verified", "cancelled")
CLOSED_FROZEN_FIELDS = frozenset(
    {
        "name",
        "description",
        "review_id",
        "recommendation_id",
        "recommendation",
        "agency_id",
        "owner_id",
        "success_criteria",
        "due_date",
        "cancel_reason",
        "evidence_ids",
    }
)
ACTION_DUE_ACTIVITY = "odoo_scr.mail_activity_type_scr_action_due"


class ScrAction(models.Model):
    """One action of a review's action plan, owned by one partner agency.

    The plan is agreed only when a named senior officer of every agency involved has
    signed that agency's actions (docs/process.md 1.5); the agency reports progress and
    evidence, marks the action completed, and the partnership verifies it: only then
    is it closed. Actions are statutory records: cancelled with a reason, never deleted.
    """

    _name = "scr.action"
    _description = "Action plan action"
    _inherit = [
        "scr.input.bounds.mixin",
        "scr.partnership.mixin",
        "scr.statutory.record.mixin",
        "scr.agency.review.mixin",
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "scr.escalation.mixin",
        "scr.portal.upload.mixin",
        "scr.reviewer.scope.mixin",
    ]
    _order = "due_date, id"
    _check_company_auto = True
    _workflow_fields = frozenset(
        {
            "state",
            "signed_by_id",
            "signed_date",
            "date_completed",
            "verified_by_id",
            "date_verified",
            "reminded",
            "escalated",
        }
    )
    _portal_writable_fields = frozenset({"evidence_ids", "impact_level", "impact_note"})
    _portal_attachment_fields = frozenset({"evidence_ids"})

    name = fields.Char(string="Action", required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    description = fields.Text()
    review_id = fields.Many2one(
        tracking=True,
        compute="_compute_review_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    recommendation_id = fields.Many2one(
        "scr.recommendation",
        index=True,
        check_company=True,
        tracking=True,
        domain="[('review_id', '=', review_id)]",
    )
    recommendation = fields.Text(
        string="Recommendation text",
        compute="_compute_recommendation",
        store=True,
        readonly=False,
        precompute=True,
        help="The recommendation of the report this action answers; copied from the "
        "numbered recommendation when there is one.",
    )
    agency_id = fields.Many2one(tracking=True)
    owner_id = fields.Many2one(
        "res.partner",
        domain="[('commercial_partner_id', '=', agency_id), ('is_company', '=', False)]",
        tracking=True,
        check_company=True,
        help="The contact of the agency who delivers the action; reminded before it is due.",
    )
    success_criteria = fields.Text(required=True, tracking=True)
    due_date = fields.Date(required=True, tracking=True, index=True)
    state = fields.Selection(STATES, default="draft", required=True, tracking=True, index=True)
    cancel_reason = fields.Text(tracking=True)
    update_ids = fields.One2many("scr.action.update", "action_id", string="Progress updates")
    progress = fields.Integer(
        string="Progress (%)", compute="_compute_progress", store=True, aggregator="avg"
    )
    evidence_ids = fields.Many2many(
        "ir.attachment", "scr_action_evidence_rel", "action_id", "attachment_id"
    )
    impact_level = fields.Selection(
        [("none", "None"), ("some", "Some"), ("significant", "Significant")],
        string="Impact",
        tracking=True,
    )
    impact_note = fields.Text(string="Impact assessment", tracking=True)
    signed_by_id = fields.Many2one(
        "res.partner", string="Signed off by", readonly=True, tracking=True, copy=False
    )
    signed_date = fields.Datetime(string="Signed off on", readonly=True, copy=False)
    date_completed = fields.Date(readonly=True, tracking=True, copy=False)
    verified_by_id = fields.Many2one("res.users", readonly=True, tracking=True, copy=False)
    date_verified = fields.Date(readonly=True, copy=False)
    reminded = fields.Boolean(readonly=True, copy=False)
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")

    _open_due_idx = models.Index("(due_date) WHERE state IN ('agreed', 'in_progress')")

    @api.depends("recommendation_id")
    def _compute_review_id(self):
        for action in self.filtered("recommendation_id"):
            action.review_id = action.recommendation_id.review_id

    @api.depends("recommendation_id.recommendation")
    def _compute_recommendation(self):
        for action in self.filtered("recommendation_id"):
            action.recommendation = action.recommendation_id.recommendation

    @api.depends("update_ids.progress", "update_ids.date", "state")
    def _compute_progress(self):
        latest = {}
        for update in self.update_ids.sorted(lambda u: (u.date, u.id)):
            latest[update.action_id.id] = update.progress
        for action in self:
            done = action.state in ("completed", "verified")
            action.progress = 100 if done else latest.get(action.id, 0)

    def _compute_is_overdue(self):
        today = statutory_today()
        for action in self:
            action.is_overdue = action.state in OPEN_STATES and action.due_date < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        domain = [
            ("state", "in", OPEN_STATES),
            ("due_date", "<", statutory_today()),
        ]
        return domain if (operator == "=") == value else ["!", "&", *domain]

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for action in self:
            action.access_url = f"/my/scr/actions/{action.id}"
        return result

    @api.constrains("due_date", "review_id")
    def _check_due_date(self):
        for action in self:
            initiated = action.review_id.date_initiated
            if initiated and action.due_date < initiated:
                raise ValidationError(
                    self.env._(
                        "%(action)s cannot be due on %(due)s, before review %(review)s was "
                        "initiated (%(initiated)s).",
                        action=action.name,
                        due=format_date(self.env, action.due_date),
                        review=action.review_id.name,
                        initiated=format_date(self.env, initiated),
                    )
                )

    @api.constrains("review_id", "recommendation_id", "recommendation")
    def _check_recommendation(self):
        for action in self:
            if action.recommendation_id and action.recommendation_id.review_id != action.review_id:
                raise ValidationError(
                    self.env._(
                        "%(recommendation)s is not a recommendation of %(review)s.",
                        recommendation=action.recommendation_id.display_name,
                        review=action.review_id.name,
                    )
                )
            if not (action.recommendation or "").strip():
                raise ValidationError(
                    self.env._("Say which recommendation %(action)s answers.", action=action.name)
                )

    @api.constrains("agency_id", "owner_id")
    def _check_owner(self):
        """The owner delivers the action for its agency."""
        for action in self:
            if action.owner_id and action.owner_id.commercial_partner_id != action.agency_id:
                raise ValidationError(
                    self.env._(
                        "%(owner)s does not work for %(agency)s.",
                        owner=action.owner_id.name,
                        agency=action.agency_id.name,
                    )
                )

    def write(self, vals):
        if not self.env.su:
            self._check_frozen(vals)
        result = super().write(vals)
        if {"due_date", "owner_id", "active"} & set(vals):
            self.activity_update()
        return result

    def _check_frozen(self, vals):
        """Evidence stays as it was once the action is completed; what was verified or
        cancelled stays as it was."""
        states = dict(self._fields["state"].selection)
        for action in self:
            frozen = set()
            if action.state in EVIDENCE_FROZEN_STATES:
                frozen.add("evidence_ids")
            if action.state in CLOSED_STATES:
                frozen |= CLOSED_FROZEN_FIELDS
            touched = frozen & set(vals)
            if touched:
                raise UserError(
                    self.env._(
                        "%(action)s is %(state)s: %(fields)s stay as they were when it was "
                        "%(state)s. The partnership reopens a completed action to let the "
                        "agency add to it.",
                        action=action.name,
                        state=states[action.state].lower(),
                        fields=self._field_labels(touched),
                    )
                )

    def _agency_part(self):
        return self.env._("the agency reports progress, evidence and completion")

    @api.ondelete(at_uninstall=False)
    def _unlink_except_statutory_record(self):
        """Actions are cancelled with a reason rather than archived."""
        if not self.env.is_superuser():
            raise UserError(self.env._("Actions are kept on record; cancel them with a reason."))

    def action_view_review(self):
        """The review whose action plan holds the action (smart button)."""
        self.ensure_one()
        return self.review_id._get_records_action(name=self.env._("Review"))

    # ------------------------------------------------------------------
    # Senior sign-off: the plan is agreed when every agency has signed.
    # ------------------------------------------------------------------
    def action_sign_off(self):
        """The current user signs these actions off as their agency's senior officer."""
        self._sign_off(self.env.user.partner_id)

    def _sign_off(self, signatory):
        self._check_state(["draft"], self.env._("sign it off"))
        for action in self:
            if not (
                signatory.scr_senior_officer and signatory.commercial_partner_id == action.agency_id
            ):
                raise UserError(
                    self.env._(
                        "%(who)s is not a senior officer of %(agency)s: only a senior officer "
                        "of the agency can sign its actions off.",
                        who=signatory.name,
                        agency=action.agency_id.name,
                    )
                )
        self._write_workflow({"signed_by_id": signatory.id, "signed_date": fields.Datetime.now()})
        self.sudo()._agree_signed_plans()

    def _agree_signed_plans(self):
        """Agree the plans of these actions' reviews once every agency's actions are signed."""
        plans = self.search(
            [("review_id", "in", self.review_id.ids), ("state", "=", "draft")]
        ).grouped("review_id")
        for review, actions in plans.items():
            if all(action.signed_by_id for action in actions):
                actions.write({"state": "agreed"})
                review.message_post(
                    body=self.env._(
                        "Action plan agreed: signed off by %(who)s.",
                        who=", ".join(sorted(set(actions.mapped("signed_by_id.name")))),
                    )
                )

    # ------------------------------------------------------------------
    # Delivery
    # ------------------------------------------------------------------
    def _on_progress_update(self):
        """A progress update starts an agreed action."""
        self.filtered(lambda a: a.state == "agreed")._write_workflow({"state": "in_progress"})

    def action_complete(self):
        """The agency says the action is done: it needs an update and evidence."""
        self._check_state(OPEN_STATES, self.env._("complete it"))
        for action in self:
            if not action.update_ids:
                raise UserError(
                    self.env._(
                        "Post a progress update on %(action)s before completing it.",
                        action=action.name,
                    )
                )
            if not action.evidence_ids:
                raise UserError(
                    self.env._(
                        "Attach evidence that %(action)s is done before completing it.",
                        action=action.name,
                    )
                )
        self._write_workflow({"state": "completed", "date_completed": statutory_today()})
        self.activity_update()

    def action_verify(self):
        """The partnership checks the evidence against the success criteria and closes it."""
        self._check_partnership_step(self.env._("verify an action"))
        self._check_state(["completed"], self.env._("verify it"))
        self._write_workflow(
            {
                "state": "verified",
                "verified_by_id": self.env.user.id,
                "date_verified": statutory_today(),
            }
        )
        self.activity_update()

    def action_reopen(self):
        """Send a completed action back to the agency (the evidence does not show it)."""
        self._check_partnership_step(self.env._("reopen an action"))
        self._check_state(["completed"], self.env._("reopen it"))
        self._write_workflow({"state": "in_progress", "date_completed": False})
        self.activity_update()

    def action_cancel(self):
        self._check_partnership_step(self.env._("cancel an action"))
        self._check_state(["draft", *OPEN_STATES], self.env._("cancel it"))
        for action in self:
            if not (action.cancel_reason or "").strip():
                raise UserError(
                    self.env._("Give the reason for cancelling %(action)s.", action=action.name)
                )
        self._write_workflow({"state": "cancelled"})
        self.activity_update()

    def activity_update(self):
        """The activities of the action, in line with its state (as
        ``hr.leave.activity_update()``; see ``scr.activity.mixin``), both made by the
        deadline crons in batch (``_remind_due``, ``_escalate_overdue``), which write the
        rows this method would:

        - the owner delivers the action by its due date, once reminded, while open;
        - the coordinator's escalation of an overdue action, while open.
        The agency completing the action does both; cancelling it makes them moot.
        """
        open_actions = self.filtered(lambda a: a.state in OPEN_STATES and a.active)
        done = self.filtered(lambda a: a.state in ("completed", "verified"))
        self._activity_align(
            ACTION_DUE_ACTIVITY,
            {action: action._reminder_activity() for action in open_actions.filtered("reminded")},
            done=done,
            feedback=self.env._("Completed."),
        )
        self._escalation_activity_update(
            late=open_actions, done=done, feedback=self.env._("Completed.")
        )

    # ------------------------------------------------------------------
    # Deadlines: reminders before the due date, escalation once overdue.
    # ------------------------------------------------------------------
    @api.model
    def _reminder_domain(self):
        """Open actions not yet reminded, due within their partnership's reminder period
        (one clause per distinct period, read in one query)."""
        today = statutory_today()
        periods = (
            self.env["res.company"]
            .sudo()
            ._read_group([], ["scr_action_reminder_days"], ["id:array_agg"])
        )
        return Domain.AND(
            [
                [("state", "in", OPEN_STATES), ("reminded", "=", False)],
                Domain.OR(
                    [
                        ("company_id", "in", company_ids),
                        ("due_date", "<=", today + timedelta(days=days)),
                    ]
                    for days, company_ids in periods
                ),
            ]
        )

    @api.model
    def _overdue_domain(self):
        return [
            ("state", "in", OPEN_STATES),
            ("escalated", "=", False),
            ("due_date", "<", statutory_today()),
        ]

    @api.model
    def _cron_remind_due(self, batch_size=None):
        """Remind the owners of actions falling due, one batch a run. Batches follow the
        owner, so that an owner's actions fall in one batch and one e-mail."""
        return self._run_deadline_batch(
            self._reminder_domain(),
            lambda actions: actions._remind_due(),
            batch_size,
            order="owner_id, agency_id, due_date, id",
        )

    def _reminder_activity(self):
        """(deadline, user, summary) of the owner's activity to deliver the action."""
        return self.due_date, self._owner_user(), self.env._("Deliver %(action)s", action=self.name)

    def _owner_user(self):
        """Who gets the owner's activity: the owner's login, else the review's coordinator."""
        self.ensure_one()
        return self.owner_id.user_ids[:1] or self.review_id.user_id or self.env.user

    def _remind_due(self):
        """An activity due on the due date for each owner and a reminder e-mail, in batch."""
        if not self:
            return
        activities = {action.id: action._reminder_activity() for action in self}
        self._schedule_deadline_activities(
            self.env.ref(ACTION_DUE_ACTIVITY),
            users={action_id: user for action_id, (_day, user, _summary) in activities.items()},
            summaries={action_id: text for action_id, (_day, _user, text) in activities.items()},
            notes={
                action.id: self.env._(
                    "Reminder sent to %(who)s: due on %(date)s.",
                    who=(action.owner_id or action.agency_id).display_name,
                    date=action._activity_date(action.due_date, activities[action.id][1]),
                )
                for action in self
            },
            deadlines={action_id: day for action_id, (day, _user, _text) in activities.items()},
        )
        self._send_reminder_mails()
        self._mark_done_by_cron("reminded")

    def _send_reminder_mails(self):
        """One e-mail per owner (or per agency, when the owner has no address) listing
        the owner's actions of this batch. A mail per action would cost a rendered
        template and a mail.message each: hundreds a batch at national volume."""
        base_url = self[:1].get_base_url()
        mails = []
        for recipient, actions in self.grouped(
            lambda action: action.owner_id if action.owner_id.email else action.agency_id
        ).items():
            # The reader's date format (dd/mm/yyyy in English (UK)), looked up once per
            # e-mail: format_date() would look it up again for each of its dates.
            date_format = get_lang(self.env, recipient.lang).date_format
            body = self.env["ir.qweb"]._render(
                "odoo_scr.mail_body_action_reminders",
                {
                    "recipient": recipient,
                    "actions": actions,
                    "base_url": base_url,
                    "format_date": lambda due, date_format=date_format: due.strftime(date_format),
                },
            )
            mails.append(
                {
                    "subject": self.env._(
                        "%(partnership)s: %(count)s case review action(s) falling due",
                        partnership=actions[0].company_id.name,
                        count=len(actions),
                    ),
                    "email_from": actions[0].company_id.email_formatted
                    or self.env.user.email_formatted,
                    "recipient_ids": [Command.link(recipient.id)],
                    "body_html": body,
                    "auto_delete": True,
                }
            )
        self.env["mail.mail"].sudo().create(mails)

    def _escalation_summary(self):
        return self.env._("Overdue action of %(agency)s", agency=self.agency_id.name)

    def _escalation_note(self, user):
        return self.env._(
            "The action was due on %(date)s and is not completed: escalated to the review's "
            "coordinator.",
            date=self._activity_date(self.due_date, user),
        )
