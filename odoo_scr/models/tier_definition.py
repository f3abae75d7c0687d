from odoo import api, models


class TierDefinition(models.Model):
    """Offer the chair's decisions and publication sign-offs to the approval engine
    (OCA base_tier_validation)."""

    _inherit = "tier.definition"

    @api.model
    def _get_tier_validation_model_names(self):
        return [*super()._get_tier_validation_model_names(), "scr.decision", "scr.publication"]
