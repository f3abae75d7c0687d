"""The partner agencies' portal over HTTP, as their browser uses it: pages, forms with
their CSRF token, uploads (README, "Portal")."""

from datetime import date, timedelta

import pytest

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HEALTH_ACTION_NAMES = (
    "Was-not-brought policy for children",
    "Toxic trio routine enquiry in health visiting",
)
OTHER_ACTION_NAMES = (
    "MASH screening of health concerns",
    "Designated safeguarding leads trained on the toxic trio",
)


@pytest.fixture
def new_request(admin, ref):
    """A fresh information request to the ICB on Child Q's review, as the partnership
    sends one, so that a test's submission changes nothing another test reads."""

    def make(description="A chronology for the black-box tests."):
        return admin.call_kw(
            "scr.info.request",
            "create",
            [
                {
                    "review_id": ref("odoo_scr.demo_review_child_q"),
                    "agency_id": ref("odoo_scr.demo_agency_health"),
                    "contact_id": ref("odoo_scr.demo_contact_health"),
                    "request_type": "chronology",
                    "description": description,
                    "justification": "Needed to understand how risk was seen.",
                    "due_date": (date.today() + timedelta(days=60)).isoformat(),
                }
            ],
        )

    return make


def test_the_portal_asks_a_visitor_to_log_in(anonymous):
    # Every hop is a redirect (Odoo's frontend may first add the visitor's language to the
    # address, e.g. /en/my/scr/actions for a browser asking for none) and the last one is
    # the login page: no page of the portal is served on the way.
    for path in ("/my/scr/actions", "/my/scr/requests", "/my/scr/referral", "/my/scr/referrals"):
        response = anonymous.get(path)
        assert response.history, path
        assert all(hop.status_code in (302, 303) for hop in response.history), path
        assert "/web/login" in response.url, path


def test_an_agency_lists_its_actions_and_no_one_else_s(session):
    page = session("health").get("/my/scr/actions?filterby=all")
    assert page.status_code == 200
    for name in HEALTH_ACTION_NAMES:
        assert name in page.text
    for name in OTHER_ACTION_NAMES:
        assert name not in page.text
    police = session("police").get("/my/scr/actions?filterby=all")
    assert police.status_code == 200
    for name in HEALTH_ACTION_NAMES + OTHER_ACTION_NAMES:
        assert name not in police.text


def test_an_agency_opens_its_own_action_and_request(session, ref):
    health = session("health")
    action = health.get(f"/my/scr/actions/{ref('odoo_scr.demo_action_q_health_1')}")
    assert action.status_code == 200
    assert HEALTH_ACTION_NAMES[0] in action.text
    request = health.get(f"/my/scr/requests/{ref('odoo_scr.demo_info_request_health')}")
    assert request.status_code == 200


def test_the_portal_never_shows_the_child_s_name(session, ref):
    health = session("health")
    for path in (
        "/my/scr/actions?filterby=all",
        f"/my/scr/actions/{ref('odoo_scr.demo_action_q_health_1')}",
        "/my/scr/requests",
        f"/my/scr/requests/{ref('odoo_scr.demo_info_request_health')}",
    ):
        page = health.get(path)
        assert page.status_code == 200, path
        assert "Demo Name 1" not in page.text, path


def test_an_agency_submits_a_request_with_a_pdf(session, admin, new_request):
    request_id = new_request()
    health = session("health")
    response = health.post_form(
        f"/my/scr/requests/{request_id}/submit",
        files={"files": [("chronology.pdf", PDF, "application/pdf")]},
    )
    assert response.status_code == 200
    assert "Submitted to the partnership" in response.text
    state = admin.call_kw("scr.info.request", "read", [[request_id], ["state"]])[0]["state"]
    assert state == "submitted"
    attachments = admin.call_kw(
        "ir.attachment",
        "search_read",
        [[("res_model", "=", "scr.info.request"), ("res_id", "=", request_id)]],
        {"fields": ["name", "mimetype"]},
    )
    assert [(a["name"], a["mimetype"]) for a in attachments] == [
        ("chronology.pdf", "application/pdf")
    ]


def test_a_file_of_a_type_not_accepted_is_refused_in_words(session, admin, new_request):
    request_id = new_request()
    response = session("health").post_form(
        f"/my/scr/requests/{request_id}/submit",
        files={"files": [("notes.txt", b"plain text", "text/plain")]},
    )
    assert response.status_code == 200
    assert "cannot be uploaded" in response.text
    state = admin.call_kw("scr.info.request", "read", [[request_id], ["state"]])[0]["state"]
    assert state == "requested"


def test_a_referral_reaches_the_partnership_and_not_back(session, admin, ref):
    police = session("police")
    response = police.post_form(
        "/my/scr/referral/submit",
        {
            "child_alias": "Child BB",
            "incident_date": "2026-02-01",
            "summary": "Referred by the black-box tests.",
        },
    )
    assert response.status_code == 200
    assert "has been sent to the partnership" in response.text
    incidents = admin.call_kw(
        "scr.incident",
        "search_read",
        [[("child_alias", "=", "Child BB")]],
        {"fields": ["state", "source", "referring_agency_id"]},
    )
    assert len(incidents) == 1
    assert incidents[0]["state"] == "draft"
    assert incidents[0]["source"] == "agency_referral"
    assert incidents[0]["referring_agency_id"][0] == ref("odoo_scr.demo_agency_police")
    assert "Child BB" not in police.get("/my/scr/actions?filterby=all").text
