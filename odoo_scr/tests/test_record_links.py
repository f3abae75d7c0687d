from odoo.tests import tagged

from .common_action import ScrActionCase


@tagged("post_install", "-at_install")
class TestRecordLinks(ScrActionCase):
    """The smart buttons lead incident -> decision -> review -> action plan and back,
    each to the one record it names."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.decision = cls.env["scr.decision"].create(
            {
                "incident_id": cls.incident.id,
                "decision": "initiate_review",
                "decision_date": "2026-01-20",
                "rationale": "A local review will find out why.",
            }
        )

    def assertOpens(self, action, record):
        self.assertEqual((action["res_model"], action.get("res_id")), (record._name, record.id))

    def test_incident_leads_to_its_decision_and_review(self):
        incident = self.incident.with_user(self.users["coordinator"])
        self.assertOpens(incident.action_view_decisions(), self.decision)
        self.assertOpens(incident.action_view_reviews(), self.review)

    def test_decision_leads_back_to_its_incident(self):
        decision = self.decision.with_user(self.users["coordinator"])
        self.assertOpens(decision.action_view_incident(), self.incident)

    def test_action_leads_back_to_its_review(self):
        action = self.action_a.with_user(self.users["coordinator"])
        self.assertOpens(action.action_view_review(), self.review)

    def assertActivityOpens(self, record, activity_xmlid):
        """The activity of that type on ``record`` opens ``record``'s form for the
        coordinator whose desk it is on (mail.activity.action_open_document)."""
        activity_type = self.env.ref(activity_xmlid)
        activity = record.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        self.assertEqual(len(activity), 1, activity_xmlid)
        self.assertEqual(activity_type.res_model, record._name)
        action = activity.with_user(self.users["coordinator"]).action_open_document()
        self.assertOpens(action, record)

    def test_the_activity_to_record_the_decision_opens_the_decision(self):
        self.assertActivityOpens(self.decision, "odoo_scr.mail_activity_type_scr_decision")

    def test_the_activity_to_notify_the_incident_opens_the_incident(self):
        self.assertActivityOpens(self.incident, "odoo_scr.mail_activity_type_scr_notification")
