from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .scr_timescale import REGIMES


class ResCompany(models.Model):
    """A company is a safeguarding children partnership: it picks its regime."""

    _name = "res.company"
    _inherit = ["res.company", "scr.deadline.cache.mixin"]

    # Which calendar a partnership counts its working days on (scr.deadline.cache.mixin).
    _scr_deadline_fields = ("resource_calendar_id",)

    scr_regime = fields.Selection(
        REGIMES,
        string="Case review regime",
        default="wt2018",
        required=True,
        help="Statutory guidance under which this partnership opens new records. "
        "A record keeps the regime it was opened under.",
    )
    scr_coordinator_id = fields.Many2one(
        "res.users",
        string="Default coordinator",
        help="Responsible for incidents created without a coordinator, e.g. portal referrals.",
    )
    scr_chair_id = fields.Many2one(
        "res.users",
        string="Chair",
        help="Receives escalations of overdue statutory deadlines. Defaults to the first user "
        "of the partnership with the Chair role.",
    )
    scr_due_soon_days = fields.Integer(
        string="Due soon (days)",
        default=2,
        help="Deadlines within this many days are shown as due soon.",
    )
    scr_action_reminder_days = fields.Integer(
        string="Remind action owners (days before)",
        default=7,
        help="Owners of action plan actions are reminded this many days before the due date.",
    )

    @api.constrains("scr_due_soon_days", "scr_action_reminder_days")
    def _check_scr_days(self):
        if any(
            company.scr_due_soon_days < 0 or company.scr_action_reminder_days < 0
            for company in self
        ):
            raise ValidationError(
                self.env._("The days for 'due soon' and for reminders cannot be negative.")
            )

    def _scr_chairs(self):
        """{company id: chair user} for these partnerships, in two queries at most."""
        chairs = {company.id: company.scr_chair_id for company in self if company.scr_chair_id}
        missing = self.filtered(lambda company: company.id not in chairs)
        if missing:
            users = (
                self.env["res.users"]
                .sudo()
                .search(
                    [
                        ("group_ids", "in", self.env.ref("odoo_scr.group_scr_chair").ids),
                        ("company_id", "in", missing.ids),
                    ],
                    order="id",
                )
            )
            for user in users:
                chairs.setdefault(user.company_id.id, user)
        return chairs
