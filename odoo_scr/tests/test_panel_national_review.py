from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common_decision import ScrDecisionCase
from .common_rpc import ScrRpcCase


@tagged("post_install", "-at_install")
class TestPanelNationalReview(ScrRpcCase, ScrDecisionCase):
    """The national Panel's answer to the rapid review (Children Act 2004 s16B; WT2023
    ch. 5): where it holds a national review, the partnership supports it, and a local
    review follows only if the safeguarding partners still decide one, with their reasons."""

    def setUp(self):
        super().setUp()
        self.incident = self._incident(sent="2025-12-29")

    def _request(self, decision):
        return self.call_kw(
            self.users["coordinator"], "scr.decision", "request_validation", [decision.ids]
        )

    def test_supporting_the_national_review_opens_no_local_review(self):
        decision = self._decision(
            self.incident,
            decision="national_review",
            panel_sent_date="2026-01-05",
            panel_response="national",
            panel_response_date="2026-01-05",
        )
        _result, error = self._request(decision)
        self.assertIsNone(error)
        self.as_user(decision, "chair").validate_tier()
        self.assertEqual(decision.state, "signed")
        self.assertFalse(decision.case_review_ids)
        self.assertFalse(decision.became_local_review)
        self.assertEqual(self.incident.state, "decided")
        self.assertIn("supports the national Panel's national review", decision.message_ids[0].body)

    def test_a_local_review_beside_a_national_one_is_the_partners_reasoned_decision(self):
        decision = self._decision(
            self.incident, panel_response="national", panel_response_date="2026-01-05"
        )
        self.assertRefused(self._request(decision), "national review", "say why")
        self.assertEqual(decision.validation_status, "no", "nothing half-saved")
        decision.local_review_with_national_reasons = (
            "The national review looks at the county lines; the partners must learn why the "
            "school's referrals went unanswered."
        )
        _result, error = self._request(decision)
        self.assertIsNone(error)
        self.as_user(decision, "chair").validate_tier()
        self.assertEqual(len(decision.case_review_ids), 1)

    def test_the_panels_answer_after_the_decision_asks_the_partners_to_confirm(self):
        decision = self._decision(self.incident)
        self.as_user(decision, "chair").validate_tier()
        review = decision.case_review_ids
        self.assertEqual(review.state, "scoping")
        self.as_user(decision, "coordinator").write(
            {"panel_response": "national", "panel_response_date": "2026-01-20"}
        )
        note = decision.message_ids.filtered(lambda m: "national Panel will hold" in (m.body or ""))
        self.assertIn(review.name, note.body)
        self.assertIn(self.users["coordinator"].partner_id, note.partner_ids)
        self.assertEqual(review.state, "scoping", "the partners decide, not the software")

    def test_a_wt2015_decision_has_no_national_review(self):
        incident = self._incident(regime="wt2015", sent="2025-12-29", child_alias="Child W")
        with ScrDecisionCase.assertRefused(self, ValidationError, "no national Panel"):
            self._decision(incident, decision="national_review")
