from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_action import ScrActionCase


@tagged("post_install", "-at_install")
class TestActionAccess(ScrActionCase):
    """Who reads and writes recommendations, actions and updates (docs/process.md 2)."""

    def test_coordinator_sees_and_writes_all(self):
        Action = self.env["scr.action"].with_user(self.users["coordinator"])
        self.assertEqual(Action.search([]), self.action_a | self.action_b)
        self.action_a.with_user(self.users["coordinator"]).write({"due_date": "2026-10-30"})

    def test_appointed_reviewer_reads_only(self):
        Action = self.env["scr.action"].with_user(self.users["reviewer"])
        self.assertEqual(Action.search([]), self.action_a | self.action_b)
        self.assertEqual(
            self.env["scr.recommendation"].with_user(self.users["reviewer"]).search([]),
            self.recommendation,
        )
        with self.assertRaises(AccessError):
            self.action_a.with_user(self.users["reviewer"]).write({"name": "changed"})
        other = self.env["scr.action"].with_user(self.users["reviewer_other"])
        self.assertFalse(other.search([]))

    def test_portal_sees_only_its_agency(self):
        for user, own, other in (
            ("portal_a", self.action_a, self.action_b),
            ("portal_b", self.action_b, self.action_a),
        ):
            Action = self.env["scr.action"].with_user(self.users[user])
            self.assertEqual(Action.search([]), own)
            with self.assertRaises(AccessError):
                other.with_user(self.users[user]).read(["name"])
            with self.assertRaises(AccessError):
                self.env["scr.action.update"].with_user(self.users[user]).create(
                    {"action_id": other.id, "note": "forged"}
                )
        self.assertFalse(self.env["scr.action"].with_user(self.users["portal"]).search([]))

    def test_portal_cannot_change_protected_fields(self):
        action = self.action_a.with_user(self.users["portal_a"])
        for vals in (
            {"state": "verified"},
            {"due_date": "2030-01-01"},
            {"agency_id": self.agency_b.id},
            {"signed_by_id": self.contact_a.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                action.write(vals)
        action.write({"impact_level": "some", "impact_note": "Fewer missed appointments"})
        self.assertEqual(self.action_a.state, "draft")
        self.assertEqual(self.action_a.impact_level, "some")

    def test_portal_workflow_through_methods(self):
        self.action_a.with_user(self.users["portal_a"]).action_sign_off()
        self.action_b.with_user(self.users["portal_b"]).action_sign_off()
        self.assertEqual(self.action_a.state, "agreed")
        action = self.action_a.with_user(self.users["portal_a"])
        self.env["scr.action.update"].with_user(self.users["portal_a"]).create(
            {"action_id": action.id, "note": "Flag live on the system", "progress": 90}
        )
        png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
        action.evidence_ids = [(4, a.id) for a in action._attach_uploads([("flag.png", png)])]
        action.action_complete()
        self.assertEqual(self.action_a.state, "completed")
        with self.assertRaises(AccessError):
            action.action_verify()

    def test_portal_never_reads_the_review_or_the_child_name(self):
        with self.assertRaises(AccessError):
            self.review.with_user(self.users["portal_a"]).read(["name"])
        action = self.action_a.with_user(self.users["portal_a"])
        self.assertEqual(action.child_alias, "Child M")
        self.assertEqual(action.review_reference, self.review.name)

    def test_other_partnership_cannot_see(self):
        other = self.env["res.company"].create({"name": "Southshire SCP"})
        coordinator = self._new_user("south_coordinator", "odoo_scr.group_scr_coordinator")
        coordinator.write({"company_id": other.id, "company_ids": [(6, 0, [other.id])]})
        Action = self.env["scr.action"].with_user(coordinator).with_company(other)
        self.assertFalse(Action.search([]))
        with self.assertRaises(AccessError):
            self.action_a.with_user(coordinator).read(["name"])

    def test_portal_cannot_link_foreign_files(self):
        foreign = self.action_b._attach_uploads([("b.pdf", b"%PDF-1.4 b")])
        with self.assertRaises(AccessError):
            self.action_a.with_user(self.users["portal_a"]).write(
                {"evidence_ids": [(4, foreign.id)]}
            )
        with self.assertRaises(AccessError):
            self.info_request.with_user(self.users["portal_a"]).write(
                {"attachment_ids": [(4, foreign.id)]}
            )

    def test_recommendations_of_other_agencies_and_their_search(self):
        """A recommendation only agency A acts on is hidden from agency B and from a portal
        user of no agency; no agency writes one; the coordinator finds it by its text."""
        only_a = self.env["scr.recommendation"].create(
            {"review_id": self.review.id, "number": 2, "recommendation": "Train call handlers."}
        )
        self.new_action(self.agency_a, recommendation_id=only_a.id)
        self.assertIn(
            only_a, self.env["scr.recommendation"].with_user(self.users["portal_a"]).search([])
        )
        for user in ("portal_b", "portal"):
            with self.subTest(user=user):
                Recommendation = self.env["scr.recommendation"].with_user(self.users[user])
                self.assertNotIn(only_a, Recommendation.search([]))
        with self.assertRaises(AccessError):
            only_a.with_user(self.users["portal_a"]).write({"recommendation": "changed"})
        found = (
            self.env["scr.recommendation"]
            .with_user(self.users["coordinator"])
            .name_search("call handlers")
        )
        self.assertEqual([rec_id for rec_id, _name in found], only_a.ids)

    def test_updates_of_another_agency_and_reviewers(self):
        """Agency B never reads agency A's progress updates; a reviewer reads, never writes."""
        self.agree_plan()
        update = (
            self.env["scr.action.update"]
            .with_user(self.users["portal_a"])
            .create({"action_id": self.action_a.id, "note": "Flag live", "progress": 50})
        )
        with self.assertRaises(AccessError):
            update.with_user(self.users["portal_b"]).read(["note"])
        self.assertEqual(update.with_user(self.users["reviewer"]).note, "Flag live")
        with self.assertRaises(AccessError):
            update.with_user(self.users["reviewer"]).write({"note": "edited"})
        with self.assertRaises(AccessError):
            self.env["scr.action.update"].with_user(self.users["internal"]).search([])
