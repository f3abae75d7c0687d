from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..statutory_day import statutory_today
from .common_action import ScrActionCase


@tagged("post_install", "-at_install")
class TestActionLifecycle(ScrActionCase):
    """Bad input, senior sign-off per agency, delivery, verification and cancellation."""

    def test_bad_input(self):
        with (
            self.assertRaisesRegex(ValidationError, "before review .* was initiated"),
            self.cr.savepoint(),
        ):
            self.new_action(self.agency_a, due_date="2026-02-01")
        outsider = self.env["res.partner"].create({"name": "Outside Agency", "is_company": True})
        with (
            self.assertRaisesRegex(ValidationError, "not one of the organisations"),
            self.cr.savepoint(),
        ):
            self.new_action(outsider)
        with self.assertRaisesRegex(ValidationError, "does not work for"), self.cr.savepoint():
            self.new_action(self.agency_a, owner_id=self.contact_b.id)
        other_review = self.new_review(agency_ids=[(6, 0, [self.agency_a.id])])
        with (
            self.assertRaisesRegex(ValidationError, "is not a recommendation of"),
            self.cr.savepoint(),
        ):
            self.new_action(self.agency_a, review_id=other_review.id)
        with (
            self.assertRaisesRegex(ValidationError, "Say which recommendation"),
            self.cr.savepoint(),
        ):
            self.new_action(self.agency_a, recommendation_id=False, review_id=self.review.id)

    def test_action_with_the_recommendation_as_text(self):
        action = self.env["scr.action"].create(
            {
                "review_id": self.review.id,
                "recommendation": "Schools record every missed appointment.",
                "agency_id": self.agency_b.id,
                "name": "Probation: record missed appointments",
                "success_criteria": "Audit",
                "due_date": "2026-10-01",
            }
        )
        self.assertEqual(action.company_id, self.company)
        self.assertEqual(action.child_alias, "Child M")
        self.assertIn(action, self.review.action_ids)

    def test_sign_off_by_someone_else_is_refused(self):
        self.contact_b.scr_senior_officer = False
        with self.assertRaisesRegex(UserError, "not a senior officer of Testshire Probation"):
            self.action_b._sign_off(self.contact_b)
        with self.assertRaisesRegex(UserError, "not a senior officer of Testshire Police"):
            self.action_a._sign_off(self.contact_b)
        self.assertFalse((self.action_a | self.action_b).signed_by_id)

    def test_plan_agreed_only_when_every_agency_signed(self):
        self.assertEqual(self.review.action_plan_state, "awaiting_sign_off")
        self.action_a._sign_off(self.contact_a)
        self.assertEqual(self.action_a.signed_by_id, self.contact_a)
        self.assertTrue(self.action_a.signed_date)
        self.assertEqual((self.action_a | self.action_b).mapped("state"), ["draft", "draft"])
        self.action_b._sign_off(self.contact_b)
        self.assertEqual((self.action_a | self.action_b).mapped("state"), ["agreed", "agreed"])
        self.review.invalidate_recordset()
        self.assertEqual(self.review.action_plan_state, "agreed")
        self.assertIn("Action plan agreed", self.review.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "agreed: you cannot sign it off"):
            self.action_a._sign_off(self.contact_a)

    def test_completion_needs_update_and_evidence_then_verification(self):
        self.agree_plan()
        action = self.action_a
        with self.assertRaisesRegex(UserError, "Post a progress update"):
            action.action_complete()
        self.env["scr.action.update"].create(
            {"action_id": action.id, "note": "Policy drafted", "progress": 60}
        )
        self.assertEqual((action.state, action.progress), ("in_progress", 60))
        with self.assertRaisesRegex(UserError, "Attach evidence"):
            action.action_complete()
        action.evidence_ids = action._attach_uploads([("policy.pdf", b"%PDF-1.4")])
        action.action_complete()
        self.assertEqual((action.state, action.progress), ("completed", 100))
        action.with_user(self.users["coordinator"]).action_verify()
        self.assertEqual(action.state, "verified")
        self.assertEqual(action.verified_by_id, self.users["coordinator"])

    def test_cancel_needs_reason_and_actions_are_kept(self):
        with self.assertRaisesRegex(UserError, "Give the reason"):
            self.action_a.action_cancel()
        self.action_a.cancel_reason = "Superseded by the regional protocol"
        self.action_a.action_cancel()
        self.assertEqual(self.action_a.state, "cancelled")
        with self.assertRaises(AccessError):
            self.action_b.with_user(self.users["coordinator"]).unlink()

    def test_upload_limits(self):
        """What a partner agency may upload (the partnership's own staff upload any type)."""
        action = self.action_a.with_user(self.users["portal_a"])
        with self.assertRaisesRegex(UserError, "only PDF, DOCX, XLSX, PNG, JPG, JPEG"):
            action._attach_uploads([("run.exe", b"MZ")])
        with self.assertRaisesRegex(UserError, "the limit is 10 MB"):
            action._attach_uploads([("big.pdf", b"x" * (10 * 1024 * 1024 + 1))])
        self.assertFalse(self.action_a.evidence_ids)

    def test_sign_off_request_mails_each_agency_once(self):
        self.new_action(self.agency_a, name="Police: second action")
        self.action_b._sign_off(self.contact_b)
        self.review.with_user(self.users["coordinator"]).action_request_sign_off()
        mails = self.env["mail.mail"].search(
            [("model", "=", "scr.action"), ("subject", "ilike", "awaits your sign-off")]
        )
        self.assertEqual(mails.mapped("email_to"), ["police@test.example"])
        self.assertIn("Testshire Police", self.review.message_ids[0].body)
        self.action_a.search([("agency_id", "=", self.agency_a.id)])._sign_off(self.contact_a)
        with self.assertRaisesRegex(UserError, "already signed"):
            self.review.action_request_sign_off()

    def test_updates_only_on_open_actions_by_their_author(self):
        with self.assertRaisesRegex(UserError, "is not open"):
            self.env["scr.action.update"].create({"action_id": self.action_a.id, "note": "Early"})
        self.agree_plan()
        update = (
            self.env["scr.action.update"]
            .with_user(self.users["portal_a"])
            .create({"action_id": self.action_a.id, "note": "Done", "author_id": self.contact_b.id})
        )
        self.assertEqual(update.author_id, self.contact_a)

    def test_overdue_search(self):
        self.agree_plan()
        self.action_a.due_date = statutory_today() - timedelta(days=1)
        self.action_b.due_date = statutory_today()
        Action = self.env["scr.action"]
        review_domain = [("review_id", "=", self.review.id)]
        self.assertEqual(Action.search([*review_domain, ("is_overdue", "=", True)]), self.action_a)
        self.assertEqual(Action.search([*review_domain, ("is_overdue", "=", False)]), self.action_b)
        self.assertEqual(Action.search([*review_domain, ("is_overdue", "!=", True)]), self.action_b)

    def test_progress_per_agency(self):
        self.agree_plan()
        second = self.new_action(self.agency_a, name="Police: audit")
        second.state = "agreed"
        Update = self.env["scr.action.update"]
        Update.create({"action_id": self.action_a.id, "note": "Half way", "progress": 50})
        Update.create({"action_id": second.id, "note": "Started", "progress": 10})
        groups = self.env["scr.action"].formatted_read_group(
            [("review_id", "=", self.review.id)], ["agency_id"], ["progress:avg"]
        )
        progress = {group["agency_id"][1]: group["progress:avg"] for group in groups}
        self.assertEqual(progress, {"Testshire Police": 30, "Testshire Probation": 0})
        self.review.invalidate_recordset()
        self.assertEqual(
            self.review.action_progress_summary.splitlines(),
            ["Testshire Police: 30% (2)", "Testshire Probation: 0% (1)"],
        )
