from datetime import timedelta

from odoo.tests import new_test_user, tagged

from ..statutory_day import statutory_today
from .common_action import ScrActionCase
from .common_rpc import ScrRpcCase

DESK_FIELDS = ["name", "kind", "res_model", "res_id", "due_date", "state", "is_late", "days_late"]


@tagged("post_install", "-at_install")
class TestDeadlineDesk(ScrRpcCase, ScrActionCase):
    """The desk (scr.deadline): every statutory deadline of the partnership in one list,
    read from the source records, late first; each role sees what its source rules let
    it read, through JSON-RPC as through the ORM; nobody writes it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agree_plan()
        cls.incident.notification_ids[:1].write({"date_sent": "2026-01-08"})
        cls.decision = cls.env["scr.decision"].create(
            {
                "incident_id": cls.incident.id,
                "decision": "initiate_review",
                "decision_date": "2026-01-20",
                "rationale": "A local review will find out why.",
            }
        )
        cls.decision.with_user(cls.users["coordinator"]).request_validation()
        cls.Deadline = cls.env["scr.deadline"]

    def _rows(self, user, domain=()):
        return self.Deadline.with_user(user).search(list(domain))

    def _row(self, record, kind):
        return self.Deadline.search(
            [("res_model", "=", record._name), ("res_id", "=", record.id), ("kind", "=", kind)]
        )

    def test_each_deadline_comes_from_its_source_record(self):
        expected = {
            (self.incident, "incident_notification"): self.incident.notification_due_date,
            (self.decision, "rapid_review"): self.decision.decision_due_date,
            (self.review, "review_completion"): self.review.completion_due_date,
            (self.review, "publication_due"): self.review.publication_due_date,
            (self.info_request, "info_request"): self.info_request.due_date,
            (self.action_a, "action"): self.action_a.due_date,
        }
        for (record, kind), due in expected.items():
            with self.subTest(kind=kind):
                row = self._row(record, kind)
                self.assertEqual(len(row), 1)
                self.assertEqual(row.due_date, due)
                self.assertEqual(row.company_id, self.company)

    def test_publication_milestones_follow_the_planned_date(self):
        self.review.publication_date = "2026-10-01"
        publication = self._row(self.review, "publication")
        notices = self._row(self.review, "pre_publication")
        self.assertEqual(str(publication.due_date), "2026-10-01")
        self.assertEqual(notices.due_date, self.review.pre_publication_due_date)
        self.assertLess(notices.due_date, publication.due_date)
        self.assertEqual((notices.state, publication.state), ("open", "open"))

    def test_an_open_deadline_past_its_date_is_late_by_its_days(self):
        row = self._row(self.info_request, "info_request")
        today = statutory_today()
        self.assertEqual(row.state, "open")
        self.assertTrue(row.is_late)
        self.assertEqual(row.days_late, (today - self.info_request.due_date).days)
        self.assertEqual(row.reviewer_id, self.reviewer, "the review's lead reviewer")

    def test_a_deadline_met_is_done_and_not_late(self):
        self.info_request.attachment_ids = [
            (0, 0, {"name": "chronology.pdf", "raw": b"%PDF-1.4 chronology"})
        ]
        self.info_request.with_user(self.users["coordinator"]).action_submit()
        row = self._row(self.info_request, "info_request")
        self.assertEqual(row.state, "done")
        self.assertFalse(row.is_late)
        self.assertEqual(row.days_late, 0)

    def test_the_desk_lists_late_deadlines_first(self):
        today = statutory_today()
        self.new_info_request(date_requested=today, due_date=today + timedelta(days=20))
        rows = self._rows(self.users["coordinator"], [("state", "=", "open")])
        lateness = rows.mapped("is_late")
        self.assertIn(True, lateness)
        self.assertIn(False, lateness)
        self.assertEqual(lateness, sorted(lateness, reverse=True))

    def test_the_chair_sees_the_decision_awaiting_sign_off(self):
        row = self._row(self.decision, "rapid_review")
        self.assertTrue(row.awaiting_sign_off)
        chair_rows = self._rows(
            self.users["chair"], ["|", ("awaiting_sign_off", "=", True), ("is_late", "=", True)]
        )
        self.assertIn(row, chair_rows)

    def test_a_row_opens_its_source_record(self):
        action = self._row(self.action_a, "action").action_open_record()
        self.assertEqual((action["res_model"], action["res_id"]), ("scr.action", self.action_a.id))

    def test_no_row_carries_the_childs_identity(self):
        self.assertFalse([name for name in self.Deadline._fields if "child" in name])
        values = self._rows(self.users["coordinator"]).read(DESK_FIELDS)
        self.assertTrue(values)
        text = repr(values)
        for identity in ("Child M", "Secret Name"):
            self.assertNotIn(identity, text)

    def test_a_coordinator_sees_their_partnership_only(self):
        result, error = self.call_kw(
            self.users["coordinator"],
            "scr.deadline",
            "search_read",
            [[]],
            {"fields": ["res_model"]},
        )
        self.assertFalse(error)
        self.assertEqual(
            {row["res_model"] for row in result},
            {"scr.incident", "scr.decision", "scr.review", "scr.info.request", "scr.action"},
        )
        result, error = self.call_kw(
            self.users["other_coordinator"], "scr.deadline", "search_read", [[]], {}
        )
        self.assertEqual((result, error), ([], None))

    def test_a_reviewer_sees_only_their_reviews_milestones(self):
        rows = self._rows(self.users["reviewer"])
        self.assertTrue(rows)
        self.assertEqual(set(rows.mapped("res_model")), {"scr.review"})
        self.assertEqual(rows.review_id, self.review)
        result, error = self.call_kw(
            self.users["reviewer"], "scr.deadline", "search_read", [[]], {"fields": ["res_model"]}
        )
        self.assertFalse(error)
        self.assertEqual({row["id"] for row in result}, set(rows.ids))
        self.assertFalse(self._rows(self.users["reviewer_other"]))
        incident_row = self._row(self.incident, "incident_notification")
        self.assertRefused(
            self.call_kw(
                self.users["reviewer"],
                "scr.deadline",
                "read",
                [incident_row.ids],
                {"fields": ["name"]},
            )
        )

    def test_portal_and_other_internal_users_read_nothing(self):
        for role in ("portal_a", "internal"):
            with self.subTest(role=role):
                self.assertRefused(
                    self.call_kw(self.users[role], "scr.deadline", "search_read", [[]], {})
                )
                self.assertRefusedJson2(
                    self.json2(self.users[role], "scr.deadline", "search_read", domain=[])
                )

    def test_nobody_writes_the_desk(self):
        row = self._row(self.action_a, "action")
        for role in ("coordinator", "chair", "manager"):
            with self.subTest(role=role):
                user = self.users[role]
                self.assertRefused(
                    self.call_kw(
                        user, "scr.deadline", "write", [row.ids, {"due_date": "2030-01-01"}]
                    )
                )
                self.assertRefused(self.call_kw(user, "scr.deadline", "create", [{"name": "X"}]))
                self.assertRefused(self.call_kw(user, "scr.deadline", "unlink", [row.ids]))
        self.assertEqual(row.due_date, self.action_a.due_date)


@tagged("post_install", "-at_install")
class TestRoleHome(ScrActionCase):
    """Each role lands on its desk after login (res.users.action_id), without hand work,
    and a home a user already has is kept."""

    def _home(self, user):
        """The external id of the user's home action, or False."""
        if not user.action_id:
            return False
        action = self.env[user.action_id.type].browse(user.action_id.id)
        return action.get_external_id()[action.id]

    def test_each_role_gets_its_home(self):
        expected = {
            "coordinator": "odoo_scr.scr_deadline_action",
            "manager": "odoo_scr.scr_deadline_action",
            "chair": "odoo_scr.scr_deadline_action_chair",
            "reviewer": "odoo_scr.scr_deadline_action_reviewer",
            "internal": False,
            "portal_a": False,
        }
        for role, home in expected.items():
            with self.subTest(role=role):
                self.assertEqual(self._home(self.users[role]), home)

    def test_a_user_given_a_role_later_gets_its_home(self):
        user = self.users["internal"]
        user.group_ids = [(4, self.env.ref("odoo_scr.group_scr_coordinator").id)]
        self.assertEqual(self._home(user), "odoo_scr.scr_deadline_action")

    def test_a_home_of_ones_own_is_kept(self):
        discuss = self.env.ref("mail.action_discuss")
        user = new_test_user(
            self.env, login="own_home", groups="base.group_user", action_id=discuss.id
        )
        user.group_ids = [(4, self.env.ref("odoo_scr.group_scr_chair").id)]
        self.assertEqual(user.action_id.id, discuss.id)
