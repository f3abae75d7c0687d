from odoo import fields, models


class ResourceCalendarLeaves(models.Model):
    """Bank holidays and closure days are leaves: deadlines must see every change."""

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
