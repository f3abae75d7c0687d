from odoo import models


class ResourceCalendarAttendance(models.Model):
    """A change of working hours changes which days count as working days."""

    _name = "resource.calendar.attendance"
    _inherit = ["resource.calendar.attendance", "scr.deadline.cache.mixin"]

    # What the deadline engine reads of working hours: which weekdays are worked.
    _scr_deadline_fields = ("dayofweek", "display_type", "calendar_id")

    def _scr_deadline_relevant(self):
        """Only the working hours of a partnership's calendar count."""
        return self.calendar_id._scr_deadline_relevant()
