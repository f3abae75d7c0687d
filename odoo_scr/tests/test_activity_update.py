from datetime import timedelta
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import format_date

from ..statutory_day import statutory_today
from .common_action import ScrActionCase
from .common_incident import ScrIncidentCase

# What a row of mail_activity says, beyond the record it is on.
COMPARED = (
    "res_model",
    "activity_type_id",
    "user_id",
    "user_tz",
    "date_deadline",
    "summary",
    "automated",
    "note",
)


@tagged("post_install", "-at_install")
class TestActivityUpdate(ScrActionCase):
    """The deadline crons write in SQL exactly the activities ``activity_update()`` keeps
    through the ORM, and the ORM path stays the one that closes them."""

    def _rows(self, records, xmlid):
        activities = (
            self.env["mail.activity"]
            .search(
                [
                    ("res_model", "=", records._name),
                    ("res_id", "in", records.ids),
                    ("activity_type_id", "=", self.env.ref(xmlid).id),
                ]
            )
            .sorted(lambda a: records.ids.index(a.res_id))
        )
        self.assertEqual(activities.mapped("res_id"), records.ids, "one activity per record")
        self.assertEqual(activities.mapped("res_name"), records.mapped("display_name"))
        return [tuple(activity[name] for name in COMPARED) for activity in activities]

    def test_escalation_rows_of_the_cron_are_those_of_activity_update(self):
        self.review.user_id = self.users["coordinator"]
        late_by_cron = self.agreed_actions(3, statutory_today() - timedelta(days=4))
        late_by_orm = self.agreed_actions(3, statutory_today() - timedelta(days=4))
        late_by_cron._escalate_overdue()
        late_by_orm._mark_done_by_cron("escalated")
        late_by_orm.activity_update()
        xmlid = "odoo_scr.mail_activity_type_scr_escalation"
        self.assertEqual(self._rows(late_by_cron, xmlid), self._rows(late_by_orm, xmlid))
        # Where they differ, on purpose: the cron makes nobody a follower.
        coordinator = self.review.user_id.partner_id
        self.assertNotIn(coordinator, late_by_cron.message_partner_ids)
        self.assertIn(coordinator, late_by_orm.message_partner_ids)
        # activity_update() leaves the cron's rows as they are.
        before = self._rows(late_by_cron, xmlid)
        late_by_cron.activity_update()
        self.assertEqual(self._rows(late_by_cron, xmlid), before)

    def test_reminder_rows_of_the_cron_are_those_of_activity_update(self):
        due = statutory_today() + timedelta(days=2)
        by_cron = self.agreed_actions(2, due)
        by_orm = self.agreed_actions(2, due)
        by_cron._remind_due()
        by_orm._mark_done_by_cron("reminded")
        by_orm.activity_update()
        xmlid = "odoo_scr.mail_activity_type_scr_action_due"
        self.assertEqual(self._rows(by_cron, xmlid), self._rows(by_orm, xmlid))

    def test_completing_the_action_does_its_activities(self):
        """The agency completes its action on the portal: the owner's reminder and the
        coordinator's escalation are done, with the feedback in the chatter."""
        late = self.agreed_actions(1, statutory_today() - timedelta(days=1))
        late._remind_due()
        late._escalate_overdue()
        self.assertEqual(len(late.activity_ids), 2)
        self.env["scr.action.update"].create(
            {"action_id": late.id, "note": "Policy published", "progress": 100}
        )
        late.evidence_ids = late._attach_uploads([("policy.pdf", b"%PDF-1.4")])
        late.with_user(self.users["portal_a"]).action_complete()
        self.assertEqual(late.state, "completed")
        self.assertFalse(late.activity_ids)
        self.assertIn("Completed.", late.message_ids.mapped("body")[0])

    def test_an_escalation_done_by_hand_is_not_made_again(self):
        late = self.agreed_actions(1, statutory_today() - timedelta(days=1))
        late._escalate_overdue()
        late.activity_ids.action_feedback(feedback="Chased the agency")
        late.due_date = statutory_today() - timedelta(days=2)
        self.assertFalse(late.activity_ids.filtered(lambda a: a.summary.startswith("Overdue")))

    def test_cancelling_makes_the_activities_moot(self):
        late = self.agreed_actions(1, statutory_today() - timedelta(days=1))
        late._escalate_overdue()
        late.cancel_reason = "Superseded by the new plan"
        late.with_user(self.users["coordinator"]).action_cancel()
        self.assertFalse(late.activity_ids)

    def test_batch_size_is_a_system_parameter(self):
        Action = self.env["scr.action"]
        self.assertEqual(Action._deadline_batch_size(), 1000)
        self.env["ir.config_parameter"].set_param("odoo_scr.deadline_batch_size", "2")
        self.assertEqual(Action._deadline_batch_size(), 2)
        late = self.agreed_actions(3, statutory_today() - timedelta(days=1))
        self.env.flush_all()
        with patch.object(type(self.env["ir.cron"]), "_commit_progress", return_value=60.0):
            remaining = Action._run_deadline_batch(
                Action._overdue_domain(), lambda records: records._escalate_overdue()
            )
        self.assertEqual(remaining, 1)
        self.assertEqual(len(late.filtered("escalated")), 2)


@tagged("post_install", "-at_install")
class TestIncidentActivities(ScrIncidentCase):
    """Only a notifiable incident has a notification deadline and an activity to notify
    (issue 16 item 3); its activity says the date as the coordinator reads it."""

    NOTIFY = "odoo_scr.mail_activity_type_scr_notification"

    def _open(self, incident, xmlid):
        return incident.activity_ids.filtered(lambda a: a.activity_type_id == self.env.ref(xmlid))

    def test_a_referral_that_needs_no_notice_has_no_deadline(self):
        referral = self.new_incident(
            child_alias="Child AB",
            source="cdop_referral",
            child_died=False,
            abuse_neglect="no",
            aware_date="2026-01-06",
            incident_date="2026-01-05",
        )
        self.assertFalse(referral.is_notifiable)
        self.assertFalse(referral.notification_due_date)
        self.assertEqual(referral.notification_deadline_state, "done")
        self.assertFalse(referral.activity_ids)
        self.assertFalse(referral.notification_ids)
        Incident = self.env["scr.incident"]
        self.assertNotIn(referral, Incident.search(Incident._overdue_domain()))
        self.assertNotIn(
            referral, Incident.search([("notification_deadline_state", "=", "overdue")])
        )
        bodies = " ".join(referral.message_ids.mapped("body"))
        self.assertNotIn("Notifiable incident created", bodies)
        self.assertIn("not notifiable", bodies)

    def test_an_incident_no_longer_notifiable_loses_its_deadline_and_activity(self):
        incident = self.new_incident()
        self.assertIn("Notifiable incident created", incident.message_ids[-1].body)
        self.assertTrue(self._open(incident, self.NOTIFY))
        incident.write({"child_died": False, "abuse_neglect": "no"})
        self.assertFalse(incident.notification_due_date)
        self.assertFalse(incident.activity_ids)

    def test_notify_summary_in_the_coordinator_language_and_done_when_sent(self):
        incident = self.new_incident()
        coordinator = self.users["coordinator"]
        activity = self._open(incident, self.NOTIFY)
        due = incident.notification_due_date
        self.assertEqual(activity.user_id, coordinator)
        self.assertEqual(activity.date_deadline, due)
        self.assertIn(format_date(self.env, due, lang_code=coordinator.lang), activity.summary)
        self.assertNotIn(due.isoformat(), activity.summary)
        self.send_all(incident)
        self.assertEqual(incident.state, "notified")
        self.assertFalse(incident.activity_ids)

    def test_escalation_rows_of_the_cron_are_those_of_activity_update(self):
        by_cron = self.new_incident(incident_date="2026-01-05", aware_date="2026-01-06")
        by_orm = self.new_incident(incident_date="2026-01-05", aware_date="2026-01-06")
        by_cron._escalate_overdue()
        by_orm._mark_done_by_cron("escalated")
        by_orm.activity_update()
        xmlid = "odoo_scr.mail_activity_type_scr_escalation"
        rows = {}
        for record in (by_cron, by_orm):
            activity = self._open(record, xmlid)
            self.assertEqual(len(activity), 1)
            self.assertEqual(activity.summary, record._escalation_summary())
            self.assertEqual(activity.res_name, record.display_name)
            rows[record] = tuple(activity[name] for name in COMPARED if name != "summary")
        self.assertEqual(rows[by_cron], rows[by_orm])
        # Notified at last: the chair's escalation is done.
        self.send_all(by_cron)
        self.assertFalse(self._open(by_cron, xmlid))
