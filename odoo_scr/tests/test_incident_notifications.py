from datetime import date
from unittest.mock import patch

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..statutory_day import statutory_today
from .common_incident import ScrIncidentCase

# Escalating one batch: activities, chatter notes and the flag, whatever its size; one of
# them reads the language of those escalated to, for the dates of the notes.
ESCALATION_QUERIES = 13


@tagged("post_install", "-at_install")
class TestIncidentNotifications(ScrIncidentCase):
    """Who must be told, by when, the coordinator's activity and the escalation cron."""

    def _activities(self, incident, xmlid="odoo_scr.mail_activity_type_scr_notification"):
        return incident.activity_ids.filtered(lambda a: a.activity_type_id == self.env.ref(xmlid))

    def _told(self, incident):
        return set(incident.notification_ids.recipient_id.mapped("code"))

    def test_lines_follow_the_regime(self):
        """WT2018/2023, s16C(1): a serious incident goes to the Panel through the national
        notification (which reaches Ofsted and the DfE) and to the safeguarding partners;
        WT2015 (ch. 4 para 16) unchanged: Ofsted, the DfE and the LSCB."""
        incident = self.new_incident()
        self.assertEqual(self._told(incident), {"national_panel", "partnership"})
        serious = self.env.ref("odoo_scr.ground_wt2018_serious_incident")
        self.assertEqual(incident.notification_ground_ids, serious)
        wt2015 = self.new_incident(regime="wt2015")
        self.assertEqual(self._told(wt2015), {"ofsted", "dfe", "partnership"})

    def test_looked_after_death_goes_to_the_secretary_of_state_and_ofsted(self):
        """WT2023 ch. 5 and the DfE's notification guidance: whether or not abuse or neglect
        is known or suspected; the Panel only when it is also a serious incident."""
        death = self.new_incident(looked_after=True, abuse_neglect="no")
        self.assertEqual(self._told(death), {"secretary_of_state", "ofsted"})
        self.assertFalse(death.rapid_review_required)
        with_abuse = self.new_incident(looked_after=True, abuse_neglect="known")
        self.assertEqual(
            self._told(with_abuse),
            {"national_panel", "partnership", "secretary_of_state", "ofsted"},
        )

    def test_care_leaver_death_to_age_24_goes_to_the_secretary_of_state_and_ofsted(self):
        """WT2023 ch. 5 (December 2023): the death of a care leaver up to and including 24."""
        leaver = self.new_incident(care_leaver=True, child_age=22, abuse_neglect="no")
        self.assertEqual(self._told(leaver), {"secretary_of_state", "ofsted"})
        with self.assertRaisesRegex(ValidationError, "up to age 24"), self.cr.savepoint():
            leaver.child_age = 25

    def test_lines_follow_the_grounds_when_the_facts_change(self):
        """Unsent notices of a ground that no longer applies are withdrawn, and the new
        ground's are added; a notice already sent stays on record."""
        incident = self.new_incident(looked_after=True, abuse_neglect="no")
        ofsted = incident.notification_ids.filtered(lambda n: n.recipient_id.code == "ofsted")
        ofsted.date_sent = "2026-03-09"
        incident.write({"looked_after": False, "abuse_neglect": "known"})
        self.assertEqual(self._told(incident), {"ofsted", "national_panel", "partnership"})
        self.assertIn(ofsted, incident.notification_ids)

    def test_harm_elsewhere_in_england_is_notified_by_that_authority(self):
        """s16C(1)(a): the authority of the area where it happened notifies the Panel; for a
        child normally resident here harmed outside England, this authority does (b)."""
        elsewhere = self.new_incident(
            harm_location="elsewhere_england", harm_authority="Another council"
        )
        self.assertEqual((elsewhere.is_notifiable, elsewhere.notifying_authority), (False, "other"))
        self.assertFalse(elsewhere.notification_ids)
        abroad = self.new_incident(harm_location="outside_england", normally_resident=True)
        self.assertEqual(self._told(abroad), {"national_panel", "partnership"})
        self.assertEqual(abroad.notifying_authority, "this")

    def test_due_date_and_activity(self):
        # Aware Tue 23 Dec 2025: due Fri 2 Jan 2026 (Christmas, Boxing Day, New Year).
        incident = self.new_incident(incident_date="2025-12-20", aware_date="2025-12-23")
        self.assertEqual(incident.notification_due_date, date(2026, 1, 2))
        self.assertEqual(set(incident.notification_ids.mapped("due_date")), {date(2026, 1, 2)})
        activity = self._activities(incident)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, date(2026, 1, 2))
        self.assertEqual(activity.user_id, self.users["coordinator"])
        # A corrected awareness date moves the deadline and the activity.
        incident.aware_date = "2026-01-05"
        self.assertEqual(incident.notification_due_date, date(2026, 1, 12))
        self.assertEqual(activity.date_deadline, date(2026, 1, 12))

    def test_recording_the_notices_marks_the_activity_done(self):
        incident = self.new_incident()
        first, *others = incident.notification_ids
        first.write({"date_sent": "2026-03-09", "reference": "OF-123"})
        self.assertEqual(first.sent_by_id, self.users["coordinator"])
        self.assertEqual(incident.state, "draft")
        self.assertTrue(self._activities(incident))
        for line in others:
            line.date_sent = "2026-03-16"  # after the due date of Fri 13 March
        self.assertEqual(incident.state, "notified")
        self.assertFalse(self._activities(incident))
        done = self.env["mail.message"].search(
            [
                ("model", "=", "scr.incident"),
                ("res_id", "=", incident.id),
                (
                    "mail_activity_type_id",
                    "=",
                    self.env.ref("odoo_scr.mail_activity_type_scr_notification").id,
                ),
            ]
        )
        self.assertTrue(done, "the done activity is logged in the chatter")
        self.assertEqual(
            incident.notification_ids.filtered("is_late"), incident.notification_ids - first
        )

    def test_not_notifiable_has_no_obligation(self):
        incident = self.new_incident(child_died=False, abuse_neglect="no", parent_murdered_dhr=True)
        self.assertFalse(incident.notification_ids)
        self.assertFalse(self._activities(incident))
        incident.write({"child_died": True, "abuse_neglect": "known"})
        self.assertEqual(len(incident.notification_ids), 2)
        self.assertTrue(self._activities(incident))
        incident.notification_ids[0].date_sent = "2026-03-09"
        incident.abuse_neglect = "no"
        self.assertEqual(
            len(incident.notification_ids), 1, "the notice already sent stays on record"
        )
        self.assertFalse(self._activities(incident))

    def test_bad_notice_dates(self):
        incident = self.new_incident()
        notice = incident.notification_ids[0]
        with self.assertRaisesRegex(ValidationError, "before the incident"), self.cr.savepoint():
            notice.date_sent = "2026-03-01"
        with self.assertRaisesRegex(ValidationError, "in the future"), self.cr.savepoint():
            notice.date_sent = "2099-01-01"
        self.env.invalidate_all()
        self.assertFalse(notice.date_sent)
        self.assertEqual(incident.state, "draft")

    def test_a_sent_notice_is_never_deleted(self):
        incident = self.new_incident()
        incident.notification_ids[0].date_sent = "2026-03-09"
        with self.assertRaisesRegex(UserError, "statutory record"):
            incident.notification_ids[0].with_user(self.users["coordinator"]).unlink()

    def test_escalation_goes_to_the_chair_once(self):
        overdue = self.new_incident(incident_date="2026-01-05", aware_date="2026-01-06")
        today = statutory_today().isoformat()
        on_time = self.new_incident(incident_date=today, aware_date=today)
        sent = self.new_incident(incident_date="2026-01-05", aware_date="2026-01-06")
        self.send_all(sent, day="2026-01-07")
        Incident = self.env["scr.incident"]
        cron_model = type(self.env["ir.cron"])
        with patch.object(cron_model, "_commit_progress", return_value=60.0) as progress:
            Incident._cron_escalate_overdue()
        progress.assert_called_once()
        escalation = self._activities(overdue, "odoo_scr.mail_activity_type_scr_escalation")
        self.assertEqual(escalation.user_id, self.users["chair"])
        self.assertTrue(overdue.escalated)
        self.assertIn("escalated to the chair", overdue.message_ids[0].body)
        for other in (on_time, sent):
            self.assertFalse(self._activities(other, "odoo_scr.mail_activity_type_scr_escalation"))
        # The next run finds nothing left to escalate: one escalation per incident.
        self.assertFalse(Incident.search(Incident._overdue_domain()))
        with patch.object(cron_model, "_commit_progress", return_value=60.0):
            Incident._cron_escalate_overdue()
        self.assertEqual(
            len(self._activities(overdue, "odoo_scr.mail_activity_type_scr_escalation")), 1
        )

    def test_escalation_with_nobody_to_answer_is_not_lost(self):
        """With no chair in the partnership and no coordinator on the incident, the
        escalation is still recorded: an activity nobody is assigned yet, and the note."""
        incident = self.new_incident(incident_date="2026-01-05", aware_date="2026-01-06")
        incident.user_id = False
        self.company.scr_chair_id = False
        self.users["chair"].active = False
        incident._escalate_overdue()
        escalation = self._activities(incident, "odoo_scr.mail_activity_type_scr_escalation")
        self.assertEqual(len(escalation), 1)
        self.assertFalse(escalation.user_id)
        self.assertTrue(incident.escalated)
        self.assertIn("escalated to the chair", incident.message_ids[0].body)

    def _overdue_batch(self, size, label):
        incidents = self.env["scr.incident"]
        for n in range(size):
            incidents |= self.new_incident(
                user=None,
                child_alias=f"Child {label}{n}",
                incident_date="2026-01-05",
                aware_date="2026-01-06",
            )
        self.env.flush_all()
        self.env.invalidate_all()
        return incidents

    def _escalation_queries(self, incidents):
        start = self.cr.sql_log_count
        incidents._escalate_overdue()
        self.env.flush_all()
        return self.cr.sql_log_count - start

    def test_escalation_query_count_does_not_grow(self):
        """A batch of 30 overdue incidents costs the queries of a batch of 3."""
        self._escalation_queries(self._overdue_batch(1, "w"))  # warm the registry caches
        for size in (3, 30):
            batch = self._overdue_batch(size, f"b{size}-")
            with self.assertQueryCount(ESCALATION_QUERIES):
                batch._escalate_overdue()
                self.env.flush_all()
            self.assertTrue(all(batch.mapped("escalated")))
