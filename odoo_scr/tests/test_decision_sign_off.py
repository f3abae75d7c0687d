from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common_decision import ScrDecisionCase


@tagged("post_install", "-at_install")
class TestDecisionSignOff(ScrDecisionCase):
    """The chair's sign-off through base_tier_validation, and what it sets in motion."""

    def setUp(self):
        super().setUp()
        self.incident = self._incident(sent="2025-12-29")
        self.decision = self._decision(self.incident)

    def _activities(self, decision, xmlid):
        return decision.activity_ids.filtered(
            lambda activity: activity.activity_type_id == self.env.ref(xmlid)
        )

    def _return(self, decision, user, comment):
        """The chair returns the decision through the comment form of the approval engine."""
        action = self.as_user(decision, user).action_return_to_subgroup()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.users[user])
            .with_context(**action["context"])
            .create({"comment": comment})
        )
        wizard.add_comment()

    def test_coordinator_requests_and_the_chair_signs_off(self):
        decision = self.as_user(self.decision, "coordinator")
        self.assertEqual(decision.validation_status, "no")
        self.assertEqual(
            self._activities(decision, "odoo_scr.mail_activity_type_scr_decision").user_id,
            self.users["coordinator"],
        )
        decision.request_validation()
        self.assertEqual(decision.validation_status, "pending")
        self.assertIn(self.users["chair"], decision.review_ids.reviewer_ids)
        self.assertIn(self.users["chair2"], decision.review_ids.reviewer_ids)
        self.assertNotIn(self.users["coordinator"], decision.review_ids.reviewer_ids)
        self.assertEqual(
            self._activities(decision, "odoo_scr.mail_activity_type_scr_sign_off").date_deadline,
            decision.decision_due_date,
        )
        with self.assertRefused(UserError, "already been requested"):
            decision.request_validation()
        with self.assertRefused(UserError, "Only .* can sign off"):
            decision.validate_tier()
        with self.assertRefused(UserError, "Only .* can sign off"):
            decision.reject_tier()

        self.assertIn(
            decision,
            self.Decision.with_user(self.users["chair"]).search([("can_review", "=", True)]),
        )
        self.as_user(decision, "chair").validate_tier()
        self.assertEqual(decision.state, "signed")
        self.assertTrue(decision.validated)
        self.assertEqual(decision.signed_by_id, self.users["chair"])
        self.assertEqual(self.incident.state, "decided")
        self.assertFalse(
            decision.activity_ids.filtered(
                lambda a: (
                    a.activity_type_id.res_model == "scr.decision"
                    and a.activity_type_id
                    != self.env.ref("odoo_scr.mail_activity_type_scr_decision_notification")
                )
            )
        )
        # The notices of the decision: the bodies the timescale names, due 5 working days on.
        timescale = self.Timescale.search(
            [("code", "=", "decision_notification"), ("regime", "=", "wt2018")]
        )
        self.assertEqual(decision.notification_ids.recipient_id, timescale.recipient_ids)
        self.assertEqual(
            set(decision.notification_ids.mapped("due_date")), {decision.notify_due_date}
        )
        self.assertEqual(decision.notification_ids.incident_id, self.incident)
        notify = self._activities(decision, "odoo_scr.mail_activity_type_scr_decision_notification")
        self.assertEqual(
            (notify.user_id, notify.date_deadline),
            (self.users["coordinator"], decision.notify_due_date),
        )
        # A second chair cannot sign it again.
        with self.assertRefused(UserError, "already signed off"):
            self.as_user(decision, "chair2").validate_tier()
        with self.assertRefused(UserError, "already signed off"):
            self.as_user(decision, "chair").validate_tier()
        # Notices recorded: the coordinator's activity is done.
        decision.notification_ids.with_user(self.users["coordinator"]).write(
            {"date_sent": "2026-01-06"}
        )
        self.assertFalse(
            self._activities(decision, "odoo_scr.mail_activity_type_scr_decision_notification")
        )

    def test_any_chair_signs_even_without_a_request(self):
        self.as_user(self.decision, "chair2").validate_tier()
        self.assertEqual(self.decision.state, "signed")
        self.assertEqual(self.decision.signed_by_id, self.users["chair2"])

    def test_a_signed_decision_stays_signed_and_a_new_one_replaces_it(self):
        self.as_user(self.decision, "coordinator").request_validation()
        self.as_user(self.decision, "chair").validate_tier()
        for user in ("coordinator", "chair"):
            with self.assertRefused(ValidationError, "not allowed to write those fields after"):
                self.as_user(self.decision, user).write({"rationale": "Changed my mind."})
        # The Panel's answer to the rapid review comes after the decision (the shipped
        # exception of the approval engine's lock).
        self.as_user(self.decision, "coordinator").write(
            {"panel_response": "local", "panel_response_date": "2026-01-09"}
        )
        self.assertTrue(self.decision.became_local_review)
        for user in ("coordinator", "chair"):
            with self.assertRefused(UserError, "stays so"):
                self.as_user(self.decision, user).restart_validation()
        self.assertEqual(self.decision.state, "signed")

        self.decision.notification_ids[:1].with_user(
            self.users["coordinator"]
        ).date_sent = "2026-01-06"
        with self.assertRefused(UserError, "Only .* can replace"):
            self.as_user(self.decision, "coordinator")._supersede("Wrong")
        with self.assertRefused(UserError, "Give the reasons"):
            self.as_user(self.decision, "chair")._supersede("  ")
        old = self.decision
        review = old.case_review_ids
        action = self.as_user(old, "chair").action_open_supersede()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.users["chair"])
            .with_context(**action["context"])
            .create({"reason": "The police disclosed two earlier incidents."})
        )
        new = self.Decision.browse(wizard.action_confirm()["res_id"])
        self.assertFalse(old.active, "the signed decision stays on record, archived")
        self.assertEqual((old.state, old.signed_by_id), ("signed", self.users["chair"]))
        self.assertEqual(len(old.notification_ids.filtered("date_sent")), 1, "sent notice kept")
        self.assertFalse(review.active, "the review still in scoping goes with it")
        self.assertEqual(
            (new.state, new.supersedes_id, new.incident_id), ("draft", old, self.incident)
        )
        self.assertEqual(new.supersede_reason, "The police disclosed two earlier incidents.")
        self.assertEqual(self.incident.state, "under_consideration")
        self.assertTrue(old.message_ids.filtered(lambda m: "replaced" in (m.body or "")))
        self.as_user(new, "coordinator").request_validation()
        self.as_user(new, "chair2").validate_tier()
        self.assertEqual((new.state, self.incident.state), ("signed", "decided"))

    def test_no_new_decision_once_its_review_started(self):
        self.as_user(self.decision, "chair").validate_tier()
        review = self.decision.case_review_ids
        self.env["scr.review.appointment"].create(
            {
                "review_id": review.id,
                "reviewer_id": self.env["scr.reviewer"]
                .create(
                    {
                        "partner_id": self.env["res.partner"].create({"name": "R. Lead"}).id,
                        "company_id": self.company.id,
                    }
                )
                .id,
                "role": "lead",
            }
        )
        review.with_user(self.users["coordinator"]).action_next_stage()
        with self.assertRefused(UserError, "has started"):
            self.as_user(self.decision, "chair")._supersede("Too late")
        self.assertTrue(self.decision.active)

    def test_rejection_returns_to_the_subgroup_with_the_comment(self):
        decision = self.as_user(self.decision, "coordinator")
        decision.request_validation()
        self._return(decision, "chair", "Say what the police knew.")
        self.assertEqual(decision.validation_status, "rejected")
        self.assertEqual(decision.state, "draft")
        self.assertEqual(decision.chair_comment, "Say what the police knew.")
        activity = self._activities(decision, "odoo_scr.mail_activity_type_scr_decision")
        self.assertEqual(activity.user_id, self.users["coordinator"])
        self.assertIn("Say what the police knew.", activity.summary)
        self.assertFalse(self._activities(decision, "odoo_scr.mail_activity_type_scr_sign_off"))
        with self.assertRaises(ValidationError):
            decision.write({"rationale": "Revised."})
        with self.assertRefused(UserError, "was returned for revision"):
            self.as_user(decision, "chair2").validate_tier()

        decision.restart_validation()
        self.assertEqual(decision.validation_status, "no")
        decision.write(
            {"rationale": "The police knew of two earlier incidents; a review is needed."}
        )
        decision.request_validation()
        self.as_user(decision, "chair").validate_tier()
        self.assertEqual(decision.state, "signed")

    def test_wt2015_no_review_on_a_mandatory_incident_needs_a_confirmed_override(self):
        """LSCB Regulations 2006 reg. 5(2): under WT2015 a serious case review is mandatory,
        so deciding against one overrides a rule and the chair confirms the reason."""
        incident = self._incident(regime="wt2015", sent="2025-12-29", child_alias="Child W")
        self.assertEqual(incident.review_requirement, "mandatory")
        decision = self.as_user(self._decision(incident), "coordinator")
        decision.decision = "no_review"
        self.assertTrue(decision.override_required)
        with self.assertRefused(UserError, "override reason"):
            decision.request_validation()
        with self.assertRefused(UserError, "override reason"):
            self.as_user(decision, "chair").validate_tier()
        self.assertEqual(decision.validation_status, "no", "nothing half-saved")
        decision.override_reason = "A review by the national Panel covers this death."
        decision.request_validation()
        self.as_user(decision, "chair").validate_tier()
        self.assertEqual(decision.override_confirmed_by_id, self.users["chair"])
        self.assertTrue(decision.override_confirmed_date)
        self.assertEqual(incident.state, "decided")

    def test_wt2018_no_local_review_after_a_rapid_review_is_the_partners_decision(self):
        """Children Act 2004 s16F, SI 2018/789 reg. 11, WT2023 ch. 5: an LCSPR is never
        automatic, so deciding against one after the rapid review overrides nothing; its
        reasons are the decision's rationale."""
        decision = self.as_user(self.decision, "coordinator")
        decision.write(
            {
                "decision": "no_review",
                "rationale": "The rapid review found the learning; no local review is needed.",
            }
        )
        self.assertFalse(decision.override_required)
        decision.request_validation()
        self.as_user(decision, "chair").validate_tier()
        self.assertEqual(decision.state, "signed")
        self.assertFalse(decision.override_confirmed_by_id)
        self.assertFalse(decision.case_review_ids)
        self.assertEqual(self.incident.state, "decided")

    def test_only_a_decision_to_review_opens_a_review(self):
        self.as_user(self.decision, "chair").validate_tier()
        hook = "The chair decided to initiate a review"
        self.assertTrue(self.decision.message_ids.filtered(lambda m: hook in (m.body or "")))
        review = self.decision.case_review_ids
        self.assertEqual(len(review), 1)
        self.assertEqual(
            (review.state, review.incident_id, review.date_initiated),
            ("scoping", self.incident, self.decision.decision_date),
        )
        expected_type = "scr" if self.incident.regime == "wt2015" else "lcspr"
        self.assertEqual(review.review_type, expected_type)
        other = self._decision(
            self._incident(
                sent="2025-12-29",
                child_died=False,
                seriously_harmed=True,
                interagency_concerns="definitive_no",
            ),
            decision="alternative_review",
        )
        self.as_user(other, "chair").validate_tier()
        self.assertEqual(other.incident_id.state, "decided")
        self.assertFalse(other.message_ids.filtered(lambda m: hook in (m.body or "")))
        self.assertFalse(other.case_review_ids)

    def test_one_decision_per_incident_decided_once_notified(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self._decision(self.incident)
        # The rapid review runs alongside the notices, but the chair signs once they went.
        draft = self.Incident.create(
            {
                "company_id": self.company.id,
                "child_alias": "Child D",
                "incident_date": "2025-12-20",
                "aware_date": "2025-12-23",
                "child_died": True,
                "abuse_neglect": "known",
            }
        )
        decision = self._decision(draft)
        with self.assertRefused(UserError, "must be notified"):
            self.as_user(decision, "chair").validate_tier()
        self.assertEqual(decision.state, "draft", "nothing half-saved")
        draft.notification_ids.write({"date_sent": "2025-12-29"})
        self.as_user(decision, "chair").validate_tier()
        self.assertEqual(draft.state, "decided")
        with self.assertRefused(UserError, "already decided or closed"):
            self._decision(draft)

    def test_decisions_are_archived_never_deleted(self):
        for user in ("coordinator", "chair"):
            with self.assertRaises(AccessError):
                self.as_user(self.decision, user).unlink()
        self.as_user(self.decision, "coordinator").active = False
        self.assertFalse(self.decision.active)

    def test_the_form_records_and_requests_a_decision(self):
        incident = self._incident(sent="2025-12-29", child_alias="Child F")
        Decision = self.Decision.with_user(self.users["coordinator"])
        with Form(Decision) as form:
            form.incident_id = incident
            self.assertEqual(str(form.decision_due_date), "2026-01-16")
            form.recommendation = "no_review"
            form.decision = "no_review"
            self.assertFalse(form.override_required, "WT2018/2023: no override to record")
            form.decision_date = "2026-01-06"
            form.rationale = "The Panel's national review will carry the learning."
        decision = form.record
        self.assertEqual(decision.user_id, self.users["coordinator"])
        decision.request_validation()
        self.as_user(decision, "chair").validate_tier()
        self.assertEqual(decision.state, "signed")
