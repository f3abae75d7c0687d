from odoo import fields, models


class ScrTheme(models.Model):
    """A theme of learning tracked across reviews (the national biennial analyses), kept as
    data that the partnership edits. The three themes flagged ``toxic_trio`` together make
    the "toxic trio" of a review."""

    _name = "scr.theme"
    _description = "Learning theme"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    toxic_trio = fields.Boolean(
        string="Part of the toxic trio",
        help="Domestic abuse, parental substance misuse and parental mental ill health.",
    )
    description = fields.Text()
    active = fields.Boolean(default=True)

    _name_unique = models.Constraint("UNIQUE(name)", "This theme already exists.")
