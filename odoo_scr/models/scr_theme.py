from odoo import api, fields, models


class ScrTheme(models.Model):
    """A theme of learning tracked across reviews (the national biennial analyses), kept as
    data shared by every partnership of the database: managers keep the list (name, order,
    archive, the toxic trio flag), coordinators tag reviews and recommendations with it.
    The three themes flagged ``toxic_trio`` together make the "toxic trio" of a review."""

    _name = "scr.theme"
    _description = "Learning theme"
    _inherit = ["scr.input.bounds.mixin"]
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

    @api.model_create_multi
    def create(self, vals_list):
        themes = super().create(vals_list)
        themes.filtered("toxic_trio")._recompute_review_trio()
        return themes

    def write(self, vals):
        result = super().write(vals)
        if {"toxic_trio", "active"} & vals.keys():
            self._recompute_review_trio()
        return result

    def _recompute_review_trio(self):
        """A review's toxic trio is measured against the flagged themes, which its stored
        field cannot depend on: when a theme joins or leaves the trio, the reviews of
        every partnership that had the trio or carry a theme of it are counted again."""
        if not self:
            return
        Review = self.env["scr.review"].sudo().with_context(active_test=False)
        reviews = Review.search(
            [
                "|",
                "|",
                ("toxic_trio", "=", True),
                ("theme_ids", "in", self.ids),
                ("theme_ids.toxic_trio", "=", True),
            ]
        )
        self.env.add_to_compute(Review._fields["toxic_trio"], reviews)
