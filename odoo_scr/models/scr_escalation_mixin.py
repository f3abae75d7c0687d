import html
import logging
from collections import Counter

from psycopg2.errors import SerializationFailure

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.mail import generate_tracking_message_id

from ..statutory_day import statutory_today


_logger = logging.getLogger(__name__)
ESCALATION_ACTIVITY = "odoo_scr.mail_activity_type_scr_escalation"


class ScrEscalationMixin(models.AbstractModel):
    """Batched deadline crons shared by incidents, information requests and actions.

    A cron handles one batch, commits its progress and lets ``ir.cron`` run it again
    while records remain, so that thousands of overdue records never hold one long
    transaction; each batch costs the same number of queries whatever its size.

    A batch locks the rows it selects (``FOR UPDATE SKIP LOCKED``): a record a user is
    editing at that moment (their transaction holds its row) is left for the next run
    instead of failing the whole batch with a serialization error when both commit, and
    the cron never waits for a user nor a user's edit for more than a batch.

    What a model provides (its contract):

    - the field ``escalated`` (declared here), which the model lists in its
      ``_workflow_fields``: only the cron sets it;
    - ``_overdue_domain()``: the records to escalate (not yet ``escalated``);
    - ``_escalation_users()``, ``_escalation_summary()``, ``_escalation_note(user)``: who
      answers for an overdue record, and what their activity and the chatter say;
    - ``_deadline_order``: the order the batches follow (earliest deadline first).

    Tunables are system parameters (shipped in ``data/ir_cron_data.xml``, as Odoo's
    ``event_mail`` reads its cron limits): ``odoo_scr.deadline_batch_size``, records per
    batch (large enough that a batch's fixed cost is paid rarely, small enough that one
    commit stays short; docs/benchmark.md has the measured choice), and
    ``odoo_scr.deadline_lock_attempts``, attempts at selecting a batch when rows change
    under the cron's snapshot.
    """

    _name = "scr.escalation.mixin"
    _inherit = ["scr.activity.mixin"]
    _description = "Batched deadline escalation"
    _deadline_order = "due_date, id"

    escalated = fields.Boolean(
        readonly=True,
        copy=False,
        help="Overdue, and escalated to whoever answers for it (once).",
    )

    @api.model
    def _overdue_domain(self):
        """The records to escalate now: overdue, and not yet ``escalated``."""
        raise NotImplementedError

    def _escalation_users(self):
        """{record id: user} the records are escalated to (a user, possibly empty)."""
        raise NotImplementedError

    def _escalation_summary(self):
        """The summary of the activity of this overdue record."""
        raise NotImplementedError

    def _escalation_note(self, user):
        """The chatter note of this overdue record, its dates as ``user``, to whom it is
        escalated, reads them (``_activity_date``)."""
        raise NotImplementedError

    @api.model
    def _deadline_param(self, key, default):
        """A tunable of the deadline crons, from the system parameters."""
        value = self.env["ir.config_parameter"].sudo().get_param(f"odoo_scr.{key}")
        return int(value) if value and value.isdigit() and int(value) > 0 else default

    @api.model
    def _deadline_batch_size(self):
        """Records per batch (``odoo_scr.deadline_batch_size``)."""
        return self._deadline_param("deadline_batch_size", 1000)

    @api.model
    def _run_deadline_batch(self, domain, process, batch_size=None, order=None):
        """Lock one batch matching ``domain`` (in ``order``, by default the deadline's),
        hand it to ``process`` and commit; return how many remain, as told to ir.cron.

        Rows locked by another transaction are skipped (left for the next run); when
        fewer rows than a batch could be taken, the run says none remain, so ir.cron
        does not spin on rows that stay locked."""
        batch_size = batch_size or self._deadline_batch_size()
        records = self._lock_deadline_batch(domain, batch_size, order or self._deadline_order)
        process(records)
        remaining = self.search_count(domain) if len(records) == batch_size else 0
        self.env["ir.cron"]._commit_progress(len(records), remaining=remaining)
        return remaining

    @api.model
    def _lock_deadline_batch(self, domain, limit, order):
        """The ids of one batch, selected and locked in one statement, past the rows other
        transactions hold. A row another transaction changed and committed since this
        one began cannot be locked under repeatable read (serialization failure): the
        cron then commits (nothing is written yet) and selects again in a fresh snapshot."""
        query = self._search(domain, limit=limit, order=order)
        statement = SQL(
            "%s FOR UPDATE OF %s SKIP LOCKED", query.select(), SQL.identifier(self._table)
        )
        attempts = self._deadline_param("deadline_lock_attempts", 3)
        for attempt in range(1, attempts + 1):
            try:
                with self.env.cr.savepoint():
                    rows = self.env.execute_query(statement)
                return self.browse(row[0] for row in rows)
            except SerializationFailure:
                if attempt == attempts:
                    raise
                _logger.info("%s: rows changed under the batch, selecting it again", self._name)
                self.env["ir.cron"]._commit_progress(0)
        return self.browse()

    def _schedule_deadline_activities(self, activity_type, users, summaries, notes, deadlines=None):
        """One activity per record and a chatter note per record, for the whole batch.

        ``users``/``summaries``/``notes`` map record id to value; activities are due on
        ``deadlines[record.id]`` or today. A deadline cron writes these for a national
        backlog at once (a national backlog on a cron's first run). Through
        ``mail.activity.create()`` and ``_message_log_batch()`` each row pays ORM
        bookkeeping (inverse caches, html sanitising, a follower check per assignee) many
        times the cost of its INSERT. So each table gets one INSERT holding the
        values those methods store, the assignees' activity counters are refreshed on
        the bus as ``mail.activity`` does, and the records' caches are invalidated.

        The rows are those the model's ``activity_update()`` would create for the same
        records once flagged (type, assignee, deadline, summary, ``automated``, record
        name and the assignee's time zone; ``test_activity_update`` compares the two).
        Where it differs, on purpose: the assignee is not made a follower, and no
        "assigned to you" notification is sent (``mail.activity`` does both). A
        coordinator sent eighty overdue actions should not then receive every progress
        update of each by e-mail, nor eighty e-mails at once: the activities are on their
        desk (systray, activity views) and the note in each chatter.
        """
        if not self:
            return
        today = statutory_today()
        deadlines = {record.id: (deadlines or {}).get(record.id, today) for record in self}
        self._insert_activities(activity_type, users, summaries, deadlines)
        self._insert_notes(notes)
        self.invalidate_recordset()
        todo = Counter(
            users[record.id].id
            for record in self
            if users[record.id] and deadlines[record.id] <= today
        )
        # One browse, so that the assignees are read in one query, not one each.
        for user in self.env["res.users"].browse(todo):
            payload = {"activity_created": True, "count_diff": todo[user.id]}
            user._bus_send("mail.activity/updated", payload)

    def _insert_activities(self, activity_type, users, summaries, deadlines):
        """INSERT the batch's activities: the columns ``mail.activity.create()`` fills,
        ``user_tz`` from the assignee as its related field would; a record nobody answers
        for keeps an unassigned activity, as the ORM would create it."""
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name,
                       activity_type_id, user_id, user_tz, date_deadline, summary, automated,
                       active, create_uid, create_date, write_uid, write_date)
                SELECT %(model_id)s, %(model)s, row.res_id, row.res_name, %(type_id)s,
                       row.user_id, partner.tz, row.deadline, row.summary, TRUE, TRUE,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(ids)s::int[], %(names)s::varchar[], %(users)s::int[],
                              %(deadlines)s::date[], %(summaries)s::varchar[])
                       AS row(res_id, res_name, user_id, deadline, summary)
                  LEFT JOIN res_users users ON users.id = row.user_id
                  LEFT JOIN res_partner partner ON partner.id = users.partner_id
                """,
                model_id=self.env["ir.model"]._get_id(self._name),
                model=self._name,
                type_id=activity_type.id,
                uid=self.env.uid,
                now=self.env.cr.now(),
                ids=self.ids,
                names=[record.display_name for record in self],
                users=[users[record.id].id or None for record in self],
                deadlines=[deadlines[record.id] for record in self],
                summaries=[summaries[record.id] for record in self],
            )
        )

    def _insert_notes(self, notes):
        """INSERT the batch's chatter notes with the values ``_message_log_batch()``
        stores: internal notes by the current user, each body a paragraph of escaped text."""
        author_id, email_from = self._message_compute_author()
        reply_to = self.env["mail.thread"]._notify_get_reply_to(
            default=email_from, author_id=author_id
        )[False]
        now = self.env.cr.now()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO mail_message (model, res_id, body, message_type, subtype_id,
                       is_internal, author_id, email_from, reply_to, message_id,
                       email_add_signature, date, create_uid, create_date, write_uid,
                       write_date)
                SELECT %(model)s, row.res_id, row.body, 'notification', %(subtype_id)s, TRUE,
                       %(author_id)s, %(email_from)s, %(reply_to)s, %(message_id)s, FALSE,
                       %(now)s, %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(ids)s::int[], %(bodies)s::text[]) AS row(res_id, body)
                """,
                model=self._name,
                subtype_id=self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note"),
                author_id=author_id,
                email_from=email_from,
                reply_to=reply_to,
                message_id=generate_tracking_message_id("message-notify"),
                now=now,
                uid=self.env.uid,
                ids=self.ids,
                bodies=[f"<p>{html.escape(notes[record.id], quote=False)}</p>" for record in self],
            )
        )

    @api.model
    def _cron_escalate_overdue(self, batch_size=None):
        """Escalate one batch of overdue records; the cron runs again while some remain."""
        return self._run_deadline_batch(
            self._overdue_domain(), lambda records: records._escalate_overdue(), batch_size
        )

    def _escalate_overdue(self):
        """Escalate these overdue records, in batch: an activity on the desk of whoever
        answers for them, a note in the chatter, and the flag that keeps each record
        from being escalated twice."""
        if not self:
            return
        users = self._escalation_users()
        self._schedule_deadline_activities(
            self.env.ref(ESCALATION_ACTIVITY),
            users=users,
            summaries={record.id: record._escalation_summary() for record in self},
            notes={record.id: record._escalation_note(users[record.id]) for record in self},
        )
        self._mark_done_by_cron("escalated")

    def _escalation_activity_update(self, late, done, feedback):
        """The escalation activity of these records, as the model's ``activity_update()``
        keeps it: open on each ``escalated`` record that is still ``late`` (due the day the
        cron made it), marked done with ``feedback`` on the records whose work is ``done``,
        gone from the others. One escalation per record: one its assignee marked done is
        not made again.

        Read as superuser, as ``_activity_align`` writes: the step checked its caller, and
        an agency answering on the portal reads no review, so it could not read whom the
        escalation went to (``make loadtest`` at national volume found an escalated
        request's submission refused for it)."""
        escalated = self.sudo().filtered("escalated")
        users = escalated._escalation_users()
        again = escalated._activity_done_ids(ESCALATION_ACTIVITY)
        self._activity_align(
            ESCALATION_ACTIVITY,
            {
                record: (None, users[record.id], record._escalation_summary())
                for record in escalated & late
                if record.id not in again
            },
            done=done,
            feedback=feedback,
        )

    def _mark_done_by_cron(self, flag):
        """Set the cron's bookkeeping ``flag``, a workflow field of the statutory record
        that only this trusted step writes (as superuser, whoever runs the batch); no
        tracked field changes, so the write skips the tracking snapshot of every tracked
        field of the batch."""
        self.sudo().with_context(mail_notrack=True).write({flag: True})
