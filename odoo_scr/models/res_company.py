from odoo import fields, models

from .scr_timescale import REGIMES


class ResCompany(models.Model):
    """A company is a safeguarding children partnership: it picks its regime."""

    _inherit = "res.company"

    scr_regime = fields.Selection(
        REGIMES,
        string="Case review regime",
        default="wt2018",
        required=True,
        help="Statutory guidance under which this partnership opens new records. "
        "A record keeps the regime it was opened under.",
    )
