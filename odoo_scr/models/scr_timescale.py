from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from .scr_input_bounds import (
    DEADLINE_YEARS_AHEAD,
    EARLIEST_DATE,
    TIMESCALE_MAX_AMOUNT,
    latest_date,
)

REGIMES = [
    ("wt2015", "Working Together 2015 (serious case reviews)"),
    ("wt2018", "Working Together 2018/2023 (child safeguarding practice reviews)"),
]


class ScrTimescale(models.Model):
    """A statutory timescale, kept as data so that guidance changes are edits, not code.

    Every deadline of the module comes from ``compute_deadline``: a timescale record
    (code + regime) says how much time, in which unit, and in which direction from
    the event; working days are counted on the partnership's working calendar.
    """

    _name = "scr.timescale"
    _description = "Statutory timescale"
    _inherit = ["scr.input.bounds.mixin", "mail.thread", "scr.deadline.cache.mixin"]
    _order = "regime, sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(
        required=True,
        tracking=True,
        help="Technical key used by the module, e.g. incident_notification.",
    )
    regime = fields.Selection(REGIMES, required=True, tracking=True)
    # No total in the list's group rows: days and months of different timescales don't add up.
    amount = fields.Integer(required=True, tracking=True, aggregator=None)
    unit = fields.Selection(
        [
            ("working_days", "Working days"),
            ("calendar_days", "Calendar days"),
            ("months", "Calendar months"),
        ],
        required=True,
        default="working_days",
        tracking=True,
    )
    direction = fields.Selection(
        [("after", "After the event"), ("before", "Before the event")],
        required=True,
        default="after",
        tracking=True,
        help="'Before' counts back from the later date, e.g. the latest day the "
        "pre-publication notices may go before the publication date.",
    )
    guidance = fields.Char(
        string="Statutory source",
        help="Where the timescale comes from (guidance, chapter, paragraph).",
    )
    description = fields.Text(help="What the deadline is for and who must act.")
    recipient_ids = fields.Many2many(
        "scr.notification.recipient",
        string="Who must be told",
        help="The bodies that must be notified within this timescale, under this regime.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)

    _code_regime_unique = models.UniqueIndex(
        "(code, regime) WHERE active",
        "There is already an active timescale with this code for this regime.",
    )

    @api.constrains("amount", "unit")
    def _check_amount(self):
        """A negative timescale would put a deadline before its own event; one longer than
        ``TIMESCALE_MAX_AMOUNT`` allows for its unit is no timescale of any statute."""
        units = dict(self._fields["unit"].selection)
        for timescale in self:
            if timescale.amount < 0:
                raise ValidationError(
                    self.env._(
                        "The timescale '%(name)s' cannot have a negative amount (%(amount)s). "
                        "Use the direction 'Before the event' to count backwards.",
                        name=timescale.name,
                        amount=timescale.amount,
                    )
                )
            longest = TIMESCALE_MAX_AMOUNT[timescale.unit]
            if timescale.amount > longest:
                raise ValidationError(
                    self.env._(
                        "The timescale '%(name)s' cannot be %(amount)s %(unit)s: no statutory "
                        "timescale is longer than %(longest)s %(unit)s.",
                        name=timescale.name,
                        amount=timescale.amount,
                        unit=units[timescale.unit].lower(),
                        longest=longest,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_statutory(self):
        """Timescales are statutory configuration: archive them instead."""
        raise UserError(
            self.env._("Statutory timescales cannot be deleted. Archive the timescale instead.")
        )

    @api.model
    @tools.ormcache("code", "regime", "self._scr_deadline_stamp()")
    def _get_rule(self, code, regime):
        """(amount, unit, direction) of the active timescale, or None; cached until a
        timescale changes (the stamp of ``scr.deadline.cache.mixin``)."""
        timescale = (
            self.sudo()
            .with_context(active_test=True)
            .search([("code", "=", code), ("regime", "=", regime)], limit=1)
        )
        if not timescale:
            return None
        return timescale.amount, timescale.unit, timescale.direction

    @api.model
    def _recipients_by_regime(self, code, regimes):
        """{regime: the bodies that timescale ``code`` says must be told}, in one query."""
        timescales = self.sudo().search([("code", "=", code), ("regime", "in", list(regimes))])
        recipients = dict.fromkeys(regimes, self.env["scr.notification.recipient"])
        for timescale in timescales:
            recipients[timescale.regime] |= timescale.recipient_ids
        return recipients

    @api.model
    def _deadline_of(self, record, code, start_date):
        """``compute_deadline`` for a record that keeps its own regime and partnership
        (incident, decision, review); False while ``start_date`` is not known."""
        if not start_date:
            return False
        return self.compute_deadline(
            code, start_date, regime=record.regime, company=record.company_id
        )

    @api.model
    def compute_deadline(self, code, start_date, regime=None, company=None):
        """Return the statutory deadline (a ``date``) for ``code`` counted from ``start_date``.

        The day of the event is day 0. Working days skip the weekends of the
        partnership's working calendar and its leaves (bank holidays, closures);
        calendar months keep the day number, clamped to the month's end. For a
        'before' timescale the count runs back from ``start_date`` (the later date).
        ``regime`` and ``company`` default to the current partnership's.
        """
        start = self._parse_start_date(code, start_date)
        company = company or self.env.company
        regime = regime or company.scr_regime
        rule = self._get_rule(code, regime)
        if rule is None:
            raise UserError(
                self.env._(
                    "There is no active statutory timescale '%(code)s' for %(regime)s. "
                    "Ask a case review manager to configure it under Case Reviews > "
                    "Configuration > Timescales.",
                    code=code,
                    regime=dict(REGIMES).get(regime, regime),
                )
            )
        amount, unit, direction = rule
        signed = -amount if direction == "before" else amount
        if unit == "months":
            return start + relativedelta(months=signed)
        if unit == "calendar_days":
            return start + timedelta(days=signed)
        return company.resource_calendar_id._scr_add_working_days(start, signed)

    @api.model
    def _parse_start_date(self, code, start_date):
        """Accept a date, a datetime or an ISO string; refuse anything else in plain words."""
        if not start_date:
            raise UserError(
                self.env._(
                    "The deadline '%(code)s' cannot be computed without a start date.", code=code
                )
            )
        try:
            start = fields.Date.to_date(start_date)
        except (TypeError, ValueError) as error:
            raise UserError(
                self.env._(
                    "'%(value)s' is not a date: the deadline '%(code)s' cannot be computed.",
                    value=start_date,
                    code=code,
                )
            ) from error
        latest = latest_date(self.env, DEADLINE_YEARS_AHEAD)
        if not EARLIEST_DATE <= start <= latest:
            raise UserError(
                self.env._(
                    "The deadline '%(code)s' cannot be computed from %(date)s: the process's "
                    "dates lie between %(earliest)s and %(latest)s.",
                    code=code,
                    date=start,
                    earliest=EARLIEST_DATE,
                    latest=latest,
                )
            )
        return start
