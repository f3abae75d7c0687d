from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class ScrNotification(models.Model):
    """One statutory notice: who must be told, by when, and when it went.

    Lines are generated from the recipients of a timescale (``timescale_code``) and
    are statutory records: once sent they cannot be deleted.
    """

    _name = "scr.notification"
    _description = "Statutory notification"
    _order = "due_date, sequence, id"

    incident_id = fields.Many2one("scr.incident", required=True, index=True, ondelete="cascade")
    decision_id = fields.Many2one(
        "scr.decision",
        index="btree_not_null",
        ondelete="cascade",
        help="The chair's decision this notice reports, for notices of a decision.",
    )
    review_id = fields.Many2one(
        "scr.review",
        index="btree_not_null",
        ondelete="cascade",
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
    sent_by_id = fields.Many2one("res.users", string="Sent by")
    note = fields.Text()
    is_sent = fields.Boolean(compute="_compute_is_sent", store=True)
    is_late = fields.Boolean(
        compute="_compute_is_sent", store=True, help="Sent after the statutory due date."
    )

    @api.model
    def _create_missing_notices(self, code, owners, owner_field, existing):
        """Create the notices the ``code`` timescale requires and ``owners`` lack.

        ``owners`` are incidents, decisions or reviews (each with a ``regime``);
        ``owner_field`` links a notice to its owner; ``existing(owner)`` gives the
        recipients the owner already has a notice for. One query for the recipients,
        one batch create.
        """
        recipients = self.env["scr.timescale"]._recipients_by_regime(
            code, set(owners.mapped("regime"))
        )
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
                for recipient in recipients[owner.regime] - existing(owner)
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

    @api.constrains("date_sent")
    def _check_date_sent(self):
        """A notice cannot go before what it reports (the incident, the decision), nor in the
        future."""
        today = fields.Date.context_today(self)
        for notice in self.filtered("date_sent"):
            if notice.date_sent < notice.incident_id.incident_date:
                raise ValidationError(
                    self.env._(
                        "The notice to %(recipient)s cannot have been sent on %(sent)s, before the "
                        "incident of %(incident)s.",
                        recipient=notice.recipient_id.name,
                        sent=notice.date_sent,
                        incident=notice.incident_id.incident_date,
                    )
                )
            if notice.decision_id and notice.date_sent < notice.decision_id.decision_date:
                raise ValidationError(
                    self.env._(
                        "The notice to %(recipient)s cannot have been sent on %(sent)s, before the "
                        "decision of %(decision)s.",
                        recipient=notice.recipient_id.name,
                        sent=notice.date_sent,
                        decision=notice.decision_id.decision_date,
                    )
                )
            if notice.date_sent > today:
                raise ValidationError(
                    self.env._(
                        "The notice to %(recipient)s cannot be recorded as sent on %(sent)s: that "
                        "date is in the future.",
                        recipient=notice.recipient_id.name,
                        sent=notice.date_sent,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("date_sent") and not vals.get("sent_by_id"):
                vals["sent_by_id"] = self.env.uid
        notices = super().create(vals_list)
        notices.filtered("date_sent")._on_sent()
        return notices

    def write(self, vals):
        if vals.get("date_sent") and "sent_by_id" not in vals:
            vals = dict(vals, sent_by_id=self.env.uid)
        result = super().write(vals)
        if vals.get("date_sent"):
            self._on_sent()
        return result

    def _on_sent(self):
        """Let what the notices report know that they went (to close its activity)."""
        self.incident_id._on_notifications_sent()
        self.decision_id._on_notifications_sent()
        self.review_id._on_notifications_sent()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        """A notice that went is a statutory record."""
        if self.filtered("date_sent"):
            raise UserError(
                self.env._(
                    "A notification that was sent is a statutory record and cannot be deleted."
                )
            )
