from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_datetime

from .res_company import SAFEGUARDING_PARTNERS


class ScrSignOffMixin(models.AbstractModel):
    """A record signed off through the approval engine (OCA base_tier_validation): the
    decision whether to review and publication of the report.

    The engine is used through its public steps and extension points only:

    - who signs is the tier definition's reviewer (the chair's group as shipped; one
      tier per safeguarding partner, whose reviewer field names the lead and delegated
      safeguarding partners recorded on the partnership, where its arrangements say so:
      ``sign_off_by``), checked by the engine's own ``can_review``, never by a group
      written here;
    - each step (``request_validation``, ``validate_tier``, ``reject_tier``,
      ``restart_validation``, the comment form) checks what the record needs, then runs
      the engine as superuser: ``tier.review`` rows are closed to clients (see
      ``tier_review.py``), and the engine's ``env.user`` is still the real user, so the
      engine records who signed;
    - afterwards ``_sync_sign_off`` brings the record in line with the engine's
      verdict: signed (``_on_signed``) or returned (``_on_returned``);
    - what may change once signed is the engine's own after-validation lock, with the
      exceptions shipped as ``tier.validation.exception`` records; the workflow fields
      (state, signer, date) are the statutory record's (``_workflow_fields``).

    A model lists this mixin before ``mail.thread`` in its ``_inherit``, so that a
    client's context keys are dropped before mail and the engine read them.
    """

    _name = "scr.sign.off.mixin"
    _description = "Signed off through the approval engine"
    _inherit = ["scr.statutory.record.mixin", "tier.validation"]
    _state_from = ["draft"]
    _state_to = ["signed"]
    _workflow_fields = frozenset({"state", "signed_by_id", "signed_date", "validation_status"})

    signed_by_id = fields.Many2one(
        "res.users", string="Signed off by", readonly=True, copy=False, tracking=True
    )
    signed_date = fields.Datetime(string="Signed off on", readonly=True, copy=False, tracking=True)
    # Who signs, as the shipped tiers read it (data/tier_definition_data.xml): the chair's
    # tier applies where ``sign_off_by`` is "chair", one tier per partner where it is
    # "partners", each naming its signatories through the field below.
    sign_off_by = fields.Selection(
        [("chair", "The chair"), ("partners", "Each safeguarding partner")],
        compute="_compute_signatories",
        help="WT2015: the chair. WT2018/2023: as the partnership's arrangements say.",
    )
    la_signatory_ids = fields.Many2many(
        "res.users", string="Signs for the local authority", compute="_compute_signatories"
    )
    icb_signatory_ids = fields.Many2many(
        "res.users", string="Signs for the ICB", compute="_compute_signatories"
    )
    police_signatory_ids = fields.Many2many(
        "res.users", string="Signs for the police", compute="_compute_signatories"
    )

    @api.depends(
        "regime",
        "company_id.scr_sign_off_by",
        *(f"company_id.scr_{key}_lead_id" for key, _label in SAFEGUARDING_PARTNERS),
        *(f"company_id.scr_{key}_delegate_ids" for key, _label in SAFEGUARDING_PARTNERS),
    )
    def _compute_signatories(self):
        """The partners sign only under WT2018/2023 and where the arrangements say so
        (Children Act 2004 s16E-16F; WT2023 ch. 5); WT2015 records keep the chair."""
        for record in self:
            company = record.company_id
            record.sign_off_by = (
                "partners"
                if record.regime != "wt2015" and company.scr_sign_off_by == "partners"
                else "chair"
            )
            signatories = company._scr_partner_signatories() if company else {}
            for key, _label in SAFEGUARDING_PARTNERS:
                record[f"{key}_signatory_ids"] = signatories.get(key, self.env["res.users"])

    # ------------------------------------------------------------------
    # The engine's public steps
    # ------------------------------------------------------------------
    def request_validation(self):
        """Ask for the sign-off; refuse in plain words what the engine would ignore."""
        self.check_access("write")
        # need_validation has no dependencies: never trust a value cached before the reviews.
        self.invalidate_recordset(["need_validation"])
        for record in self:
            if record.state != "draft":
                raise UserError(self.env._("%(ref)s is already signed off.", ref=record.name))
            if record.review_ids:
                raise UserError(
                    self.env._(
                        "The sign-off of %(ref)s has already been requested. Restart it to ask "
                        "again.",
                        ref=record.name,
                    )
                )
            if not record.need_validation:
                raise UserError(
                    self.env._(
                        "No approval tier applies to %(ref)s: ask a case review manager to "
                        "configure its sign-off under Configuration > Approval tiers.",
                        ref=record.name,
                    )
                )
        self._check_ready_for_sign_off()
        reviews = super(ScrSignOffMixin, self.sudo()).request_validation()
        self._on_sign_off_requested()
        return reviews.sudo(False)

    def validate_tier(self):
        """The reviewer the tier names signs off; they may sign what nobody asked them to."""
        self.ensure_one()
        if self.state == "draft" and not self.review_ids:
            self.request_validation()
        self._check_awaiting_reviewer()
        self._check_ready_for_sign_off()
        result = super(ScrSignOffMixin, self.sudo()).validate_tier()
        self._sync_sign_off()
        if self.state == "draft" and self.validation_status == "pending":
            # One partner signed, others still to sign: the request moves on to them.
            self._on_sign_off_requested()
        return result

    def reject_tier(self):
        """The reviewer the tier names returns the record."""
        self.ensure_one()
        self._check_awaiting_reviewer()
        result = super(ScrSignOffMixin, self.sudo()).reject_tier()
        self._sync_sign_off()
        return result

    def restart_validation(self):
        """Withdraw a request not yet signed, so that the record can be revised. A signed
        record stays signed: what was signed is never unsigned."""
        self.check_access("write")
        for record in self:
            if record.state != "draft":
                raise UserError(record._signed_stays_signed_message())
            if not record.review_ids:
                raise UserError(
                    self.env._(
                        "The sign-off of %(ref)s has not been requested: there is nothing to "
                        "restart.",
                        ref=record.name,
                    )
                )
        result = super(ScrSignOffMixin, self.sudo()).restart_validation()
        self._on_sign_off_restarted()
        return result

    # ------------------------------------------------------------------
    # Checks and hooks
    # ------------------------------------------------------------------
    def _check_awaiting_reviewer(self):
        """The record awaits a sign-off, and the user is a reviewer its tier names."""
        for record in self:
            if record.state != "draft" or record.validation_status == "validated":
                raise UserError(
                    self.env._(
                        "%(ref)s was already signed off by %(who)s on %(date)s.",
                        ref=record.name,
                        who=record.signed_by_id.name or self.env._("its signatory"),
                        date=format_datetime(self.env, record.signed_date),
                    )
                )
            if record.validation_status == "rejected":
                raise UserError(
                    self.env._(
                        "%(ref)s was returned for revision: restart its sign-off once it has "
                        "been revised.",
                        ref=record.name,
                    )
                )
            if not record.review_ids:
                raise UserError(
                    self.env._("Request the sign-off of %(ref)s first.", ref=record.name)
                )
            if not record.can_review:
                pending = record.review_ids.filtered(lambda review: review.status == "pending")
                raise UserError(
                    self.env._(
                        "Only %(who)s can sign off %(ref)s (%(tier)s).",
                        who=", ".join(record.reviewer_ids.mapped("name")) or self.env._("nobody"),
                        ref=record.name,
                        tier=", ".join(pending.mapped("name")),
                    )
                )

    def _sync_sign_off(self):
        """Bring these records in line with the engine's verdict, after any step."""
        self.invalidate_recordset(["validation_status", "need_validation"])
        signed = self.filtered(
            lambda record: record.state == "draft" and record.validation_status == "validated"
        )
        if signed:
            signed._write_workflow(
                {
                    "state": "signed",
                    "signed_by_id": self.env.uid,
                    "signed_date": fields.Datetime.now(),
                }
            )
            signed._on_signed()
        returned = self.filtered(lambda record: record.validation_status == "rejected")
        if returned:
            returned._on_returned(
                {
                    record.id: "\n".join(
                        filter(
                            None,
                            record.review_ids.filtered(
                                lambda review: review.status == "rejected"
                            ).mapped("comment"),
                        )
                    )
                    for record in returned
                }
            )

    def _sign_off_assignee(self):
        """Whom the sign-off waits for next where each safeguarding partner signs: a
        signatory of the first tier not yet signed, in the order of the tier definitions
        (the engine numbers its review rows the other way round). Empty where the chair
        signs: the partnership names its chair (``res.company._scr_chairs``)."""
        self.ensure_one()
        if self.sign_off_by != "partners":
            return self.env["res.users"]
        pending = self.review_ids.filtered(lambda review: review.status in ("waiting", "pending"))
        return pending.sorted(lambda review: review.definition_id.sequence)[:1].reviewer_ids[:1]

    def _check_ready_for_sign_off(self):
        """What the record needs before it can be signed: overridden per model."""

    def _on_sign_off_requested(self):
        """After the request: overridden per model (its activities)."""

    def _on_signed(self):
        """After the signature: overridden per model (what the signature sets off)."""

    def _on_returned(self, comments):
        """After a return, with ``comments`` {record id: the reviewers' comments}."""

    def _on_sign_off_restarted(self):
        """After a request was withdrawn: overridden per model."""

    def _signed_stays_signed_message(self):
        return self.env._(
            "%(ref)s is signed off: a signed record is never unsigned.", ref=self.name
        )
