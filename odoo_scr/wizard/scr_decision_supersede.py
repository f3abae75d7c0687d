from odoo import fields, models


class ScrDecisionSupersede(models.TransientModel):
    """The signatory's reasons for replacing a signed decision with a new one."""

    _name = "scr.decision.supersede"
    _description = "Record a new decision in place of a signed one"

    decision_id = fields.Many2one("scr.decision", required=True, readonly=True)
    reason = fields.Text(
        string="Reasons", required=True, help="Why the signed decision must change."
    )

    def action_confirm(self):
        """Open the new decision, with the old one archived."""
        self.ensure_one()
        new = self.decision_id._supersede(self.reason)
        return {
            "type": "ir.actions.act_window",
            "res_model": "scr.decision",
            "res_id": new.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
