import ast
import base64
from datetime import date

from odoo.tests import new_test_user, tagged

from .common_decision import ScrDecisionCase
from .common_publication import ScrPublicationCase
from .common_rpc import ScrRpcCase

SHOWN = [
    "report_version",
    "final_report_filename",
    "report_is_pdf",
    "report_changed",
    "publication_date",
    "pre_publication_due_date",
    "anonymity_state",
    "anonymity_hit_count",
    "anonymity_checked_date",
    "contributor_ids",
]


@tagged("post_install", "-at_install")
class TestChairSeesWhatIsSigned(ScrRpcCase, ScrPublicationCase):
    """The chair's sign-off of publication shows what is signed: the report (to read or
    download, for those who may read the review only), the anonymity check's result (never
    what identifies the child), the planned date, the notices and when they went, and the
    contributors' confirmations; its banner names the chair who must sign."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._to_awaiting_publication(cls.review)
        cls.review.publication_date = date(2026, 12, 31)
        cls.review.contributor_ids.write(
            {"confirmed": True, "date_confirmed": date(2026, 11, 2), "confirmed_by": "Director"}
        )
        cls.review.pre_publication_notice_ids.write(
            {"date_sent": date(2026, 11, 3), "reference": "PANEL-7"}
        )
        cls.review.with_user(cls.users["coordinator"]).action_check_anonymity()
        cls.review.with_user(cls.users["coordinator"]).action_request_publication_sign_off()
        cls.publication = cls.review.publication_ids
        # The chair of another partnership: in the chairs' group, not this partnership's.
        other = cls.env["res.company"].create({"name": "Northford SCP"})
        cls.users["other_chair"] = new_test_user(
            cls.env,
            login="northford_chair",
            name="Nora Northford",
            groups="odoo_scr.group_scr_chair",
            company_id=other.id,
            company_ids=[other.id],
        )

    def test_the_chair_reads_what_is_signed_over_rpc(self):
        values, error = self.call_kw(
            self.users["chair"],
            "scr.publication",
            "read",
            [self.publication.ids, [*SHOWN, "pre_publication_notice_ids"]],
        )
        self.assertIsNone(error)
        shown = values[0]
        self.assertEqual(shown["report_version"], "1.0")
        self.assertEqual(shown["final_report_filename"], "child_m_overview_report.pdf")
        self.assertTrue(shown["report_is_pdf"])
        self.assertFalse(shown["report_changed"])
        self.assertEqual(shown["publication_date"], "2026-12-31")
        self.assertEqual(
            shown["pre_publication_due_date"], str(self.review.pre_publication_due_date)
        )
        self.assertEqual(shown["anonymity_state"], "clear")
        self.assertTrue(shown["anonymity_checked_date"])
        self.assertEqual(shown["contributor_ids"], self.review.contributor_ids.ids)
        self.assertEqual(
            shown["pre_publication_notice_ids"], self.review.pre_publication_notice_ids.ids
        )
        notices, error = self.call_kw(
            self.users["chair"],
            "scr.notification",
            "read",
            [shown["pre_publication_notice_ids"], ["date_sent", "reference"]],
        )
        self.assertIsNone(error)
        self.assertEqual({notice["date_sent"] for notice in notices}, {"2026-11-03"})

    def test_the_report_opens_for_those_who_may_read_the_review_only(self):
        url = (
            f"/web/content?model=scr.publication&id={self.publication.id}"
            "&field=final_report&filename_field=final_report_filename&download=true"
        )
        for login in ("chair", "coordinator", "reviewer"):
            self.authenticate(self.users[login].login, self.users[login].login)
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, login)
            self.assertEqual(response.content, base64.b64decode(self.review.final_report), login)
            self.assertIn("child_m_overview_report.pdf", response.headers["Content-Disposition"])
        for login in ("reviewer_other", "other_coordinator", "portal_a", "internal"):
            self.authenticate(self.users[login].login, self.users[login].login)
            response = self.url_open(url)
            self.assertIn(response.status_code, (403, 404), login)
            self.assertNotIn(b"%PDF", response.content, login)

    def test_the_identity_never_reaches_the_sign_off(self):
        """The sign-off shows how many places identify the child, never what they say."""
        self.assertNotIn("anonymity_issues", self.env["scr.publication"].fields_get())
        self.review.write({"report_body": "<p>Jayden Okafor lived with his mother.</p>"})
        self.review.with_user(self.users["coordinator"]).action_check_anonymity()
        values, error = self.call_kw(
            self.users["reviewer"], "scr.publication", "read", [self.publication.ids, SHOWN]
        )
        self.assertIsNone(error)
        self.assertEqual(values[0]["anonymity_state"], "identifies")
        self.assertGreaterEqual(values[0]["anonymity_hit_count"], 1)
        self.assertNotIn("Okafor", str(values[0]))

    def test_the_notices_stay_with_the_coordinators(self):
        """An appointed reviewer reads the sign-off of their review, not the notices."""
        _values, error = self.call_kw(
            self.users["reviewer"],
            "scr.publication",
            "read",
            [self.publication.ids, ["pre_publication_notice_ids"]],
        )
        self.assertTrue(error)
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        values, error = self.call_kw(
            self.users["reviewer"], "scr.publication", "read", [self.publication.ids, SHOWN]
        )
        self.assertIsNone(error)
        self.assertEqual(values[0]["publication_date"], "2026-12-31")

    def test_a_new_version_of_the_report_is_flagged(self):
        self.review.final_report_version = "1.1"
        self.assertTrue(self.publication.report_changed)
        self.assertEqual(self.publication.final_report_version, "1.1")

    def test_the_banner_names_the_chair_of_the_partnership(self):
        chair = self.users["chair"]
        tier = self.publication.review_ids
        self.assertIn(self.users["other_chair"], tier.reviewer_ids)
        self.assertEqual(tier.todo_by, chair.name)
        self.assertIn(chair.name, self.publication.to_validate_message)
        self.assertNotIn("Group", self.publication.to_validate_message)
        self.assertNotIn("Nora Northford", self.publication.to_validate_message)
        # A second chair of the partnership is named too.
        chair2 = self._new_user("chair_two", "odoo_scr.group_scr_chair")
        self.assertEqual(tier.todo_by, f"{chair.name}, {chair2.name}")

    def test_the_chairs_queue_and_its_form_load(self):
        Publication = self.env["scr.publication"].with_user(self.users["chair"])
        action = self.env.ref("odoo_scr.scr_publication_action_my_sign_off")
        queue = Publication.search(ast.literal_eval(action.domain))
        self.assertEqual(queue, self.publication)
        views = Publication.get_views([(False, "list"), (False, "form")])["views"]
        for name in ("review_id", "child_alias", "publication_date", "anonymity_state", "state"):
            self.assertIn(f'name="{name}"', views["list"]["arch"])
        for name in ("final_report", "pre_publication_notice_ids", "contributor_ids"):
            self.assertIn(f'name="{name}"', views["form"]["arch"])
        self.assertIn('widget="pdf_viewer"', views["form"]["arch"])


@tagged("post_install", "-at_install")
class TestDecisionBannerNamesTheChair(ScrDecisionCase):
    """The decision's banner says who must sign: the partnership's chairs by name."""

    def test_the_decision_banner_names_the_chairs(self):
        decision = self._decision(self._incident(sent="2025-12-29"))
        decision.with_user(self.users["coordinator"]).request_validation()
        message = decision.to_validate_message
        self.assertIn(self.users["chair"].name, message)
        self.assertIn(self.users["chair2"].name, message)
        self.assertNotIn("Group", message)

    def test_the_chairs_decision_queue_lists_what_is_signed(self):
        """The queue's own list: reference, child, what the decision says, when it is due
        and its sign-off, without the columns that cut them at 1440 px."""
        action = self.env.ref("odoo_scr.scr_decision_action_my_sign_off")
        self.assertEqual(
            action.view_ids.view_id, self.env.ref("odoo_scr.scr_decision_view_list_my_sign_off")
        )
        arch = (
            self.env["scr.decision"]
            .with_user(self.users["chair"])
            .get_views([(action.view_ids.view_id.id, "list")])["views"]["list"]["arch"]
        )
        for name in (
            "incident_id",
            "child_alias",
            "decision",
            "decision_due_date",
            "validation_status",
        ):
            self.assertIn(f'name="{name}"', arch)
        self.assertNotIn('name="activity_ids"', arch)
