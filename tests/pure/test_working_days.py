"""The counting rules of statutory deadlines, without a database (README, "Regimes and
statutory timescales"): the day of the event is day 0; a working day is a working
weekday of the partnership's calendar that is neither one of its leaves nor an England
and Wales bank holiday; counting back works the same way.

The counting is ``resource.calendar._scr_add_working_days``; here it runs on a stand-in
calendar whose profile (working weekdays, closed dates, years whose bank holidays are
stored as leaves) is given, as the model's cached ``_scr_calendar_profile`` returns it.
What needs the database (the timescales as data, calendar months, each regime's codes) is
tested through the server in tests/blackbox/test_deadlines.py.
"""

from datetime import date, datetime, time

import pytest
import pytz

MONDAY_TO_FRIDAY = frozenset(range(5))
LONDON = pytz.timezone("Europe/London")


@pytest.fixture(scope="module")
def calendar(calendar_rules):
    Model = calendar_rules.ResourceCalendar

    class StandInCalendar:
        """What ``_scr_add_working_days`` uses of a calendar record."""

        _scr_add_working_days = Model._scr_add_working_days
        _scr_is_working_day = Model._scr_is_working_day

        def __init__(self, weekdays=MONDAY_TO_FRIDAY, closed=(), stored_years=(), record=True):
            self.id = 7 if record else False
            self.profile = (frozenset(weekdays), frozenset(closed), frozenset(stored_years))

        def __bool__(self):
            return bool(self.id)

        def _scr_calendar_profile(self, calendar_id):
            assert calendar_id == self.id
            return self.profile

    return StandInCalendar


def test_day_of_the_event_is_day_zero(calendar):
    # Aware Monday 2 March 2026: the 1st working day is Tuesday, the 5th next Monday.
    assert calendar()._scr_add_working_days(date(2026, 3, 2), 1) == date(2026, 3, 3)
    assert calendar()._scr_add_working_days(date(2026, 3, 2), 5) == date(2026, 3, 9)
    assert calendar()._scr_add_working_days(date(2026, 3, 2), 0) == date(2026, 3, 2)


def test_event_on_a_weekend_counts_from_the_next_working_day(calendar):
    assert calendar()._scr_add_working_days(date(2026, 3, 7), 1) == date(2026, 3, 9)
    assert calendar()._scr_add_working_days(date(2026, 3, 8), 5) == date(2026, 3, 13)


def test_christmas_and_new_year(calendar):
    """The README's example: aware Tue 23 Dec 2025, 5 working days: due Fri 2 Jan 2026
    (25 and 26 December and 1 January are bank holidays)."""
    assert calendar()._scr_add_working_days(date(2025, 12, 23), 5) == date(2026, 1, 2)


def test_easter(calendar):
    # Thursday 2 April 2026, then Good Friday 3 and Easter Monday 6 April.
    assert calendar()._scr_add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)
    # 15 working days (the rapid review) from Friday 27 March 2026.
    assert calendar()._scr_add_working_days(date(2026, 3, 27), 15) == date(2026, 4, 21)


def test_substitute_bank_holidays(calendar, calendar_rules):
    """Christmas 2027 falls on a Saturday: Monday 27 and Tuesday 28 are the bank holidays."""
    holidays_2027 = calendar_rules.library_bank_holidays(2027)
    assert {date(2027, 12, 27), date(2027, 12, 28)} <= set(holidays_2027)
    assert date(2027, 12, 24) not in holidays_2027
    assert calendar()._scr_add_working_days(date(2027, 12, 24), 1) == date(2027, 12, 29)


def test_one_off_bank_holidays_come_from_the_library(calendar_rules):
    """Nothing typed by hand: the 2022 state funeral and jubilee are there."""
    holidays_2022 = calendar_rules.library_bank_holidays(2022)
    assert date(2022, 9, 19) in holidays_2022
    assert date(2022, 6, 3) in holidays_2022


def test_counting_back(calendar):
    """``before`` timescales: the 7th working day before Friday 10 April 2026 steps over
    Easter Monday and Good Friday."""
    assert calendar()._scr_add_working_days(date(2026, 4, 10), -7) == date(2026, 3, 30)
    assert calendar()._scr_add_working_days(date(2026, 3, 9), -1) == date(2026, 3, 6)


def test_closure_days_are_not_working_days(calendar):
    closed = {date(2026, 3, 4), date(2026, 3, 5)}
    assert calendar(closed=closed)._scr_add_working_days(date(2026, 3, 2), 5) == date(2026, 3, 11)
    assert calendar(closed=closed)._scr_add_working_days(date(2026, 3, 6), -2) == date(2026, 3, 2)


def test_the_calendar_s_working_week(calendar):
    # A partnership open Monday to Saturday counts Saturdays.
    six_days = calendar(weekdays=range(6))
    assert six_days._scr_add_working_days(date(2026, 3, 5), 2) == date(2026, 3, 7)
    # Open Monday to Thursday: Friday is not a working day.
    four_days = calendar(weekdays=range(4))
    assert four_days._scr_add_working_days(date(2026, 3, 5), 1) == date(2026, 3, 9)


def test_stored_bank_holidays_win_over_the_library(calendar):
    """Once a year's bank holidays are stored as the calendar's leaves, the leaves say
    which days are closed: a bank holiday removed from them is a working day again."""
    christmas_eve = date(2025, 12, 24)
    library = calendar()
    stored = calendar(stored_years={2025}, closed={date(2025, 12, 25)})
    assert library._scr_add_working_days(christmas_eve, 1) == date(2025, 12, 29)
    assert stored._scr_add_working_days(christmas_eve, 1) == date(2025, 12, 26)


def test_no_calendar_counts_monday_to_friday_minus_bank_holidays(calendar):
    assert calendar(record=False)._scr_add_working_days(date(2025, 12, 23), 5) == date(2026, 1, 2)


def test_leaves_are_read_in_the_calendar_s_time_zone(calendar_rules):
    """A closure day stored in UTC covers the local day, summer time or not."""
    for day in (date(2026, 1, 15), date(2026, 7, 15)):
        start = calendar_rules._utc_naive(LONDON, day, time.min)
        end = calendar_rules._utc_naive(LONDON, day, time(23, 59, 59))
        assert calendar_rules._local_dates(start, end, LONDON) == (day, day)
    # In summer, local midnight is 23:00 UTC the day before.
    assert calendar_rules._utc_naive(LONDON, date(2026, 7, 15), time.min) == datetime(
        2026, 7, 14, 23, 0
    )
    # A leave ending at local midnight does not cover the next day.
    start = calendar_rules._utc_naive(LONDON, date(2026, 7, 15), time.min)
    end = calendar_rules._utc_naive(LONDON, date(2026, 7, 17), time.min)
    assert calendar_rules._local_dates(start, end, LONDON) == (date(2026, 7, 15), date(2026, 7, 16))
