import uuid

from odoo import api, models
from odoo.tools import SQL

# The stamp of the deadline caches: one row of ir_config_parameter, read and written in SQL.
# Through the ORM, get_param is cached across workers ("stable") and set_param clears
# Odoo's default cache in every worker: the very thing the stamp is there to avoid.
STAMP_KEY = "odoo_scr.deadline_cache_stamp"


class ScrDeadlineCacheMixin(models.AbstractModel):
    """Keeps the deadline engine's caches true to the records they were read from.

    ``compute_deadline`` caches timescales and calendar profiles (``tools.ormcache``) so
    that thousands of deadlines cost no query per call. Their keys carry a stamp stored in
    the database, which changes (in the same transaction) whenever a record the engine
    reads changes: a timescale, a partnership's calendar, its working hours, its global
    leaves, the calendar a partnership uses. Every Odoo process reads the stamp once per
    transaction, so all of them use new entries from the commit on, and no other cache of
    Odoo is touched: ``registry.clear_cache()`` would empty every addon's cache in every
    worker, and a council running Time Off writes a leave for each time off validated.

    A model declares the fields the engine reads (``_scr_deadline_fields``, empty for
    every field) and, where only some of its records matter, ``_scr_deadline_relevant``.
    """

    _name = "scr.deadline.cache.mixin"
    _description = "Deadline cache invalidation"

    _scr_deadline_fields = ()

    def _scr_deadline_relevant(self):
        """Whether the deadline engine reads any of these records (all of them, here)."""
        return bool(self)

    def _scr_deadline_watches(self, vals):
        """Whether a write of ``vals`` may change what the deadline engine reads."""
        return not self._scr_deadline_fields or not vals.keys().isdisjoint(
            self._scr_deadline_fields
        )

    @api.model
    def _scr_deadline_stamp(self):
        """The current stamp of the deadline caches, read once per transaction.

        The cursor's cache is emptied at each commit and rollback, so a stamp read here is
        the one of the transaction's snapshot: the same snapshot the cached data is read in.
        """
        cache = self.env.cr.cache
        if STAMP_KEY not in cache:
            self.env.cr.execute(
                SQL("SELECT value FROM ir_config_parameter WHERE key = %s", STAMP_KEY)
            )
            row = self.env.cr.fetchone()
            cache[STAMP_KEY] = row[0] if row else ""
        return cache[STAMP_KEY]

    @api.model
    def _scr_deadline_cache_clear(self):
        """Give the deadline caches a new stamp, so that no entry read before is used again.

        A random stamp, never a counter: entries cached by a transaction that then rolls
        back carry a stamp no committed transaction will ever have.
        """
        stamp = uuid.uuid4().hex
        self.env.cr.execute(
            SQL(
                """INSERT INTO ir_config_parameter
                       (key, value, create_uid, write_uid, create_date, write_date)
                   VALUES (%(key)s, %(stamp)s, %(uid)s, %(uid)s,
                           now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
                   ON CONFLICT (key) DO UPDATE
                   SET value = EXCLUDED.value, write_uid = EXCLUDED.write_uid,
                       write_date = EXCLUDED.write_date""",
                key=STAMP_KEY,
                stamp=stamp,
                uid=self.env.uid,
            )
        )
        self.env.cr.cache[STAMP_KEY] = stamp

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if records._scr_deadline_relevant():
            self._scr_deadline_cache_clear()
        return records

    def write(self, vals):
        watched = self._scr_deadline_watches(vals)
        # Relevant before or after: a leave moved off a partnership's calendar counts too.
        relevant = watched and self._scr_deadline_relevant()
        result = super().write(vals)
        if relevant or (watched and self._scr_deadline_relevant()):
            self._scr_deadline_cache_clear()
        return result

    def unlink(self):
        relevant = self._scr_deadline_relevant()
        result = super().unlink()
        if relevant:
            self._scr_deadline_cache_clear()
        return result
