import functools
from datetime import datetime, time, timedelta

import holidays
import pytz

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError

from ..statutory_day import statutory_today

# Where the bank holidays come from: England (Wales has the same set).
BANK_HOLIDAY_COUNTRY = "GB"
BANK_HOLIDAY_SUBDIVISION = "ENG"
# Years kept as leaves on the calendars, around the current year.
BANK_HOLIDAY_YEARS_BACK = 1
BANK_HOLIDAY_YEARS_AHEAD = 5
MONDAY_TO_FRIDAY = frozenset(range(5))


@functools.lru_cache(maxsize=64)
def library_bank_holidays(year):
    """England and Wales bank holidays of ``year`` from the maintained holidays package."""
    return dict(
        holidays.country_holidays(BANK_HOLIDAY_COUNTRY, subdiv=BANK_HOLIDAY_SUBDIVISION, years=year)
    )


class ResourceCalendar(models.Model):
    """The partnership's working calendar counts statutory working days."""

    _name = "resource.calendar"
    _inherit = ["resource.calendar", "scr.deadline.cache.mixin"]

    # What the deadline engine reads of a calendar itself (attendances and leaves say
    # for themselves when they change).
    _scr_deadline_fields = ("tz", "company_id")

    scr_bank_holiday_count = fields.Integer(
        string="Bank holidays", compute="_compute_scr_bank_holiday_count"
    )

    def _compute_scr_bank_holiday_count(self):
        counts = dict(
            self.env["resource.calendar.leaves"]._read_group(
                [("calendar_id", "in", self.ids), ("scr_bank_holiday", "=", True)],
                ["calendar_id"],
                ["__count"],
            )
        )
        for calendar in self:
            calendar.scr_bank_holiday_count = counts.get(calendar, 0)

    def _scr_deadline_relevant(self):
        """Only a partnership's calendar counts: others never reach the deadline engine."""
        return bool(self) and bool(self & self._scr_partnership_calendars())

    @api.model
    @tools.ormcache("calendar_id", "self._scr_deadline_stamp()")
    def _scr_calendar_profile(self, calendar_id):
        """What makes a day non-working on a calendar, cached until it changes.

        Returns (working weekdays, closed dates, years whose bank holidays are stored
        as leaves). Leaves of the calendar and the company's calendar-less global
        leaves count; a calendar without attendances (flexible hours) works Monday
        to Friday. The cache key's stamp (``scr.deadline.cache.mixin``) changes whenever
        a partnership's calendar, its working hours or its global leaves change.
        """
        calendar = self.sudo().browse(calendar_id).exists()
        if not calendar:
            return MONDAY_TO_FRIDAY, frozenset(), frozenset()
        weekdays = (
            frozenset(
                int(attendance.dayofweek)
                for attendance in calendar.attendance_ids
                if attendance.display_type != "line_section"
            )
            or MONDAY_TO_FRIDAY
        )
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                [
                    ("resource_id", "=", False),
                    "|",
                    ("calendar_id", "=", calendar.id),
                    "&",
                    ("calendar_id", "=", False),
                    ("company_id", "in", [calendar.company_id.id, False]),
                ]
            )
        )
        tz = pytz.timezone(calendar.tz or "UTC")
        closed = set()
        stored_years = set()
        for leave in leaves:
            first, last = _local_dates(leave.date_from, leave.date_to, tz)
            closed.update(first + timedelta(days=n) for n in range((last - first).days + 1))
            if leave.scr_bank_holiday:
                stored_years.add(first.year)
        return weekdays, frozenset(closed), frozenset(stored_years)

    def _scr_is_working_day(self, day, profile):
        """A working weekday, not closed, and no bank holiday (from the library where
        the calendar holds no bank holidays for that year)."""
        weekdays, closed, stored_years = profile
        if day.weekday() not in weekdays or day in closed:
            return False
        return day.year in stored_years or day not in library_bank_holidays(day.year)

    def _scr_add_working_days(self, start, days):
        """The ``days``-th working day after ``start`` (before it when negative).

        ``start`` itself is day 0 and never counts. Works on an empty recordset
        (no calendar): Monday to Friday minus the bank holidays.
        """
        profile = self._scr_calendar_profile(self.id if self else False)
        step = 1 if days >= 0 else -1
        day, remaining = start, abs(days)
        while remaining:
            day += timedelta(days=step)
            if self._scr_is_working_day(day, profile):
                remaining -= 1
        return day

    @api.model
    def _scr_bank_holiday_years(self):
        today = statutory_today()
        return range(
            today.year - BANK_HOLIDAY_YEARS_BACK, today.year + BANK_HOLIDAY_YEARS_AHEAD + 1
        )

    def _scr_refresh_bank_holidays(self, years=None):
        """Create the missing bank holidays of ``years`` as global leaves of these calendars.

        Idempotent: a bank holiday already stored on a calendar (same date) is left as
        it is, so running it again creates nothing. Returns the leaves created.
        """
        years = list(years or self._scr_bank_holiday_years())
        Leave = self.env["resource.calendar.leaves"].sudo()
        existing = Leave.search([("calendar_id", "in", self.ids), ("scr_bank_holiday", "=", True)])
        stored = {(leave.calendar_id.id, leave.scr_bank_holiday_date) for leave in existing}
        vals_list = []
        for calendar in self:
            tz = pytz.timezone(calendar.tz or "UTC")
            for year in years:
                for day, name in sorted(library_bank_holidays(year).items()):
                    if (calendar.id, day) in stored:
                        continue
                    vals_list.append(
                        {
                            "name": name,
                            "calendar_id": calendar.id,
                            "company_id": calendar.company_id.id,
                            "date_from": _utc_naive(tz, day, time.min),
                            "date_to": _utc_naive(tz, day, time(23, 59, 59)),
                            "time_type": "leave",
                            "scr_bank_holiday": True,
                            "scr_bank_holiday_date": day,
                        }
                    )
        return Leave.create(vals_list)

    @api.model
    def _scr_partnership_calendars(self):
        """The working calendars of every partnership (company) in the database."""
        return (
            self.env["res.company"]
            .sudo()
            .search([("resource_calendar_id", "!=", False)])
            .resource_calendar_id
        )

    @api.model
    def _cron_refresh_bank_holidays(self):
        """Yearly: keep the bank holidays of the coming years on every partnership calendar."""
        self._scr_partnership_calendars()._scr_refresh_bank_holidays()

    @api.model
    def action_scr_refresh_bank_holidays(self):
        """Manager action: refresh now and say what was added."""
        if not self.env.user.has_group("odoo_scr.group_scr_manager"):
            raise AccessError(
                self.env._("Only case review managers can refresh the bank holidays.")
            )
        created = self._scr_partnership_calendars()._scr_refresh_bank_holidays()
        years = self._scr_bank_holiday_years()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Bank holidays refreshed"),
                "message": self.env._(
                    "%(count)s bank holiday(s) added for %(first)s to %(last)s.",
                    count=len(created),
                    first=years[0],
                    last=years[-1],
                ),
                "type": "success",
                "sticky": False,
            },
        }


def _utc_naive(tz, day, moment):
    """The UTC naive datetime Odoo stores for ``day`` at local ``moment`` in ``tz``."""
    return tz.localize(datetime.combine(day, moment)).astimezone(pytz.utc).replace(tzinfo=None)


def _local_dates(date_from, date_to, tz):
    """First and last local dates covered by a leave stored in UTC."""
    start = pytz.utc.localize(date_from).astimezone(tz)
    end = pytz.utc.localize(date_to).astimezone(tz)
    if end.time() == time.min and end > start:
        end -= timedelta(seconds=1)
    first, last = start.date(), end.date()
    return first, max(first, last)
