from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import format_date

from ..statutory_day import statutory_today
from .common_publication import ScrPublicationCase
from .common_rpc import ScrRpcCase

COMPLETION = "odoo_scr.mail_activity_type_scr_review_completion"
PRE_PUBLICATION = "odoo_scr.mail_activity_type_scr_pre_publication"
RETENTION = "odoo_scr.mail_activity_type_scr_publication_retention"


@tagged("post_install", "-at_install")
class TestReviewSteps(ScrPublicationCase):
    """A review's steps are explicit, each from its own stage, and each leaves the
    coordinator's activities in line with the stage it reaches (issue 16 item 4)."""

    def _open(self, review, xmlid):
        return review.activity_ids.filtered(lambda a: a.activity_type_id == self.env.ref(xmlid))

    def _done(self, review, xmlid):
        return (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", review._name),
                    ("res_id", "=", review.id),
                    ("mail_activity_type_id", "=", self.env.ref(xmlid).id),
                ]
            )
        )

    def test_each_step_only_from_its_stage(self):
        review = self.review.with_user(self.users["coordinator"])
        for step in ("action_draft_report", "action_final_report", "action_await_publication"):
            with self.subTest(step=step), self.assertRaisesRegex(UserError, "is scoping"):
                getattr(review, step)()
        with self.assertRaisesRegex(UserError, "is not awaiting publication"):
            review.action_publish()
        review.action_start()
        self.assertEqual(review.state, "in_progress")
        with self.assertRaisesRegex(UserError, "is in progress"):
            review.action_start()

    def test_final_report_does_the_completion_activity(self):
        review = self.review.with_user(self.users["coordinator"])
        self.assertTrue(self._open(review, COMPLETION))
        review.action_start()
        review.action_draft_report()
        self.assertTrue(self._open(review, COMPLETION), "still to complete at the draft")
        review.action_final_report()
        self.assertEqual(review.date_completed, statutory_today())
        self.assertFalse(self._open(review, COMPLETION))
        self.assertTrue(self._done(review, COMPLETION), "marked done, not deleted")
        self.assertEqual(review.contributor_ids.agency_id, self.agency_a)

    def test_after_publication_only_the_retention_reminder_is_open(self):
        """Issue 16 item 4: "Complete the review" and the notices' activity are gone once
        the review is published; what is left is the reminder of the retention date."""
        review = self._to_awaiting_publication(self.review).with_user(self.users["coordinator"])
        self.assertTrue(self._open(review, PRE_PUBLICATION))
        self._confirm_contributors(review)
        self._send_notices(review)
        self.assertFalse(self._open(review, PRE_PUBLICATION))
        self._sign_off(review)
        review.action_publish()
        self.assertEqual(review.state, "published")
        self.assertEqual(
            review.activity_ids.activity_type_id, self.env.ref(RETENTION), "nothing else is open"
        )
        self.assertFalse(
            review.activity_ids.filtered(lambda a: a.summary == "Complete the review"),
        )
        review.action_close()
        self.assertEqual(review.state, "closed")
        self.assertEqual(review.activity_ids.activity_type_id, self.env.ref(RETENTION))

    def test_decision_not_to_publish_leaves_nothing_to_send(self):
        # Under WT2015 nothing goes to the statutory bodies when the partnership decides not
        # to publish: closing leaves no activity behind.
        self.incident.regime = "wt2015"
        review = self._to_awaiting_publication(self.review)
        review.no_publication_reasons = "The family asked; the Panel agreed."
        review.with_user(self.users["chair"]).action_decide_not_to_publish()
        self.assertEqual(review.state, "closed")
        self.assertFalse(review.activity_ids)

    def test_summary_dates_in_the_assignee_language(self):
        """Summaries name dates as their assignee reads them, never in ISO."""
        review = self._to_awaiting_publication(self.review)
        coordinator = self.users["coordinator"]
        review.user_id = coordinator
        activity = self._open(review, PRE_PUBLICATION)
        due = review.pre_publication_due_date
        self.assertIn(format_date(self.env, due, lang_code=coordinator.lang), activity.summary)
        self.assertNotIn(due.isoformat(), activity.summary)

    def test_moving_the_publication_date_moves_the_activity(self):
        review = self._to_awaiting_publication(self.review)
        review.publication_date = date(2027, 6, 30)
        activity = self._open(review, PRE_PUBLICATION)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, review.pre_publication_due_date)

    def test_reviewer_cannot_take_a_step(self):
        review = self.review.with_user(self.users["reviewer"])
        with self.assertRaisesRegex(AccessError, "moves .* on"):
            review.action_start()
        self.assertEqual(self.review.state, "scoping")


@tagged("post_install", "-at_install")
class TestReviewStepsRpc(ScrRpcCase, ScrPublicationCase):
    """The steps refused to whoever may not take them, as a client sends them, and the
    activities kept whatever context a client sends."""

    def test_only_the_partnership_takes_a_step(self):
        for login in ("reviewer", "portal_a"):
            for step in ("action_start", "action_next_stage", "action_publish", "action_close"):
                with self.subTest(login=login, step=step):
                    self.assertRefused(
                        self.call_kw(self.users[login], "scr.review", step, [self.review.ids])
                    )
        self.assertEqual(self.review.state, "scoping")

    def test_a_client_context_does_not_duplicate_activities(self):
        """mail's activity helpers skip their work under mail_activity_automation_skip; the
        review's activities are searched regardless, so a client sending it gets one."""
        coordinator = self.users["coordinator"]
        for day in ("2026-09-30", "2026-10-30"):
            _result, error = self.call_kw(
                coordinator,
                "scr.review",
                "write",
                [self.review.ids, {"date_initiated": day}],
                {"context": {"mail_activity_automation_skip": True}},
            )
            self.assertFalse(error)
        completion = self.review.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(COMPLETION)
        )
        self.assertEqual(len(completion), 1)
        self.assertEqual(completion.date_deadline, self.review.completion_due_date)
