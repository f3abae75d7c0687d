from odoo import fields, models


class ScrQualityMarker(models.Model):
    """One of the SCIE/NSPCC quality markers for serious case reviews, as data."""

    _name = "scr.quality.marker"
    _description = "SCR quality marker"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text()
    active = fields.Boolean(default=True)
