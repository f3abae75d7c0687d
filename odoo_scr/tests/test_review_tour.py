from odoo.tests import HttpCase, tagged

from .common_review import ScrReviewCase


@tagged("post_install", "-at_install")
class TestReviewTour(HttpCase, ScrReviewCase):
    """In Chromium: a coordinator appoints a reviewer, who then sees only that review."""

    def test_appointed_reviewer_sees_only_that_review(self):
        self.appointment.unlink()
        other_incident = self.incident.copy({"child_alias": "Child O"})
        other = self.new_review(incident_id=other_incident.id)
        self.start_tour(
            f"/odoo/action-odoo_scr.scr_review_action/{self.review.id}",
            "scr_review_appointment_tour",
            login=self.users["coordinator"].login,
        )
        self.assertEqual(self.review.appointment_ids.reviewer_id, self.reviewer)
        self.start_tour(
            "/odoo/action-odoo_scr.scr_review_action",
            "scr_reviewer_sees_own_review_tour",
            login=self.users["reviewer"].login,
        )
        Review = self.env["scr.review"].with_user(self.users["reviewer"])
        self.assertEqual(Review.search([]), self.review)
        self.assertNotIn(other, Review.search([]))
