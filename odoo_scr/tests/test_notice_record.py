from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common_incident import ScrIncidentCase
from .common_rpc import ScrRpcCase


@tagged("post_install", "-at_install")
class TestSentNoticeRecord(ScrRpcCase, ScrIncidentCase):
    """Issue 14, item 6: once sent, a statutory notice is immutable and kept; a mistake
    in it is put right by a correction with its reason, and both are kept."""

    def setUp(self):
        super().setUp()
        self.incident = self.new_incident()
        self.notice = self.incident.notification_ids[0]
        self.notice.with_user(self.users["coordinator"]).write(
            {"date_sent": "2026-03-09", "reference": "OF-123"}
        )
        self.coordinator = self.users["coordinator"]

    def _write(self, vals):
        return self.call_kw(self.coordinator, "scr.notification", "write", [self.notice.ids, vals])

    def test_a_sent_notice_cannot_be_cleared_then_deleted(self):
        self.assertRefused(self._write({"date_sent": False}), "statutory record", "correction")
        self.assertRefused(
            self.call_kw(self.coordinator, "scr.notification", "unlink", [self.notice.ids]),
            "statutory record",
        )
        self.notice.invalidate_recordset()
        self.assertTrue(self.notice.exists())
        self.assertEqual(str(self.notice.date_sent), "2026-03-09")

    def test_its_reference_sender_and_date_cannot_be_edited(self):
        for vals, words in (
            ({"reference": "OF-999"}, ("statutory record", "Reference")),
            ({"date_sent": "2026-03-10"}, ("statutory record", "Date sent")),
            ({"note": "rewritten"}, ("statutory record",)),
            ({"sent_by_id": self.users["chair"].id}, ("Sent by",)),
        ):
            with self.subTest(vals=vals):
                self.assertRefused(self._write(vals), *words)
        # Through the incident's form as well (its list of notices).
        self.assertRefused(
            self.call_kw(
                self.coordinator,
                "scr.incident",
                "write",
                [
                    self.incident.ids,
                    {"notification_ids": [(1, self.notice.id, {"reference": "X"})]},
                ],
            ),
            "statutory record",
        )
        self.notice.invalidate_recordset()
        self.assertEqual(
            (str(self.notice.date_sent), self.notice.reference, self.notice.sent_by_id),
            ("2026-03-09", "OF-123", self.coordinator),
        )

    def test_unchanged_values_and_unsent_notices_stay_editable(self):
        """The web client may send a value back unchanged; an unsent notice is recorded
        as usual, by whoever records it (the server says who)."""
        result, error = self._write({"reference": "OF-123"})
        self.assertFalse(error)
        result, error = self.call_kw(
            self.users["chair"],
            "scr.notification",
            "write",
            [self.notice.ids, {"date_sent": "2026-03-09", "reference": "OF-123"}],
        )
        self.assertFalse(error)
        self.assertEqual(self.notice.sent_by_id, self.coordinator, "who sent it stays")
        other = self.incident.notification_ids[1]
        result, error = self.call_kw(
            self.coordinator,
            "scr.notification",
            "write",
            [other.ids, {"date_sent": "2026-03-10", "reference": "NP-7"}],
        )
        self.assertTrue(result, error)
        self.assertEqual(other.sent_by_id, self.coordinator)

    def test_a_correction_keeps_both(self):
        result, error = self.call_kw(
            self.coordinator, "scr.notification", "action_correct", [self.notice.ids]
        )
        self.assertFalse(error)
        self.assertEqual(result["context"]["default_corrected_id"], self.notice.id)
        # What the correction form sends (the obligation is copied, never chosen).
        other_recipient = self.incident.notification_ids[1].recipient_id
        correction_id, error = self.call_kw(
            self.coordinator,
            "scr.notification",
            "create",
            [
                {
                    "corrected_id": self.notice.id,
                    "date_sent": "2026-03-09",
                    "reference": "OF-124",
                    "correction_reason": "The reference was mistyped.",
                    "recipient_id": other_recipient.id,
                }
            ],
        )
        self.assertFalse(error)
        correction = self.env["scr.notification"].browse(correction_id)
        self.assertEqual(correction.recipient_id, self.notice.recipient_id)
        self.assertEqual(correction.incident_id, self.incident)
        self.assertEqual(correction.sent_by_id, self.coordinator)
        self.assertEqual(self.notice.correction_ids, correction)
        self.assertTrue(self.notice.is_corrected)
        self.assertEqual(self.notice.reference, "OF-123", "the corrected notice is kept as it was")
        # One correction per notice (correct the correction), always with a reason.
        self.assertRefused(
            self.call_kw(
                self.coordinator,
                "scr.notification",
                "create",
                [{"corrected_id": self.notice.id, "date_sent": "2026-03-09", "reference": "Z"}],
            ),
            "already corrected",
        )
        self.assertRefused(
            self.call_kw(
                self.coordinator,
                "scr.notification",
                "create",
                [{"corrected_id": correction.id, "date_sent": "2026-03-09", "reference": "Z"}],
            ),
            "Say why",
        )
        self.assertRefused(
            self.call_kw(
                self.coordinator,
                "scr.notification",
                "create",
                [
                    {
                        "corrected_id": self.incident.notification_ids[2].id,
                        "date_sent": "2026-03-09",
                        "correction_reason": "typo",
                    }
                ],
            ),
            "has not been sent",
        )

    def test_orm_refusals_in_words(self):
        notice = self.notice.with_user(self.coordinator)
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            notice.date_sent = False
        with self.assertRaisesRegex(UserError, "statutory record"):
            notice.unlink()
        with self.assertRaisesRegex(ValidationError, "in the future"):
            self.incident.notification_ids[1].with_user(self.coordinator).date_sent = "2099-01-01"
