from odoo import fields, models


class ResourceCalendarLeaves(models.Model):
    """Bank holidays and closure days are global leaves of a partnership's calendar:
    deadlines see every change of those, and only of those (not a person's time off)."""

    _name = "resource.calendar.leaves"
    _inherit = ["resource.calendar.leaves", "scr.deadline.cache.mixin"]

    scr_bank_holiday = fields.Boolean(
        string="Bank holiday",
        readonly=True,
        help="Generated from the England and Wales bank holidays; the refresh never "
        "creates the same bank holiday twice.",
    )
    scr_bank_holiday_date = fields.Date(string="Bank holiday date", readonly=True)

    _scr_bank_holiday_idx = models.Index(
        "(calendar_id, scr_bank_holiday_date) WHERE scr_bank_holiday"
    )

    # What the deadline engine reads of a leave (``resource.calendar._scr_calendar_profile``).
    _scr_deadline_fields = (
        "date_from",
        "date_to",
        "calendar_id",
        "resource_id",
        "company_id",
        "scr_bank_holiday",
    )

    def _scr_deadline_relevant(self):
        """A global leave (no resource) of a partnership's calendar, or of none (it applies
        to every calendar of its company). A person's time off (``hr_holidays`` writes one
        per validated request) is never read by the deadline engine."""
        global_leaves = self.filtered(lambda leave: not leave.resource_id)
        if any(not leave.calendar_id for leave in global_leaves):
            return True
        return bool(global_leaves) and global_leaves.calendar_id._scr_deadline_relevant()
