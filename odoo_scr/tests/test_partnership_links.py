from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from .common_action import ScrActionCase
from .common_rpc import ScrRpcCase


@tagged("post_install", "-at_install")
class TestPartnershipLinks(ScrRpcCase, ScrActionCase):
    """Issue 14, item 9: one partnership cannot push its records into another's (nor
    pull another's into its own) by re-linking them, and the refusal quotes nothing of
    the other partnership."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.south = cls.env["res.company"].create({"name": "Southshire SCP"})
        cls.south_coordinator = new_test_user(
            cls.env,
            login="southshire_coordinator",
            groups="odoo_scr.group_scr_coordinator",
            company_id=cls.south.id,
            company_ids=[cls.south.id],
        )
        cls.south_incident = cls.env["scr.incident"].create(
            {
                "child_alias": "Child S",
                "incident_date": "2026-01-04",
                "aware_date": "2026-01-05",
                "company_id": cls.south.id,
                "child_died": True,
                "abuse_neglect": "suspected",
            }
        )
        # Everything the other constraints ask for holds: only the partnership differs.
        cls.south_review = cls.env["scr.review"].create(
            {
                "incident_id": cls.south_incident.id,
                "company_id": cls.south.id,
                "review_type": "lcspr",
                "date_initiated": "2026-01-19",
                "agency_ids": [(6, 0, [cls.agency_a.id, cls.agency_b.id])],
            }
        )
        cls.south_recommendation = cls.env["scr.recommendation"].create(
            {
                "review_id": cls.south_review.id,
                "number": 1,
                "recommendation": "Southshire shares referrals weekly.",
            }
        )
        cls.south_action = cls.env["scr.action"].create(
            {
                "recommendation_id": cls.south_recommendation.id,
                "agency_id": cls.agency_a.id,
                "name": "Southshire police action",
                "success_criteria": "Audit",
                "due_date": "2026-09-30",
            }
        )
        cls.south_secrets = (
            cls.south_review.name,
            cls.south_incident.name,
            "Southshire",
            "2026-01-19",
            "19/01/2026",
        )

    def assertNothingOfSouthshire(self, outcome):
        _result, error = outcome
        for secret in self.south_secrets:
            self.assertNotIn(secret, error["message"])

    def assertRefusedQuietly(self, outcome):
        self.assertRefused(outcome, "another partnership")
        self.assertNothingOfSouthshire(outcome)

    def _write(self, model, record, vals, user="coordinator"):
        return self.call_kw(self.users[user], model, "write", [record.ids, vals])

    def test_an_action_is_not_pushed_into_another_partnership(self):
        self.assertRefusedQuietly(
            self._write(
                "scr.action", self.action_a, {"recommendation_id": self.south_recommendation.id}
            )
        )
        self.assertRefusedQuietly(
            self._write("scr.action", self.action_a, {"review_id": self.south_review.id})
        )
        self.action_a.invalidate_recordset()
        self.assertEqual(
            (self.action_a.company_id, self.action_a.review_id), (self.company, self.review)
        )
        self.assertFalse(
            self.env["scr.action"]
            .with_user(self.south_coordinator)
            .search([("id", "=", self.action_a.id)])
        )

    def test_an_information_request_is_not_pushed_into_another_partnership(self):
        self.assertRefusedQuietly(
            self._write("scr.info.request", self.info_request, {"review_id": self.south_review.id})
        )
        self.info_request.invalidate_recordset()
        self.assertEqual(self.info_request.company_id, self.company)

    def test_nor_any_other_record_of_the_review(self):
        self.agree_plan()
        update = self.env["scr.action.update"].create(
            {"action_id": self.action_a.id, "note": "Half way", "progress": 50}
        )
        extension = self.env["scr.review.extension"].create(
            {"review_id": self.review.id, "new_due_date": "2026-12-31", "reason": "Trial"}
        )
        notice = self.env["scr.incident"].browse(self.incident.id).notification_ids[:1]
        # Numbered apart from Southshire's, so that only the partnership differs.
        recommendation = self.env["scr.recommendation"].create(
            {"review_id": self.review.id, "number": 2, "recommendation": "Train call handlers."}
        )
        for model, record, vals in (
            ("scr.recommendation", recommendation, {"review_id": self.south_review.id}),
            ("scr.action.update", update, {"action_id": self.south_action.id}),
            ("scr.review.extension", extension, {"review_id": self.south_review.id}),
            ("scr.review.appointment", self.appointment, {"review_id": self.south_review.id}),
            ("scr.notification", notice, {"incident_id": self.south_incident.id}),
        ):
            with self.subTest(model=model):
                outcome = self._write(model, record, vals)
                self.assertRefused(outcome)
                self.assertNothingOfSouthshire(outcome)
                record.invalidate_recordset()
                self.assertEqual(record.company_id, self.company)

    def test_nor_created_there(self):
        outcome = self.call_kw(
            self.users["coordinator"],
            "scr.action",
            "create",
            [
                {
                    "recommendation_id": self.south_recommendation.id,
                    "agency_id": self.agency_a.id,
                    "name": "Planted",
                    "success_criteria": "None",
                    "due_date": "2026-01-02",
                }
            ],
        )
        self.assertRefusedQuietly(outcome)
        self.assertFalse(self.env["scr.action"].search([("name", "=", "Planted")]))

    def test_another_partnership_pulls_nothing_in(self):
        """Southshire's coordinator cannot pull Testshire's records into Southshire."""
        outcome = self.call_kw(
            self.south_coordinator,
            "scr.action",
            "write",
            [self.south_action.ids, {"recommendation_id": self.recommendation.id}],
        )
        self.assertRefused(outcome)
        self.assertNotIn(self.review.name, outcome[1]["message"])
        self.assertEqual(self.south_action.company_id, self.south)

    def test_odoos_company_check_names_no_other_record(self):
        """A user of both partnerships mixing them: Odoo's check refuses, in words that
        quote neither record."""
        both = new_test_user(
            self.env,
            login="both_coordinator",
            groups="odoo_scr.group_scr_coordinator",
            company_id=self.company.id,
            company_ids=[self.company.id, self.south.id],
        )
        south_contact = self.env["res.partner"].create(
            {"name": "Southshire private contact", "company_id": self.south.id}
        )
        with self.assertRaises(ValidationError) as refusal:
            self.env["scr.info.request"].with_user(both).create(
                {
                    "review_id": self.review.id,
                    "agency_id": self.agency_a.id,
                    "contact_id": south_contact.id,
                    "description": "Chronology",
                    "justification": "Needed",
                    "date_requested": "2026-02-03",
                    "due_date": "2026-02-24",
                }
            )
        self.assertIn("own partnership", str(refusal.exception))
        self.assertNotIn("Southshire", str(refusal.exception))

    def test_no_reviewer_of_another_partnerships_register(self):
        """A reviewer kept on Southshire's own register is not appointed in Testshire; one
        of the shared register (no partnership) is."""
        south_reviewer = self.env["scr.reviewer"].create(
            {
                "partner_id": self.env["res.partner"].create({"name": "S. Reviewer"}).id,
                "company_id": self.south.id,
            }
        )
        shared = self.env["scr.reviewer"].create(
            {
                "partner_id": self.env["res.partner"].create({"name": "N. Shared"}).id,
                "company_id": False,
            }
        )
        self.assertRefusedQuietly(
            self.call_kw(
                self.users["coordinator"],
                "scr.review.appointment",
                "create",
                [
                    {
                        "review_id": self.review.id,
                        "reviewer_id": south_reviewer.id,
                        "role": "co_reviewer",
                    }
                ],
            )
        )
        _result, error = self.call_kw(
            self.users["coordinator"],
            "scr.review.appointment",
            "create",
            [{"review_id": self.review.id, "reviewer_id": shared.id, "role": "co_reviewer"}],
        )
        self.assertFalse(error)
