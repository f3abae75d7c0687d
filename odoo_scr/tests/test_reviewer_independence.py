from odoo.exceptions import AccessError, ValidationError
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
        reviewer = self.env["scr.reviewer"].create(
            {"partner_id": partner.id, "user_id": user.id, "company_id": self.company.id}
        )
        self.assertFalse(user.has_group("odoo_scr.group_scr_reviewer"))
        self._appoint(reviewer)
        self.assertTrue(user.has_group("odoo_scr.group_scr_reviewer"))
        self.assertEqual(self.env["scr.review"].with_user(user).search([]), self.review)
        self.assertIn("Pat Plain appointed as co-reviewer", self.review.message_ids[0].body)


@tagged("post_install", "-at_install")
class TestIndependenceRecheck(ScrReviewCase):
    """Issue 14, item 15: independence is checked again whenever the reviewer register
    changes (organisations worked for, employer): an appointment now in breach is flagged
    with the reasons and the chair is told; an agency's units count as the agency."""

    def setUp(self):
        super().setUp()
        self.coordinator = self.users["coordinator"]
        self.unit = self.env["res.partner"].create(
            {
                "name": "Testshire Police Public Protection Unit",
                "is_company": True,
                "parent_id": self.agency_a.id,
            }
        )

    def _chair_activities(self):
        return self.review.activity_ids.filtered(lambda a: a.user_id == self.users["chair"])

    def test_worked_for_added_after_the_appointment(self):
        reviewer = self.reviewer.with_user(self.coordinator)
        reviewer.worked_for_ids = self.agency_a  # recorded, not refused: it is a fact
        self.assertTrue(self.appointment.independence_breach)
        self.assertIn(
            "has worked for or with Testshire Police", self.appointment.independence_breach_reason
        )
        activity = self._chair_activities()
        self.assertEqual(len(activity), 1)
        self.assertIn("Rowan Lead", activity.summary)
        self.assertIn("Testshire Police", activity.note)
        self.assertIn("is breached", self.review.message_ids[0].body)
        # The same register again tells the chair nothing new.
        reviewer.worked_for_ids = self.agency_a | self.env["res.partner"].create(
            {"name": "Elsewhere"}
        )
        self.assertEqual(len(self._chair_activities()), 1)
        # Corrected, the flag is lifted, on record.
        reviewer.worked_for_ids = False
        self.assertFalse(self.appointment.independence_breach)
        self.assertIn("no longer shows a breach", self.review.message_ids[0].body)

    def test_employer_changed_after_the_appointment(self):
        self.reviewer.with_user(self.coordinator).employer_id = self.unit
        self.assertTrue(self.appointment.independence_breach)
        self.assertIn(
            "employed by Testshire Police Public Protection Unit",
            self.appointment.independence_breach_reason,
        )
        self.assertTrue(self._chair_activities())

    def test_an_agencys_units_count_as_the_agency(self):
        self.reviewer_other.worked_for_ids = self.unit
        with self.assertRaisesRegex(ValidationError, "Public Protection Unit.*Testshire Police"):
            self.env["scr.review.appointment"].create(
                {
                    "review_id": self.review.id,
                    "reviewer_id": self.reviewer_other.id,
                    "role": "co_reviewer",
                }
            )
        # And the other way round: a review involving the unit, a reviewer of the agency.
        review = self.new_review(agency_ids=[(6, 0, self.unit.ids)])
        self.reviewer_other.worked_for_ids = self.agency_a
        with self.assertRaisesRegex(ValidationError, "Olly Other cannot be appointed"):
            self.env["scr.review.appointment"].create(
                {"review_id": review.id, "reviewer_id": self.reviewer_other.id, "role": "lead"}
            )

    def test_a_unit_moved_under_an_involved_agency(self):
        elsewhere = self.env["res.partner"].create(
            {"name": "County Safeguarding Team", "is_company": True}
        )
        self.reviewer.worked_for_ids = elsewhere
        self.assertFalse(self.appointment.independence_breach)
        elsewhere.parent_id = self.agency_a
        self.assertTrue(self.appointment.independence_breach)

    def test_ended_reviews_are_left_as_they_were(self):
        self.review.sudo().write({"state": "closed"})
        self.reviewer.worked_for_ids = self.agency_a
        self.assertFalse(self.appointment.independence_breach)

    def test_nobody_sets_the_flag_by_hand(self):
        with self.assertRaisesRegex(AccessError, "never set by hand"):
            self.appointment.with_user(self.coordinator).write({"independence_breach": False})
