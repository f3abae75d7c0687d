from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from .. import criteria
from .scr_timescale import REGIMES
from ..statutory_day import statutory_today, statutory_today_default

COORDINATOR_GROUP = "odoo_scr.group_scr_coordinator"
NOTIFY_ACTIVITY = "odoo_scr.mail_activity_type_scr_notification"
CRITERIA_FIELDS = (
    "child_died",
    "seriously_harmed",
    "abuse_neglect",
    "looked_after",
    "regulated_setting",
    "died_in_custody",
    "detained_mental_health",
    "dols_16_17",
    "interagency_concerns",
    "serious_sexual_abuse",
    "parent_murdered_dhr",
    "killed_by_parent_mental_illness",
    # WT2018/2023 (Children Act 2004 s16C; Working Together 2023 chapter 5).
    "killed_by_parent",
    "harm_location",
    "normally_resident",
    "child_age",
    "child_unborn",
    "care_leaver",
)
# Deaths recorded by a circumstance: each needs "the child has died" ticked, so that no
# record says both that the child did not die and that they died in custody (issue 15).
DEATH_FACTS = ("died_in_custody", "killed_by_parent", "killed_by_parent_mental_illness")
# An alias names the child in every record ("Child Q"); a summary states the facts.
# Longer is not an alias nor a summary, and would be refused by nobody else.
ALIAS_MAX_LENGTH = 64
SUMMARY_MAX_LENGTH = 20000
STATES = [
    ("draft", "Draft"),
    ("notified", "Notified"),
    ("under_consideration", "Under consideration"),
    ("decided", "Decided"),
    ("closed", "Closed"),
]


class ScrIncident(models.Model):
    """A notifiable incident or a referral for a case review.

    The child is named by an alias everywhere; the real identity is readable by
    coordinators and the chair only. The criteria say whether the incident is
    notifiable and whether a review must (or should) be held, and why; the
    notification deadline comes from ``scr.timescale`` and is scheduled as an activity.
    """

    _name = "scr.incident"
    _description = "Notifiable incident"
    _inherit = [
        "scr.input.bounds.mixin",
        "scr.partnership.mixin",
        "scr.statutory.record.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "scr.escalation.mixin",
    ]
    _order = "aware_date desc, id desc"
    _deadline_order = "notification_due_date, id"
    _rec_name = "name"
    _check_company_auto = True
    _workflow_fields = frozenset({"state", "escalated"})
    # What already happened: not after today (scr.input.bounds.mixin).
    _scr_past_date_fields = frozenset({"incident_date", "aware_date"})
    # The authority becomes aware of an incident once it happened.
    _scr_not_before = {"aware_date": ("incident_date",)}

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="New", index="trigram"
    )
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Partnership",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    regime = fields.Selection(
        REGIMES,
        required=True,
        tracking=True,
        default=lambda self: self.env.company.scr_regime,
        help="The statutory guidance this record was opened under; it keeps it.",
    )
    state = fields.Selection(STATES, default="draft", required=True, tracking=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible coordinator",
        tracking=True,
        index=True,
        default=lambda self: self._default_user_id(),
        domain=lambda self: [("group_ids", "in", self.env.ref(COORDINATOR_GROUP).ids)],
    )

    # The child: alias for everyone, identity for coordinators and the chair only.
    child_alias = fields.Char(
        required=True, tracking=True, help="How the child is named in every record, e.g. Child Q."
    )
    child_name = fields.Char(string="Child's full name", groups=COORDINATOR_GROUP, tracking=True)
    child_birthdate = fields.Date(string="Date of birth", groups=COORDINATOR_GROUP, tracking=True)
    child_gender = fields.Selection(
        [("female", "Female"), ("male", "Male"), ("other", "Other / not stated")],
        string="Gender",
        groups=COORDINATOR_GROUP,
    )
    child_ethnicity = fields.Char(string="Ethnicity", groups=COORDINATOR_GROUP)
    child_address = fields.Text(string="Address", groups=COORDINATOR_GROUP)
    family_member_names = fields.Text(
        string="Family members",
        groups=COORDINATOR_GROUP,
        help="Names of parents, carers and relatives on record, one per line.",
    )
    other_child_ids = fields.One2many(
        "scr.incident.child", "incident_id", string="Other children at risk"
    )

    # What happened and where the case came from.
    incident_date = fields.Date(required=True, tracking=True)
    aware_date = fields.Date(
        string="Date the local authority became aware",
        required=True,
        tracking=True,
        default=statutory_today_default,
    )
    summary = fields.Text(string="What happened", help="Facts only; use the alias, never names.")
    source = fields.Selection(
        [
            ("la_notification", "Local authority notification"),
            ("cdop_referral", "Child Death Overview Panel referral"),
            ("agency_referral", "Partner agency referral"),
            ("other", "Other"),
        ],
        required=True,
        default="la_notification",
        tracking=True,
    )
    referring_agency_id = fields.Many2one(
        "res.partner", domain=[("is_scr_agency", "=", True)], tracking=True
    )
    agency_ids = fields.Many2many(
        "res.partner", string="Agencies involved", domain=[("is_scr_agency", "=", True)]
    )

    # Criteria (docs/process.md 1.1 - 1.2).
    child_died = fields.Boolean(string="The child has died", tracking=True)
    seriously_harmed = fields.Boolean(
        string="The child has been seriously harmed",
        tracking=True,
        help="A potentially life-threatening injury, or serious and/or likely long-term impairment "
        "of physical or mental health or development. Recovery does not mean there was no harm.",
    )
    abuse_neglect = fields.Selection(
        [("known", "Known"), ("suspected", "Suspected"), ("no", "Not known or suspected")],
        string="Abuse or neglect",
        required=True,
        default="no",
        tracking=True,
    )
    looked_after = fields.Boolean(string="Looked-after child", tracking=True)
    regulated_setting = fields.Boolean(string="In a regulated setting or service", tracking=True)
    died_in_custody = fields.Boolean(
        string="Died in custody",
        tracking=True,
        help="Police custody, on remand, after sentencing, in a YOI, secure training centre or "
        "secure children's home.",
    )
    detained_mental_health = fields.Boolean(
        string="Detained under the Mental Health Act 1983", tracking=True
    )
    dols_16_17 = fields.Boolean(
        string="Aged 16/17 under a deprivation of liberty order", tracking=True
    )
    interagency_concerns = fields.Selection(
        [
            ("yes", "Yes, there is cause for concern"),
            ("unknown", "Not known yet"),
            ("definitive_no", "Definitive evidence of no concerns"),
        ],
        string="Concerns about inter-agency working",
        required=True,
        default="unknown",
        tracking=True,
    )
    serious_sexual_abuse = fields.Boolean(string="Particularly serious sexual abuse", tracking=True)
    parent_murdered_dhr = fields.Boolean(
        string="A parent was murdered (domestic homicide review)", tracking=True
    )
    killed_by_parent_mental_illness = fields.Boolean(
        string="Killed by a parent with a mental illness", tracking=True
    )
    killed_by_parent = fields.Boolean(
        string="Killed by a parent or carer",
        tracking=True,
        help="Under Working Together 2018/2023 this is abuse whatever the abuse box says "
        "(Working Together 2023, glossary: abuse is inflicting harm).",
    )

    # Where it happened and who notifies (Children Act 2004 s16C(1)(a) and (b)).
    harm_location = fields.Selection(
        [
            (criteria.HARM_IN_AREA, "In this local authority's area"),
            (criteria.HARM_ELSEWHERE_IN_ENGLAND, "Elsewhere in England"),
            (criteria.HARM_OUTSIDE_ENGLAND, "Outside England"),
        ],
        string="Where the death or harm happened",
        default=criteria.HARM_IN_AREA,
        tracking=True,
        help="Elsewhere in England, the local authority of that area notifies the Panel; "
        "outside England, the authority where the child normally lives does (s16C(1)). "
        "Not recorded reads as in the area.",
    )
    normally_resident = fields.Boolean(
        string="Normally resident in the area", default=True, tracking=True
    )
    harm_authority = fields.Char(
        string="Local authority where it happened",
        tracking=True,
        help="When it happened elsewhere in England: the authority that notifies the Panel.",
    )
    notifying_authority = fields.Selection(
        [("this", "This local authority"), ("other", "The local authority where it happened")],
        compute="_compute_criteria",
        store=True,
        help="Which local authority notifies (Children Act 2004 s16C(1)).",
    )
    # The child in the criteria: a child is under 18 (unborn included); a care leaver's
    # death is notified up to and including age 24 (Working Together 2023 chapter 5).
    child_age = fields.Integer(
        string="Age at the time (years)",
        tracking=True,
        help="Completed years when it happened; 0 for a baby under one year.",
    )
    child_unborn = fields.Boolean(string="Unborn child", tracking=True)
    care_leaver = fields.Boolean(
        string="Care leaver",
        tracking=True,
        help="No longer looked after; the death of a care leaver up to and including age 24 "
        "is notified to the Secretary of State and Ofsted (Working Together 2023 chapter 5).",
    )

    is_notifiable = fields.Boolean(compute="_compute_criteria", store=True, tracking=True)
    review_requirement = fields.Selection(
        [("mandatory", "Mandatory"), ("consider", "To consider"), ("not_required", "Not required")],
        compute="_compute_criteria",
        store=True,
        tracking=True,
        index=True,
        help="Mandatory only under Working Together 2015 (regulation 5(2) of the LSCB "
        "Regulations 2006). Under Working Together 2018/2023 a local review is the safeguarding "
        "partners' decision: a serious incident requires a rapid review and a local review to "
        "consider.",
    )
    rapid_review_required = fields.Boolean(
        compute="_compute_criteria",
        store=True,
        tracking=True,
        help="A serious incident this authority notifies: the safeguarding partners complete a "
        "rapid review within 15 working days (Working Together 2023 chapter 5).",
    )
    notification_ground_ids = fields.Many2many(
        "scr.notification.ground",
        string="Notified as",
        compute="_compute_criteria",
        store=True,
        help="The grounds on which the incident is notified; each says who is told.",
    )
    criteria_explanation = fields.Text(compute="_compute_criteria", store=True)

    # Notification of the incident.
    notification_due_date = fields.Date(
        compute="_compute_notification_due_date", store=True, index=True
    )
    notification_ids = fields.One2many("scr.notification", "incident_id", string="Notifications")
    notification_deadline_state = fields.Selection(
        [
            ("done", "Notified"),
            ("on_time", "On time"),
            ("due_soon", "Due soon"),
            ("overdue", "Overdue"),
        ],
        compute="_compute_notification_deadline_state",
        search="_search_notification_deadline_state",
    )
    # What followed the incident, for the smart buttons (incident -> decision -> review).
    decision_ids = fields.One2many("scr.decision", "incident_id", string="Decisions")
    review_ids = fields.One2many("scr.review", "incident_id", string="Reviews")

    _name_company_unique = models.Constraint(
        "UNIQUE(name, company_id)", "This incident reference already exists in the partnership."
    )
    _overdue_idx = models.Index("(notification_due_date) WHERE state = 'draft' AND active")

    @api.depends(*CRITERIA_FIELDS, "regime")
    def _compute_criteria(self):
        grounds = {
            (ground.regime, ground.code): ground
            for ground in self.env["scr.notification.ground"].sudo().search([])
        }
        Ground = self.env["scr.notification.ground"]
        for incident in self:
            values = {field: incident[field] for field in CRITERIA_FIELDS}
            evaluation = criteria.evaluate(values, incident.regime)
            incident.is_notifiable = evaluation.is_notifiable
            incident.review_requirement = evaluation.review_requirement
            incident.criteria_explanation = evaluation.explanation
            incident.rapid_review_required = evaluation.rapid_review_required
            incident.notifying_authority = evaluation.notifying_authority or False
            incident.notification_ground_ids = Ground.union(
                *(
                    grounds[incident.regime, code]
                    for code in evaluation.notification_grounds
                    if (incident.regime, code) in grounds
                )
            )

    @api.depends("aware_date", "regime", "company_id", "is_notifiable")
    def _compute_notification_due_date(self):
        """Only a notifiable incident has a notification deadline (issue 16 item 3: a
        referral that needs no notice is never "overdue")."""
        Timescale = self.env["scr.timescale"]
        for incident in self:
            incident.notification_due_date = incident.is_notifiable and Timescale._deadline_of(
                incident, "incident_notification", incident.aware_date
            )

    @api.depends("notification_due_date", "state", "company_id.scr_due_soon_days")
    def _compute_notification_deadline_state(self):
        today = statutory_today()
        for incident in self:
            incident.notification_deadline_state = incident._deadline_state(today)

    def _deadline_state(self, today):
        if self.state != "draft" or not self.notification_due_date:
            return "done"
        if self.notification_due_date < today:
            return "overdue"
        if self.notification_due_date <= today + timedelta(days=self.company_id.scr_due_soon_days):
            return "due_soon"
        return "on_time"

    def _search_notification_deadline_state(self, operator, value):
        """Overdue / due soon as a domain, for the search filters."""
        if operator not in ("=", "in"):
            return NotImplemented
        values = {value} if operator == "=" else set(value)
        today = statutory_today()
        domains = []
        if "overdue" in values:
            domains.append([("state", "=", "draft"), ("notification_due_date", "<", today)])
        if "due_soon" in values:
            domains.append(
                [
                    ("state", "=", "draft"),
                    ("notification_due_date", ">=", today),
                    (
                        "notification_due_date",
                        "<=",
                        today + timedelta(days=self.env.company.scr_due_soon_days),
                    ),
                ]
            )
        if "done" in values:
            domains.append([("state", "!=", "draft")])
        if "on_time" in values:
            domains.append([("state", "=", "draft"), ("notification_due_date", ">=", today)])
        return Domain.OR(domains) if domains else Domain.FALSE

    @api.constrains(*DEATH_FACTS, "child_died")
    def _check_death_facts(self):
        """A death in custody or a killing is a death: the record says so consistently."""
        for incident in self.filtered(lambda i: not i.child_died):
            fact = next((name for name in DEATH_FACTS if incident[name]), None)
            if fact:
                raise ValidationError(
                    self.env._(
                        "%(fact)s: tick 'The child has died' as well, or untick it.",
                        fact=self._fields[fact]._description_string(self.env),
                    )
                )

    @api.constrains("child_age", "child_unborn", "care_leaver", "looked_after")
    def _check_child(self):
        """A child is under 18 (unborn included); a care leaver up to 24 (WT2023 chapter 5)."""
        for incident in self:
            problem = criteria.person_problem(
                incident.child_age, incident.child_unborn, incident.care_leaver
            )
            if not problem and incident.looked_after and incident.child_age >= criteria.ADULT_AGE:
                problem = "a looked-after child is under 18; an older person is a care leaver"
            if problem:
                raise ValidationError(
                    self.env._(
                        "%(alias)s: %(problem)s.", alias=incident.child_alias, problem=problem
                    )
                )

    @api.constrains("child_alias", "summary")
    def _check_lengths(self):
        """The alias and the summary within what they can be, for the form and RPC alike."""
        for incident in self:
            for field_name, limit in (
                ("child_alias", ALIAS_MAX_LENGTH),
                ("summary", SUMMARY_MAX_LENGTH),
            ):
                if len(incident[field_name] or "") > limit:
                    raise ValidationError(
                        self.env._(
                            "%(field)s can be at most %(limit)s characters long.",
                            field=self._fields[field_name]._description_string(self.env),
                            limit=limit,
                        )
                    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "New") == "New":
                vals["name"] = self.env["ir.sequence"].next_by_code("scr.incident") or "New"
        incidents = super().create(vals_list)
        incidents._sync_notification_obligations()
        return incidents

    def write(self, vals):
        result = super().write(vals)
        if {"aware_date", "regime", "company_id", "user_id", *CRITERIA_FIELDS} & set(vals):
            self._sync_notification_obligations()
        return result

    # ------------------------------------------------------------------
    # Notifications and their activity
    # ------------------------------------------------------------------
    def _sync_notification_obligations(self):
        """Keep the notice lines and the coordinator's activity in line with the facts.

        A notifiable draft incident gets one line per recipient of its regime's
        ``incident_notification`` timescale and an activity due on the deadline;
        an incident that is no longer notifiable loses the lines not yet sent.
        """
        drafts = self.filtered(lambda incident: incident.state == "draft")
        if not drafts:
            return
        notifiable = drafts.filtered("is_notifiable")
        # The step withdraws obligations that no longer apply (the incident is no longer
        # notifiable, or no longer on a ground that reaches that body); no client deletes a
        # notice.
        drafts.notification_ids.filtered(
            lambda line: (
                line.timescale_code == "incident_notification"
                and not line.date_sent
                and (
                    not line.incident_id.is_notifiable
                    or line.recipient_id not in line.incident_id._notification_recipients()
                )
            )
        ).sudo().unlink()
        self.env["scr.notification"]._create_missing_notices(
            "incident_notification",
            notifiable,
            "incident_id",
            lambda incident: (
                incident.notification_ids.filtered(
                    lambda line: line.timescale_code == "incident_notification"
                ).recipient_id
            ),
            required=lambda incident: incident._notification_recipients(),
        )
        drafts.activity_update()

    def _notification_recipients(self):
        """Who this incident is notified to: the recipients of its notification grounds."""
        self.ensure_one()
        return self.notification_ground_ids.sudo().recipient_ids

    def _creation_message(self):
        """Say in the chatter what was recorded: only a notifiable incident is one."""
        self.ensure_one()
        if self.is_notifiable:
            return self.env._("Notifiable incident created")
        return self.env._("Incident recorded: not notifiable, no statutory notification is due")

    def activity_update(self):
        """The activities of the incident, in line with its state (as
        ``hr.leave.activity_update()``; see ``scr.activity.mixin``):

        - notify the incident by its notification deadline: the coordinator's, while a
          notifiable incident is in draft; recording the last notice does it;
        - the chair's escalation of an overdue notification, made by the cron
          (``_escalate_overdue``), done once the incident is notified.
        """
        notified = self._notified()
        self._activity_align(
            NOTIFY_ACTIVITY,
            {
                incident: (
                    incident.notification_due_date,
                    user,
                    self.env._(
                        "Notify the incident by %(date)s",
                        date=self._activity_date(incident.notification_due_date, user),
                    ),
                )
                for incident in self
                if incident.state == "draft" and incident.active and incident.notification_due_date
                for user in [incident.user_id or self.env.user]
            },
            done=notified,
            feedback=self.env._("All statutory notifications recorded."),
        )
        self._escalation_activity_update(
            late=self.filtered(lambda i: i.state == "draft" and i.notification_due_date),
            done=notified,
            feedback=self.env._("The incident is notified."),
        )

    def _notified(self):
        """These incidents past draft whose every statutory notice went."""
        return self.filtered(
            lambda incident: (
                incident.state != "draft"
                and all(
                    incident.notification_ids.filtered(
                        lambda line: line.timescale_code == "incident_notification"
                    ).mapped("date_sent")
                )
            )
        )

    def _on_notifications_sent(self):
        """All incident notices sent: the activity is done and the draft becomes notified."""
        for incident in self.filtered(lambda i: i.state == "draft" and i.is_notifiable):
            lines = incident.notification_ids.filtered(
                lambda line: line.timescale_code == "incident_notification"
            )
            if lines and all(lines.mapped("date_sent")):
                incident._write_workflow({"state": "notified"})
                incident.activity_update()

    # ------------------------------------------------------------------
    # State machine
    # ------------------------------------------------------------------
    def action_mark_notified(self):
        """Draft -> notified, once every statutory notice has been recorded as sent."""
        self._check_state(["draft"], self.env._("mark it notified"))
        for incident in self:
            pending = incident.notification_ids.filtered(lambda line: not line.date_sent)
            if not incident.notification_ids or pending:
                raise UserError(
                    self.env._(
                        "%(ref)s cannot be marked notified: record when the notice went to "
                        "%(who)s.",
                        ref=incident.name,
                        who=", ".join(pending.recipient_id.mapped("name"))
                        or self.env._("each recipient"),
                    )
                )
        self._on_notifications_sent()

    def action_start_consideration(self):
        """Refer the case to the case review subgroup for a recommendation."""
        self._check_state(["draft", "notified"], self.env._("refer it to the case review subgroup"))
        unnotified = self.filtered(lambda i: i.state == "draft" and i.is_notifiable)
        if unnotified:
            raise UserError(
                self.env._(
                    "%(refs)s must be notified to the statutory bodies before it goes to the case "
                    "review subgroup.",
                    refs=", ".join(unnotified.mapped("name")),
                )
            )
        self._write_workflow({"state": "under_consideration"})
        self.activity_update()

    def _set_decided(self):
        """Called when the chair's decision is signed off."""
        self._check_state(["under_consideration", "notified"], self.env._("record a decision"))
        self._write_workflow({"state": "decided"})
        self.activity_update()

    def action_close(self):
        """Close the incident; a mandatory review needs the chair's decision first."""
        self._check_state(
            ["draft", "notified", "under_consideration", "decided"], self.env._("close it")
        )
        undecided = self.filtered(
            lambda i: i.review_requirement == "mandatory" and i.state != "decided"
        )
        if undecided:
            raise UserError(
                self.env._(
                    "%(refs)s meets the criteria for a mandatory review: it cannot be closed "
                    "before the chair has decided.",
                    refs=", ".join(undecided.mapped("name")),
                )
            )
        unreviewed = self.filtered(lambda i: i.rapid_review_required and i.state != "decided")
        if unreviewed:
            raise UserError(
                self.env._(
                    "%(refs)s is a serious incident: it cannot be closed before the rapid review "
                    "and the safeguarding partners' decision on a local review.",
                    refs=", ".join(unreviewed.mapped("name")),
                )
            )
        self._write_workflow({"state": "closed"})
        self.activity_update()

    def action_reopen(self):
        """A closed incident can be reopened, e.g. when new information comes to light."""
        self._check_state(["closed"], self.env._("reopen it"))
        self._write_workflow({"state": "under_consideration"})
        self.activity_update()

    def action_view_decisions(self):
        """The decision on the incident (smart button): the one in force, as a superseded
        decision is archived."""
        self.ensure_one()
        return self.decision_ids._get_records_action(name=self.env._("Decision"))

    def action_view_reviews(self):
        """The review held on the incident (smart button)."""
        self.ensure_one()
        return self.review_ids._get_records_action(name=self.env._("Reviews"))

    # ------------------------------------------------------------------
    # Escalation
    # ------------------------------------------------------------------
    @api.model
    def _overdue_domain(self):
        """Notifiable incidents still in draft after their notification deadline."""
        return [
            ("state", "=", "draft"),
            ("is_notifiable", "=", True),
            ("escalated", "=", False),
            ("notification_due_date", "<", statutory_today()),
        ]

    def _escalation_users(self):
        """An overdue notification goes to the chair: the partnership's named chair,
        else its first chair user (two queries for the whole batch)."""
        chairs = self.company_id._scr_chairs()
        return {
            incident.id: chairs.get(incident.company_id.id) or incident.user_id for incident in self
        }

    def _escalation_summary(self):
        return self.env._("Overdue notification of %(ref)s", ref=self.name)

    def _escalation_note(self, user):
        return self.env._(
            "The statutory notification was due on %(date)s and has not been recorded: "
            "escalated to the chair.",
            date=self._activity_date(self.notification_due_date, user),
        )
