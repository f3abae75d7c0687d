from odoo.tests import tagged

from .common_decision import ScrDecisionCase
from .common_rpc import ScrRpcCase

REFUSED_TIER = "only with the buttons"


@tagged("post_install", "-at_install")
class TestSignOffForgery(ScrRpcCase, ScrDecisionCase):
    """The chair's sign-off cannot be forged, withdrawn or unsigned through RPC: each
    attack of issue 14 (items 1 to 4), sent as a client sends it."""

    def setUp(self):
        super().setUp()
        self.incident = self._incident(sent="2025-12-29")
        self.decision = self._decision(self.incident)
        self.as_user(self.decision, "coordinator").request_validation()
        self.review = self.decision.review_ids

    def test_nobody_approves_a_tier_review_by_writing_it(self):
        chair = self.users["chair"]
        for role in ("internal", "reviewer", "coordinator", "other_coordinator", "chair"):
            with self.subTest(role=role):
                self.assertRefused(
                    self.call_kw(
                        self.users[role],
                        "tier.review",
                        "write",
                        [self.review.ids, {"status": "approved", "done_by": chair.id}],
                    )
                )
        self.assertRefusedJson2(
            self.json2(
                self.users["coordinator"],
                "tier.review",
                "write",
                ids=self.review.ids,
                vals={"status": "approved"},
            )
        )
        self.assertEqual(self.review.status, "pending")
        self.assertEqual(self.decision.validation_status, "pending")
        self.assertEqual(self.decision.state, "draft")

    def test_nobody_withdraws_or_invents_a_sign_off_request(self):
        self.assertRefused(
            self.call_kw(self.users["coordinator"], "tier.review", "unlink", [self.review.ids]),
            REFUSED_TIER,
        )
        self.assertRefused(
            self.call_kw(
                self.users["coordinator"],
                "tier.review",
                "create",
                [
                    {
                        "model": "scr.decision",
                        "res_id": self.decision.id,
                        "definition_id": self.review.definition_id.id,
                        "status": "approved",
                    }
                ],
            ),
            REFUSED_TIER,
        )
        self.assertTrue(self.review.exists())

    def test_the_engine_comment_form_acts_only_for_the_named_reviewer(self):
        outcome = self.call_kw(
            self.users["coordinator"],
            "comment.wizard",
            "create",
            [
                {
                    "res_model": "scr.decision",
                    "res_id": self.decision.id,
                    "review_ids": [(6, 0, self.review.ids)],
                    "validate_reject": "validate",
                    "comment": "Forged",
                }
            ],
        )
        wizard_id, error = outcome
        self.assertFalse(error)
        self.assertRefused(
            self.call_kw(self.users["coordinator"], "comment.wizard", "add_comment", [[wizard_id]]),
            "can sign off",
        )
        self.assertEqual(self.review.status, "pending")
        self.assertFalse(self.review.comment)

    def test_sign_off_rows_are_read_with_their_decision(self):
        self.as_user(self.decision, "chair").action_return_to_subgroup()
        for role in ("portal", "internal", "other_coordinator", "reviewer"):
            with self.subTest(role=role):
                result, error = self.call_kw(
                    self.users[role],
                    "tier.review",
                    "search_read",
                    [[("model", "=", "scr.decision")]],
                    {"fields": ["comment", "status"]},
                )
                self.assertFalse(error)
                self.assertEqual(result, [], f"{role} reads the chair's sign-off rows")
        result, error = self.call_kw(
            self.users["coordinator"],
            "tier.review",
            "search_read",
            [[("id", "in", self.review.ids)]],
            {"fields": ["status"]},
        )
        self.assertEqual([row["id"] for row in result], self.review.ids)

    def test_no_context_key_lifts_the_lock_of_a_signed_decision(self):
        self.as_user(self.decision, "chair").validate_tier()
        for key in ("scr_decision_unlock", "skip_validation_check", "tracking_disable"):
            with self.subTest(key=key):
                self.assertRefused(
                    self.call_kw(
                        self.users["chair"],
                        "scr.decision",
                        "write",
                        [self.decision.ids, {"decision": "no_review", "rationale": "Changed"}],
                        {"context": {key: True}},
                    ),
                    "after validation",
                )
        self.assertRefused(
            self.call_kw(
                self.users["chair"],
                "scr.decision",
                "write",
                [self.decision.ids, {"signed_by_id": self.users["chair2"].id}],
                {"context": {"skip_validation_check": True}},
            ),
            "workflow",
        )
        self.assertEqual(self.decision.decision, "initiate_review")
        self.assertEqual(self.decision.signed_by_id, self.users["chair"])

    def test_a_decision_is_never_created_signed(self):
        incident = self._incident(sent="2025-12-29", child_alias="Child Z")
        values = {
            "incident_id": incident.id,
            "decision": "no_review",
            "decision_date": "2026-01-05",
            "rationale": "Forged",
            "state": "signed",
            "signed_by_id": self.users["chair"].id,
        }
        self.assertRefused(
            self.call_kw(self.users["coordinator"], "scr.decision", "create", [values]), "workflow"
        )
        self.assertRefusedJson2(
            self.json2(self.users["coordinator"], "scr.decision", "create", vals_list=[values])
        )
        self.assertFalse(self.Decision.search([("incident_id", "=", incident.id)]))

    def test_a_signed_decision_is_never_restarted(self):
        self.as_user(self.decision, "chair").validate_tier()
        for role in ("coordinator", "chair"):
            self.assertRefused(
                self.call_kw(
                    self.users[role], "scr.decision", "restart_validation", [self.decision.ids]
                ),
                "stays so",
            )
        self.assertEqual(self.decision.state, "signed")
        self.assertEqual(self.incident.state, "decided")
