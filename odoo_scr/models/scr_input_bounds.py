"""What a value sent to the case-review process can mean: its bounds, in one place.

A client can send any value through RPC: a date in the year 9999, a negative number, a
string that is not text. The ORM would store most of them, and the process would then
break on them later (a deadline counted from 9999-12-31 leaves the calendar; a progress
update dated 9999-12-31 stays the latest for ever) or the server would fail on them
(PostgreSQL refuses a lone surrogate or a NUL character, and the request ends in an
HTTP 500). Models that inherit ``scr.input.bounds.mixin`` refuse such values in plain
words before anything is written; the bounds below say what the process can mean, and
why.
"""

from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import format_date

from ..statutory_day import statutory_today

#: No record of the process is dated before the Children Act 1989 came into force
#: (14 October 1991): case reviews began under it (Working Together 1991, "Part 8"
#: reviews). An earlier date is a slip of the keyboard, and a deadline counted back from
#: year 1 would leave the calendar.
EARLIEST_DATE = date(1991, 10, 14)

#: How far ahead a record of the process may be dated: five years. The longest things the
#: process plans are a review delayed by criminal proceedings (extended completion) and an
#: action plan monitored for its impact; neither runs five years ahead. A later date is a
#: slip of the keyboard (9999-12-31), and every deadline counted from it is meaningless.
YEARS_AHEAD = 5

#: How far ahead the deadline engine (``scr.timescale.compute_deadline``, a public API)
#: counts: further than any record may be dated, for planning and for the bank holidays
#: of years not stored yet, but not to the end of the calendar, where counting working
#: days one by one would run for seconds and end in an ``OverflowError``.
DEADLINE_YEARS_AHEAD = 25

#: The longest a statutory timescale can be, per unit. The longest in statute is twelve
#: months (a report stays published at least 12 months); a partnership may add local
#: timescales, so each unit allows well beyond, yet never what no statute means:
#: a year of working days (52 weeks of 5 days), a year of calendar days, five years of
#: months. Beyond, a deadline is no deadline, and 3,000,000 working days would keep the
#: engine counting for seconds on each incident.
TIMESCALE_MAX_AMOUNT = {"working_days": 260, "calendar_days": 366, "months": 60}

#: A report's recommendations are numbered from 1, as in the report; none has a thousand.
RECOMMENDATION_NUMBERS = (1, 999)

#: Practitioners a learning briefing reached: none at all, up to a million (more than the
#: whole children's workforce of any partnership). A negative count means nothing.
REACHED_PRACTITIONERS = (0, 1_000_000)

#: What PostgreSQL stores in an integer column: beyond, the server fails instead of
#: refusing in words.
INTEGER_RANGE = (-(2**31), 2**31 - 1)

#: The longest text a field of the process holds, by kind: a line (a name, a reference)
#: within 500 characters; a text (a recommendation, success criteria, a reason) within
#: 100,000 characters, some forty pages: documents are attached as files, not pasted.
#: Rich text (a report's body) is not bounded here.
TEXT_LENGTHS = {"char": 500, "text": 100_000}


def latest_date(env, years=YEARS_AHEAD):
    """The latest date a record may hold: ``years`` after today (the user's today)."""
    return statutory_today() + relativedelta(years=years)


def check_text(env, label, value):
    """Refuse a str PostgreSQL cannot store as text. JSON can carry a lone UTF-16
    surrogate (``"\\ud800"``) and a NUL character; Python keeps both in a str, and the
    database refuses them (the request would end in an HTTP 500). The message never
    quotes the value, which could not be sent back to the client either."""
    if "\x00" in value:
        raise ValidationError(
            env._("%(field)s contains a NUL character: type it again without it.", field=label)
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            env._(
                "%(field)s contains a character that is not text (a lone surrogate): type it "
                "again without it.",
                field=label,
            )
        ) from None


def to_date(env, label, value, kind="date"):
    """``value`` (a date, a datetime or its string) as a date, or a refusal in words."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        if kind == "datetime":
            return fields.Datetime.to_datetime(value).date()
        return fields.Date.to_date(value)
    except (TypeError, ValueError, AttributeError):
        raise ValidationError(env._("%(field)s is not a date.", field=label)) from None


def check_date(env, label, value, past_only=False, kind="date"):
    """Refuse a date the process cannot mean: before ``EARLIEST_DATE``, more than
    ``YEARS_AHEAD`` years ahead, or (``past_only``: what already happened) after today."""
    day = to_date(env, label, value, kind)
    today = statutory_today()
    latest = today if past_only else latest_date(env)
    if day < EARLIEST_DATE:
        raise ValidationError(
            env._(
                "%(field)s cannot be %(date)s: no case review is dated before the Children "
                "Act 1989 came into force (%(earliest)s).",
                field=label,
                date=format_date(env, day),
                earliest=format_date(env, EARLIEST_DATE),
            )
        )
    if day > latest:
        if past_only:
            message = env._(
                "%(field)s cannot be %(date)s: that date is in the future.",
                field=label,
                date=format_date(env, day),
            )
        else:
            message = env._(
                "%(field)s cannot be %(date)s: the process plans no further than %(years)s "
                "years ahead (%(latest)s).",
                field=label,
                date=format_date(env, day),
                years=YEARS_AHEAD,
                latest=format_date(env, latest),
            )
        raise ValidationError(message)
    return day


def check_number(env, label, value, bounds=None):
    """Refuse an integer outside ``bounds`` (min, max), or outside what PostgreSQL stores."""
    low, high = bounds or INTEGER_RANGE
    if not low <= value <= high:
        raise ValidationError(
            env._(
                "%(field)s must be between %(low)s and %(high)s (not %(value)s).",
                field=label,
                low=low,
                high=high,
                value=value,
            )
        )


class ScrInputBoundsMixin(models.AbstractModel):
    """Refuse, before anything is written, a value the process cannot mean.

    On ``create`` and ``write``, for the fields of the model being set: text must be
    storable (no lone surrogate, no NUL), within ``TEXT_LENGTHS`` and, when required, not
    blank; dates lie between
    ``EARLIEST_DATE`` and ``YEARS_AHEAD`` years ahead (``_scr_past_date_fields``: not after
    today); integers within ``_scr_number_bounds`` or what PostgreSQL stores. The bounds
    hold for every caller, the server's own steps included: no step of the process sets
    a value it cannot mean. List this mixin first in ``_inherit``.

    ``_scr_not_before`` orders a record's dates against what came first (the incident
    before its awareness, a decision after the incident it decides on): checked as a
    constraint, once the record holds both.
    """

    _name = "scr.input.bounds.mixin"
    _description = "Input bounded to what the case-review process can mean"

    #: Dates of what already happened (an update posted, a notice sent): not after today.
    _scr_past_date_fields = frozenset()
    #: {integer field: (minimum, maximum)}
    _scr_number_bounds = {}
    #: {date field: (paths to the dates it cannot come before, ...)}
    _scr_not_before = {}

    def _scr_not_before_fields(self):
        """The fields whose edit may put a date before what came first (a computed date,
        such as the day a decision's incident was notified, is checked with the edit of
        the date it must follow, not each time it is computed)."""
        names = {
            path.split(".")[0]
            for field, earlier in self._scr_not_before.items()
            for path in (field, *earlier)
        }
        return [name for name in names if not self._fields[name].compute]

    @api.constrains(lambda self: self._scr_not_before_fields())
    def _scr_check_not_before(self):
        """No date of ``_scr_not_before`` comes before a date it follows."""
        for record in self:
            for name, earlier in self._scr_not_before.items():
                day = record[name]
                for path in earlier:
                    limit = record.mapped(path)[:1]
                    if day and limit and limit[0] and day < limit[0]:
                        raise ValidationError(
                            record._scr_not_before_message(name, path, day, limit[0])
                        )

    def _scr_not_before_message(self, name, path, day, limit):
        """The refusal of ``name`` on ``day``, before ``path`` on ``limit``, in words."""
        model, field_name = self, path
        if "." in path:
            relation, field_name = path.rsplit(".", 1)
            model = self.mapped(relation)
        return self.env._(
            "%(field)s (%(date)s) cannot come before the %(what)s (%(limit)s).",
            field=self._fields[name]._description_string(self.env),
            date=format_date(self.env, day),
            what=model._fields[field_name]._description_string(self.env).lower(),
            limit=format_date(self.env, limit),
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._scr_check_input(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._scr_check_input(vals)
        return super().write(vals)

    @api.model
    def _scr_check_input(self, vals):
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None:
                continue
            kind = field.type
            if kind in ("char", "text", "html") and isinstance(value, str):
                label = field._description_string(self.env)
                check_text(self.env, label, value)
                if field.required and not value.strip():
                    raise ValidationError(self.env._("%(field)s cannot be blank.", field=label))
                limit = TEXT_LENGTHS.get(kind)
                if limit and len(value) > limit:
                    raise ValidationError(
                        self.env._(
                            "%(field)s is %(length)s characters long: the limit is %(limit)s.",
                            field=label,
                            length=len(value),
                            limit=limit,
                        )
                    )
            elif kind in ("date", "datetime") and value:
                check_date(
                    self.env,
                    field._description_string(self.env),
                    value,
                    past_only=name in self._scr_past_date_fields,
                    kind=kind,
                )
            elif kind == "integer" and isinstance(value, int) and not isinstance(value, bool):
                check_number(
                    self.env,
                    field._description_string(self.env),
                    value,
                    self._scr_number_bounds.get(name),
                )
