from odoo.tests import tagged

from .common_action import ScrActionCase
from .common_rpc import ScrRpcCase
from .test_portal_uploads import pdf


@tagged("post_install", "-at_install")
class TestPortalFollowers(ScrRpcCase, ScrActionCase):
    """Issue 14, item 10: partner agencies never choose who follows a record (followers
    get its messages by e-mail), and the partnership's internal notes keep their files
    to its staff."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agree_plan()
        cls.portal = cls.users["portal_a"]
        cls.outsider = cls.env["res.partner"].create(
            {"name": "Someone at another organisation", "email": "someone@elsewhere.example"}
        )

    def followers(self, record):
        return record.message_follower_ids.partner_id

    def test_portal_cannot_add_followers(self):
        for record in (self.action_a, self.info_request):
            for partner in (self.contact_b, self.outsider):
                with self.subTest(record=record._name, partner=partner.name):
                    outcome = self.call_kw(
                        self.portal,
                        record._name,
                        "message_subscribe",
                        [[record.id]],
                        {"partner_ids": [partner.id]},
                    )
                    self.assertRefused(outcome, "cannot choose who follows")
                    self.assertNotIn(partner, self.followers(record))

    def test_portal_cannot_subscribe_recipients_of_a_message(self):
        """``message_post`` subscribes its recipients when the context asks: a context a
        client can send, so the refusal cannot depend on it."""
        outcome = self.call_kw(
            self.portal,
            "scr.action",
            "message_post",
            [[self.action_a.id]],
            {
                "body": "For information",
                "partner_ids": [self.outsider.id],
                "context": {"mail_post_autofollow": True},
            },
        )
        self.assertRefused(outcome, "cannot choose who follows")
        self.assertNotIn(self.outsider, self.followers(self.action_a))

    def test_portal_cannot_remove_followers(self):
        self.action_a.message_subscribe(partner_ids=[self.outsider.id])
        outcome = self.call_kw(
            self.portal,
            "scr.action",
            "message_unsubscribe",
            [[self.action_a.id]],
            {"partner_ids": [self.outsider.id]},
        )
        self.assertRefused(outcome, "cannot choose who follows")
        self.assertIn(self.outsider, self.followers(self.action_a))

    def test_portal_has_no_access_to_followers_themselves(self):
        outcome = self.call_kw(
            self.portal,
            "mail.followers",
            "create",
            [
                {
                    "res_model": "scr.action",
                    "res_id": self.action_a.id,
                    "partner_id": self.outsider.id,
                }
            ],
        )
        self.assertRefused(outcome)
        self.assertEqual(outcome[1]["name"], "odoo.exceptions.AccessError")
        outcome = self.call_kw(
            self.portal,
            "scr.action",
            "write",
            [
                [self.action_a.id],
                {"message_follower_ids": [(0, 0, {"partner_id": self.outsider.id})]},
            ],
        )
        self.assertRefused(outcome)
        self.assertNotIn(self.outsider, self.followers(self.action_a))

    def test_portal_follows_for_themselves_and_staff_choose_followers(self):
        contact = self.portal.partner_id
        for method in ("message_subscribe", "message_unsubscribe"):
            _result, error = self.call_kw(
                self.portal,
                "scr.action",
                method,
                [[self.action_a.id]],
                {"partner_ids": [contact.id]},
            )
            self.assertFalse(error, error)
        self.assertNotIn(contact, self.followers(self.action_a))
        _result, error = self.call_kw(
            self.users["coordinator"],
            "scr.action",
            "message_subscribe",
            [[self.action_a.id]],
            {"partner_ids": [self.outsider.id]},
        )
        self.assertFalse(error, error)
        self.assertIn(self.outsider, self.followers(self.action_a))

    # -- internal notes' attachments ------------------------------------------------
    def post(self, subtype, name):
        message = self.action_a.with_user(self.users["coordinator"]).message_post(
            body=f"Posted with {name}",
            message_type="comment",
            subtype_xmlid=subtype,
            attachments=[(name, pdf(name))],
        )
        return message.attachment_ids

    def test_internal_notes_files_stay_internal(self):
        note_file = self.post("mail.mt_note", "strategy-meeting-minutes.pdf")
        public_file = self.post("mail.mt_comment", "agreed-timetable.pdf")
        evidence = self.action_a.with_user(self.portal)._attach_uploads([("audit.pdf", pdf())])
        self.action_a.with_user(self.portal).evidence_ids = [(4, evidence.id)]
        self.assertEqual((note_file.res_model, note_file.res_id), ("scr.action", self.action_a.id))
        self.authenticate(self.portal.login, self.portal.login)
        response = self.url_open(f"/web/content/{note_file.id}?download=true")
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn("strategy-meeting-minutes", response.text)
        for readable in (public_file, evidence):
            with self.subTest(file=readable.name):
                response = self.url_open(f"/web/content/{readable.id}?download=true")
                self.assertEqual(response.status_code, 200)
                self.assertTrue(response.content.startswith(b"%PDF"))
        # nor through RPC: neither found nor read
        result, error = self.call_kw(
            self.portal,
            "ir.attachment",
            "search_read",
            [[("res_model", "=", "scr.action"), ("res_id", "=", self.action_a.id)]],
            {"fields": ["name"]},
        )
        self.assertFalse(error, error)
        self.assertEqual(
            sorted(row["name"] for row in result), ["agreed-timetable.pdf", "audit.pdf"]
        )
        outcome = self.call_kw(self.portal, "ir.attachment", "read", [[note_file.id], ["datas"]])
        self.assertRefused(outcome)
        self.assertEqual(outcome[1]["name"], "odoo.exceptions.AccessError")
        # the partnership's staff still open it
        self.authenticate(self.users["coordinator"].login, self.users["coordinator"].login)
        self.assertEqual(self.url_open(f"/web/content/{note_file.id}").status_code, 200)
        # and the agency's action page still lists its evidence
        self.authenticate(self.portal.login, self.portal.login)
        page = self.url_open(f"/my/scr/actions/{self.action_a.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("audit.pdf", page.text)
