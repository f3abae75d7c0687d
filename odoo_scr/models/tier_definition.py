from odoo import api, models

# The records whose sign-off runs through the approval engine (OCA base_tier_validation):
# the decision whether to review (docs/process.md 1.3) and publication of the report (1.5).
SCR_TIER_MODELS = ("scr.decision", "scr.publication")


class TierDefinition(models.Model):
    """Offer the chair's decisions and publication sign-offs to the approval engine
    (OCA base_tier_validation)."""

    _inherit = "tier.definition"

    @api.model
    def _get_tier_validation_model_names(self):
        return [*super()._get_tier_validation_model_names(), *SCR_TIER_MODELS]
