from odoo.tests import tagged

from .common_publication import ScrPublicationCase
from .common_rpc import ScrRpcCase


@tagged("post_install", "-at_install")
class TestWorkflowTampering(ScrRpcCase, ScrPublicationCase):
    """Steps cannot be skipped nor publication forged by writing workflow fields, a
    reviewer writes only their own working material, and the anonymity check tells a
    reviewer nothing of the child's identity (issue 14, items 3, 5, 8 and 11), through
    RPC as each role."""

    def test_states_move_only_through_the_steps(self):
        coordinator = self.users["coordinator"]
        self.assertTrue(self.incident.rapid_review_required)
        self.assertRefused(
            self.call_kw(
                coordinator, "scr.incident", "write", [self.incident.ids, {"state": "closed"}]
            ),
            "workflow",
        )
        self.assertRefused(
            self.call_kw(
                coordinator,
                "scr.review",
                "write",
                [self.review.ids, {"state": "awaiting_publication"}],
            ),
            "workflow",
        )
        self.assertNotEqual(self.incident.state, "closed")
        self.assertEqual(self.review.state, "scoping")

    def test_a_published_review_is_never_unpublished_by_hand(self):
        review = self._to_awaiting_publication(self.review)
        self._confirm_contributors(review)
        self._send_notices(review)
        self._sign_off(review)
        review.with_user(self.users["coordinator"]).action_publish()
        self.assertRefused(
            self.call_kw(
                self.users["coordinator"],
                "scr.review",
                "write",
                [review.ids, {"state": "awaiting_publication", "published_date": False}],
            ),
            "workflow",
        )
        self.assertEqual(review.state, "published")
        self.assertTrue(review.published_date)

    def test_publication_is_never_signed_off_by_creating_it_signed(self):
        review = self._to_awaiting_publication(self.review)
        self._confirm_contributors(review)
        self._send_notices(review)
        values = {
            "review_id": review.id,
            "report_version": review.final_report_version,
            "state": "signed",
            "signed_by_id": self.users["chair"].id,
        }
        self.assertRefused(
            self.call_kw(self.users["coordinator"], "scr.publication", "create", [values]),
            "workflow",
        )
        self.assertRefused(
            self.call_kw(self.users["coordinator"], "scr.review", "action_publish", [review.ids]),
            "has not signed off",
        )
        self.assertFalse(review.publication_ids)
        self.assertEqual(review.state, "awaiting_publication")

    def test_a_reviewer_writes_the_report_not_the_case(self):
        reviewer = self.users["reviewer"]
        other_decision_holder = self.new_review(agency_ids=[(6, 0, [self.agency_b.id])])
        for vals in (
            {"active": False},
            {"agency_ids": [(5, 0, 0)]},
            {"no_publication": True},
            {"relevant_issues": "Nothing to see"},
            {"incident_id": other_decision_holder.incident_id.id},
        ):
            with self.subTest(vals=vals):
                self.assertRefused(
                    self.call_kw(reviewer, "scr.review", "write", [self.review.ids, vals])
                )
        self.assertRefused(
            self.call_kw(reviewer, "scr.review", "action_next_stage", [self.review.ids]),
            "partnership moves",
        )
        _result, error = self.call_kw(
            reviewer,
            "scr.review",
            "write",
            [
                self.review.ids,
                {"report_body": "<p>Draft</p>", "chronology_analysis": "<p>Gaps in 2025</p>"},
            ],
        )
        self.assertFalse(error)
        self.assertTrue(self.review.active)
        self.assertEqual(self.review.agency_ids, self.agency_a)
        self.assertEqual(self.review.state, "scoping")

    def test_the_anonymity_check_is_no_oracle(self):
        reviewer = self.users["reviewer"]
        self.review.report_body = "<p>Seen by Leanne Price on 05/03/2014.</p>"
        result, error = self.call_kw(
            reviewer, "scr.review", "action_check_anonymity", [self.review.ids]
        )
        self.assertFalse(error)
        message = result["params"]["message"]
        # "Leanne Price", "Leanne", "Price" and the date of birth: counted, never named.
        self.assertIn("identifies the child in 4 place(s)", message)
        for secret in ("Leanne", "Price", "05/03/2014", "family", "birth"):
            self.assertNotIn(secret, message)
        self.assertEqual(
            (self.review.anonymity_state, self.review.anonymity_hit_count), ("identifies", 4)
        )
        self.assertTrue(
            self.review.message_ids.filtered(
                lambda m: m.subtype_id == self.env.ref("odoo_scr.mt_scr_anonymity_check")
            ),
            "the partnership sees who checked",
        )
        _result, error = self.call_kw(
            reviewer, "scr.review", "read", [self.review.ids, ["anonymity_clear"]]
        )
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        # Typing a guess does not answer it: the result waits for the next check.
        self.call_kw(reviewer, "scr.review", "write", [self.review.ids, {"report_body": "Guess"}])
        self.assertEqual(self.review.anonymity_state, "not_checked")
        for _attempt in range(4):
            self.call_kw(reviewer, "scr.review", "action_check_anonymity", [self.review.ids])
        self.assertRefused(
            self.call_kw(reviewer, "scr.review", "action_check_anonymity", [self.review.ids]),
            "times today",
        )
        # The coordinator, who may read the identity, is told where.
        self.review.report_body = "<p>Seen by Leanne Price.</p>"
        result, _error = self.call_kw(
            self.users["coordinator"], "scr.review", "action_check_anonymity", [self.review.ids]
        )
        self.assertIn("Leanne Price", result["params"]["message"])

    def test_deadlines_and_criteria_are_never_entered_by_hand(self):
        """What the model works out (statutory deadlines from scr.timescale, the criteria
        of a notifiable incident under the Children Act 2004 s16C, the flags of what was
        done in time) cannot be set by a coordinator through RPC, on write nor on
        create: the ORM would keep the value sent instead of the computed one."""
        coordinator = self.users["coordinator"]
        incident, review = self.incident, self.review
        due = (incident.notification_due_date, review.completion_due_date)
        for model, ids, vals in (
            ("scr.incident", incident.ids, {"notification_due_date": "2030-01-01"}),
            ("scr.incident", incident.ids, {"is_notifiable": False}),
            ("scr.incident", incident.ids, {"rapid_review_required": False}),
            ("scr.review", review.ids, {"completion_due_date": "2030-01-01"}),
            ("scr.review", review.ids, {"published_in_time": True, "completed_on_time": True}),
        ):
            with self.subTest(model=model, vals=vals):
                self.assertRefused(
                    self.call_kw(coordinator, model, "write", [ids, vals]), "never entered by hand"
                )
        self.assertRefusedJson2(
            self.json2(
                coordinator,
                "scr.review",
                "write",
                ids=review.ids,
                vals={"publication_due_date": "2030-01-01"},
            ),
            "never entered by hand",
        )
        values = {
            "child_alias": "Child F",
            "incident_date": "2026-03-02",
            "aware_date": "2026-03-06",
            "company_id": self.company.id,
            "child_died": True,
            "abuse_neglect": "suspected",
            "is_notifiable": False,
        }
        self.assertRefused(
            self.call_kw(coordinator, "scr.incident", "create", [values]), "never entered by hand"
        )
        del values["is_notifiable"]
        created, error = self.call_kw(coordinator, "scr.incident", "create", [values])
        self.assertFalse(error)
        self.assertTrue(self.env["scr.incident"].browse(created).is_notifiable)
        self.assertEqual((incident.notification_due_date, review.completion_due_date), due)
        self.assertTrue(incident.is_notifiable and incident.rapid_review_required)
        self.assertFalse(review.published_in_time or review.completed_on_time)
