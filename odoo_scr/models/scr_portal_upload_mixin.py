import base64
import io
import os
import zipfile

from odoo import models
from odoo.exceptions import AccessError, UserError
from odoo.tools.mimetypes import _odoo_guess_mimetype, guess_mimetype

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# What each accepted extension must really contain, and how to name it to a person.
FILE_TYPES = {
    ".pdf": ("application/pdf", "PDF document"),
    ".docx": (DOCX, "Word document"),
    ".xlsx": (XLSX, "Excel workbook"),
    ".png": ("image/png", "PNG image"),
    ".jpg": ("image/jpeg", "JPEG image"),
    ".jpeg": ("image/jpeg", "JPEG image"),
}
ALLOWED_EXTENSIONS = tuple(FILE_TYPES)
# Office files are zip packages: the folder of the package that says which one it is.
OFFICE_PACKAGES = {".docx": "word/", ".xlsx": "xl/"}

# Upload limits, in MB: ir.config_parameter overrides each (Settings > Technical >
# System parameters), so that a partnership can change them without a release.
UPLOAD_LIMITS = {
    # one file: what the portal has always said
    "file": ("odoo_scr.upload_file_max_mb", 10),
    # every file of one request (a portal form, an RPC call) together
    "request": ("odoo_scr.upload_request_max_mb", 20),
    # the unpacked content of one Office file (docx, xlsx): a real 10 MB document
    # unpacks to a few times its size; a zip bomb unpacks to gigabytes
    "unpacked": ("odoo_scr.upload_unpacked_max_mb", 100),
}
MB = 1024 * 1024


def upload_limit(env, which):
    """The limit ``which`` (``file``, ``request`` or ``unpacked``) in bytes."""
    key, default = UPLOAD_LIMITS[which]
    value = env["ir.config_parameter"].sudo().get_param(key, default)
    try:
        return int(float(value) * MB)
    except (TypeError, ValueError):
        return default * MB


def is_scr_model(env, model_name):
    """Whether ``model_name`` is one of this addon's models (its case review records)."""
    return (
        bool(model_name) and model_name in env and (env[model_name]._original_module == "odoo_scr")
    )


def scr_model_names(env):
    """The names of this addon's models."""
    return tuple(
        sorted(name for name, cls in env.registry.items() if cls._original_module == "odoo_scr")
    )


def as_bytes(content):
    if isinstance(content, str):
        return content.encode()
    return content or b""


def check_uploads(env, uploads, portal=None):
    """Refuse, in plain words, files that may not be linked to a case review record.

    This is the one place the rules live: the portal forms, ``ir.attachment`` created
    or moved onto one of the addon's records by anyone but the superuser (RPC, the web
    client's uploads, the chatter) and files posted in a message all come here.

    ``uploads`` is a list of ``(filename, content bytes)``, everything one request links.
    ``portal`` applies the partner agencies' rules; by default, when the user is not an
    internal user.

    - Partner agencies (portal users) may upload only PDF, DOCX, XLSX, PNG and JPEG.
    - For everyone, a file whose name says it is one of those must really be one: its
      content is read (``guess_mimetype``), never its name alone, so an HTML page or a
      program renamed ``.pdf`` is refused.
    - A Word or Excel file must be a readable zip package of that kind, and its unpacked
      content is bounded, so that a "zip bomb" never reaches whoever opens it.
    - Each file, and all the files of one request together, are bounded in size.
    """
    if portal is None:
        portal = not env.user._is_internal()
    file_limit = upload_limit(env, "file")
    request_limit = upload_limit(env, "request")
    total = 0
    for filename, content in uploads:
        content = as_bytes(content)
        name = filename or env._("This file")
        extension = os.path.splitext(filename or "")[1].lower()
        if portal and extension not in FILE_TYPES:
            raise UserError(
                env._(
                    "%(file)s cannot be uploaded: only %(types)s files are accepted.",
                    file=name,
                    types=", ".join(ext.lstrip(".").upper() for ext in ALLOWED_EXTENSIONS),
                )
            )
        if portal and not content:
            raise UserError(env._("%(file)s is empty.", file=name))
        if len(content) > file_limit:
            raise UserError(
                env._(
                    "%(file)s is %(size).1f MB: the limit is %(limit)d MB.",
                    file=name,
                    size=len(content) / MB,
                    limit=file_limit // MB,
                )
            )
        total += len(content)
        if extension in FILE_TYPES:
            _check_real_type(env, name, extension, content)
    if total > request_limit:
        raise UserError(
            env._(
                "These files come to %(size).1f MB together: the limit is %(limit)d MB at a "
                "time. Send them in several goes.",
                size=total / MB,
                limit=request_limit // MB,
            )
        )


def check_request_size(env, content_length):
    """Refuse, before any file of it is read, a form whose body is larger than the
    files of one request may be (with a margin for its text fields)."""
    request_limit = upload_limit(env, "request")
    if content_length > request_limit + MB:
        raise UserError(
            env._(
                "What you sent comes to %(size).1f MB: the limit is %(limit)d MB at a time, "
                "%(file_limit)d MB a file. Nothing was saved: send fewer or smaller files.",
                size=content_length / MB,
                limit=request_limit // MB,
                file_limit=upload_limit(env, "file") // MB,
            )
        )


def expected_mimetype(filename):
    """The mimetype a file of that name must have, or None for another extension."""
    extension = os.path.splitext(filename or "")[1].lower()
    return FILE_TYPES[extension][0] if extension in FILE_TYPES else None


def _check_real_type(env, name, extension, content):
    """Refuse a file whose content is not what its extension says."""
    expected, kind = FILE_TYPES[extension]
    if extension in OFFICE_PACKAGES:
        _check_office_package(env, name, extension, content, kind)
    # Odoo's guess_mimetype uses libmagic when it is installed, its own file signatures
    # otherwise: either recognising the type will do, so that the same file is accepted
    # on every server (libmagic wants "%PDF-1.x", Odoo "%PDF"; Odoo knows fewer JPEGs).
    real = guess_mimetype(content, default="application/octet-stream")
    if real != expected:
        real = _odoo_guess_mimetype(content)
    if real != expected and extension in OFFICE_PACKAGES:
        # The package's structure was just checked; libmagic reads only its first
        # bytes and may see a zip without telling which Office package it is.
        if real in ("application/zip", "application/octet-stream"):
            real = expected
    elif real == "application/octet-stream" and content.startswith(b"\xff\xd8\xff"):
        real = "image/jpeg"
    if real != expected:
        raise UserError(
            env._(
                "%(file)s is not really a %(kind)s (its content is of type %(real)s), whatever "
                "its name says: it cannot be uploaded. Save it as a %(kind)s and upload that.",
                file=name,
                kind=kind,
                real=real,
            )
        )


def _check_office_package(env, name, extension, content, kind):
    """A Word or Excel file is a zip package holding ``[Content_Types].xml`` and its
    own folder; the sum of its entries' unpacked sizes is bounded (nothing is unpacked
    to find out: the sizes are read from the package's directory)."""
    unreadable = env._(
        "%(file)s is not a readable %(kind)s: open it in Word or Excel, save it again and "
        "upload that.",
        file=name,
        kind=kind,
    )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            entries = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise UserError(unreadable) from error
    names = {entry.filename for entry in entries}
    folder = OFFICE_PACKAGES[extension]
    if "[Content_Types].xml" not in names or not any(n.startswith(folder) for n in names):
        raise UserError(unreadable)
    unpacked = sum(entry.file_size for entry in entries)
    unpacked_limit = upload_limit(env, "unpacked")
    if unpacked > unpacked_limit:
        raise UserError(
            env._(
                "%(file)s would unpack to %(size)d MB: a %(kind)s may unpack to %(limit)d MB "
                "at most. It cannot be uploaded.",
                file=name,
                size=unpacked // MB,
                kind=kind,
                limit=unpacked_limit // MB,
            )
        )


class ScrPortalUploadMixin(models.AbstractModel):
    """What partner agencies may change on their records from the portal.

    Portal users reach these records through record rules on their agency; they may
    write only ``_portal_writable_fields`` (their evidence, their submission). Workflow
    steps (submitting, completing, signing off) go through the statutory record's
    ``_write_workflow``, which checks the caller's own write access before changing the
    protected fields, so that a portal user can never set a state, a due date or another
    agency by hand.

    Files linked to these records pass :func:`check_uploads` however they come: uploaded
    here (``_attach_uploads``), created or moved onto the record (``ir.attachment``),
    or linked by their ``_portal_attachment_fields`` (``write``).
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
        linked = set(vals) & self._portal_attachment_fields
        if portal:
            self._check_portal_attachments(linked)
        if linked and not self.env.su:
            self._check_linked_files(linked)
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

    def _check_linked_files(self, field_names):
        """Files linked by a field that were never checked on their way in (they belong
        to no case review record: ``ir.attachment`` checks those that do) pass the
        upload rules now."""
        unchecked = self.env["ir.attachment"]
        for field_name in field_names:
            unchecked |= self.sudo()[field_name].filtered(
                lambda a: a.type == "binary" and not is_scr_model(self.env, a.res_model)
            )
        if unchecked:
            check_uploads(self.env, [(a.name, a.raw) for a in unchecked])

    def _attach_uploads(self, uploads):
        """Attach ``uploads`` (a list of ``(filename, content bytes)``) to this record,
        as the current user, after checking them (:func:`check_uploads`). Returns the
        attachments."""
        self.ensure_one()
        check_uploads(self.env, uploads, portal=True)
        vals_list = []
        for filename, content in uploads:
            vals = {
                "name": filename,
                "datas": base64.b64encode(content),
                "res_model": self._name,
                "res_id": self.id,
            }
            if mimetype := expected_mimetype(filename):
                vals["mimetype"] = mimetype
            vals_list.append(vals)
        return self.env["ir.attachment"].create(vals_list)
