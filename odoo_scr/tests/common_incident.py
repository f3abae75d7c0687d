from .common import ScrCase


class ScrIncidentCase(ScrCase):
    """ScrCase plus a way to record incidents as the partnership's coordinator."""

    def new_incident(self, user="coordinator", **values):
        vals = {
            "child_alias": "Child A",
            "incident_date": "2026-03-02",
            "aware_date": "2026-03-06",
            "company_id": self.company.id,
            "child_died": True,
            "abuse_neglect": "suspected",
        }
        vals.update(values)
        Incident = self.env["scr.incident"].with_company(self.company)
        if user:
            Incident = Incident.with_user(self.users[user])
        return Incident.create(vals)

    def send_all(self, incident, day="2026-03-09"):
        incident.notification_ids.write({"date_sent": day, "reference": "REF"})
