from odoo.tests import new_test_user

from .common_incident import ScrIncidentCase


class ScrReviewCase(ScrIncidentCase):
    """A review of the test partnership with two agencies, an appointed reviewer, another
    reviewer who is not appointed, and a portal user in each agency."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.agency_a = Partner.create(
            {
                "name": "Testshire Police",
                "is_company": True,
                "is_scr_agency": True,
                "email": "police@test.example",
            }
        )
        cls.agency_b = Partner.create(
            {
                "name": "Testshire Probation",
                "is_company": True,
                "is_scr_agency": True,
                "email": "probation@test.example",
            }
        )
        cls.users["portal_a"] = cls._portal_user("portal_a", cls.agency_a)
        cls.users["portal_b"] = cls._portal_user("portal_b", cls.agency_b)
        cls.users["reviewer_other"] = cls._new_user("reviewer_other", "odoo_scr.group_scr_reviewer")
        cls.reviewer = cls._reviewer("Rowan Lead", cls.users["reviewer"])
        cls.reviewer_other = cls._reviewer("Olly Other", cls.users["reviewer_other"])
        cls.incident = cls.env["scr.incident"].create(
            {
                "child_alias": "Child M",
                "child_name": "Secret Name",
                "incident_date": "2026-01-05",
                "aware_date": "2026-01-06",
                "company_id": cls.company.id,
                "child_died": True,
                "abuse_neglect": "suspected",
            }
        )
        cls.review = cls.new_review(agency_ids=[(6, 0, [cls.agency_a.id])])
        cls.appointment = cls.env["scr.review.appointment"].create(
            {"review_id": cls.review.id, "reviewer_id": cls.reviewer.id, "role": "lead"}
        )
        cls.info_request = cls.new_info_request()

    @classmethod
    def _portal_user(cls, login, agency):
        contact = cls.env["res.partner"].create(
            {"name": f"{login} contact", "parent_id": agency.id, "email": f"{login}@agency.example"}
        )
        return new_test_user(
            cls.env,
            login=f"testshire_{login}",
            groups="base.group_portal",
            partner_id=contact.id,
            lang="en_GB",
            tz="Europe/London",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )

    @classmethod
    def _reviewer(cls, name, user):
        partner = cls.env["res.partner"].create({"name": name})
        return cls.env["scr.reviewer"].create(
            {"partner_id": partner.id, "user_id": user.id, "company_id": cls.company.id}
        )

    @classmethod
    def new_review(cls, **values):
        vals = {
            "incident_id": cls.incident.id,
            "company_id": cls.company.id,
            "review_type": "lcspr",
            "date_initiated": "2026-02-02",
        }
        vals.update(values)
        return cls.env["scr.review"].create(vals)

    @classmethod
    def new_info_request(cls, **values):
        """An information request of ``cls.review``; a value of None leaves the field to
        its default."""
        vals = {
            "review_id": cls.review.id,
            "agency_id": cls.agency_a.id,
            "description": "Chronology of police contacts",
            "justification": "Needed to see risk",
            "date_requested": "2026-02-03",
            "due_date": "2026-02-24",
        }
        vals.update(values)
        return cls.env["scr.info.request"].create(
            {field: value for field, value in vals.items() if value is not None}
        )
