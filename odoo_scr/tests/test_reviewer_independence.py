from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common_review import ScrReviewCase


@tagged("post_install", "-at_install")
class TestReviewerIndependence(ScrReviewCase):
    """Reviewers are independent of the partnership and every organisation involved."""

    def _appoint(self, reviewer, role="co_reviewer", review=None):
        return self.env["scr.review.appointment"].create(
            {"review_id": (review or self.review).id, "reviewer_id": reviewer.id, "role": role}
        )

    def test_worked_for_an_involved_agency(self):
        self.reviewer_other.worked_for_ids = self.agency_a
        with self.assertRaisesRegex(ValidationError, "has worked for or with Testshire Police"):
            self._appoint(self.reviewer_other)

    def test_employed_by_the_partnership(self):
        self.reviewer_other.employer_id = self.company.partner_id
        with self.assertRaisesRegex(ValidationError, "employed by the partnership"):
            self._appoint(self.reviewer_other)

    def test_worked_for_the_partnership(self):
        self.reviewer_other.worked_for_ids = self.company.partner_id
        with self.assertRaisesRegex(ValidationError, "Testshire Safeguarding Children Partnership"):
            self._appoint(self.reviewer_other)

    def test_adding_an_agency_the_reviewer_worked_for(self):
        self.reviewer.worked_for_ids = self.agency_b
        with self.assertRaisesRegex(ValidationError, "Rowan Lead cannot be appointed"):
            self.review.agency_ids = [(4, self.agency_b.id)]

    def test_one_lead_reviewer(self):
        with self.assertRaisesRegex(ValidationError, "already has a lead reviewer"):
            self._appoint(self.reviewer_other, role="lead")
        self.assertTrue(self._appoint(self.reviewer_other, role="co_reviewer"))

    def test_appointing_grants_the_reviewer_role(self):
        user = self._new_user("plain_reviewer", "base.group_user")
        partner = self.env["res.partner"].create({"name": "Pat Plain"})
        reviewer = self.env["scr.reviewer"].create({"partner_id": partner.id, "user_id": user.id})
        self.assertFalse(user.has_group("odoo_scr.group_scr_reviewer"))
        self._appoint(reviewer)
        self.assertTrue(user.has_group("odoo_scr.group_scr_reviewer"))
        self.assertEqual(self.env["scr.review"].with_user(user).search([]), self.review)
        self.assertIn("Pat Plain appointed as co-reviewer", self.review.message_ids[0].body)
