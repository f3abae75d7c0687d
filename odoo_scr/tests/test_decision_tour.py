from odoo.tests import HttpCase, tagged

from .common_decision import ScrDecisionCase


@tagged("post_install", "-at_install")
class TestDecisionTour(HttpCase, ScrDecisionCase):
    """In Chromium: the chair signs off from "Awaiting my sign-off" and the review appears."""

    def test_chair_signs_off_and_the_review_appears(self):
        decision = self._decision(self._incident(sent="2025-12-29"))
        decision.request_validation()
        self.start_tour(
            "/odoo/action-odoo_scr.scr_decision_action_my_sign_off",
            "scr_decision_sign_off_tour",
            login=self.users["chair"].login,
        )
        self.assertEqual(decision.state, "signed")
        self.assertEqual(decision.signed_by_id, self.users["chair"])
        self.assertEqual(decision.case_review_ids.state, "scoping")
