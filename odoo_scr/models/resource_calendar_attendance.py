from odoo import models


class ResourceCalendarAttendance(models.Model):
    """A change of working hours changes which days count as working days."""

    _name = "resource.calendar.attendance"
    _inherit = ["resource.calendar.attendance", "scr.deadline.cache.mixin"]
