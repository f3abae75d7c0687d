from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common_decision import ScrDecisionCase


@tagged("post_install", "-at_install")
class TestDecisionAccess(ScrDecisionCase):
    """Coordinators and chairs of the partnership see decisions; only chairs sign them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.decision = cls.Decision.create(
            {
                "incident_id": cls._incident(sent="2025-12-29").id,
                "decision": "initiate_review",
                "decision_date": "2026-01-05",
                "rationale": "A local review will show why the agencies did not share information.",
            }
        )

    def test_plain_internal_portal_and_reviewer_users_see_nothing(self):
        for role in ("internal", "portal", "reviewer"):
            with self.assertRaises(AccessError):
                self.as_user(self.decision, role).read(["rationale"])
        for role in ("internal", "portal"):
            with self.assertRaises(AccessError):
                self.Decision.with_user(self.users[role]).search([])
        self.assertFalse(self.Decision.with_user(self.users["reviewer"]).search([]))

    def test_appointed_reviewer_reads_the_decision_of_their_review_only(self):
        self.as_user(self.decision, "chair").validate_tier()
        review = self.decision.case_review_ids
        self.assertEqual(review.state, "scoping")
        partner = self.env["res.partner"].create({"name": "Ren Reviewer"})
        reviewer = self.env["scr.reviewer"].create(
            {
                "partner_id": partner.id,
                "user_id": self.users["reviewer"].id,
                "company_id": self.company.id,
            }
        )
        self.env["scr.review.appointment"].create(
            {"review_id": review.id, "reviewer_id": reviewer.id, "role": "lead"}
        )
        decision = self.as_user(self.decision, "reviewer")
        self.assertIn("agencies did not share", decision.rationale)
        self.assertEqual(self.Decision.with_user(self.users["reviewer"]).search([]), self.decision)
        with self.assertRaises(AccessError):
            decision.check_access("write")  # read-only, whatever the decision's state
        with self.assertRaises(AccessError):
            self.as_user(self.decision.incident_id, "reviewer").read(["child_alias"])

    def test_coordinator_records_but_cannot_sign(self):
        decision = self.as_user(self.decision, "coordinator")
        decision.write({"peer_challenge": True, "peer_chair_name": "Dr A. Chair"})
        decision.request_validation()
        with self.assertRefused(UserError, "Only .* can sign off"):
            decision.validate_tier()
        self.assertEqual(decision.validation_status, "pending")
        manager = self.as_user(self.decision, "manager")
        with self.assertRefused(UserError, "Only .* can sign off"):
            manager.validate_tier()

    def test_other_partnerships_see_nothing(self):
        other = self.env["res.company"].create({"name": "Othershire Partnership"})
        chair = new_test_user(
            self.env,
            login="othershire_chair",
            groups="odoo_scr.group_scr_chair",
            company_id=other.id,
            company_ids=[other.id],
        )
        self.assertFalse(self.Decision.with_user(chair).search([]))
        with self.assertRaises(AccessError):
            self.decision.with_user(chair).read(["rationale"])

    def test_managers_configure_the_approval_tier(self):
        tier = self.env.ref("odoo_scr.tier_definition_scr_decision_chair")
        self.assertEqual(tier.reviewer_group_id, self.env.ref("odoo_scr.group_scr_chair"))
        tier.with_user(self.users["manager"]).notify_reminder_delay = 3
        self.assertEqual(tier.notify_reminder_delay, 3)
        with self.assertRaises(AccessError):
            tier.with_user(self.users["coordinator"]).notify_reminder_delay = 1
