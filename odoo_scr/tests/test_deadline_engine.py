from datetime import date, datetime

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ScrCase


@tagged("post_install", "-at_install")
class TestDeadlineEngine(ScrCase):
    """compute_deadline: working days on the partnership calendar, months, 'before'."""

    def test_design_example_over_christmas_and_new_year(self):
        # docs/process.md: awareness on Tue 23 Dec 2025 -> due Fri 2 Jan 2026.
        self.assertEqual(self.deadline("incident_notification", "2025-12-23"), date(2026, 1, 2))

    def test_working_days_skip_weekends(self):
        self.assertEqual(self.deadline("incident_notification", "2026-03-06"), date(2026, 3, 13))
        # An event on a Saturday: day 0 is the Saturday, Monday is the first working day.
        self.assertEqual(self.deadline("incident_notification", "2026-03-07"), date(2026, 3, 13))

    def test_easter(self):
        # Thu 2 Apr 2026: Good Friday 3 Apr and Easter Monday 6 Apr are not working days.
        self.assertEqual(self.deadline("incident_notification", "2026-04-02"), date(2026, 4, 13))

    def test_may_and_summer_bank_holidays(self):
        # Rapid review: 15 working days from Mon 18 May 2026 over the Spring bank holiday.
        self.assertEqual(self.deadline("rapid_review", "2026-05-18"), date(2026, 6, 9))
        # Early May bank holiday, Mon 4 May 2026.
        self.assertEqual(self.deadline("incident_notification", "2026-04-30"), date(2026, 5, 8))
        # Late Summer bank holiday (British Summer Time: the leave starts at 23:00 UTC).
        self.assertEqual(self.deadline("decision_notification", "2026-08-28"), date(2026, 9, 7))

    def test_substitute_days(self):
        # 2026: Boxing Day is a Saturday, substitute Monday 28 Dec; New Year's Day a Friday.
        self.assertEqual(self.deadline("incident_notification", "2026-12-23"), date(2027, 1, 4))
        # 2027: Christmas Saturday and Boxing Day Sunday -> Monday 27 and Tuesday 28 Dec.
        self.assertEqual(self.deadline("incident_notification", "2027-12-24"), date(2028, 1, 5))

    def test_year_end(self):
        self.assertEqual(self.deadline("incident_notification", "2026-12-30"), date(2027, 1, 7))

    def test_months_clamp_to_month_end(self):
        self.assertEqual(
            self.deadline("decision", "2026-01-31", regime="wt2015"), date(2026, 2, 28)
        )
        self.assertEqual(
            self.deadline("decision", "2028-01-31", regime="wt2015"), date(2028, 2, 29)
        )
        self.assertEqual(self.deadline("review_completion", "2026-08-31"), date(2027, 2, 28))
        self.assertEqual(self.deadline("publication_retention", "2028-02-29"), date(2029, 2, 28))
        # Months are calendar months: a weekend or bank holiday end date stays.
        self.assertEqual(self.deadline("review_completion", "2026-06-25"), date(2026, 12, 25))

    def test_before_counts_back_from_publication(self):
        # wt2018: 7 working days before Wed 15 Apr 2026, over Easter.
        self.assertEqual(self.deadline("pre_publication", "2026-04-15"), date(2026, 4, 2))
        # wt2015: 7 (calendar) days before.
        self.assertEqual(
            self.deadline("pre_publication", "2026-04-15", regime="wt2015"), date(2026, 4, 8)
        )
        # Counting back over Christmas and a substitute day.
        self.assertEqual(self.deadline("pre_publication", "2027-01-05"), date(2026, 12, 22))

    def test_regimes_differ(self):
        self.assertEqual(self.deadline("rapid_review", "2026-03-02"), date(2026, 3, 23))
        self.assertEqual(self.deadline("decision", "2026-03-02", regime="wt2015"), date(2026, 4, 2))

    def test_regime_and_company_default_from_current_partnership(self):
        Timescale = self.Timescale.with_user(self.users["coordinator"]).with_company(self.company)
        self.assertEqual(
            Timescale.compute_deadline("incident_notification", date(2025, 12, 23)),
            date(2026, 1, 2),
        )
        self.company.scr_regime = "wt2015"
        self.assertEqual(
            Timescale.compute_deadline("pre_publication", "2026-04-15"), date(2026, 4, 8)
        )

    def test_accepts_datetime_and_iso_string(self):
        self.assertEqual(
            self.Timescale.compute_deadline(
                "incident_notification", datetime(2025, 12, 23, 16, 30), company=self.company
            ),
            date(2026, 1, 2),
        )
        self.assertEqual(
            self.Timescale.compute_deadline(
                "incident_notification", "2025-12-23", company=self.company
            ),
            date(2026, 1, 2),
        )

    def test_year_no_one_typed_comes_from_the_library(self):
        # 2031 is stored by the refresh; Easter 2031 is 13 April.
        self.assertEqual(self.deadline("incident_notification", "2031-04-10"), date(2031, 4, 21))
        # 2035 is not stored on the calendar: the holidays library still knows
        # Christmas (Tue) and Boxing Day (Wed).
        self.assertFalse(
            self.env["resource.calendar.leaves"].search_count(
                [("calendar_id", "=", self.calendar.id), ("date_from", ">=", "2035-01-01")]
            )
        )
        self.assertEqual(self.deadline("incident_notification", "2035-12-21"), date(2036, 1, 2))

    def test_closure_day_of_the_partnership(self):
        self.assertEqual(self.deadline("incident_notification", "2026-03-06"), date(2026, 3, 13))
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Office move",
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 3, 10, 0, 0),
                "date_to": datetime(2026, 3, 10, 23, 59),
            }
        )
        self.assertEqual(self.deadline("incident_notification", "2026-03-06"), date(2026, 3, 16))

    def test_working_week_comes_from_the_calendar(self):
        self.assertEqual(self.deadline("incident_notification", "2026-03-02"), date(2026, 3, 9))
        self.calendar.attendance_ids.filtered(lambda a: a.dayofweek == "4").unlink()
        # Monday to Thursday: Fridays no longer count.
        self.assertEqual(self.deadline("incident_notification", "2026-03-02"), date(2026, 3, 10))

    def test_editing_a_timescale_changes_the_deadline(self):
        timescale = self.Timescale.search(
            [("code", "=", "incident_notification"), ("regime", "=", "wt2018")]
        )
        self.assertEqual(self.deadline("incident_notification", "2026-03-06"), date(2026, 3, 13))
        timescale.with_user(self.users["manager"]).amount = 10
        self.assertEqual(self.deadline("incident_notification", "2026-03-06"), date(2026, 3, 20))
        timescale.with_user(self.users["manager"]).unit = "calendar_days"
        self.assertEqual(self.deadline("incident_notification", "2026-03-06"), date(2026, 3, 16))

    def test_archived_timescale_is_not_used(self):
        timescale = self.Timescale.search(
            [("code", "=", "rapid_review"), ("regime", "=", "wt2018")]
        )
        timescale.active = False
        with self.assertRaisesRegex(UserError, "no active statutory timescale 'rapid_review'"):
            self.deadline("rapid_review", "2026-03-02")

    def test_bad_input(self):
        with self.assertRaisesRegex(UserError, "no active statutory timescale 'no_such_code'"):
            self.deadline("no_such_code", "2026-03-02")
        with self.assertRaisesRegex(UserError, "'decision'"):
            self.deadline("decision", "2026-03-02", regime="wt2018")
        with self.assertRaisesRegex(UserError, "without a start date"):
            self.Timescale.compute_deadline("incident_notification", None, company=self.company)
        with self.assertRaisesRegex(UserError, "is not a date"):
            self.Timescale.compute_deadline(
                "incident_notification", "23/12/2025", company=self.company
            )
        timescale = self.Timescale.search([], limit=1)
        with self.assertRaisesRegex(ValidationError, "negative amount"):
            timescale.amount = -5

    def test_timescales_are_archived_never_deleted(self):
        timescale = self.Timescale.search([], limit=1)
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            timescale.unlink()
        self.assertTrue(timescale.exists())

    def test_every_code_exists_for_its_regimes(self):
        codes = {(t.code, t.regime) for t in self.Timescale.search([])}
        for code in (
            "incident_notification",
            "decision_notification",
            "review_completion",
            "pre_publication",
            "publication_retention",
        ):
            self.assertIn((code, "wt2015"), codes)
            self.assertIn((code, "wt2018"), codes)
        self.assertIn(("decision", "wt2015"), codes)
        self.assertIn(("rapid_review", "wt2018"), codes)

    def test_batch_use_costs_no_query_per_call(self):
        codes = ["incident_notification", "rapid_review", "review_completion", "pre_publication"]
        starts = [
            date(2026, 1, 1).fromordinal(date(2026, 1, 1).toordinal() + n) for n in range(400)
        ]
        for code in codes:  # warm the caches: one read per timescale and calendar
            self.deadline(code, "2026-01-05")
        with self.assertQueryCount(0):
            results = [
                self.Timescale.compute_deadline(code, start, company=self.company)
                for code in codes
                for start in starts
            ]
        self.assertEqual(len(results), 1600)
        self.assertTrue(all(result for result in results))
