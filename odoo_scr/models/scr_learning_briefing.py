from odoo import fields, models


class ScrLearningBriefing(models.Model):
    """A learning briefing (e.g. a 7-minute briefing) drawn from a review, with the record of
    whom it went to and when: the partnership must show its learning reached practice."""

    _name = "scr.learning.briefing"
    _description = "Learning briefing"
    _inherit = [
        "scr.input.bounds.mixin",
        "scr.partnership.mixin",
        "mail.thread",
        "scr.reviewer.scope.mixin",
    ]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    review_id = fields.Many2one("scr.review", index=True, check_company=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Partnership",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    briefing_type = fields.Selection(
        [
            ("seven_minute", "7-minute briefing"),
            ("newsletter", "Newsletter"),
            ("workshop", "Workshop"),
            ("other", "Other"),
        ],
        default="seven_minute",
        required=True,
    )
    date = fields.Date(string="Issued on", tracking=True)
    theme_ids = fields.Many2many("scr.theme")
    content = fields.Html()
    dissemination_ids = fields.One2many("scr.learning.dissemination", "briefing_id")
    active = fields.Boolean(default=True)
