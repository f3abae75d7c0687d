from odoo import api, models


class ScrDeadlineCacheMixin(models.AbstractModel):
    """Clears the deadline engine's caches whenever a record it reads changes.

    ``compute_deadline`` caches timescales and calendar profiles per registry so
    that computing thousands of deadlines costs no query per call; any change to a
    timescale, calendar, attendance or leave must therefore drop those caches.
    """

    _name = "scr.deadline.cache.mixin"
    _description = "Deadline cache invalidation"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if records:
            self.env.registry.clear_cache()
        return records

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result
