from odoo import api, models, tools
from odoo.exceptions import AccessError, UserError

# Context keys that lift a protection of Odoo or of the approval engine: the lock of a
# record under or after validation, the state a sign-off may be requested from, the
# audit trail of tracked fields. A client can send any context through RPC, so they are
# honoured only in the server's own trusted steps, under sudo().
PROTECTION_CONTEXT_KEYS = (
    "skip_validation_check",
    "skip_check_state_condition",
    "tracking_disable",
    "mail_notrack",
    "mail_create_nolog",
)


class ScrStatutoryRecordMixin(models.AbstractModel):
    """Statutory records are archived, never deleted, and move through their states only
    by the steps their workflow allows.

    A model declares in ``_workflow_fields`` the fields that only its workflow sets (its
    state, who signed and when, what was verified or published). No client may set them:
    ``create`` accepts them only at their default value and ``write`` refuses them, through
    the ORM as through RPC (``/web/dataset/call_kw``, ``/json/2``), whatever the context.
    The workflow's own ``action_*`` methods check the step and the caller's right to take
    it, then write them through ``_write_workflow``, which runs as superuser: the one
    thing a client can never ask for (docs/process.md 1.3 and 1.5: the chair signs, the
    partnership verifies and publishes). What the model works out itself (its statutory
    deadlines, criteria and flags: ``_derived_field_names``) no client sets either.
    """

    _name = "scr.statutory.record.mixin"
    _description = "Statutory record: archived, never deleted, moved by its workflow"
    _workflow_fields = frozenset()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_statutory_record(self):
        if not self.env.is_superuser():
            raise UserError(
                self.env._(
                    "%(record)s is a statutory record and cannot be deleted. Archive it instead.",
                    record=self[:1].display_name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self = self._without_protection_keys()
            for vals in vals_list:
                self._check_workflow_fields_at_default(vals)
                self._refuse_derived_fields(vals)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self = self._without_protection_keys()
            self._refuse_workflow_fields(set(vals) & self._workflow_fields)
            self._refuse_derived_fields(vals)
        return super().write(vals)

    def _without_protection_keys(self):
        """This recordset with a client's context, less the keys that would lift a
        protection (``PROTECTION_CONTEXT_KEYS``). Models list this mixin first in their
        ``_inherit`` so that this runs before mail's and the approval engine's ``write``."""
        if any(self.env.context.get(key) for key in PROTECTION_CONTEXT_KEYS):
            return self.with_context(**dict.fromkeys(PROTECTION_CONTEXT_KEYS, False))
        return self

    def _check_workflow_fields_at_default(self, vals):
        """A new record starts where its workflow starts: a client may send a workflow
        field only with the value the record would get anyway (the web client sends
        defaults)."""
        changed = {
            name
            for name in set(vals) & self._workflow_fields
            if vals[name] != self._workflow_field_default(name)
        }
        self._refuse_workflow_fields(changed)

    def _workflow_field_default(self, name):
        field = self._fields[name]
        if field.default:
            return field.convert_to_write(field.convert_to_cache(field.default(self), self), self)
        return False if field.type != "many2many" else []

    def _field_labels(self, names):
        """The labels of fields ``names``, as a refusal names them to the user."""
        return ", ".join(sorted(self._fields[name]._description_string(self.env) for name in names))

    def _refuse_workflow_fields(self, names):
        if names:
            raise AccessError(
                self.env._(
                    "%(fields)s of %(what)s change only through its workflow's steps (the "
                    "buttons on the record), never by editing them.",
                    fields=self._field_labels(names),
                    what=self._description,
                )
            )

    @api.model
    @tools.ormcache()
    def _derived_field_names(self):
        """The stored fields the model works out and nobody edits: computed or related,
        read-only, with no inverse. The statutory deadlines (from ``scr.timescale`` and
        the working calendar), the criteria of a notifiable incident (Children Act 2004
        s16C), the flags of what was done in time, the review's reference on its actions.
        The ORM would store a value sent for them (and keep it, on create, instead of
        computing it), so a client could move a deadline or mark a late report as
        published in time through RPC."""
        return frozenset(
            name
            for name, field in self._fields.items()
            if field.store and field.compute and field.readonly and not field.inverse
        )

    def _refuse_derived_fields(self, vals):
        names = set(vals) & self._derived_field_names()
        if names:
            raise AccessError(
                self.env._(
                    "%(fields)s of %(what)s are worked out from the record and the statutory "
                    "timescales, never entered by hand.",
                    fields=self._field_labels(names),
                    what=self._description,
                )
            )

    def _write_workflow(self, vals):
        """A workflow step: the caller must be allowed to write these very records; the
        step then sets its workflow fields as superuser (see the class docstring), past
        the approval engine's lock of a signed record, which guards against clients."""
        self.check_access("write")
        return self.sudo().with_context(skip_validation_check=True).write(vals)

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
