from datetime import date, datetime

from odoo.tests import tagged

from ..models.scr_deadline_cache_mixin import STAMP_KEY
from .common import ScrCase


@tagged("post_install", "-at_install")
class TestDeadlineCache(ScrCase):
    """The deadline caches are renewed when, and only when, what they hold changes:
    a partnership's calendar, hours or global leaves, a timescale; never Odoo's other
    caches, never for a person's time off or a calendar no partnership uses."""

    def setUp(self):
        super().setUp()
        self.assertEqual(self.deadline("incident_notification", "2026-03-06"), date(2026, 3, 13))
        self.stamp = self.env["scr.timescale"]._scr_deadline_stamp()
        self.env["ir.model.data"]._xmlid_lookup("base.main_company")

    def assertCachesKept(self, deadline=date(2026, 3, 13)):
        """Same stamp; the deadline and an entry of Odoo's own cache cost no query (once
        the partnership's calendar is in the record cache again: unlink() empties it)."""
        self.assertEqual(self.env["scr.timescale"]._scr_deadline_stamp(), self.stamp)
        self.assertTrue(self.company.resource_calendar_id)
        with self.assertQueryCount(0):
            self.assertEqual(self.deadline("incident_notification", "2026-03-06"), deadline)
            self.env["ir.model.data"]._xmlid_lookup("base.main_company")

    def _leave(self, calendar, **vals):
        return self.env["resource.calendar.leaves"].create(
            {
                "name": "Office move",
                "calendar_id": calendar.id,
                "date_from": datetime(2026, 3, 10, 0, 0),
                "date_to": datetime(2026, 3, 10, 23, 59),
                **vals,
            }
        )

    def test_time_off_of_a_person_keeps_the_caches(self):
        resource = self.env["resource.resource"].create(
            {
                "name": "A coordinator",
                "calendar_id": self.calendar.id,
                "company_id": self.company.id,
            }
        )
        leave = self._leave(self.calendar, resource_id=resource.id)
        leave.date_to = datetime(2026, 3, 11, 23, 59)
        leave.unlink()
        self.assertCachesKept()

    def test_calendar_no_partnership_uses_keeps_the_caches(self):
        other = self.env["resource.calendar"].create(
            {"name": "Night shift", "tz": "Europe/London", "company_id": self.company.id}
        )
        self._leave(other)
        other.attendance_ids[:1].unlink()
        other.tz = "UTC"
        self.assertCachesKept()

    def test_renaming_keeps_the_caches(self):
        leave = self._leave(self.calendar)
        self.assertEqual(self.deadline("incident_notification", "2026-03-06"), date(2026, 3, 16))
        self.stamp = self.env["scr.timescale"]._scr_deadline_stamp()
        leave.name = "Office move (rescheduled)"
        self.calendar.name = "Testshire office hours"
        self.assertCachesKept(date(2026, 3, 16))

    def test_global_leave_of_the_partnership_moves_deadlines(self):
        self._leave(self.calendar)
        stamp = self.env["scr.timescale"]._scr_deadline_stamp()
        self.assertNotEqual(stamp, self.stamp)
        self.assertEqual(self.deadline("incident_notification", "2026-03-06"), date(2026, 3, 16))
        # The new stamp is in the database, where every other Odoo process reads it.
        self.env.cr.cache.pop(STAMP_KEY)
        self.assertEqual(self.env["scr.timescale"]._scr_deadline_stamp(), stamp)
        # Odoo's own cache is untouched.
        with self.assertQueryCount(0):
            self.env["ir.model.data"]._xmlid_lookup("base.main_company")

    def test_leave_moved_off_the_partnership_calendar_moves_deadlines_back(self):
        other = self.env["resource.calendar"].create({"name": "Night shift"})
        leave = self._leave(self.calendar)
        self.assertEqual(self.deadline("incident_notification", "2026-03-06"), date(2026, 3, 16))
        leave.calendar_id = other
        self.assertEqual(self.deadline("incident_notification", "2026-03-06"), date(2026, 3, 13))

    def test_partnership_moving_to_another_calendar_moves_deadlines(self):
        four_days = self.env["resource.calendar"].create(
            {"name": "Monday to Thursday", "tz": "Europe/London", "company_id": self.company.id}
        )
        four_days.attendance_ids.filtered(lambda a: a.dayofweek == "4").unlink()
        self.company.resource_calendar_id = four_days
        self.assertEqual(self.deadline("incident_notification", "2026-03-02"), date(2026, 3, 10))
        self.company.resource_calendar_id = self.calendar
        four_days.attendance_ids.filtered(lambda a: a.dayofweek == "3").unlink()
        self.company.resource_calendar_id = four_days
        # Monday to Wednesday (no bank holiday stored on it, so the library's count).
        self.assertEqual(self.deadline("incident_notification", "2026-03-02"), date(2026, 3, 11))
