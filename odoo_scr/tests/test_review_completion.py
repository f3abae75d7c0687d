from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common_review import ScrReviewCase


@tagged("post_install", "-at_install")
class TestReviewCompletion(ScrReviewCase):
    """Six months to complete, extensions with reasons, stages and their prerequisites."""

    def test_reference_by_type(self):
        self.assertTrue(self.review.name.startswith("LCSPR-"))
        self.assertTrue(self.new_review(review_type="scr").name.startswith("SCR-"))
        self.assertTrue(self.new_review(review_type="alr").name.startswith("ALR-"))

    def test_completion_due_in_six_months_both_regimes(self):
        self.assertEqual(self.review.completion_due_date, date(2026, 8, 2))
        review = self.new_review(date_initiated="2026-08-31")
        self.assertEqual(review.completion_due_date, date(2027, 2, 28))
        self.incident.regime = "wt2015"
        review.date_initiated = "2027-08-31"
        self.assertEqual(review.regime, "wt2015")
        self.assertEqual(review.completion_due_date, date(2028, 2, 29))
        activity = review.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("odoo_scr.mail_activity_type_scr_review_completion")
            )
        )
        self.assertEqual(activity.date_deadline, date(2028, 2, 29))

    def test_extension_needs_a_reason_and_a_later_date(self):
        Extension = self.env["scr.review.extension"]
        with self.assertRaises(ValidationError), self.cr.savepoint():
            Extension.create(
                {"review_id": self.review.id, "new_due_date": "2026-10-30", "reason": " "}
            )
        with (
            self.assertRaisesRegex(ValidationError, "must be after 2026-08-02"),
            self.cr.savepoint(),
        ):
            Extension.create(
                {"review_id": self.review.id, "new_due_date": "2026-07-30", "reason": "Trial"}
            )
        Extension.create(
            {
                "review_id": self.review.id,
                "new_due_date": "2026-11-30",
                "reason": "Criminal trial listed for October",
            }
        )
        self.assertEqual(self.review.completion_due_date, date(2026, 11, 30))
        self.assertEqual(self.review.statutory_completion_date, date(2026, 8, 2))
        self.assertIn("Criminal trial", self.review.message_ids[0].body)
        activity = self.review.activity_ids.filtered(lambda a: a.summary == "Complete the review")
        self.assertEqual(activity.date_deadline, date(2026, 11, 30))

    def test_completion_before_initiation_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "before it was initiated"):
            self.review.date_completed = "2026-01-15"

    def test_stages(self):
        review = self.new_review(agency_ids=[(6, 0, [self.agency_b.id])])
        with self.assertRaisesRegex(UserError, "Appoint a lead reviewer"):
            review.action_next_stage()
        self.env["scr.review.appointment"].create(
            {"review_id": review.id, "reviewer_id": self.reviewer.id, "role": "lead"}
        )
        review.write({"criminal_investigation": True, "family_involvement": "Meet the mother"})
        with self.assertRaisesRegex(UserError, "police's agreement"):
            review.action_next_stage()
        review.police_agreement = True
        for stage in ("in_progress", "draft_report", "final_report"):
            review.action_next_stage()
            self.assertEqual(review.state, stage)
        self.assertTrue(review.date_completed)

    def test_archived_never_deleted(self):
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            self.review.with_user(self.users["coordinator"]).unlink()
        self.review.action_archive()
        self.assertTrue(self.review.exists())
