from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..statutory_day import statutory_today_default


class ScrActionUpdate(models.Model):
    """A dated progress report on an action, by the agency or the partnership.

    Updates are the audit trail of how an action was delivered: kept, never edited
    by the agency once posted, never moved to another action, never deleted. Posting the
    first update on an agreed action puts it in progress. An update reports progress
    made, so it is dated today or earlier: the latest update gives the action's progress.
    """

    _name = "scr.action.update"
    _description = "Action progress update"
    _inherit = ["scr.input.bounds.mixin", "scr.partnership.mixin", "scr.reviewer.scope.mixin"]
    _scr_review_path = "action_id.review_id"
    _order = "date desc, id desc"
    _check_company_auto = True
    _scr_past_date_fields = frozenset({"date"})
    _scr_number_bounds = {"progress": (0, 100)}

    action_id = fields.Many2one(
        "scr.action", required=True, index=True, ondelete="restrict", check_company=True
    )
    company_id = fields.Many2one(related="action_id.company_id", store=True, index=True)
    agency_id = fields.Many2one(related="action_id.agency_id", store=True, index=True)
    date = fields.Date(required=True, default=statutory_today_default)
    author_id = fields.Many2one(
        "res.partner",
        string="By",
        required=True,
        default=lambda self: self.env.user.partner_id,
        readonly=True,
    )
    note = fields.Text(string="Progress", required=True)
    progress = fields.Integer(string="Progress (%)", help="How far the action is, 0 to 100.")

    @api.constrains("progress", "note")
    def _check_progress(self):
        for update in self:
            if not 0 <= update.progress <= 100:
                raise ValidationError(self.env._("Progress is a percentage from 0 to 100."))
            if not (update.note or "").strip():
                raise ValidationError(self.env._("Say what progress was made."))

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.user._is_internal() and not self.env.su:
            for vals in vals_list:
                vals["author_id"] = self.env.user.partner_id.id
        updates = super().create(vals_list)
        for update in updates:
            if update.action_id.state not in ("agreed", "in_progress"):
                raise UserError(
                    self.env._(
                        "%(action)s is not open: progress can be reported once the plan is "
                        "agreed and until the action is completed.",
                        action=update.action_id.name,
                    )
                )
        updates.action_id._on_progress_update()
        return updates

    def write(self, vals):
        if not self.env.su and self.env.user._is_portal():
            raise UserError(self.env._("A posted update cannot be changed; post another one."))
        if not self.env.su and {"action_id", "author_id"} & set(vals):
            raise UserError(
                self.env._(
                    "An update stays on the action it reports on, with its author; post "
                    "another one instead."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_statutory_record(self):
        if not self.env.is_superuser():
            raise UserError(self.env._("Progress updates are kept on record."))
