import base64

from odoo.tests import tagged

from .common_action import ScrActionCase
from .common_rpc import ScrRpcCase

ROLES = ("coordinator", "chair", "manager", "reviewer", "portal_a", "internal", "other_coordinator")
STAFF = frozenset({"coordinator", "chair", "manager"})
APPOINTED = STAFF | {"reviewer"}
AGENCY = APPOINTED | {"portal_a"}
CONFIGURATION = APPOINTED | {"other_coordinator"}
# Who reads each record of the partnership (README, "Who sees what"): the partnership's
# staff everything; the appointed reviewer their review and what hangs on it, never the
# incident or the child's identity; the agency its own actions and requests; nobody
# outside the partnership anything but the shared configuration.
READERS = {
    "scr.incident": STAFF,
    "scr.incident.child": STAFF,
    "scr.notification": STAFF,
    "scr.decision": STAFF,
    "scr.review": APPOINTED,
    "scr.review.appointment": APPOINTED,
    "scr.review.extension": APPOINTED,
    "scr.review.contributor": APPOINTED,
    "scr.publication": APPOINTED,
    "scr.reviewer": APPOINTED,
    "scr.info.request": AGENCY,
    "scr.recommendation": AGENCY,
    "scr.action": AGENCY,
    "scr.action.update": AGENCY,
    "scr.learning.briefing": APPOINTED,
    "scr.learning.dissemination": APPOINTED,
    "scr.review.quality": APPOINTED,
    "scr.theme": CONFIGURATION,
    "scr.quality.marker": CONFIGURATION,
    "scr.timescale": CONFIGURATION,
    "scr.notification.recipient": CONFIGURATION,
    "scr.notification.ground": CONFIGURATION,
    "scr.deadline": APPOINTED,
}
# Who may write each record at all (what they may write is narrower still: reviewers
# their report, agencies their evidence; workflow fields nobody but the workflow).
WRITERS = {
    **dict.fromkeys(READERS, STAFF),
    "scr.review": APPOINTED,
    "scr.info.request": STAFF | {"portal_a"},
    "scr.action": STAFF | {"portal_a"},
    "scr.reviewer": {"coordinator", "chair", "manager"},
    "scr.theme": {"manager"},
    "scr.quality.marker": {"manager"},
    "scr.timescale": {"manager"},
    "scr.notification.recipient": {"manager"},
    "scr.notification.ground": {"manager"},
    "scr.deadline": set(),
}
# Statutory records: archived, never deleted, by anyone.
STATUTORY = (
    "scr.incident",
    "scr.notification",
    "scr.decision",
    "scr.review",
    "scr.info.request",
    "scr.action",
    "scr.publication",
)


@tagged("post_install", "-at_install")
class TestAccessWalk(ScrRpcCase, ScrActionCase):
    """Every model of the addon, and the sign-off rows, followers and files on its
    records, walked for every role: who reads (through JSON-RPC and the ORM), who may
    write, and that nobody deletes a statutory record (issue 14, "Done when")."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agree_plan()
        cls.incident.notification_ids[:1].write({"date_sent": "2026-01-08"})
        decision = cls.env["scr.decision"].create(
            {
                "incident_id": cls.incident.id,
                "decision": "initiate_review",
                "decision_date": "2026-01-20",
                "rationale": "A local review will find out why.",
            }
        )
        decision.with_user(cls.users["coordinator"]).request_validation()
        cls.review.write(
            {
                "final_report": base64.b64encode(b"%PDF-1.4 report"),
                "final_report_filename": "report.pdf",
                "final_report_version": "1.0",
                "state": "final_report",
            }
        )
        # The step to the final report prepares the contributors' lines; set as data here.
        cls.review._prepare_contributors()
        cls.review.action_prepare_quality_assessment()
        publication = cls.env["scr.publication"].create(
            {"review_id": cls.review.id, "report_version": "1.0"}
        )
        publication.with_user(cls.users["coordinator"]).request_validation()
        update = cls.env["scr.action.update"].create(
            {"action_id": cls.action_a.id, "progress": 20, "note": "Started"}
        )
        briefing = cls.env["scr.learning.briefing"].create(
            {
                "name": "7-minute briefing",
                "review_id": cls.review.id,
                "company_id": cls.company.id,
                "dissemination_ids": [(0, 0, {"audience": "Schools", "date": "2026-09-01"})],
            }
        )
        cls.records = {
            "scr.incident": cls.incident,
            "scr.incident.child": cls.env["scr.incident.child"].create(
                {"incident_id": cls.incident.id, "alias": "Sibling of M"}
            ),
            "scr.notification": cls.incident.notification_ids[:1],
            "scr.decision": decision,
            "scr.review": cls.review,
            "scr.review.appointment": cls.appointment,
            "scr.review.extension": cls.env["scr.review.extension"].create(
                {"review_id": cls.review.id, "new_due_date": "2026-12-01", "reason": "Trial"}
            ),
            "scr.review.contributor": cls.review.contributor_ids[:1],
            "scr.publication": publication,
            "scr.reviewer": cls.reviewer,
            "scr.info.request": cls.info_request,
            "scr.recommendation": cls.recommendation,
            "scr.action": cls.action_a,
            "scr.action.update": update,
            "scr.learning.briefing": briefing,
            "scr.learning.dissemination": briefing.dissemination_ids,
            "scr.review.quality": cls.review.quality_ids[:1],
            "scr.theme": cls.env["scr.theme"].search([], limit=1),
            "scr.quality.marker": cls.env["scr.quality.marker"].search([], limit=1),
            "scr.timescale": cls.env["scr.timescale"].search([], limit=1),
            "scr.notification.recipient": cls.env["scr.notification.recipient"].search([], limit=1),
            "scr.notification.ground": cls.env["scr.notification.ground"].search([], limit=1),
            "scr.deadline": cls.env["scr.deadline"].search(
                [("res_model", "=", "scr.review"), ("res_id", "=", cls.review.id)], limit=1
            ),
        }
        cls.sign_offs = decision.review_ids | publication.review_ids
        cls.files = {
            "incident": cls._attach(cls.incident, "strategy-meeting.pdf"),
            "action": cls._attach(cls.action_a, "evidence.pdf"),
        }

    @classmethod
    def _attach(cls, record, name):
        return cls.env["ir.attachment"].create(
            {"name": name, "raw": b"%PDF-1.4 x", "res_model": record._name, "res_id": record.id}
        )

    def _rpc_reads(self, role, records):
        result, error = self.call_kw(
            self.users[role],
            records._name,
            "search",
            [[("id", "in", records.ids)]],
            {"context": {"active_test": False}},
        )
        return bool(result) and not error

    def _orm_reads(self, role, records):
        return records.with_user(self.users[role]).has_access("read")

    def test_every_model_is_walked(self):
        models = self.env["ir.model"].search(
            [("model", "=like", "scr.%"), ("transient", "=", False), ("abstract", "=", False)]
        )
        self.assertEqual(set(models.mapped("model")), set(READERS), "a model nobody walks")

    def test_who_reads_each_record(self):
        wrong = []
        for model, readers in READERS.items():
            records = self.records[model]
            self.assertTrue(records, model)
            for role in ROLES:
                expected = role in readers
                for path, reads in (("RPC", self._rpc_reads), ("ORM", self._orm_reads)):
                    if reads(role, records) != expected:
                        wrong.append(
                            f"{role} {'cannot' if expected else 'can'} read {model} ({path})"
                        )
        self.assertFalse(wrong, "\n".join(wrong))

    def test_who_may_write_each_record(self):
        wrong = [
            f"{role} {'cannot' if role in writers else 'can'} write {model}"
            for model, writers in WRITERS.items()
            for role in ROLES
            if self.records[model].with_user(self.users[role]).has_access("write")
            != (role in writers)
        ]
        self.assertFalse(wrong, "\n".join(wrong))

    def test_nobody_deletes_a_statutory_record(self):
        for model in STATUTORY:
            for role in ROLES:
                with self.subTest(model=model, role=role):
                    self.assertRefused(
                        self.call_kw(self.users[role], model, "unlink", [self.records[model].ids])
                    )
                    self.assertTrue(self.records[model].exists())

    def test_sign_off_rows_follow_their_record(self):
        for role in ROLES:
            with self.subTest(role=role):
                result, _error = self.call_kw(
                    self.users[role],
                    "tier.review",
                    "search_read",
                    [[("id", "in", self.sign_offs.ids)]],
                    {"fields": ["model", "status"]},
                )
                expected = {review.id for review in self.sign_offs if role in READERS[review.model]}
                self.assertEqual({row["id"] for row in result or []}, expected)
                self.assertRefused(
                    self.call_kw(
                        self.users[role],
                        "tier.review",
                        "write",
                        [self.sign_offs.ids, {"status": "approved"}],
                    )
                )

    def test_followers_and_files_follow_their_record(self):
        followers = self.env["mail.followers"].search(
            [("res_model", "=", "scr.incident"), ("res_id", "=", self.incident.id)]
        )
        self.assertTrue(followers)
        for role in ROLES:
            with self.subTest(role=role):
                result, _error = self.call_kw(
                    self.users[role],
                    "scr.incident",
                    "search_read",
                    [[("id", "=", self.incident.id)]],
                    {"fields": ["message_follower_ids"]},
                )
                self.assertEqual(bool(result), role in STAFF)
                for key, record in (("incident", self.incident), ("action", self.action_a)):
                    result, _error = self.call_kw(
                        self.users[role],
                        "ir.attachment",
                        "search_read",
                        [[("id", "=", self.files[key].id)]],
                        {"fields": ["name"]},
                    )
                    self.assertEqual(
                        bool(result), role in READERS[record._name], f"{role} reads {key} file"
                    )
