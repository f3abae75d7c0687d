from odoo.tests import HttpCase, tagged

from .common_publication import ScrPublicationCase


@tagged("post_install", "-at_install")
class TestPublicationTour(ScrPublicationCase, HttpCase):
    """In Chromium: from "Publish" to "Published"."""

    def test_publish_tour(self):
        review = self._to_awaiting_publication(self.review)
        self._confirm_contributors(review)
        self._send_notices(review)
        self._sign_off(review)
        self.start_tour(
            f"/odoo/action-odoo_scr.scr_review_action/{review.id}",
            "scr_publication_tour",
            login="testshire_coordinator",
        )
        self.assertEqual(review.state, "published")
        self.assertTrue(review.publish_until_date)
