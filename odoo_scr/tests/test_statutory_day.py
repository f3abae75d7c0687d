from datetime import date, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from ..statutory_day import statutory_today
from .common_action import ScrActionCase

# 23:30 UTC on 1 December is 23:30 in England (GMT) and already 2 December in Brussels,
# the superuser's zone in Odoo's demo data; the crons run as the superuser.
WINTER_NIGHT = "2026-12-01 23:30:00"
# 23:30 UTC on 1 July is 00:30 on 2 July in England (BST) and still 1 July in UTC.
SUMMER_NIGHT = "2027-07-01 23:30:00"


@tagged("post_install", "-at_install")
class TestStatutoryDay(ScrActionCase):
    """The process counts days in England (Interpretation Act 1978 s. 9, Summer Time Act
    1972 s. 3), not in the zone of whoever asks or of the server: CI failed on the hour
    before midnight, when the superuser's Brussels was a day ahead of England."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = "Europe/Brussels"
        cls.users["coordinator"].tz = False  # Odoo reads no zone as UTC

    def test_the_day_is_englands_in_winter_and_in_summer(self):
        with freeze_time(WINTER_NIGHT):
            self.assertEqual(statutory_today(), date(2026, 12, 1))
        with freeze_time(SUMMER_NIGHT):
            self.assertEqual(statutory_today(), date(2027, 7, 2))

    def test_an_action_due_today_is_not_late_for_anyone(self):
        """Due on 1 December, at 23:30 on 1 December: not late, whether the superuser
        (Brussels, 2 December) or a user with no zone (UTC) asks."""
        self.agree_plan()
        self.action_a.due_date = date(2026, 11, 30)
        self.action_b.due_date = date(2026, 12, 1)
        domain = [("review_id", "=", self.review.id), ("is_overdue", "=", True)]
        with freeze_time(WINTER_NIGHT):
            for Action in (
                self.env["scr.action"],
                self.env["scr.action"].with_user(self.users["coordinator"]),
            ):
                self.assertEqual(Action.search(domain), self.action_a)
                self.assertEqual(Action.browse(self.action_b.ids).is_overdue, False)

    def test_the_cron_escalates_on_englands_day_not_the_superusers(self):
        """The escalation cron, as the superuser, leaves an action due today alone at
        23:30 and escalates it the next morning."""
        self.agree_plan()
        self.action_b.due_date = date(2026, 12, 1)
        Action = self.env["scr.action"]
        with patch.object(type(self.env["ir.cron"]), "_commit_progress", return_value=60.0):
            with freeze_time(WINTER_NIGHT):
                Action._cron_escalate_overdue()
                self.assertFalse(self.action_b.escalated)
            with freeze_time(date(2026, 12, 2) + timedelta(hours=8)):
                Action._cron_escalate_overdue()
                self.assertTrue(self.action_b.escalated)

    def test_a_summer_submission_is_dated_in_england(self):
        """Submitted at 00:30 BST on 2 July (23:30 UTC on 1 July) by a user whose zone
        is unset (UTC): dated 2 July."""
        request = self.info_request
        request.attachment_ids = self.env["ir.attachment"].create(
            {"name": "chronology.pdf", "raw": b"%PDF-1.4"}
        )
        with freeze_time(SUMMER_NIGHT):
            request.with_user(self.users["coordinator"]).action_submit()
        self.assertEqual(request.date_submitted, date(2027, 7, 2))
