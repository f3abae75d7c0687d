from datetime import timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..statutory_day import statutory_today
from .common_incident import ScrIncidentCase


@tagged("post_install", "-at_install")
class TestIncidentWorkflow(ScrIncidentCase):
    """States, bad input, archive-not-delete and tracking."""

    def test_reference_and_defaults(self):
        incident = self.new_incident()
        self.assertTrue(incident.name.startswith("NI/"))
        self.assertEqual(incident.regime, "wt2018")
        self.assertEqual(incident.user_id, self.users["coordinator"])
        self.company.scr_regime = "wt2015"
        self.assertEqual(self.new_incident().regime, "wt2015")
        self.assertEqual(incident.regime, "wt2018", "a record keeps the regime it was opened under")

    def test_happy_path(self):
        incident = self.new_incident()
        with self.assertRaisesRegex(UserError, "must be notified"):
            incident.action_start_consideration()
        with self.assertRaisesRegex(UserError, "record when the notice went to"):
            incident.action_mark_notified()
        self.send_all(incident)
        self.assertEqual(incident.state, "notified")
        incident.action_start_consideration()
        self.assertEqual(incident.state, "under_consideration")
        incident._set_decided()
        self.assertEqual(incident.state, "decided")
        incident.action_close()
        self.assertEqual(incident.state, "closed")
        with self.assertRaisesRegex(UserError, "closed: you cannot close it"):
            incident.action_close()
        incident.action_reopen()
        self.assertEqual(incident.state, "under_consideration")

    def test_illegal_moves_are_refused_in_plain_words(self):
        incident = self.new_incident()
        with self.assertRaisesRegex(UserError, "is draft: you cannot record a decision"):
            incident._set_decided()
        with self.assertRaisesRegex(UserError, "is draft: you cannot reopen it"):
            incident.action_reopen()
        self.send_all(incident)
        with self.assertRaisesRegex(UserError, "is notified: you cannot mark it notified"):
            incident.action_mark_notified()

    def test_serious_incident_needs_a_decision_before_closing(self):
        """WT2023 ch. 5: a serious incident has a rapid review and the partners' decision on a
        local review; WT2015 reg. 5(2): a mandatory review has the chair's decision."""
        incident = self.new_incident()
        self.assertTrue(incident.rapid_review_required)
        self.send_all(incident)
        incident.action_start_consideration()
        with self.assertRaisesRegex(UserError, "serious incident: it cannot be closed"):
            incident.action_close()
        wt2015 = self.new_incident(regime="wt2015")
        self.assertEqual(wt2015.review_requirement, "mandatory")
        self.send_all(wt2015)
        wt2015.action_start_consideration()
        with self.assertRaisesRegex(UserError, "mandatory review: it cannot be closed"):
            wt2015.action_close()
        self.assertEqual(incident.state, "under_consideration")
        referral = self.new_incident(child_died=False, abuse_neglect="no", parent_murdered_dhr=True)
        referral.action_start_consideration()
        referral.action_close()
        self.assertEqual(referral.state, "closed")

    def test_bad_dates(self):
        with (
            self.assertRaisesRegex(ValidationError, "cannot come before the incident date"),
            self.cr.savepoint(),
        ):
            self.new_incident(incident_date="2026-03-06", aware_date="2026-03-02")
        future = (statutory_today() + timedelta(days=3)).isoformat()
        with (
            self.assertRaisesRegex(ValidationError, "(?i)incident date .* in the future"),
            self.cr.savepoint(),
        ):
            self.new_incident(incident_date=future, aware_date=future)
        self.env.invalidate_all()
        self.assertFalse(
            self.env["scr.incident"].search([("company_id", "=", self.company.id)]),
            "nothing was saved half-way",
        )

    def test_archived_never_deleted(self):
        incident = self.new_incident()
        for role in ("coordinator", "chair", "manager"):
            with self.assertRaisesRegex(UserError, "cannot be deleted. Archive"):
                incident.with_user(self.users[role]).unlink()
        incident.with_user(self.users["coordinator"]).action_archive()
        self.assertFalse(incident.active)
        self.assertTrue(incident.exists())

    def test_changes_are_tracked(self):
        incident = self.new_incident()
        self.env.cr.flush()  # a record's own creation transaction is not tracked field by field
        incident.with_user(self.users["coordinator"]).write(
            {"child_alias": "Child B", "interagency_concerns": "yes", "aware_date": "2026-03-05"}
        )
        self.env.cr.flush()
        self.env.invalidate_all()
        tracked = incident.sudo().message_ids.tracking_value_ids.field_id.mapped("name")
        for field in ("child_alias", "interagency_concerns", "aware_date"):
            self.assertIn(field, tracked)
