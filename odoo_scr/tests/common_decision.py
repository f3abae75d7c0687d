from contextlib import contextmanager

from odoo.tests import new_test_user

from .common import ScrCase


class ScrDecisionCase(ScrCase):
    """Incidents ready for a decision in both regimes, and a second chair."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users["chair2"] = new_test_user(
            cls.env,
            login="testshire_chair2",
            groups="odoo_scr.group_scr_chair",
            lang="en_GB",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.Incident = cls.env["scr.incident"].with_company(cls.company)
        cls.Decision = cls.env["scr.decision"]

    @classmethod
    def _incident(cls, regime="wt2018", sent=None, **values):
        """An incident under consideration; ``sent`` is the date its notices went."""
        incident = cls.Incident.create(
            {
                "company_id": cls.company.id,
                "child_alias": "Child T",
                "regime": regime,
                "incident_date": values.pop("incident_date", "2025-12-20"),
                "aware_date": values.pop("aware_date", "2025-12-23"),
                "user_id": cls.users["coordinator"].id,
                "child_died": True,
                "abuse_neglect": "suspected",
                "interagency_concerns": "yes",
                **values,
            }
        )
        if sent:
            incident.notification_ids.write({"date_sent": sent})
        incident.action_start_consideration()
        return incident

    def _decision(self, incident, user="coordinator", **values):
        return self.Decision.with_user(self.users[user]).create(
            {
                "incident_id": incident.id,
                "recommendation": "initiate_review",
                "decision": "initiate_review",
                "decision_date": "2026-01-05",
                "rationale": "The agencies did not share what they knew; a local review will "
                "find out why.",
                **values,
            }
        )

    def as_user(self, record, user):
        return record.with_user(self.users[user])

    @contextmanager
    def assertRefused(self, exception, pattern):
        """assertRaises (which rolls the failed operation back) and the words of the error."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)
