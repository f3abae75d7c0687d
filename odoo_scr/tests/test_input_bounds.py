import time
from datetime import timedelta

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..statutory_day import statutory_today
from .common_action import ScrActionCase
from .common_rpc import ScrRpcCase

LONE_SURROGATE = "Flag missed appointments \ud800"


@tagged("post_install", "-at_install")
class TestInputBounds(ScrRpcCase, ScrActionCase):
    """Issue 14, item 14: every date and number a client sends is bounded to what the
    process can mean, and text the database cannot store is refused in words, through
    RPC as the role that sent it (never an HTTP 500 nor a raw Python error)."""

    def _call(self, user, model, method, *args):
        return self.call_kw(self.users[user], model, method, list(args))

    def test_a_lone_surrogate_is_refused_in_words(self):
        outcome = self._call(
            "coordinator", "scr.action", "write", self.action_a.ids, {"name": LONE_SURROGATE}
        )
        self.assertRefused(outcome, "Action", "not text")
        self.assertRefused(
            self._call(
                "coordinator",
                "scr.recommendation",
                "create",
                {"review_id": self.review.id, "number": 7, "recommendation": "\ud83d is it"},
            ),
            "not text",
        )
        self.assertRefused(
            self._call(
                "coordinator",
                "scr.info.request",
                "write",
                self.info_request.ids,
                {"burden_note": "\x00"},
            ),
            "NUL",
        )
        self.assertRefusedJson2(
            self.json2(
                self.users["coordinator"],
                "scr.action",
                "write",
                ids=self.action_a.ids,
                vals={"name": LONE_SURROGATE},
            ),
            "not text",
        )
        self.assertEqual(self.action_a.name, "Police: flag missed appointments")

    def test_dates_beyond_what_the_process_means(self):
        far = "9999-12-31"
        for model, record, vals in (
            ("scr.action", self.action_a, {"due_date": far}),
            ("scr.action", self.action_a, {"due_date": "0001-01-01"}),
            ("scr.info.request", self.info_request, {"due_date": far}),
            ("scr.review.appointment", self.appointment, {"date_appointed": far}),
        ):
            with self.subTest(model=model, vals=vals):
                self.assertRefused(
                    self._call("coordinator", model, "write", record.ids, vals), "cannot be"
                )
        self.assertRefused(
            self._call(
                "coordinator",
                "scr.review.extension",
                "create",
                {"review_id": self.review.id, "new_due_date": far, "reason": "Trial"},
            ),
            "New completion date",
            "years ahead",
        )
        self.assertEqual(str(self.action_a.due_date), "2026-09-30")

    def test_a_review_initiated_in_9999(self):
        """Its completion date cannot be counted: refused in words, not a ValueError."""
        self.assertRefused(
            self._call(
                "coordinator",
                "scr.review",
                "write",
                self.review.ids,
                {"date_initiated": "9999-12-31"},
            ),
            # The date is named in the reader's own format (12/31/9999, 31/12/9999).
            "9999",
            "Date Initiated",
        )
        self.review.invalidate_recordset()
        self.assertEqual(str(self.review.date_initiated), "2026-02-02")

    def test_blank_names_and_numbers_out_of_range(self):
        for model, record, vals, words in (
            ("scr.action", self.action_a, {"name": "   "}, ("blank",)),
            ("scr.action", self.action_a, {"success_criteria": "\n\t "}, ("blank",)),
            ("scr.action", self.action_a, {"name": "x" * 501}, ("the limit is 500",)),
            ("scr.action", self.action_a, {"description": "x" * 100_001}, ("100000",)),
            ("scr.recommendation", self.recommendation, {"number": -3}, ("between 1 and",)),
            ("scr.recommendation", self.recommendation, {"number": 2**40}, ("between 1 and",)),
        ):
            with self.subTest(model=model, vals=vals):
                self.assertRefused(
                    self._call("coordinator", model, "write", record.ids, vals), *words
                )
        briefing = self.env["scr.learning.briefing"].create(
            {
                "name": "7-minute briefing",
                "review_id": self.review.id,
                "company_id": self.company.id,
            }
        )
        self.assertRefused(
            self._call(
                "coordinator",
                "scr.learning.dissemination",
                "create",
                {
                    "briefing_id": briefing.id,
                    "audience": "Health visitors",
                    "date": "2026-09-01",
                    "reached": -100,
                },
            ),
            "People reached",
            "between 0 and",
        )
        self.assertEqual(self.recommendation.number, 1)

    def test_a_portal_update_cannot_freeze_progress(self):
        """An update dated 9999-12-31 would stay the latest for ever (99%)."""
        self.agree_plan()
        self.assertRefused(
            self._call(
                "portal_a",
                "scr.action.update",
                "create",
                {
                    "action_id": self.action_a.id,
                    "note": "Nearly",
                    "progress": 99,
                    "date": "9999-12-31",
                },
            ),
            "in the future",
        )
        Update = self.env["scr.action.update"].with_user(self.users["portal_a"])
        Update.create({"action_id": self.action_a.id, "note": "Started", "progress": 20})
        Update.create({"action_id": self.action_a.id, "note": "Half way", "progress": 50})
        self.assertEqual(self.action_a.progress, 50)
        with self.assertRaisesRegex(ValidationError, "in the future"):
            Update.create(
                {
                    "action_id": self.action_a.id,
                    "note": "Tomorrow",
                    "date": statutory_today() + timedelta(days=1),
                }
            )

    def test_a_timescale_no_statute_means(self):
        rapid = self.Timescale.search([("code", "=", "rapid_review"), ("regime", "=", "wt2018")])
        started = time.monotonic()
        for vals, words in (
            ({"amount": 3_000_000}, ("260",)),
            ({"amount": 61, "unit": "months"}, ("60",)),
            ({"amount": 400, "unit": "calendar_days"}, ("366",)),
            ({"name": " "}, ("blank",)),
        ):
            with self.subTest(vals=vals):
                self.assertRefused(
                    self._call("manager", "scr.timescale", "write", rapid.ids, vals), *words
                )
        self.assertLess(time.monotonic() - started, 5, "refused before any deadline is counted")
        self.assertEqual(rapid.amount, 15)
        result, error = self._call("manager", "scr.timescale", "write", rapid.ids, {"amount": 260})
        self.assertTrue(result, error)

    def test_the_deadline_engine_refuses_what_it_cannot_count(self):
        self.assertRefused(
            self.call_kw(
                self.users["coordinator"],
                "scr.timescale",
                "compute_deadline",
                ["rapid_review", "9999-12-31"],
            ),
            "cannot be computed",
        )
