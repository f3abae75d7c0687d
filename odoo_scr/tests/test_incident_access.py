from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import list_specification
from .common_incident import ScrIncidentCase


@tagged("post_install", "-at_install")
class TestIncidentAccess(ScrIncidentCase):
    """Who reads and writes incidents, the child's identity and other partnerships' records."""

    def setUp(self):
        super().setUp()
        self.incident = self.new_incident(child_name="Real Name")

    def test_coordinator_and_chair_read_and_write(self):
        for role in ("coordinator", "chair"):
            incident = self.incident.with_user(self.users[role])
            incident.write({"summary": f"checked by {role}"})
            self.assertEqual(incident.child_name, "Real Name")
            self.assertEqual(
                incident.notification_ids.with_user(self.users[role]).mapped("is_sent"),
                [False, False],
            )

    def test_others_cannot_read(self):
        for role in ("reviewer", "internal", "portal"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.incident.with_user(self.users[role]).read(["child_alias"])
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.env["scr.notification"].with_user(self.users[role]).search([])

    def test_children_at_risk_and_recipients(self):
        child = self.env["scr.incident.child"].create(
            {"incident_id": self.incident.id, "alias": "Sibling 1", "relationship": "sibling"}
        )
        recipient = self.env.ref("odoo_scr.recipient_ofsted")
        self.assertEqual(child.with_user(self.users["coordinator"]).alias, "Sibling 1")
        for role in ("reviewer", "internal", "portal"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                child.with_user(self.users[role]).read(["alias"])
        for role in ("internal", "portal"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                recipient.with_user(self.users[role]).read(["name"])
        with self.assertRaises(AccessError):
            recipient.with_user(self.users["coordinator"]).write({"email": "x@ofsted.example"})
        recipient.with_user(self.users["manager"]).write({"email": "enquiries@ofsted.example"})
        self.assertEqual(recipient.email, "enquiries@ofsted.example")

    def test_identity_fields_are_for_coordinators_only(self):
        for field in (
            "child_name",
            "child_birthdate",
            "child_gender",
            "child_ethnicity",
            "child_address",
            "family_member_names",
        ):
            self.assertEqual(self.incident._fields[field].groups, "odoo_scr.group_scr_coordinator")
        # Even through sudo-free reads by a user who somehow reached the record.
        with self.assertRaises(AccessError):
            self.incident.with_user(self.users["reviewer"]).read(["child_name"])
        self.assertNotIn(
            "child_name", self.env["scr.incident"].with_user(self.users["internal"]).fields_get()
        )

    def test_other_partnership_cannot_see(self):
        other = self.env["res.company"].create({"name": "Southshire SCP"})
        coordinator = self._new_user("south_coordinator", "odoo_scr.group_scr_coordinator")
        coordinator.write({"company_id": other.id, "company_ids": [(6, 0, [other.id])]})
        Incident = self.env["scr.incident"].with_user(coordinator).with_company(other)
        self.assertFalse(Incident.search([("id", "=", self.incident.id)]))
        with self.assertRaises(AccessError):
            self.incident.with_user(coordinator).read(["child_alias"])
        # Nor the lines that hang off the incident: notices and other children at risk.
        child = self.env["scr.incident.child"].create(
            {"incident_id": self.incident.id, "alias": "Sibling 1"}
        )
        for record in (self.incident.notification_ids[:1], child):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.with_user(coordinator).with_company(other).read(["company_id"])

    def test_list_view_query_count_does_not_grow(self):
        Incident = (
            self.env["scr.incident"].with_user(self.users["coordinator"]).with_company(self.company)
        )
        domain = [("company_id", "=", self.company.id)]
        specification = list_specification(Incident)

        def queries():
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            result = Incident.web_search_read(domain, specification, limit=80)
            return self.cr.sql_log_count - start, result["length"]

        Incident.web_search_read(domain, specification, limit=80)  # warm the registry caches
        few, length = queries()
        for n in range(20):
            self.new_incident(child_alias=f"Child L{n}")
        many, more = queries()
        self.assertEqual((length, more), (1, 21))
        self.assertEqual(few, many, f"web_search_read: {few} queries for 1, {many} for 21")
        with self.assertQueryCount(few):
            self.env.invalidate_all()
            Incident.web_search_read(domain, specification, limit=80)


@tagged("post_install", "-at_install")
class TestIncidentTour(HttpCase):
    """In Chromium: a coordinator creates an incident and sees the explanation and deadline."""

    def test_incident_form_tour(self):
        self.env["res.users"].create(
            {
                "name": "Tour Coordinator",
                "login": "tour_coordinator",
                "password": "tour_coordinator",
                "group_ids": [(6, 0, [self.env.ref("odoo_scr.group_scr_coordinator").id])],
                "tz": "Europe/London",
            }
        )
        self.start_tour(
            "/odoo/action-odoo_scr.scr_incident_action/new",
            "scr_incident_tour",
            login="tour_coordinator",
        )
        incident = self.env["scr.incident"].search([("child_alias", "=", "Child Tour")])
        self.assertEqual(str(incident.notification_due_date), "2026-03-13")
        self.assertEqual(incident.review_requirement, "consider")
        self.assertTrue(incident.rapid_review_required)
