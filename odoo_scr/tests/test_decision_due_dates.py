from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..statutory_day import statutory_today
from .common_decision import ScrDecisionCase


@tagged("post_install", "-at_install")
class TestDecisionDueDates(ScrDecisionCase):
    """The decision's statutory dates, in working days across bank holidays, in both regimes."""

    def test_rapid_review_due_15_working_days_after_awareness(self):
        # Aware Tue 23 Dec 2025: Christmas, Boxing Day and New Year's Day are skipped.
        incident = self._incident(regime="wt2018", sent="2025-12-29")
        decision = self._decision(incident)
        self.assertEqual(decision.decision_due_date, date(2026, 1, 16))

    def test_wt2015_decision_due_one_month_after_the_notification(self):
        # Notices went on Fri 30 Jan 2026: one calendar month, clamped to February's end.
        incident = self._incident(
            regime="wt2015", incident_date="2026-01-20", aware_date="2026-01-26", sent="2026-01-30"
        )
        decision = self._decision(incident, decision_date="2026-02-02")
        self.assertEqual(decision.notification_date, date(2026, 1, 30))
        self.assertEqual(decision.decision_due_date, date(2026, 2, 28))

    def test_wt2015_without_notices_counts_from_awareness(self):
        # A death in custody with no abuse suspected: not notifiable, yet a mandatory review.
        incident = self._incident(
            regime="wt2015",
            incident_date="2025-01-29",
            aware_date="2025-01-31",
            abuse_neglect="no",
            died_in_custody=True,
        )
        self.assertFalse(incident.notification_ids)
        decision = self._decision(incident, decision_date="2025-02-10")
        self.assertEqual(decision.notification_date, date(2025, 1, 31))
        self.assertEqual(decision.decision_due_date, date(2025, 2, 28))

    def test_notify_due_five_working_days_after_the_decision(self):
        incident = self._incident(sent="2025-12-24")
        decision = self._decision(incident, decision_date="2025-12-24")
        # Wed 24 Dec 2025 -> Mon 29 (1) ... Fri 2 Jan (4), Mon 5 Jan (5).
        self.assertEqual(decision.notify_due_date, date(2026, 1, 5))
        # Thu 2 Apr 2026, before Easter: Good Friday and Easter Monday are skipped.
        decision.decision_date = "2026-04-02"
        self.assertEqual(decision.notify_due_date, date(2026, 4, 13))

    def test_due_date_follows_the_notices_of_the_incident(self):
        incident = self._incident(regime="wt2015", sent="2025-12-29")
        decision = self._decision(incident)
        self.assertEqual(decision.decision_due_date, date(2026, 1, 29))
        # A notice recorded later: the incident was notified when the last notice went.
        incident.notification_ids[:1].date_sent = "2025-12-31"
        self.assertEqual(decision.notification_date, date(2025, 12, 31))
        self.assertEqual(decision.decision_due_date, date(2026, 1, 31))

    def test_decision_date_before_the_notification_is_refused(self):
        incident = self._incident(regime="wt2015", sent="2026-01-05")
        with self.assertRefused(ValidationError, "before the incident notified on"):
            self._decision(incident, decision_date="2026-01-02")
        decision = self._decision(incident, decision_date="2026-01-05")
        with self.assertRefused(ValidationError, "before the incident"):
            decision.decision_date = "2025-12-01"
        with self.assertRefused(ValidationError, "in the future"):
            decision.decision_date = statutory_today().replace(year=statutory_today().year + 1)

    def test_rationale_is_required(self):
        incident = self._incident(sent="2025-12-29")
        for rationale in (False, "   "):
            with self.assertRefused(ValidationError, "rationale"):
                self._decision(incident, rationale=rationale)
        decision = self._decision(incident)
        with self.assertRefused(ValidationError, "(?i)rationale"):
            decision.rationale = ""
        decision.invalidate_recordset()
        self.assertTrue(decision.rationale)

    def test_event_dates_cannot_precede_the_incident(self):
        incident = self._incident(sent="2025-12-29")
        with self.assertRefused(ValidationError, "Rapid review sent to the Panel"):
            self._decision(incident, panel_sent_date="2025-11-01")
