import base64
import io
import re
import zipfile

from PIL import Image

from odoo import http
from odoo.tests import tagged

from .common_action import ScrActionCase
from .common_rpc import ScrRpcCase

MB = 1024 * 1024
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
# The first bytes of a Windows program: "MZ", then its DOS stub.
PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 50 + b"This program"


def pdf(text="evidence", size_mb=0):
    """A PDF's bytes, of about ``size_mb`` MB if given (in lines, as a PDF's are)."""
    padding = b"0" * 1023 + b"\n"
    return f"%PDF-1.4\n% {text}\n".encode() + padding * int(size_mb * 1024) + b"%%EOF\n"


def office(extension, unpacked_mb=0):
    """A small Word (``docx``) or Excel (``xlsx``) package; with ``unpacked_mb``, a
    "zip bomb": a part of that many MB of zeros, which deflate to almost nothing."""
    folder, part = {"docx": ("word", "document.xml"), "xlsx": ("xl", "workbook.xml")}[extension]
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        package.writestr(f"{folder}/{part}", '<?xml version="1.0"?><document/>')
        if unpacked_mb:
            with package.open(f"{folder}/media/padding.bin", "w") as padding:
                for _n in range(unpacked_mb):
                    padding.write(bytes(MB))
    return stream.getvalue()


def image(kind):
    stream = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(stream, format=kind)
    return stream.getvalue()


class ScrPortalHttpMixin:
    def login(self, user):
        login = self.users[user].login
        self.authenticate(login, login)

    def post(self, url, data, page, files=None):
        """POST ``data`` with the CSRF token of ``page``, as the browser form would."""
        token = CSRF.search(self.url_open(page).text).group(1)
        return self.url_open(url, data={**data, "csrf_token": token}, files=files)


@tagged("post_install", "-at_install")
class TestPortalUploads(ScrPortalHttpMixin, ScrRpcCase, ScrActionCase):
    """Issue 14, item 12: a file linked to a case review record is what it says it is,
    within the size limits, however it comes (the portal's forms, RPC, the chatter)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agree_plan()

    def update(self, files, note="Audit attached"):
        """Post a progress update with ``files`` on agency A's action, as its user does."""
        self.login("portal_a")
        url = f"/my/scr/actions/{self.action_a.id}"
        return self.post(f"{url}/update", {"note": note, "progress": "50"}, url, files=files)

    def assertNothingSaved(self):
        self.assertFalse(self.action_a.update_ids, "nothing of a refused update is saved")
        self.assertFalse(self.action_a.evidence_ids)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "scr.action"), ("res_id", "=", self.action_a.id)]
            )
        )

    # -- the portal's forms ---------------------------------------------------------
    def test_portal_refuses_files_that_are_not_what_their_name_says(self):
        for name, content, words in (
            ("audit.pdf", HTML_PAGE, "is not really a PDF document"),
            ("audit.pdf", PROGRAM, "is not really a PDF document"),
            ("photo.png", pdf(), "is not really a PNG image"),
            ("chronology.docx", b"PK\x03\x04 not a zip", "is not a readable Word document"),
            ("figures.xlsx", office("docx"), "is not a readable Excel workbook"),
        ):
            with self.subTest(name=name, content=content[:12]):
                response = self.update({"files": (name, content, "application/pdf")})
                self.assertEqual(response.status_code, 200)
                self.assertIn(words, response.text)
                self.assertNothingSaved()

    def test_portal_refuses_a_zip_bomb(self):
        response = self.update({"files": ("chronology.docx", office("docx", unpacked_mb=150), "")})
        self.assertIn("would unpack to 15", response.text)
        self.assertIn("at most", response.text)
        self.assertNothingSaved()

    def test_portal_limits_a_request_and_says_so(self):
        """Five files of 9.9 MB in one update: each is under the 10 MB limit, together
        they are over the request's. The agency reads why, on its own page; nothing of
        the update is kept."""
        big = pdf(size_mb=9.9)
        response = self.update(
            [("files", (f"part{n}.pdf", big, "application/pdf")) for n in range(5)]
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Request Entity Too Large", response.text)
        self.assertIn("the limit is 20 MB at a time, 10 MB a file", response.text)
        self.assertIn("o_scr_error", response.text)
        self.assertNothingSaved()
        # one file over the limit, in a request within it
        response = self.update({"files": ("scan.pdf", pdf(size_mb=10.5), "")})
        self.assertIn("scan.pdf is 10.5 MB: the limit is 10 MB", response.text)
        self.assertNothingSaved()

    def test_portal_says_the_limits_on_the_form(self):
        self.login("portal_a")
        page = self.url_open(f"/my/scr/actions/{self.action_a.id}").text
        self.assertRegex(page, r"up to\s+10 MB each and 20 MB in all")

    def test_portal_accepts_real_files_of_each_type(self):
        files = [
            ("files", ("audit.pdf", pdf(), "application/pdf")),
            ("files", ("minutes.docx", office("docx"), "")),
            ("files", ("figures.xlsx", office("xlsx"), "")),
            ("files", ("flag.png", image("PNG"), "image/png")),
            ("files", ("flag.jpg", image("JPEG"), "image/jpeg")),
        ]
        response = self.update(files)
        self.assertIn("Your update has been saved", response.text)
        self.assertEqual(
            dict(self.action_a.evidence_ids.mapped(lambda a: (a.name, a.mimetype))),
            {
                "audit.pdf": "application/pdf",
                "minutes.docx": (
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                ),
                "figures.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "flag.png": "image/png",
                "flag.jpg": "image/jpeg",
            },
        )

    # -- RPC ------------------------------------------------------------------------
    def attachment_vals(self, name, content, record=None):
        record = record or self.action_a
        return {
            "name": name,
            "datas": base64.b64encode(content).decode(),
            "res_model": record._name,
            "res_id": record.id,
            "mimetype": "application/pdf",
        }

    def test_rpc_create_is_checked_like_the_portal(self):
        portal = self.users["portal_a"]
        for vals, words in (
            (self.attachment_vals("audit.pdf", HTML_PAGE), "is not really a PDF document"),
            (self.attachment_vals("run.pdf", PROGRAM), "is not really a PDF document"),
            (self.attachment_vals("page.html", HTML_PAGE), "only PDF, DOCX"),
            (self.attachment_vals("bomb.docx", office("docx", 150)), "would unpack to"),
            (
                self.attachment_vals("chronology.pdf", HTML_PAGE, self.info_request),
                "is not really a PDF document",
            ),
        ):
            with self.subTest(name=vals["name"], model=vals["res_model"]):
                self.assertRefused(self.call_kw(portal, "ir.attachment", "create", [vals]), words)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "in", ("scr.action", "scr.info.request"))]
            )
        )
        # a real file goes through, with its real type whatever the client said
        vals = dict(self.attachment_vals("flag.png", image("PNG")), mimetype="text/html")
        result, error = self.call_kw(portal, "ir.attachment", "create", [vals])
        self.assertFalse(error)
        self.assertEqual(self.env["ir.attachment"].browse(result).mimetype, "image/png")

    def test_rpc_request_total_is_limited(self):
        """Files created in one call count together, as the portal's do."""
        self.env["ir.config_parameter"].set_param("odoo_scr.upload_file_max_mb", "1")
        self.env["ir.config_parameter"].set_param("odoo_scr.upload_request_max_mb", "2")
        part = pdf(size_mb=0.9)
        outcome = self.call_kw(
            self.users["portal_a"],
            "ir.attachment",
            "create",
            [[self.attachment_vals(f"part{n}.pdf", part) for n in range(3)]],
        )
        self.assertRefused(outcome, "the limit is 2 MB at a time")
        outcome = self.call_kw(
            self.users["portal_a"],
            "ir.attachment",
            "create",
            [self.attachment_vals("big.pdf", pdf(size_mb=1.1))],
        )
        self.assertRefused(outcome, "the limit is 1 MB")

    def test_rpc_files_are_linked_only_once_checked(self):
        """A file created on nothing and linked afterwards never escapes the checks:
        agencies link only files of the record itself, and a file moved onto a record
        is checked like one created there."""
        portal = self.users["portal_a"]
        loose, error = self.call_kw(
            portal,
            "ir.attachment",
            "create",
            [{"name": "audit.pdf", "datas": base64.b64encode(HTML_PAGE).decode()}],
        )
        self.assertFalse(error)
        self.assertRefused(
            self.call_kw(
                portal, "scr.action", "write", [[self.action_a.id], {"evidence_ids": [(4, loose)]}]
            ),
            "Only files uploaded to",
        )
        self.assertRefused(
            self.call_kw(
                portal,
                "ir.attachment",
                "write",
                [[loose], {"res_model": "scr.action", "res_id": self.action_a.id}],
            )
        )
        coordinator = self.users["coordinator"]
        stray, error = self.call_kw(
            coordinator,
            "ir.attachment",
            "create",
            [{"name": "minutes.pdf", "datas": base64.b64encode(HTML_PAGE).decode()}],
        )
        self.assertFalse(error)
        self.assertRefused(
            self.call_kw(
                coordinator,
                "ir.attachment",
                "write",
                [[stray], {"res_model": "scr.incident", "res_id": self.incident.id}],
            ),
            "is not really a PDF document",
        )
        self.assertRefused(
            self.call_kw(
                coordinator,
                "scr.action",
                "write",
                [[self.action_a.id], {"evidence_ids": [(4, stray)]}],
            ),
            "is not really a PDF document",
        )
        self.assertFalse(self.action_a.evidence_ids)

    def test_rpc_staff_files_are_checked_too(self):
        """The partnership's staff may file other types (an e-mail, a text note) on
        their records, but a file that claims to be a PDF, Word, Excel or image file
        must be one, and the size limits hold for everyone but the superuser."""
        coordinator = self.users["coordinator"]
        self.assertRefused(
            self.call_kw(
                coordinator,
                "ir.attachment",
                "create",
                [self.attachment_vals("report.pdf", HTML_PAGE, self.incident)],
            ),
            "is not really a PDF document",
        )
        note, error = self.call_kw(
            coordinator,
            "ir.attachment",
            "create",
            [self.attachment_vals("call-notes.txt", b"Rang the school at 10:00", self.incident)],
        )
        self.assertFalse(error)
        self.assertTrue(note)

    # -- the chatter ----------------------------------------------------------------
    def test_chatter_files_are_checked(self):
        portal = self.users["portal_a"]
        outcome = self.call_kw(
            portal,
            "scr.action",
            "message_post",
            [[self.action_a.id]],
            {"body": "See attached", "attachments": [["audit.pdf", HTML_PAGE.decode()]]},
        )
        self.assertRefused(outcome, "is not really a PDF document")
        self.login("portal_a")
        response = self.url_open(
            "/mail/attachment/upload",
            data={
                "thread_id": str(self.action_a.id),
                "thread_model": "scr.action",
                "csrf_token": http.Request.csrf_token(self),
            },
            files={"ufile": ("audit.pdf", HTML_PAGE, "application/pdf")},
        )
        self.assertNotEqual(response.status_code, 200, response.text[:300])
        self.assertNothingSaved()
        self.assertFalse(self.action_a.message_ids.attachment_ids)
