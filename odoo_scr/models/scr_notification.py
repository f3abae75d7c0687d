from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from ..statutory_day import statutory_today

# What a notice links to: copied from the notice a correction corrects, never chosen.
CORRECTION_COPIED_FIELDS = (
    "incident_id",
    "decision_id",
    "review_id",
    "timescale_code",
    "recipient_id",
)


class ScrNotification(models.Model):
    """One statutory notice: who must be told, by when, and when it went.

    Lines are generated from the recipients of a timescale (``timescale_code``). Once
    its sending is recorded (``date_sent``) a notice is a statutory record: nothing of it
    changes and it is never deleted. A mistake in it is put right by a correction: a new
    notice with the reason, linked to the one it corrects; both are kept. Who recorded the
    sending (``sent_by_id``) is set by the server, never by a client.
    """

    _name = "scr.notification"
    _description = "Statutory notification"
    _inherit = ["scr.input.bounds.mixin", "scr.partnership.mixin", "scr.statutory.record.mixin"]
    _order = "due_date, sequence, id"
    _check_company_auto = True
    _workflow_fields = frozenset({"sent_by_id"})
    _scr_past_date_fields = frozenset({"date_sent"})

    incident_id = fields.Many2one(
        "scr.incident", required=True, index=True, ondelete="cascade", check_company=True
    )
    decision_id = fields.Many2one(
        "scr.decision",
        index="btree_not_null",
        ondelete="cascade",
        check_company=True,
        help="The chair's decision this notice reports, for notices of a decision.",
    )
    review_id = fields.Many2one(
        "scr.review",
        index="btree_not_null",
        ondelete="cascade",
        check_company=True,
        help="The review whose report this notice sends, for pre-publication notices.",
    )
    company_id = fields.Many2one(related="incident_id.company_id", store=True, index=True)
    timescale_code = fields.Char(
        required=True,
        default="incident_notification",
        help="The statutory timescale this notice answers to.",
    )
    recipient_id = fields.Many2one("scr.notification.recipient", required=True, ondelete="restrict")
    sequence = fields.Integer(related="recipient_id.sequence", store=True)
    due_date = fields.Date(compute="_compute_due_date", store=True)
    date_sent = fields.Date(string="Date sent")
    reference = fields.Char(help="The recipient's reference, e.g. the DfE notification id.")
    sent_by_id = fields.Many2one("res.users", string="Sent by", readonly=True)
    note = fields.Text()
    is_sent = fields.Boolean(compute="_compute_is_sent", store=True)
    is_late = fields.Boolean(
        compute="_compute_is_sent", store=True, help="Sent after the statutory due date."
    )
    corrected_id = fields.Many2one(
        "scr.notification",
        string="Corrects",
        readonly=True,
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        help="The notice this one corrects; both are kept on record.",
    )
    correction_ids = fields.One2many("scr.notification", "corrected_id", string="Corrected by")
    correction_reason = fields.Text(help="Why the notice it corrects was wrong.")
    is_corrected = fields.Boolean(
        compute="_compute_is_corrected", store=True, help="A later notice corrects this one."
    )

    _one_correction = models.UniqueIndex(
        "(corrected_id) WHERE corrected_id IS NOT NULL",
        "This notice is already corrected: correct the latest correction instead.",
    )

    @api.model
    def _create_missing_notices(self, code, owners, owner_field, existing, required=None):
        """Create the notices the ``code`` timescale requires and ``owners`` lack.

        ``owners`` are incidents, decisions or reviews (each with a ``regime``);
        ``owner_field`` links a notice to its owner; ``existing(owner)`` gives the
        recipients the owner already has a notice for; ``required(owner)``, when given,
        the recipients this owner needs (an incident's depend on its notification grounds),
        else those of the timescale of its regime. One query for the recipients, one batch
        create.
        """
        if required is None:
            by_regime = self.env["scr.timescale"]._recipients_by_regime(
                code, set(owners.mapped("regime"))
            )

            def required(owner):
                return by_regime[owner.regime]

        incident_of = (
            (lambda owner: owner)
            if owners._name == "scr.incident"
            else (lambda owner: owner.incident_id)
        )
        return self.create(
            [
                {
                    "incident_id": incident_of(owner).id,
                    owner_field: owner.id,
                    "timescale_code": code,
                    "recipient_id": recipient.id,
                }
                for owner in owners
                for recipient in required(owner) - existing(owner)
            ]
        )

    @api.depends(
        "timescale_code",
        "incident_id.notification_due_date",
        "decision_id.notify_due_date",
        "review_id.pre_publication_due_date",
    )
    def _compute_due_date(self):
        for notice in self:
            notice.due_date = notice._get_due_date()

    def _get_due_date(self):
        """The statutory due date of this notice; other timescales extend this."""
        self.ensure_one()
        if self.timescale_code == "incident_notification":
            return self.incident_id.notification_due_date
        if self.timescale_code == "decision_notification":
            return self.decision_id.notify_due_date
        if self.timescale_code == "pre_publication":
            return self.review_id.pre_publication_due_date
        return False

    @api.depends("date_sent", "due_date")
    def _compute_is_sent(self):
        for notice in self:
            notice.is_sent = bool(notice.date_sent)
            notice.is_late = bool(
                notice.date_sent and notice.due_date and notice.date_sent > notice.due_date
            )

    @api.depends("correction_ids")
    def _compute_is_corrected(self):
        for notice in self:
            notice.is_corrected = bool(notice.correction_ids)

    @api.constrains("corrected_id", "correction_reason", "date_sent")
    def _check_correction(self):
        for notice in self.filtered("corrected_id"):
            if not (notice.correction_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Say why the notice to %(recipient)s is corrected.",
                        recipient=notice.recipient_id.name,
                    )
                )
            if not notice.date_sent:
                raise ValidationError(
                    self.env._(
                        "A correction records a notice that went: give the date it was sent."
                    )
                )

    @api.constrains("date_sent")
    def _check_date_sent(self):
        """A notice cannot go before what it reports (the incident, the decision), nor in the
        future."""
        today = statutory_today()
        for notice in self.filtered("date_sent"):
            if notice.date_sent < notice.incident_id.incident_date:
                raise ValidationError(
                    self.env._(
                        "The notice to %(recipient)s cannot have been sent on %(sent)s, before the "
                        "incident of %(incident)s.",
                        recipient=notice.recipient_id.name,
                        sent=format_date(self.env, notice.date_sent),
                        incident=format_date(self.env, notice.incident_id.incident_date),
                    )
                )
            if notice.decision_id and notice.date_sent < notice.decision_id.decision_date:
                raise ValidationError(
                    self.env._(
                        "The notice to %(recipient)s cannot have been sent on %(sent)s, before the "
                        "decision of %(decision)s.",
                        recipient=notice.recipient_id.name,
                        sent=format_date(self.env, notice.date_sent),
                        decision=format_date(self.env, notice.decision_id.decision_date),
                    )
                )
            if notice.date_sent > today:
                raise ValidationError(
                    self.env._(
                        "The notice to %(recipient)s cannot be recorded as sent on %(sent)s: that "
                        "date is in the future.",
                        recipient=notice.recipient_id.name,
                        sent=format_date(self.env, notice.date_sent),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("corrected_id"):
                self._prepare_correction(vals)
        notices = super().create(vals_list)
        sent = notices.filtered("date_sent")
        sent.filtered(lambda notice: not notice.sent_by_id)._record_sender()
        sent._on_sent()
        return notices

    @api.model
    def _prepare_correction(self, vals):
        """A correction is a new notice of the same obligation as the sent notice it
        corrects (which the caller must be able to read), the latest of its line."""
        original = self.browse(vals["corrected_id"])
        original.check_access("read")
        if not original.date_sent:
            raise UserError(
                self.env._(
                    "The notice to %(recipient)s has not been sent: record its sending on the "
                    "notice itself rather than a correction.",
                    recipient=original.recipient_id.name,
                )
            )
        if original.sudo().correction_ids:
            raise UserError(
                self.env._(
                    "The notice to %(recipient)s is already corrected: correct the latest "
                    "correction instead.",
                    recipient=original.recipient_id.name,
                )
            )
        vals.update(
            {
                name: original._fields[name].convert_to_write(original[name], original)
                for name in CORRECTION_COPIED_FIELDS
            }
        )

    def write(self, vals):
        if not self.env.su:
            self._check_not_sent(vals)
        newly_sent = (
            self.filtered(lambda notice: not notice.date_sent)
            if vals.get("date_sent")
            else self.browse()
        )
        result = super().write(vals)
        if newly_sent:
            newly_sent._record_sender()
            newly_sent._on_sent()
        return result

    def _check_not_sent(self, vals):
        """A sent notice is a statutory record: refuse any change to it."""
        for notice in self.filtered("date_sent"):
            changed = [
                name
                for name, value in vals.items()
                if name in self._fields
                and self._fields[name].type != "one2many"
                and self._fields[name].convert_to_record(
                    self._fields[name].convert_to_cache(value, notice), notice
                )
                != notice[name]
            ]
            if changed:
                raise UserError(
                    self.env._(
                        "The notice to %(recipient)s was recorded as sent on %(date)s: it is a "
                        "statutory record and cannot be changed (%(fields)s). Record a "
                        "correction, with its reason, instead: both are kept.",
                        recipient=notice.recipient_id.name,
                        date=format_date(self.env, notice.date_sent),
                        fields=self._field_labels(changed),
                    )
                )

    def _record_sender(self):
        """Who recorded the sending: the user who did, set by the server."""
        self._write_workflow({"sent_by_id": self.env.uid})

    def action_correct(self):
        """Open a new notice correcting this sent one (the reason is required)."""
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "Correct the notice to %(recipient)s", recipient=self.recipient_id.name
            ),
            "res_model": self._name,
            "view_mode": "form",
            "views": [(self.env.ref("odoo_scr.scr_notification_view_form_correction").id, "form")],
            "target": "new",
            "context": {
                "default_corrected_id": self.id,
                "default_date_sent": self.date_sent,
                "default_reference": self.reference,
            },
        }

    def _on_sent(self):
        """Let what the notices report know that they went (to close its activity)."""
        self.incident_id._on_notifications_sent()
        self.decision_id._on_notifications_sent()
        self.review_id._on_notifications_sent()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_statutory_record(self):
        """A notice that went is a statutory record, whoever asks; one not sent yet is an
        obligation that the facts may lift (the incident is no longer notifiable)."""
        if self.filtered("date_sent"):
            raise UserError(
                self.env._(
                    "A notification that was sent is a statutory record and cannot be deleted."
                )
            )
