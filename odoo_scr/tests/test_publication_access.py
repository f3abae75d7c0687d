from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common_publication import ScrPublicationCase

NEW_MODELS = (
    "scr.review.contributor",
    "scr.publication",
    "scr.review.quality",
    "scr.learning.briefing",
    "scr.learning.dissemination",
)


@tagged("post_install", "-at_install")
class TestPublicationAccess(ScrPublicationCase):
    """Coordinators and the chair of the partnership see all; an appointed reviewer reads
    their review's documents; portal users and plain internal users see none of it; the
    names the anonymity check finds stay with the coordinators."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._to_awaiting_publication(cls.review)
        cls.review.contributor_ids.write({"confirmed": True})
        cls.review.action_request_publication_sign_off()
        cls.review.action_prepare_quality_assessment()
        cls.briefing = cls.env["scr.learning.briefing"].create(
            {
                "name": "7-minute briefing: Child M",
                "review_id": cls.review.id,
                "company_id": cls.company.id,
                "dissemination_ids": [
                    (0, 0, {"audience": "Designated safeguarding leads", "date": "2026-09-01"})
                ],
            }
        )
        # A review of the same partnership the reviewer is not appointed to.
        cls.other_review = cls.new_review()
        cls.other_review.write({"state": "final_report", "agency_ids": [(4, cls.agency_b.id)]})
        cls.env["scr.learning.briefing"].create(
            {"name": "Other", "review_id": cls.other_review.id, "company_id": cls.company.id}
        )
        cls.other_review.action_prepare_quality_assessment()
        # Another partnership's coordinator.
        cls.company_2 = cls.env["res.company"].create({"name": "Otherford Partnership"})
        cls.users["coordinator_2"] = new_test_user(
            cls.env,
            login="otherford_coordinator",
            groups="odoo_scr.group_scr_coordinator",
            company_id=cls.company_2.id,
            company_ids=[cls.company_2.id],
        )

    def _visible(self, model, user):
        return self.env[model].with_user(self.users[user]).search([])

    def test_coordinator_and_chair_see_all_of_their_partnership(self):
        for user in ("coordinator", "chair"):
            for model in NEW_MODELS:
                self.assertTrue(self._visible(model, user), f"{user} sees no {model}")
            self.assertEqual(
                self._visible("scr.review.quality", user).review_id,
                self.review | self.other_review,
            )

    def test_reviewer_reads_only_their_review_documents(self):
        for model in NEW_MODELS:
            records = self._visible(model, "reviewer")
            self.assertTrue(records, f"the reviewer reads no {model}")
            reviews = records.briefing_id.review_id if "briefing_id" in records else None
            self.assertEqual(reviews or records.review_id, self.review, model)
        with self.assertRaises(AccessError):
            self.review.contributor_ids.with_user(self.users["reviewer"]).confirmed = False
        self.assertEqual(
            self._visible("scr.review.contributor", "reviewer_other"),
            self.env["scr.review.contributor"],
        )

    def test_reviewer_and_coordinator_write_only_what_is_theirs(self):
        """The reviewer reads their review's documents and changes none of them, nor the
        themes; the quality markers are managers' data; figures are the partnership's."""
        reviewer = self.users["reviewer"]
        for model in NEW_MODELS:
            records = self._visible(model, "reviewer")
            with self.subTest(model=model), self.assertRaises(AccessError):
                records.with_user(reviewer).check_access("write")
        theme = self.env.ref("odoo_scr.scr_theme_neglect")
        with self.assertRaises(AccessError):
            theme.with_user(reviewer).write({"name": "Renamed by a reviewer"})
        marker = self.env["scr.quality.marker"].search([], limit=1)
        for user in ("reviewer", "coordinator"):
            with self.subTest(user=user), self.assertRaises(AccessError):
                marker.with_user(self.users[user]).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.env["scr.annual.report"].with_user(reviewer).create(
                {"date_from": "2026-01-01", "company_ids": [(6, 0, self.company.ids)]}
            )

    def test_anonymity_names_are_for_coordinators_only(self):
        self.review.report_body = "<p>Jayden Okafor</p>"
        self.assertIn("Jayden", self.review.with_user(self.users["chair"]).anonymity_issues)
        as_reviewer = self.review.with_user(self.users["reviewer"])
        self.assertEqual(as_reviewer.anonymity_state, "not_checked")
        for field in ("anonymity_issues", "anonymity_clear"):
            with self.assertRaises(AccessError):
                as_reviewer.read([field])

    def test_portal_and_internal_users_see_nothing(self):
        for user in ("portal", "portal_a", "internal"):
            for model in (*NEW_MODELS, "scr.theme", "scr.quality.marker", "scr.annual.report"):
                with self.assertRaises(AccessError, msg=f"{user} reads {model}"):
                    self.env[model].with_user(self.users[user]).search([])

    def test_other_partnership_sees_nothing(self):
        for model in NEW_MODELS:
            self.assertFalse(self._visible(model, "coordinator_2"), model)
        self.assertNotIn(
            self.company, self._visible("scr.annual.report", "coordinator_2").company_ids
        )

    def test_review_form_hides_the_names_from_reviewers(self):
        for user, shown in (("reviewer", False), ("chair", True)):
            views = self.env["scr.review"].with_user(self.users[user]).get_views([(False, "form")])
            arch = views["views"]["form"]["arch"]
            self.assertEqual("anonymity_issues" in arch, shown, user)
            self.assertIn("publish_until_date", arch)
