from odoo import api, fields, models


class ScrEscalationMixin(models.AbstractModel):
    """Batched deadline crons shared by incidents, information requests and actions.

    A cron handles one batch, commits its progress and lets ``ir.cron`` run it again
    while records remain, so that thousands of overdue records never hold one long
    transaction; each batch costs the same number of queries whatever its size.
    """

    _name = "scr.escalation.mixin"
    _description = "Batched deadline escalation"
    # The deadline the batches follow, and the flag that marks a record escalated.
    _deadline_order = "due_date, id"
    _escalated_field = "escalated"

    @api.model
    def _run_deadline_batch(self, domain, process, batch_size):
        """Search one batch matching ``domain``, hand it to ``process`` and commit."""
        records = self.search(domain, limit=batch_size, order=self._deadline_order)
        process(records)
        remaining = self.search_count(domain) if len(records) == batch_size else 0
        self.env["ir.cron"]._commit_progress(len(records), remaining=remaining)

    def _schedule_deadline_activities(self, activity_type, users, summaries, notes, deadlines=None):
        """One activity per record (``users``/``summaries`` map record id to value) and
        a chatter note per record (``notes``), all in batch; activities are due on
        ``deadlines[record.id]`` or today."""
        if not self:
            return
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": record.id,
                    "activity_type_id": activity_type.id,
                    "user_id": users[record.id].id,
                    "date_deadline": (deadlines or {}).get(record.id, today),
                    "summary": summaries[record.id],
                }
                for record in self
            ]
        )
        self._message_log_batch(bodies=notes)

    @api.model
    def _cron_escalate_overdue(self, batch_size=500):
        """Escalate one batch of overdue records; the cron runs again while some remain."""
        self._run_deadline_batch(
            self._overdue_domain(), lambda records: records._escalate_overdue(), batch_size
        )

    def _escalate_overdue(self):
        """Escalate these overdue records, in batch: an activity on the desk of whoever
        answers for them, a note in the chatter, and the flag that keeps each record
        from being escalated twice."""
        if not self:
            return
        self._schedule_deadline_activities(
            self.env.ref("odoo_scr.mail_activity_type_scr_escalation"),
            users=self._escalation_users(),
            summaries={record.id: record._escalation_summary() for record in self},
            notes={record.id: record._escalation_note() for record in self},
        )
        self.write({self._escalated_field: True})

    def _escalation_users(self):
        """{record id: user} the records are escalated to: their review's coordinator."""
        return {record.id: record.review_id.user_id or self.env.user for record in self}

    def _escalation_summary(self):
        """The coordinator's activity summary for this overdue record."""
        raise NotImplementedError

    def _escalation_note(self):
        """The chatter note for this overdue record."""
        raise NotImplementedError
