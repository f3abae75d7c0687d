from odoo import api, fields, models


class ScrReview(models.Model):
    """A review's action plan: its recommendations, actions and progress per agency.

    Kept apart from ``scr_review.py`` because the action plan is its own stage of the
    process (DESIGN.md 1.5), added after the review itself.
    """

    _inherit = "scr.review"

    recommendation_ids = fields.One2many(
        "scr.recommendation", "review_id", string="Recommendations"
    )
    action_ids = fields.One2many("scr.action", "review_id", string="Actions")
    action_count = fields.Integer(compute="_compute_action_plan")
    action_plan_state = fields.Selection(
        [("none", "No actions"), ("awaiting_sign_off", "Awaiting sign-off"), ("agreed", "Agreed")],
        compute="_compute_action_plan",
        string="Action plan",
    )
    action_progress_summary = fields.Text(
        string="Progress per agency", compute="_compute_action_plan"
    )

    @api.depends("action_ids.state", "action_ids.progress", "action_ids.agency_id")
    def _compute_action_plan(self):
        groups = self.env["scr.action"]._read_group(
            [("review_id", "in", self.ids), ("state", "!=", "cancelled")],
            ["review_id", "agency_id"],
            ["__count", "progress:avg", "signed_by_id:count"],
        )
        stats = {}
        for review, agency, count, progress, signed in groups:
            stats.setdefault(review, []).append((agency, count, progress, signed))
        for review in self:
            rows = stats.get(review, [])
            review.action_count = sum(row[1] for row in rows)
            if not rows:
                review.action_plan_state = "none"
            elif all(count == signed for _agency, count, _progress, signed in rows):
                review.action_plan_state = "agreed"
            else:
                review.action_plan_state = "awaiting_sign_off"
            review.action_progress_summary = "\n".join(
                f"{agency.name}: {round(progress or 0)}% ({count})"
                for agency, count, progress, _signed in sorted(rows, key=lambda r: r[0].name)
            )

    def action_open_action_plan(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("odoo_scr.scr_action_action")
        action["domain"] = [("review_id", "=", self.id)]
        action["context"] = {
            "default_review_id": self.id,
            "search_default_group_agency": 1,
            "search_default_group_recommendation": 1,
        }
        return action
