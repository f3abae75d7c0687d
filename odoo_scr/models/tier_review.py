from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain

from .tier_definition import SCR_TIER_MODELS


class TierReview(models.Model):
    """A sign-off of a decision or of publication is the chair's (or a safeguarding
    partner's) own act: its row moves only through the approval engine's steps.

    base_tier_validation lets every internal user create, write and unlink
    ``tier.review`` rows, and lets portal and public users read them. For the rows of
    this addon's records that would let anyone mark a decision "approved", set
    ``done_by`` to the chair, withdraw a request, or read the chair's comments. So:

    - a client never creates, changes or deletes such a row: the engine's public
      steps (``request_validation``, ``validate_tier``, ``reject_tier``,
      ``restart_validation``, the comment form) run it as superuser once the record
      has checked that the user is the reviewer the tier names;
    - the one write the engine makes as the user is promoting a waiting review to
      pending (when the user's counter of reviews is refreshed): that alone is let
      through, as it grants nobody anything;
    - a row is readable only by those who can read the record it signs off (the
      global rule ``rule_tier_review_scr_document``).
    """

    _inherit = "tier.review"

    scr_document_readable = fields.Boolean(
        compute="_compute_scr_document_readable",
        search="_search_scr_document_readable",
        help="The current user can read the record this review signs off.",
    )

    def _compute_scr_document_readable(self):
        readable = self._scr_readable_documents()
        for review in self:
            review.scr_document_readable = (
                review.model not in SCR_TIER_MODELS or review.res_id in readable[review.model]
            )

    def _scr_readable_documents(self):
        """{model: ids of its records in ``self`` the real user may read}."""
        user = self.env.user
        readable = {}
        for model in SCR_TIER_MODELS:
            documents = self.env[model].with_user(user)
            ids = self.filtered(lambda review, m=model: review.model == m).mapped("res_id")
            readable[model] = (
                set(documents.search([("id", "in", ids)]).ids)
                if ids and documents.has_access("read")
                else set()
            )
        return readable

    @api.model
    def _search_scr_document_readable(self, operator, value):
        """As the real user (the rule runs as superuser): reviews of other models, or of
        a record of ours that the user's own access rights and rules let them read."""
        if operator not in ("=", "in") or value not in (True, [True], (True,)):
            return NotImplemented
        user = self.env.user
        domain = Domain("model", "not in", SCR_TIER_MODELS)
        for model in SCR_TIER_MODELS:
            documents = self.env[model].with_user(user)
            if documents.has_access("read"):
                domain |= Domain("model", "=", model) & Domain(
                    "res_id", "in", documents._search([])
                )
        return domain

    @api.depends("reviewer_ids.company_ids", "model", "res_id")
    def _compute_todo_by(self):
        """Who must sign a decision or a publication, by name: the reviewers the tier
        names who belong to the record's partnership (the chair, not "Group Chair", whose
        members include the chairs of other partnerships; the engine's label while the
        partnership has none). The engine's banner, its table and its request notice all
        read this label."""
        result = super()._compute_todo_by()
        ours = self.filtered(lambda review: review.model in SCR_TIER_MODELS and review.res_id)
        companies = {}
        for model in set(ours.mapped("model")):
            documents = (
                self.env[model]
                .sudo()
                .browse(ours.filtered(lambda review, m=model: review.model == m).mapped("res_id"))
                .exists()
            )
            companies.update({(model, document.id): document.company_id for document in documents})
        for review in ours:
            company = companies.get((review.model, review.res_id))
            signatories = review.reviewer_ids.filtered(
                lambda user, company=company: company in user.company_ids
            )
            if signatories:
                review.todo_by = ", ".join(signatories.mapped("name"))
        return result

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("model") in SCR_TIER_MODELS for vals in vals_list):
            raise AccessError(self._scr_refusal())
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and not self._scr_is_promotion(vals):
            if self.filtered(lambda review: review.model in SCR_TIER_MODELS):
                raise AccessError(self._scr_refusal())
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_scr_sign_off(self):
        if not self.env.su and self.filtered(lambda review: review.model in SCR_TIER_MODELS):
            raise AccessError(self._scr_refusal())

    def _scr_is_promotion(self, vals):
        """The engine's own write as the user: a waiting review becomes pending."""
        return vals == {"status": "pending"} and all(
            review.status in ("waiting", "pending") for review in self
        )

    def _scr_refusal(self):
        return self.env._(
            "A sign-off is given, returned or withdrawn only with the buttons of the decision "
            "or publication it belongs to, by the person its approval tier names."
        )
