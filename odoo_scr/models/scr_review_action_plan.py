from odoo import api, fields, models
from odoo.exceptions import UserError


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

    def action_request_sign_off(self):
        """E-mail each agency with unsigned actions that its senior officer must sign."""
        to_sign = self.env["scr.action"].search(
            [("review_id", "in", self.ids), ("state", "=", "draft"), ("signed_by_id", "=", False)]
        )
        if not to_sign:
            raise UserError(self.env._("Every agency has already signed its actions off."))
        first_per_agency = [actions[0].id for actions in to_sign.grouped("agency_id").values()]
        self.env.ref("odoo_scr.mail_template_scr_action_sign_off").send_mail_batch(first_per_agency)
        for review in self:
            agencies = to_sign.filtered(lambda a, r=review: a.review_id == r).agency_id
            review.message_post(
                body=self.env._(
                    "Senior sign-off of the action plan requested from %(agencies)s.",
                    agencies=", ".join(agencies.mapped("name")),
                )
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
