import base64
import contextlib
import logging
import os

from odoo import api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .scr_action import EVIDENCE_FROZEN_STATES
from .scr_info_request import SUBMISSION_FROZEN_STATES
from .scr_portal_upload_mixin import (
    as_bytes,
    check_uploads,
    expected_mimetype,
    is_scr_model,
    scr_model_names,
)

CONTENT_FIELDS = ("raw", "datas", "db_datas")
_logger = logging.getLogger(__name__)


class IrAttachment(models.Model):
    """Files of case review records.

    Uploads: a file created on one of the addon's records, or moved onto one, by anyone
    but the superuser passes the upload rules (``check_uploads``): RPC, the web client's
    upload, the chatter's. The superuser (``sudo()``) is the addon's own trusted steps and
    the mail gateway; files arriving through the chatter's own sudo upload are checked
    after it (``_post_add_create``) and when posted (``mail.thread``).

    Internal notes: an attachment of an internal note (or any message partner agencies
    may not read) on a case review record is readable by internal users only, whatever
    the record it is attached to: ``/web/content/<id>``, ``read`` and ``search`` all go
    through ``_check_access`` and ``_search``.
    """

    _inherit = "ir.attachment"

    # ------------------------------------------------------------------
    # Uploads
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            uploads = []
            for vals in vals_list:
                if vals.get("type", "binary") != "binary" or not is_scr_model(
                    self.env, vals.get("res_model")
                ):
                    continue
                content = as_bytes(vals.get("raw")) or base64.b64decode(vals.get("datas") or b"")
                uploads.append((vals.get("name"), content))
                if mimetype := expected_mimetype(vals.get("name")):
                    vals["mimetype"] = mimetype
            if uploads:
                check_uploads(self.env, uploads)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and {"res_model", "res_id", "type", *CONTENT_FIELDS} & set(vals):
            self._scr_check_not_frozen()
        if not self.env.su and {"res_model", "res_id", "name", "type", *CONTENT_FIELDS} & set(vals):
            self.check_access("write")
            uploads = []
            for attachment in self.sudo():
                if vals.get("type", attachment.type) != "binary" or not is_scr_model(
                    self.env, vals.get("res_model", attachment.res_model)
                ):
                    continue
                if "raw" in vals:
                    content = as_bytes(vals["raw"])
                elif vals.get("datas") or vals.get("db_datas"):
                    content = base64.b64decode(vals.get("datas") or vals.get("db_datas"))
                else:
                    content = attachment.raw
                uploads.append((vals.get("name", attachment.name), content))
            if uploads:
                check_uploads(self.env, uploads)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_frozen_evidence(self):
        if not self.env.su:
            self._scr_check_not_frozen()

    def _scr_check_not_frozen(self):
        """What an agency submitted and the partnership accepted, or the evidence of a
        completed action, is what was verified: its files are neither deleted nor
        rewritten (they are frozen on the record by ``scr.action``/``scr.info.request``)."""
        frozen = self.env["scr.action"].sudo().search_count(
            [("evidence_ids", "in", self.ids), ("state", "in", EVIDENCE_FROZEN_STATES)], limit=1
        ) or self.env["scr.info.request"].sudo().search_count(
            [("attachment_ids", "in", self.ids), ("state", "in", SUBMISSION_FROZEN_STATES)],
            limit=1,
        )
        if frozen:
            raise UserError(
                self.env._(
                    "%(file)s is evidence the partnership has received: it stays as it was.",
                    file=self[:1].name,
                )
            )

    def _file_write(self, bin_value, checksum):
        """A file the filestore cannot hold (full disk, quota) is refused in words rather
        than as an OSError (a server error on the portal), and the part of it already
        written is removed: Odoo's own write leaves it, and until the filestore's garbage
        collection the same content could not be uploaded again (it "collides")."""
        try:
            return super()._file_write(bin_value, checksum)
        except OSError as error:
            full_path = self._full_path(f"{checksum[:2]}/{checksum}")
            with contextlib.suppress(OSError):
                os.unlink(full_path)
            _logger.error("filestore: could not write %s: %s", full_path, error)
            raise UserError(
                self.env._(
                    "The file could not be stored: the document store is full or unavailable "
                    "(%(error)s). Nothing was saved; please try again later or tell the "
                    "partnership.",
                    error=error.strerror or error,
                )
            ) from error

    def _post_add_create(self, **kwargs):
        """The chatter's upload creates the file as superuser for whoever may post on the
        record: check it for them."""
        result = super()._post_add_create(**kwargs)
        files = self.sudo().filtered(
            lambda a: a.type == "binary" and is_scr_model(self.env, a.res_model)
        )
        if files:
            check_uploads(self.env, [(a.name, a.raw) for a in files])
        return result

    # ------------------------------------------------------------------
    # Internal notes' attachments
    # ------------------------------------------------------------------
    def _scr_hides_internal_notes(self):
        """Whether the current user is one from whom internal notes are hidden."""
        return not self.env.su and not self.env.user._is_internal()

    def _scr_internal_message_condition(self, attachment_id):
        """SQL: the attachment ``attachment_id`` belongs to a message of a case review
        record that partner agencies may not read: an internal note, a message marked
        for employees only, or a comment without subtype (as mail.message decides)."""
        return SQL(
            """EXISTS (
                SELECT 1
                  FROM message_attachment_rel scr_rel
                  JOIN mail_message scr_msg ON scr_msg.id = scr_rel.message_id
             LEFT JOIN mail_message_subtype scr_subtype ON scr_subtype.id = scr_msg.subtype_id
                 WHERE scr_rel.attachment_id = %(attachment_id)s
                   AND scr_msg.model IN %(models)s
                   AND (scr_msg.is_internal IS TRUE
                        OR scr_subtype.internal IS TRUE
                        OR (scr_msg.message_type = 'comment' AND scr_msg.subtype_id IS NULL))
            )""",
            attachment_id=attachment_id,
            models=scr_model_names(self.env),
        )

    def _scr_internal_note_attachments(self):
        """The attachments of ``self`` that belong to an internal message."""
        self.env["mail.message"].flush_model(
            ["attachment_ids", "is_internal", "message_type", "model", "subtype_id"]
        )
        self.env["mail.message.subtype"].flush_model(["internal"])
        rows = self.env.execute_query(
            SQL(
                "SELECT a.id FROM ir_attachment a WHERE a.id IN %s AND %s",
                tuple(self.ids),
                self._scr_internal_message_condition(SQL("a.id")),
            )
        )
        return self.browse(row[0] for row in rows)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if operation != "read" or not self or not self._scr_hides_internal_notes():
            return result
        remaining = self - result[0] if result else self
        internal = remaining._origin._scr_internal_note_attachments() if remaining else remaining
        if not internal:
            return result
        if result:
            return result[0] + internal, result[1]

        def error():
            return AccessError(
                self.env._(
                    "%(files)s belong to the partnership's internal notes: only its staff "
                    "can open them.",
                    files=", ".join(internal.sudo().mapped("name")),
                )
            )

        return internal, error

    @api.model
    def _search(
        self, domain, offset=0, limit=None, order=None, *, active_test=True, bypass_access=False
    ):
        query = super()._search(
            domain, offset, limit, order, active_test=active_test, bypass_access=bypass_access
        )
        if bypass_access or query.is_empty() or not self._scr_hides_internal_notes():
            return query
        query.add_where(
            SQL(
                "NOT %s",
                self._scr_internal_message_condition(SQL.identifier(query.table, "id")),
            )
        )
        return query
