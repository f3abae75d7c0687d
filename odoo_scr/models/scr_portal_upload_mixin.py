import base64
import os

from odoo import models
from odoo.exceptions import AccessError, UserError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
ALLOWED_EXTENSIONS = (".pdf", ".docx", ".xlsx", ".png", ".jpg", ".jpeg")


class ScrPortalUploadMixin(models.AbstractModel):
    """What partner agencies may change on their records from the portal.

    Portal users reach these records through record rules on their agency; they may
    write only ``_portal_writable_fields`` (their evidence, their submission). Workflow
    steps (submitting, completing, signing off) go through the statutory record's
    ``_write_workflow``, which checks the caller's own write access before changing the
    protected fields, so that a portal user can never set a state, a due date or another
    agency by hand.
    """

    _name = "scr.portal.upload.mixin"
    _description = "Partner-agency portal: protected fields and uploads"
    _portal_writable_fields = frozenset()
    _portal_attachment_fields = frozenset()

    def write(self, vals):
        portal = not self.env.su and self.env.user._is_portal()
        if portal:
            forbidden = set(vals) - self._portal_writable_fields
            if forbidden:
                raise AccessError(
                    self.env._(
                        "Partner agencies cannot change %(fields)s.",
                        fields=", ".join(sorted(forbidden)),
                    )
                )
        result = super().write(vals)
        if portal:
            self._check_portal_attachments(set(vals) & self._portal_attachment_fields)
        return result

    def _check_portal_attachments(self, field_names):
        """A portal user may only link files uploaded to this very record."""
        for record in self:
            for field_name in field_names:
                foreign = (
                    record[field_name]
                    .sudo()
                    .filtered(lambda a, r=record: (a.res_model, a.res_id) != (r._name, r.id))
                )
                if foreign:
                    raise AccessError(
                        self.env._(
                            "Only files uploaded to %(record)s can be linked to it.",
                            record=record.display_name,
                        )
                    )

    def _attach_uploads(self, uploads):
        """Attach ``uploads`` (a list of ``(filename, content bytes)``) to this record,
        as the current user, after checking their size and type. Returns the attachments."""
        self.ensure_one()
        for filename, content in uploads:
            extension = os.path.splitext(filename or "")[1].lower()
            if extension not in ALLOWED_EXTENSIONS:
                raise UserError(
                    self.env._(
                        "%(file)s cannot be uploaded: only %(types)s files are accepted.",
                        file=filename or self.env._("This file"),
                        types=", ".join(ext.lstrip(".").upper() for ext in ALLOWED_EXTENSIONS),
                    )
                )
            if not content:
                raise UserError(self.env._("%(file)s is empty.", file=filename))
            if len(content) > MAX_UPLOAD_BYTES:
                raise UserError(
                    self.env._(
                        "%(file)s is %(size).1f MB: the limit is %(limit)d MB.",
                        file=filename,
                        size=len(content) / 1024 / 1024,
                        limit=MAX_UPLOAD_BYTES // 1024 // 1024,
                    )
                )
        return self.env["ir.attachment"].create(
            [
                {
                    "name": filename,
                    "datas": base64.b64encode(content),
                    "res_model": self._name,
                    "res_id": self.id,
                }
                for filename, content in uploads
            ]
        )
