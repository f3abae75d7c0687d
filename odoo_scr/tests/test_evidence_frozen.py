from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_action import ScrActionCase
from .common_rpc import ScrRpcCase


@tagged("post_install", "-at_install")
class TestEvidenceFrozen(ScrRpcCase, ScrActionCase):
    """Issue 14, item 7: what was verified or accepted is frozen. The agency's evidence
    and submission change only while the action or the request is open to it."""

    def _verified_action(self):
        self.agree_plan()
        action = self.action_a
        self.env["scr.action.update"].create(
            {"action_id": action.id, "note": "Flag live", "progress": 100}
        )
        action.evidence_ids = action._attach_uploads([("audit.pdf", b"%PDF-1.4 audit")])
        action.with_user(self.users["portal_a"]).action_complete()
        return action

    def _accepted_request(self):
        request = self.info_request
        request.attachment_ids = request._attach_uploads([("chronology.pdf", b"%PDF-1.4")])
        request.with_user(self.users["portal_a"]).action_submit()
        return request

    def test_portal_cannot_empty_the_evidence_of_a_verified_action(self):
        action = self._verified_action()
        action.with_user(self.users["coordinator"]).action_verify()
        evidence = action.evidence_ids
        for command in ([(5, 0, 0)], [(3, evidence.id)], [(6, 0, [])]):
            with self.subTest(command=command):
                self.assertRefused(
                    self.call_kw(
                        self.users["portal_a"],
                        "scr.action",
                        "write",
                        [action.ids, {"evidence_ids": command}],
                    ),
                    "verified",
                )
        self.assertRefused(
            self.call_kw(
                self.users["coordinator"],
                "scr.action",
                "write",
                [action.ids, {"evidence_ids": [(5, 0, 0)], "success_criteria": "Anything"}],
            ),
            "verified",
        )
        action.invalidate_recordset()
        self.assertEqual(action.evidence_ids, evidence)
        self.assertEqual(action.success_criteria, "Audit shows it is done")
        # The impact is still assessed afterwards.
        result, error = self.call_kw(
            self.users["portal_a"],
            "scr.action",
            "write",
            [action.ids, {"impact_level": "some", "impact_note": "Fewer missed appointments"}],
        )
        self.assertTrue(result, error)

    def test_evidence_is_frozen_from_completion_until_reopened(self):
        action = self._verified_action()
        portal_action = action.with_user(self.users["portal_a"])
        with self.assertRaisesRegex(UserError, "completed"):
            portal_action.evidence_ids = [(5, 0, 0)]
        with self.assertRaisesRegex(UserError, "completed"):
            action.with_user(self.users["coordinator"]).evidence_ids = [(5, 0, 0)]
        action.with_user(self.users["coordinator"]).action_reopen()
        portal_action.evidence_ids = [
            (4, a.id) for a in portal_action._attach_uploads([("more.pdf", b"%PDF-1.4 more")])
        ]
        self.assertEqual(len(action.evidence_ids), 2)

    def test_portal_cannot_empty_an_accepted_submission(self):
        request = self._accepted_request()
        request.with_user(self.users["coordinator"]).action_accept()
        submission = request.attachment_ids
        self.assertRefused(
            self.call_kw(
                self.users["portal_a"],
                "scr.info.request",
                "write",
                [request.ids, {"attachment_ids": [(5, 0, 0)]}],
            ),
            "accepted",
        )
        request.invalidate_recordset()
        self.assertEqual(request.attachment_ids, submission)

    def test_submission_is_frozen_while_submitted_and_open_again_when_returned(self):
        request = self._accepted_request()
        portal_request = request.with_user(self.users["portal_a"])
        with self.assertRaisesRegex(UserError, "submitted"):
            portal_request.attachment_ids = [(5, 0, 0)]
        request.return_reason = "The 2025 contacts are missing"
        request.with_user(self.users["coordinator"]).action_return()
        portal_request.attachment_ids = [
            (4, a.id) for a in portal_request._attach_uploads([("2025.pdf", b"%PDF-1.4 2025")])
        ]
        self.assertEqual(len(request.attachment_ids), 2)

    def test_the_agency_never_verifies_accepts_or_cancels_its_own(self):
        action = self._verified_action()
        for method in ("action_verify", "action_reopen"):
            with self.subTest(method=method):
                self.assertRefused(
                    self.call_kw(self.users["portal_a"], "scr.action", method, [action.ids]),
                    "Only the partnership",
                )
        self.action_b.cancel_reason = "Superseded"
        with self.assertRaises(AccessError):
            self.action_b.with_user(self.users["portal_b"]).action_cancel()
        request = self._accepted_request()
        self.assertRefused(
            self.call_kw(
                self.users["portal_a"], "scr.info.request", "action_accept", [request.ids]
            ),
            "Only the partnership",
        )
        self.assertEqual((action.state, request.state), ("completed", "submitted"))

    def test_the_files_themselves_are_neither_deleted_nor_rewritten(self):
        """Emptying the field is refused; so is deleting or rewriting the file itself."""
        action = self._verified_action()
        action.with_user(self.users["coordinator"]).action_verify()
        evidence = action.evidence_ids
        request = self._accepted_request()
        submission = request.attachment_ids
        for role in ("coordinator", "portal_a"):
            for attachment in (evidence, submission):
                with self.subTest(role=role, file=attachment.name):
                    self.assertRefused(
                        self.call_kw(self.users[role], "ir.attachment", "unlink", [attachment.ids])
                    )
                    self.assertRefused(
                        self.call_kw(
                            self.users[role],
                            "ir.attachment",
                            "write",
                            [attachment.ids, {"raw": "%PDF-1.4 another"}],
                        )
                    )
        self.assertTrue(evidence.exists() and submission.exists())
        self.assertEqual(evidence.raw, b"%PDF-1.4 audit")
