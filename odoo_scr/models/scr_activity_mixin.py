from odoo import models
from odoo.tools import format_date

from ..statutory_day import statutory_today


class ScrActivityMixin(models.AbstractModel):
    """The one way a statutory record keeps its automated activities: as ``hr.leave``
    does in Odoo's ``hr_holidays`` (``activity_update()``), each model has one
    ``activity_update()`` that brings its activities in line with its state, and each of
    its steps calls it once the step is done.

    ``activity_update()`` says, for each activity type the model automates, which records
    should have an open activity (its date, assignee and summary) and which have done
    the work; ``_activity_align`` then creates, moves, marks done or removes activities
    with mail's own means (``action_feedback``, ``unlink``; new activities are created
    in one batch, as ``hr.leave.activity_update()`` does). An
    activity no state asks for any more is moot and goes: every step closes what it makes
    pointless.

    ORM activities make their assignee a follower of the record and send them the
    "assigned to you" notification (``mail.activity``). The deadline crons write the same
    activity rows in SQL, without either (``scr.escalation.mixin._schedule_deadline_activities``
    says why).
    """

    _name = "scr.activity.mixin"
    _description = "Activities kept in line with the record's state"

    def activity_update(self):
        """Bring these records' automated activities in line with their state."""
        raise NotImplementedError

    def _activity_date(self, day, user):
        """``day`` as the assignee reads dates (dd/mm/yyyy in English (UK)), for a summary."""
        return format_date(self.env, day, lang_code=user.lang or None)

    def _activity_align(self, xmlid, wanted, done=None, feedback=None):
        """Bring the activities of type ``xmlid`` on these records in line.

        ``wanted`` maps a record to ``(deadline, user, summary)``: it has one open activity
        with these values (created, or moved and renamed: ``activity_reschedule`` moves
        the date and the assignee only, and the summary names the date); a deadline of
        ``None`` keeps the open activity's date, and a new one is due today. Records of
        ``done`` (a recordset) have finished the work: their open activity is marked done
        with ``feedback``. Every other record loses its open activity of this type.
        """
        # The activities follow the state whoever took the step: an agency completes its
        # action on the portal, where it reads no activity. The step checked the caller.
        records = self.sudo()
        Activity = records.env["mail.activity"]
        # Searched here rather than with activity_search(), which finds nothing under the
        # context key mail_activity_automation_skip: a client could send it and have the
        # activities made twice.
        activities = Activity.search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", self.env.ref(xmlid).id),
                ("automated", "=", True),
            ]
        )
        by_record = {}
        for activity in activities:
            by_record.setdefault(activity.res_id, activity)
        duplicates = activities - Activity.union(*by_record.values())
        new = []
        today = statutory_today()
        for record, (deadline, user, summary) in wanted.items():
            activity = by_record.pop(record.id, None)
            values = {"user_id": user.id, "summary": summary}
            if activity is None:
                values["date_deadline"] = deadline or today
                new.append(record._activity_values(xmlid, values))
                continue
            if deadline is not None:
                values["date_deadline"] = deadline
            current = {
                "user_id": activity.user_id.id,
                "summary": activity.summary,
                "date_deadline": activity.date_deadline,
            }
            if any(current[name] != value for name, value in values.items()):
                activity.write(values)
        finished = Activity.union(
            *(by_record.pop(record.id) for record in (done or []) if record.id in by_record)
        )
        if finished:
            finished.action_feedback(feedback=feedback)
        (duplicates | Activity.union(*by_record.values())).unlink()
        if new:
            Activity.create(new)

    def _activity_done_ids(self, xmlid):
        """Ids of these records on which an activity of type ``xmlid`` was done (its
        feedback is in their chatter)."""
        messages = (
            self.env["mail.message"]
            .sudo()
            .search_read(
                [
                    ("model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("mail_activity_type_id", "=", self.env.ref(xmlid).id),
                ],
                ["res_id"],
            )
        )
        return {message["res_id"] for message in messages}

    def _default_user_id(self):
        """Who answers for a new record: its author when a coordinator, else the
        partnership's coordinator."""
        if self.env.user.has_group("odoo_scr.group_scr_coordinator"):
            return self.env.user
        return self.env.company.scr_coordinator_id

    def _activity_values(self, xmlid, values):
        """What ``activity_schedule`` would create for this record, with ``values``."""
        self.ensure_one()
        activity_type = self.env.ref(xmlid)
        return {
            "activity_type_id": activity_type.id,
            "automated": True,
            "note": activity_type.default_note,
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            **values,
        }
