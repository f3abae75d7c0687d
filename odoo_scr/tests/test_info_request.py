from unittest.mock import patch

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..statutory_day import statutory_today
from .common_review import ScrReviewCase

# Escalating one batch of overdue requests, whatever its size.
ESCALATION_QUERIES = 9


@tagged("post_install", "-at_install")
class TestInfoRequest(ScrReviewCase):
    """s14B requests: notice by e-mail, bad input, submission, overdue escalation."""

    def test_notice_is_emailed_to_the_agency(self):
        mail = self.env["mail.mail"].search(
            [("model", "=", "scr.info.request"), ("res_id", "=", self.info_request.id)]
        )
        recipients = [mail.email_to, *mail.recipient_ids.mapped("email")]
        self.assertIn("police@test.example", recipients)
        self.assertIn("section 14B", mail.body_html)
        self.assertIn("Child M", mail.body_html)
        self.assertNotIn("Secret Name", mail.body_html)
        self.assertTrue(self.info_request.name.startswith("S14B-"))

    def test_bad_input(self):
        with (
            self.assertRaisesRegex(ValidationError, "before it was requested"),
            self.cr.savepoint(),
        ):
            self.new_info_request(due_date="2026-02-01")
        with (
            self.assertRaisesRegex(ValidationError, "not one of the organisations"),
            self.cr.savepoint(),
        ):
            self.new_info_request(agency_id=self.agency_b.id)

    def test_submission_lifecycle(self):
        request = self.info_request
        with self.assertRaisesRegex(UserError, "Attach the chronology"):
            request.action_submit()
        attachment = self.env["ir.attachment"].create(
            {"name": "chronology.pdf", "raw": b"%PDF-1.4"}
        )
        request.attachment_ids = attachment
        request.action_submit()
        self.assertEqual((request.state, request.date_submitted), ("submitted", statutory_today()))
        with self.assertRaisesRegex(UserError, "Say what is missing"):
            request.action_return()
        request.return_reason = "The 2025 contacts are missing"
        request.action_return()
        request.action_submit()
        request.action_accept()
        self.assertEqual(request.state, "accepted")
        with self.assertRaisesRegex(UserError, "accepted: you cannot accept it"):
            request.action_accept()

    def _overdue(self, size):
        requests = self.env["scr.info.request"]
        for _n in range(size):
            requests |= self.new_info_request(date_requested="2026-01-05", due_date="2026-01-20")
        self.env.flush_all()
        self.env.invalidate_all()
        return requests

    def test_escalation_cron(self):
        requests = self._overdue(2)
        Request = self.env["scr.info.request"]
        with patch.object(type(self.env["ir.cron"]), "_commit_progress", return_value=60.0):
            Request._cron_escalate_overdue()
        self.assertTrue(all(requests.mapped("escalated")))
        self.assertEqual(requests.activity_ids.user_id, self.review.user_id)
        self.assertFalse(Request.search(Request._overdue_domain()))

    def test_escalation_query_count_does_not_grow(self):
        self._overdue(1)._escalate_overdue()  # warm the registry caches
        for size in (3, 30):
            batch = self._overdue(size)
            with self.assertQueryCount(ESCALATION_QUERIES):
                batch._escalate_overdue()
                self.env.flush_all()
