from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_review import ScrReviewCase

ROLES = ("coordinator", "chair", "reviewer", "reviewer_other", "internal", "portal_a", "portal_b")
OPS = ("read", "write", "create", "unlink")
# The expected allow table: which of read / write / create / unlink each role may do on each
# model (the reviewer register row is the appointed reviewer's own record). Statutory
# records (incidents, reviews, information requests) refuse deletion for everyone.
EXPECTED = {
    "scr.incident": {"coordinator": "rwc", "chair": "rwc"},
    "scr.review": {"coordinator": "rwc", "chair": "rwc", "reviewer": "rw"},
    "scr.review.appointment": {"coordinator": "rwcu", "chair": "rwcu", "reviewer": "r"},
    "scr.review.extension": {"coordinator": "rwc", "chair": "rwc", "reviewer": "r"},
    "scr.info.request": {"coordinator": "rwc", "chair": "rwc", "reviewer": "r", "portal_a": "r"},
    "scr.reviewer": {"coordinator": "rwc", "chair": "rwc", "reviewer": "r"},
}


@tagged("post_install", "-at_install")
class TestReviewAccessMatrix(ScrReviewCase):
    """Each role x each model x read/write/create/unlink, against the table above."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.extension = cls.env["scr.review.extension"].create(
            {"review_id": cls.review.id, "new_due_date": "2026-10-01", "reason": "Inquest"}
        )
        cls.records = {
            "scr.incident": cls.incident,
            "scr.review": cls.review,
            "scr.review.appointment": cls.appointment,
            "scr.review.extension": cls.extension,
            "scr.info.request": cls.info_request,
            "scr.reviewer": cls.reviewer,
        }

    def _values(self, model):
        """Valid values to write (w) and to create (c) a record of ``model``."""
        partner = self.env["res.partner"].create({"name": "Someone Independent"})
        spare = self.env["scr.reviewer"].create(
            {"partner_id": partner.id, "company_id": self.company.id}
        )
        return {
            "scr.incident": (
                {"summary": "updated"},
                {
                    "child_alias": "Child N",
                    "incident_date": "2026-02-01",
                    "aware_date": "2026-02-02",
                    "company_id": self.company.id,
                },
            ),
            "scr.review": (
                {"report_body": "<p>updated</p>"},
                {
                    "incident_id": self.incident.id,
                    "review_type": "alr",
                    "company_id": self.company.id,
                },
            ),
            "scr.review.appointment": (
                {"panel_advice": "No objection"},
                {"review_id": self.review.id, "reviewer_id": spare.id, "role": "co_reviewer"},
            ),
            "scr.review.extension": (
                {"improvement_points": "Shared"},
                {"review_id": self.review.id, "new_due_date": "2026-12-01", "reason": "Trial"},
            ),
            "scr.info.request": (
                {"burden_note": "Small"},
                {
                    "review_id": self.review.id,
                    "agency_id": self.agency_a.id,
                    "description": "Report",
                    "justification": "Needed",
                    "date_requested": "2026-02-03",
                    "due_date": "2026-02-20",
                },
            ),
            "scr.reviewer": ({"declared_interests": "None"}, {"partner_id": partner.id}),
        }[model]

    def _allowed(self, user, model, op):
        record = self.records[model].with_user(user)
        write_vals, create_vals = self._values(model)
        savepoint = self.cr.savepoint()
        try:
            if op == "read":
                record.read(["display_name"])
            elif op == "write":
                record.write(write_vals)
            elif op == "create":
                self.env[model].with_user(user).with_company(self.company).create(create_vals)
            else:
                record.unlink()
            self.env.flush_all()
        except (AccessError, UserError):
            return False
        finally:
            savepoint.close(rollback=True)  # every attempt leaves the data as it was
            self.env.invalidate_all()
        return True

    def test_access_matrix(self):
        wrong = []
        for model, allowed in EXPECTED.items():
            for role in ROLES:
                expected = allowed.get(role, "")
                for op in OPS:
                    if self._allowed(self.users[role], model, op) != (op[0] in expected):
                        verdict = "allow" if op[0] in expected else "deny"
                        wrong.append(f"{role} {op} {model}: expected {verdict}")
        self.assertFalse(wrong, "\n".join(wrong))

    def test_portal_never_sees_other_agencies_or_identity(self):
        request = self.info_request.with_user(self.users["portal_a"])
        self.assertEqual(request.child_alias, "Child M")
        with self.assertRaises(AccessError):
            request.review_id.read(["agency_ids"])
        self.assertFalse(self.env["scr.info.request"].with_user(self.users["portal_b"]).search([]))

    def test_other_partnership(self):
        other = self.env["res.company"].create({"name": "Westshire SCP"})
        coordinator = self._new_user("west_coordinator", "odoo_scr.group_scr_coordinator")
        coordinator.write({"company_id": other.id, "company_ids": [(6, 0, [other.id])]})
        for model, record in self.records.items():
            if model == "scr.reviewer":
                continue
            with self.subTest(model=model), self.assertRaises(AccessError):
                record.with_user(coordinator).read(["display_name"])

    def test_reviewer_access_follows_the_appointment(self):
        """The reviewers' rules read the appointment's stored reviewer user: appointing,
        relinking the reviewer register and ending the appointment each open or close
        the review, its appointments and its information requests, in the same
        transaction (no flush or cache reset between the change and the search)."""
        other = self.users["reviewer_other"]
        own = (self.review, self.appointment, self.info_request)

        def readable():
            return [
                bool(record.with_user(other).search_count([("id", "=", record.id)]))
                for record in own
            ]

        self.assertEqual(readable(), [False] * 3)
        appointment = self.env["scr.review.appointment"].create(
            {
                "review_id": self.review.id,
                "reviewer_id": self.reviewer_other.id,
                "role": "co_reviewer",
            }
        )
        self.assertEqual(readable(), [True] * 3)
        self.reviewer_other.user_id = self.users["internal"]
        self.assertEqual(readable(), [False] * 3)
        self.reviewer_other.user_id = other
        self.assertEqual(readable(), [True] * 3)
        appointment.unlink()
        self.assertEqual(readable(), [False] * 3)
