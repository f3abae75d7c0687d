from odoo import models
from odoo.exceptions import AccessError

from ..models.tier_definition import SCR_TIER_MODELS


class CommentWizard(models.TransientModel):
    """The approval engine's comment form (sign off or return with a comment).

    A client can create this form with any record and any reviews, and submitting it
    approves or rejects them. For this addon's records it acts only on pending reviews
    of that very record that name the user, then runs as superuser like every other
    step of the sign-off (see ``scr.sign.off.mixin``).
    """

    _inherit = "comment.wizard"

    def add_comment(self):
        self.ensure_one()
        if self.res_model not in SCR_TIER_MODELS:
            return super().add_comment()
        record = self.env[self.res_model].browse(self.res_id).exists()
        record.check_access("write")
        record._check_awaiting_reviewer()
        reviews = self.sudo().review_ids
        if not reviews or any(
            review.model != record._name
            or review.res_id != record.id
            or review.status != "pending"
            or self.env.user not in review.reviewer_ids
            for review in reviews
        ):
            raise AccessError(
                self.env._(
                    "You can comment only on the sign-off of %(ref)s that awaits you.",
                    ref=record.name,
                )
            )
        result = super(CommentWizard, self.sudo()).add_comment()
        record._sync_sign_off()
        return result
