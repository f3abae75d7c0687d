from odoo import Command, api, models
from odoo.exceptions import UserError, ValidationError


class ScrPartnershipMixin(models.AbstractModel):
    """A record of one partnership never reaches into another's.

    The partnership (``company_id``) of most case-review records follows what they belong
    to: an action its review, an update its action, a notice its incident. Linking such a
    record to another partnership's review would move it there, chatter and all, for the
    other partnership's users and partner agencies to read; and Odoo's company check would
    find nothing wrong, comparing the record with a partnership that moved along with it.

    So, before anything is written, every link of a field with ``check_company`` must
    point into the record's own partnership (``write``) or one the user works for
    (``create``), or to a shared record (no partnership); a partnership set by hand must
    be one the user works for. Odoo's own check (``_check_company_auto``) stays, with a
    message that never quotes another partnership's records. List this mixin first in
    ``_inherit``.
    """

    _name = "scr.partnership.mixin"
    _description = "Links stay within the partnership"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            companies = self.env.user.company_ids
            for vals in vals_list:
                for name, linked in self._scr_linked_companies(vals).items():
                    self._scr_refuse_foreign(name, linked, companies)
        return super().create(vals_list)

    def write(self, vals):
        linked_by_field = self._scr_linked_companies(vals)
        if linked_by_field:
            su = self.env.su
            companies = self.env.user.company_ids
            has_company = "company_id" in self._fields
            for record in self:
                own = record.company_id if has_company else record.env["res.company"]
                for name, linked in linked_by_field.items():
                    if name == "company_id" or not own:
                        # A partnership set by hand, or a link of a shared record: one
                        # the user works for (the server's own steps may set any).
                        allowed = None if su else companies
                    else:
                        allowed = own
                    if allowed is not None:
                        record._scr_refuse_foreign(name, linked, allowed)
        return super().write(vals)

    @api.model
    def _scr_linked_companies(self, vals):
        """{field name: the partnerships of the records ``vals`` links through it}, for the
        fields whose links must stay in the partnership: those with ``check_company``,
        and ``company_id`` itself where it is set by hand. One query per such field."""
        linked_by_field = {}
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or not value:
                continue
            if name == "company_id" and field.type == "many2one" and not field.related:
                linked_by_field[name] = self.env["res.company"].browse(
                    self._scr_linked_ids(field, value)
                )
            elif field.type in ("many2one", "many2many") and field.check_company:
                Comodel = self.env[field.comodel_name].sudo().with_context(active_test=False)
                if "company_id" not in Comodel._fields:
                    continue
                ids = self._scr_linked_ids(field, value)
                if ids:
                    linked_by_field[name] = Comodel.browse(ids).exists().company_id.sudo(False)
        return linked_by_field

    def _scr_refuse_foreign(self, name, linked, allowed):
        if linked - allowed:
            raise ValidationError(
                self.env._(
                    "%(field)s of %(what)s can only be a record of %(partnership)s: a record "
                    "of another partnership cannot be linked to it.",
                    field=self._fields[name]._description_string(self.env),
                    what=self.display_name if self else self._description,
                    partnership=", ".join(allowed.sudo().mapped("name")),
                )
            )

    @api.model
    def _scr_linked_ids(self, field, value):
        """The ids a many2one value or many2many commands link."""
        if isinstance(value, models.BaseModel):
            return value.ids
        if field.type == "many2one":
            return [value]
        ids = []
        for command in value:
            if isinstance(command, int):
                ids.append(command)
            elif isinstance(command, (list, tuple)) and command:
                if command[0] == Command.LINK:
                    ids.append(command[1])
                elif command[0] == Command.SET:
                    ids.extend(command[2] or [])
        return ids

    def _check_company(self, fnames=None):
        """Odoo's company check, refusing in words that name no other partnership's
        record (its own message quotes the records of the other company)."""
        try:
            return super()._check_company(fnames)
        except UserError:
            raise ValidationError(
                self.env._(
                    "%(what)s can only be linked to records of its own partnership.",
                    what=self._description,
                )
            ) from None
