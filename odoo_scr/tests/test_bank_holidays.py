from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..statutory_day import statutory_today
from .common import ScrCase


@tagged("post_install", "-at_install")
class TestBankHolidays(ScrCase):
    """England and Wales bank holidays, generated from the holidays library."""

    def _bank_holidays(self, year):
        leaves = self.env["resource.calendar.leaves"].search(
            [
                ("calendar_id", "=", self.calendar.id),
                ("scr_bank_holiday", "=", True),
                ("scr_bank_holiday_date", ">=", date(year, 1, 1)),
                ("scr_bank_holiday_date", "<=", date(year, 12, 31)),
            ]
        )
        return {leave.scr_bank_holiday_date: leave.name for leave in leaves}

    def test_2026_set_with_substitute_day(self):
        holidays_2026 = self._bank_holidays(2026)
        for day in (
            date(2026, 1, 1),
            date(2026, 4, 3),
            date(2026, 4, 6),
            date(2026, 5, 4),
            date(2026, 5, 25),
            date(2026, 8, 31),
            date(2026, 12, 25),
            date(2026, 12, 28),
        ):
            self.assertIn(day, holidays_2026)
        self.assertIn("observed", holidays_2026[date(2026, 12, 28)])

    def test_leaves_cover_the_local_day(self):
        leave = self.env["resource.calendar.leaves"].search(
            [
                ("calendar_id", "=", self.calendar.id),
                ("scr_bank_holiday_date", "=", date(2026, 8, 31)),
            ]
        )
        # British Summer Time: midnight in London is 23:00 UTC the day before.
        self.assertEqual(str(leave.date_from), "2026-08-30 23:00:00")
        self.assertEqual(leave.company_id, self.company)
        self.assertFalse(leave.resource_id)

    def test_refresh_is_idempotent(self):
        Leave = self.env["resource.calendar.leaves"]
        before = Leave.search_count([("calendar_id", "=", self.calendar.id)])
        created = self.calendar._scr_refresh_bank_holidays(range(2025, 2032))
        self.assertFalse(created)
        self.assertEqual(Leave.search_count([("calendar_id", "=", self.calendar.id)]), before)

    def test_cron_covers_every_partnership_for_current_and_next_five_years(self):
        calendar = self.env["resource.calendar"].create(
            {"name": "Southshire", "tz": "Europe/London"}
        )
        company = self.env["res.company"].create(
            {"name": "Southshire SCP", "resource_calendar_id": calendar.id}
        )
        calendar.company_id = company
        self.env["resource.calendar"]._cron_refresh_bank_holidays()
        this_year = statutory_today().year
        stored_years = {
            leave.scr_bank_holiday_date.year
            for leave in self.env["resource.calendar.leaves"].search(
                [("calendar_id", "=", calendar.id), ("scr_bank_holiday", "=", True)]
            )
        }
        self.assertTrue(set(range(this_year, this_year + 6)) <= stored_years)
        count = self.env["resource.calendar.leaves"].search_count(
            [("calendar_id", "=", calendar.id)]
        )
        self.env["resource.calendar"]._cron_refresh_bank_holidays()
        self.assertEqual(
            self.env["resource.calendar.leaves"].search_count([("calendar_id", "=", calendar.id)]),
            count,
        )

    def test_refresh_action_is_for_managers(self):
        Calendar = self.env["resource.calendar"]
        result = Calendar.with_user(self.users["manager"]).action_scr_refresh_bank_holidays()
        self.assertEqual(result["tag"], "display_notification")
        for role in ("coordinator", "chair", "reviewer", "internal"):
            with self.assertRaises(AccessError):
                Calendar.with_user(self.users[role]).action_scr_refresh_bank_holidays()

    def test_managers_keep_their_partnerships_calendar(self):
        """A case review manager adds the partnership's closure days and edits its
        calendar; another partnership's calendar and other roles are refused."""
        manager = self.users["manager"]
        closure = {
            "name": "Office move",
            "calendar_id": self.calendar.id,
            "date_from": "2026-10-12 08:00:00",
            "date_to": "2026-10-12 17:00:00",
        }
        Leave = self.env["resource.calendar.leaves"]
        leave = Leave.with_user(manager).create(closure)
        leave.with_user(manager).name = "Office move (all staff)"
        self.calendar.with_user(manager).name = "Westshire working week"
        for role in ("coordinator", "internal"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                Leave.with_user(self.users[role]).create(closure)
        other = self.env["res.company"].create({"name": "Southshire SCP"})
        calendar = self.env["resource.calendar"].create(
            {"name": "Southshire", "tz": "Europe/London", "company_id": other.id}
        )
        manager.company_ids = [(4, other.id)]
        for record, values in (
            (calendar, {"name": "Taken over"}),
            (calendar.attendance_ids[:1], {"hour_from": 6}),
        ):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.with_user(manager).with_company(self.company).write(values)

    def test_yearly_cron_is_shipped(self):
        cron = self.env.ref("odoo_scr.ir_cron_scr_refresh_bank_holidays")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (12, "months"))
