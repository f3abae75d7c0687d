import errno
import os
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

BASE_MODULE = "odoo.addons.base.models.ir_attachment"


@tagged("post_install", "-at_install")
class TestAttachmentDiskFull(TransactionCase):
    """A full filestore: the upload is refused in words, no row is created, and the part
    of the file already written is removed, so that the same content uploaded again is
    stored whole (issue 19, fault 5)."""

    def test_full_disk_refused_and_partial_file_removed(self):
        Attachment = self.env["ir.attachment"]
        content = b"%PDF-1.4\n" + os.urandom(4096)
        checksum = Attachment._compute_checksum(content)
        full_path = Attachment._get_path(content, checksum)[1]
        self.assertFalse(os.path.exists(full_path))
        real_open = open

        def full_disk_open(path, mode="r", *args, **kwargs):
            handle = real_open(path, mode, *args, **kwargs)
            if path == full_path and "w" in mode:
                handle.write(content[:1000])
                handle.close()
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)
            return handle

        before = Attachment.search_count([("checksum", "=", checksum)])
        # The server logs the full disk for its administrators; the test expects it.
        with (
            patch(f"{BASE_MODULE}.open", full_disk_open, create=True),
            mute_logger("odoo.addons.odoo_scr.models.ir_attachment"),
        ):
            with self.assertRaisesRegex(UserError, "could not be stored"):
                with self.env.cr.savepoint():
                    Attachment.create({"name": "evidence.pdf", "raw": content})
        self.assertFalse(os.path.exists(full_path), "the cut-short file was left behind")
        self.assertEqual(Attachment.search_count([("checksum", "=", checksum)]), before)
        # Room again: the same content is stored whole.
        attachment = Attachment.create({"name": "evidence.pdf", "raw": content})
        self.assertEqual(attachment.raw, content)
        with real_open(full_path, "rb") as stored:
            self.assertEqual(stored.read(), content)
