from odoo import api, models
from odoo.exceptions import UserError


class ScrStatutoryRecordMixin(models.AbstractModel):
    """Statutory records are archived, never deleted (only the superuser may, e.g. to
    correct a data-entry accident through a script), and move through their states
    only by the steps their workflow allows."""

    _name = "scr.statutory.record.mixin"
    _description = "Statutory record: archived, never deleted"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_statutory_record(self):
        if not self.env.is_superuser():
            raise UserError(
                self.env._(
                    "%(record)s is a statutory record and cannot be deleted. Archive it instead.",
                    record=self[:1].display_name,
                )
            )

    def _check_state(self, allowed, what):
        """Refuse, in plain words, a step these records' current state does not allow."""
        labels = dict(self._fields["state"].selection)
        for record in self:
            if record.state not in allowed:
                raise UserError(
                    self.env._(
                        "%(record)s is %(state)s: you cannot %(what)s.",
                        record=record.display_name,
                        state=labels[record.state].lower(),
                        what=what,
                    )
                )
