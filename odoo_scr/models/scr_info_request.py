from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from ..statutory_day import statutory_today, statutory_today_default

STATES = [
    ("requested", "Requested"),
    ("submitted", "Submitted"),
    ("accepted", "Accepted"),
    ("returned", "Returned for more"),
]
# What the agency submitted is what the partnership reviews and accepts: it changes no
# more once submitted (the partnership returns the request to let the agency add to it).
SUBMISSION_FROZEN_STATES = ("submitted", "accepted")


class ScrInfoRequest(models.Model):
    """A request to an agency for a chronology, report or information (s14B Children Act 2004).

    The partnership must say why the information is necessary and proportionate and
    explain the burden; the agency answers with attachments, on the portal or by e-mail.
    """

    _name = "scr.info.request"
    _description = "Information request (s14B)"
    _inherit = [
        "scr.input.bounds.mixin",
        "scr.partnership.mixin",
        "scr.statutory.record.mixin",
        "scr.agency.review.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "scr.escalation.mixin",
        "scr.portal.upload.mixin",
        "scr.reviewer.scope.mixin",
    ]
    _order = "due_date, id"
    _check_company_auto = True
    _workflow_fields = frozenset({"state", "date_submitted", "escalated"})
    _scr_past_date_fields = frozenset({"date_requested"})

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="New")
    agency_id = fields.Many2one(tracking=True)
    # Stored with the request, as the review's reference is, so that a page of the list
    # does not compute the display name of each agency on it (a computed name per row
    # against a stored column: docs/benchmark.md).
    agency_name = fields.Char(related="agency_id.name", store=True, string="Agency name")
    contact_id = fields.Many2one(
        "res.partner",
        string="Agency contact",
        domain="[('commercial_partner_id', '=', agency_id)]",
        check_company=True,
        help="Receives the request notice by e-mail.",
    )
    request_type = fields.Selection(
        [
            ("chronology", "Chronology"),
            ("agency_report", "Agency report"),
            ("specific", "Specific information"),
        ],
        required=True,
        default="chronology",
        tracking=True,
    )
    description = fields.Text(string="Information requested", required=True)
    justification = fields.Text(
        string="Why it is necessary and proportionate",
        required=True,
        help="Section 14B: the request must be necessary and proportionate to the review.",
    )
    burden_note = fields.Text(string="Burden on the agency")
    date_requested = fields.Date(required=True, default=statutory_today_default, tracking=True)
    due_date = fields.Date(
        required=True,
        tracking=True,
        index=True,
        compute="_compute_due_date",
        store=True,
        readonly=False,
        precompute=True,
        help="By default the information request timescale (info_request) from the date "
        "requested, on the partnership's working calendar.",
    )
    state = fields.Selection(STATES, default="requested", required=True, tracking=True, index=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Submission")
    date_submitted = fields.Date(readonly=True, tracking=True)
    return_reason = fields.Text(tracking=True)

    _portal_writable_fields = frozenset({"attachment_ids"})
    _portal_attachment_fields = frozenset({"attachment_ids"})

    _overdue_idx = models.Index("(due_date) WHERE state IN ('requested', 'returned')")

    @api.depends("review_id", "date_requested")
    def _compute_due_date(self):
        """The default due date: the ``info_request`` timescale of the review's regime from
        the date requested (section 14B sets no period: the partnership's own, as data).
        Only a request being written follows its review and date: the due date of a saved
        request, which the agency was sent, moves only when someone changes it."""
        Timescale = self.env["scr.timescale"]
        for request in self:
            review = request.review_id
            if (
                (request._origin.id and request.due_date)
                or not (review and request.date_requested)
                or Timescale._get_rule("info_request", review.regime) is None
            ):
                request.due_date = request.due_date
                continue
            request.due_date = Timescale.compute_deadline(
                "info_request", request.date_requested, review.regime, review.company_id
            )

    @api.constrains("date_requested", "due_date")
    def _check_due_date(self):
        for request in self:
            if request.due_date < request.date_requested:
                raise ValidationError(
                    self.env._(
                        "The information cannot be due (%(due)s) before it was requested "
                        "(%(req)s).",
                        due=format_date(self.env, request.due_date),
                        req=format_date(self.env, request.date_requested),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "New") == "New":
                vals["name"] = self.env["ir.sequence"].next_by_code("scr.info.request") or "New"
        requests = super().create(vals_list)
        requests._send_request_notice()
        return requests

    def write(self, vals):
        if not self.env.su and "attachment_ids" in vals:
            states = dict(self._fields["state"].selection)
            for request in self.filtered(lambda r: r.state in SUBMISSION_FROZEN_STATES):
                raise UserError(
                    self.env._(
                        "%(ref)s is %(state)s: its submission stays as the agency submitted it. "
                        "The partnership returns the request to let the agency add to it.",
                        ref=request.name,
                        state=states[request.state].lower(),
                    )
                )
        return super().write(vals)

    def _agency_part(self):
        return self.env._("the agency submits the information")

    def _send_request_notice(self):
        """E-mail the agency its request (one mail per request, queued in batch)."""
        if not self:
            return
        self.env.ref("odoo_scr.mail_template_scr_info_request").send_mail_batch(self.ids)
        self._message_log_batch(
            bodies={
                request.id: self.env._(
                    "Request notice e-mailed to %(to)s.",
                    to=(request.contact_id or request.agency_id).display_name,
                )
                for request in self
            }
        )

    def action_submit(self):
        """The agency's answer arrived (attachments required)."""
        self._check_state(["requested", "returned"], self.env._("submit it"))
        for request in self:
            if not request.attachment_ids:
                raise UserError(
                    self.env._(
                        "Attach the %(type)s before submitting %(ref)s.",
                        type=dict(request._fields["request_type"].selection)[
                            request.request_type
                        ].lower(),
                        ref=request.name,
                    )
                )
        self._write_workflow({"state": "submitted", "date_submitted": statutory_today()})
        self.activity_update()

    def action_accept(self):
        self._check_partnership_step(self.env._("accept a submission"))
        self._check_state(["submitted"], self.env._("accept it"))
        self._write_workflow({"state": "accepted"})
        self.activity_update()

    def action_return(self):
        """Ask the agency for more; the reason goes to the agency."""
        self._check_partnership_step(self.env._("return a submission"))
        self._check_state(["submitted"], self.env._("return it"))
        for request in self:
            if not (request.return_reason or "").strip():
                raise UserError(
                    self.env._("Say what is missing before returning %(ref)s.", ref=request.name)
                )
        self._write_workflow({"state": "returned"})
        self.activity_update()

    def activity_update(self):
        """The coordinator's escalation of an overdue request, made by the cron
        (``_escalate_overdue``), open while the agency owes the information, done when
        it submits (as ``hr.leave.activity_update()``; see ``scr.activity.mixin``)."""
        self._escalation_activity_update(
            late=self.filtered(lambda r: r.state in ("requested", "returned")),
            done=self.filtered(lambda r: r.state in SUBMISSION_FROZEN_STATES),
            feedback=self.env._("Submitted."),
        )

    @api.model
    def _overdue_domain(self):
        return [
            ("state", "in", ("requested", "returned")),
            ("escalated", "=", False),
            ("due_date", "<", statutory_today()),
        ]

    def _escalation_summary(self):
        return self.env._("Chase %(agency)s", agency=self.agency_id.name)

    def _escalation_note(self, user):
        return self.env._(
            "The information was due on %(date)s and has not arrived: escalated to the review's "
            "coordinator.",
            date=self._activity_date(self.due_date, user),
        )
