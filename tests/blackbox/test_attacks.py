"""The attack paths of the sign-off and identity issue (issue 14), sent as a client would
send them: each must end in a refusal (an AccessError, a UserError or a
ValidationError over RPC; 403 or 404 from the portal), and leave nothing changed.

Run them alone with ``pytest tests/blackbox/test_attacks.py``. Where a test needs a
legitimate step first (a decision the chair has signed), it takes that step through the
same API, as the role allowed to.
"""

from datetime import date, timedelta

import pytest

from .client import Client, RpcError, refused

TODAY = date.today().isoformat()
IN_TWO_MONTHS = (date.today() + timedelta(days=60)).isoformat()

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
# A Windows program ("MZ" and its DOS stub) and a Linux one, renamed to look harmless.
EXECUTABLES = [
    ("chronology.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(50)),
    ("report.docx", b"\x7fELF\x02\x01\x01\x00" + bytes(56)),
    ("photo.png", b"#!/bin/sh\nrm -rf ~\n"),
]


def read(admin, model, record_id, fields):
    return admin.call_kw(model, "read", [[record_id], fields])[0]


# ---------------------------------------------------------------------------------------
# The chair's sign-off
# ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pending(admin, ref):
    """Child Q's decision, sent to the chair for sign-off (in the demo), and its row."""
    decision = ref("odoo_scr.demo_decision_death_suspected")
    reviews = admin.call_kw(
        "tier.review",
        "search_read",
        [[("model", "=", "scr.decision"), ("res_id", "=", decision)]],
        {"fields": ["status"]},
    )
    assert reviews, "the demo decision of Child Q awaits the chair's sign-off"
    return decision, reviews[0]["id"]


@pytest.mark.parametrize("login", ("coordinator", "reviewer", "manager", "police"))
def test_nobody_approves_a_sign_off_by_writing_its_row(session, admin, pending, login):
    decision, row = pending
    chair = admin.call_kw("res.users", "search", [[("login", "=", "chair")]])[0]
    refused(
        session(login).call_kw,
        "tier.review",
        "write",
        [[row], {"status": "approved", "done_by": chair}],
    )
    assert read(admin, "tier.review", row, ["status"])["status"] == "pending"
    assert read(admin, "scr.decision", decision, ["state"])["state"] == "draft"


def test_nobody_approves_a_sign_off_through_json2(session, admin, pending):
    decision, row = pending
    refused(
        session("coordinator").json2, "tier.review", "write", ids=[row], vals={"status": "approved"}
    )
    assert read(admin, "tier.review", row, ["status"])["status"] == "pending"
    assert read(admin, "scr.decision", decision, ["state"])["state"] == "draft"


def test_nobody_invents_an_approved_sign_off_row(session, admin, pending):
    decision, row = pending
    definition = read(admin, "tier.review", row, ["definition_id"])["definition_id"][0]
    refused(
        session("coordinator").call_kw,
        "tier.review",
        "create",
        [
            {
                "model": "scr.decision",
                "res_id": decision,
                "definition_id": definition,
                "status": "approved",
            }
        ],
    )
    assert read(admin, "scr.decision", decision, ["state"])["state"] == "draft"


@pytest.fixture(scope="module")
def signed(server, ref, admin):
    """The custody decision, which the chair signs off through the approval (a legitimate
    step: the chair validates its tier)."""
    decision = ref("odoo_scr.demo_decision_custody")
    if read(admin, "scr.decision", decision, ["state"])["state"] != "signed":
        Client(server, "chair").call_kw("scr.decision", "validate_tier", [[decision]])
    row = read(admin, "scr.decision", decision, ["state", "rationale", "decision"])
    assert row["state"] == "signed", "the chair could not sign the decision off"
    return decision, row


@pytest.mark.parametrize("login", ("coordinator", "chair"))
def test_no_context_key_unlocks_a_signed_decision(session, admin, signed, login):
    decision, before = signed
    for vals in ({"rationale": "Rewritten after sign-off"}, {"decision": "no_review"}):
        refused(
            session(login).call_kw,
            "scr.decision",
            "write",
            [[decision], vals],
            context={"scr_decision_unlock": True},
        )
    refused(
        session(login).call_kw,
        "scr.decision",
        "write",
        [[decision], {"state": "draft", "signed_by_id": False}],
        context={"scr_decision_unlock": True},
    )
    after = read(admin, "scr.decision", decision, ["state", "rationale", "decision"])
    assert after == before


def test_no_context_key_unlocks_a_signed_decision_through_json2(session, admin, signed):
    decision, before = signed
    refused(
        session("coordinator").json2,
        "scr.decision",
        "write",
        ids=[decision],
        vals={"rationale": "Rewritten after sign-off"},
        context={"scr_decision_unlock": True},
    )
    assert read(admin, "scr.decision", decision, ["state", "rationale", "decision"]) == before


def _decision_values(incident, chair=None):
    values = {
        "incident_id": incident,
        "recommendation": "alternative_review",
        "decision": "alternative_review",
        "decision_date": TODAY,
        "rationale": "A learning review with the agencies involved (black-box tests).",
    }
    if chair:
        values.update(state="signed", signed_by_id=chair, signed_date=f"{TODAY} 10:00:00")
    return values


def test_a_decision_is_never_created_signed(session, admin, ref):
    coordinator = session("coordinator")
    chair = admin.call_kw("res.users", "search", [[("login", "=", "chair")]])[0]
    # The same call without the sign-off is accepted: the refusal is for the forgery.
    coordinator.call_kw(
        "scr.decision", "create", [_decision_values(ref("odoo_scr.demo_incident_dhr"))]
    )
    forged_on = ref("odoo_scr.demo_incident_mha")
    refused(coordinator.call_kw, "scr.decision", "create", [_decision_values(forged_on, chair)])
    refused(
        coordinator.json2,
        "scr.decision",
        "create",
        vals_list=[_decision_values(forged_on, chair)],
    )
    assert not admin.call_kw(
        "scr.decision", "search", [[("incident_id", "=", forged_on), ("state", "=", "signed")]]
    )


def test_publication_is_never_created_signed(session, admin, ref):
    review = ref("odoo_scr.demo_review_child_q")
    chair = admin.call_kw("res.users", "search", [[("login", "=", "chair")]])[0]
    values = {"review_id": review, "report_version": "1", "state": "signed", "signed_by_id": chair}
    for login in ("coordinator", "chair"):
        refused(session(login).call_kw, "scr.publication", "create", [values])
    assert not admin.call_kw("scr.publication", "search", [[("review_id", "=", review)]])


@pytest.mark.parametrize(
    ("model", "xmlid", "state"),
    [
        ("scr.incident", "odoo_scr.demo_incident_harm_concerns", "closed"),
        ("scr.incident", "odoo_scr.demo_incident_harm_overdue", "decided"),
        ("scr.review", "odoo_scr.demo_review_child_q", "published"),
        ("scr.review", "odoo_scr.demo_review_child_q", "closed"),
    ],
)
def test_states_are_never_written_directly(session, admin, ref, model, xmlid, state):
    record = ref(xmlid)
    before = read(admin, model, record, ["state"])["state"]
    refused(session("coordinator").call_kw, model, "write", [[record], {"state": state}])
    refused(session("coordinator").json2, model, "write", ids=[record], vals={"state": state})
    assert read(admin, model, record, ["state"])["state"] == before


# ---------------------------------------------------------------------------------------
# The child's identity
# ---------------------------------------------------------------------------------------
def test_the_anonymity_check_tells_a_reviewer_no_name(session, admin, ref):
    """A reviewer who types a guess into the report and runs the check learns nothing of
    the child's identity from what comes back, answer or refusal."""
    incident = ref("odoo_scr.demo_incident_death_suspected")
    # An identity as the partnership records one (the demo's is a placeholder), put back
    # afterwards for the other tests.
    identity = ["child_name", "family_member_names"]
    recorded = read(admin, "scr.incident", incident, identity)
    admin.call_kw(
        "scr.incident",
        "write",
        [[incident], {"child_name": "Leanne Price", "family_member_names": "Darren Price"}],
    )
    try:
        answers = _what_a_reviewer_is_told(session("reviewer"), ref)
    finally:
        admin.call_kw(
            "scr.incident", "write", [[incident], {name: recorded[name] for name in identity}]
        )
    secrets = ("Leanne", "Darren", "Price")
    leaked = [answer for answer in answers if any(secret in answer for secret in secrets)]
    assert not leaked, f"the reviewer was told the child's or family's name: {leaked}"


def _what_a_reviewer_is_told(reviewer, ref):
    """Every answer to a reviewer who types a guess into the report and checks it."""
    review = ref("odoo_scr.demo_review_child_q")
    answers = []
    for call in (
        lambda: reviewer.call_kw(
            "scr.review",
            "write",
            [[review], {"report_body": "<p>Seen by Leanne Price and Darren Price.</p>"}],
        ),
        lambda: reviewer.call_kw("scr.review", "action_check_anonymity", [[review]]),
        lambda: reviewer.call_kw(
            "scr.review", "read", [[review], ["anonymity_issues", "anonymity_clear"]]
        ),
    ):
        try:
            answers.append(repr(call()))
        except RpcError as error:
            answers.append(error.message)
    return answers


# ---------------------------------------------------------------------------------------
# The portal: another agency's records, and uploads
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "xmlid"),
    [
        ("/my/scr/actions/{}", "odoo_scr.demo_action_q_health_1"),
        ("/my/scr/requests/{}", "odoo_scr.demo_info_request_health"),
        ("/my/scr/actions/{}", "odoo_scr.demo_action_q_social_care"),
        ("/my/scr/requests/{}", "odoo_scr.demo_info_request_school"),
    ],
)
def test_an_agency_cannot_open_another_agency_s_record(session, ref, path, xmlid):
    response = session("police").get(path.format(ref(xmlid)), allow_redirects=False)
    assert response.status_code in (403, 404)


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/my/scr/actions/{}/update", {"note": "Written by another agency", "progress": "90"}),
        ("/my/scr/actions/{}/complete", {}),
        ("/my/scr/actions/{}/sign", {}),
    ],
)
def test_an_agency_cannot_act_on_another_agency_s_action(session, admin, ref, path, data):
    action = ref("odoo_scr.demo_action_q_health_1")
    before = read(admin, "scr.action", action, ["state", "progress", "update_ids"])
    response = session("police").post_form(path.format(action), data, allow_redirects=False)
    assert response.status_code in (403, 404)
    assert read(admin, "scr.action", action, ["state", "progress", "update_ids"]) == before


def test_an_agency_cannot_submit_another_agency_s_request(session, admin, ref):
    request = ref("odoo_scr.demo_info_request_health")
    before = read(admin, "scr.info.request", request, ["state", "attachment_ids"])
    response = session("police").post_form(
        f"/my/scr/requests/{request}/submit",
        files={"files": [("chronology.pdf", PDF, "application/pdf")]},
        allow_redirects=False,
    )
    assert response.status_code in (403, 404)
    assert read(admin, "scr.info.request", request, ["state", "attachment_ids"]) == before


def test_an_agency_cannot_reach_another_agency_s_records_over_rpc(session, admin, ref):
    police = session("police")
    action = ref("odoo_scr.demo_action_q_health_1")
    request = ref("odoo_scr.demo_info_request_health")
    refused(police.call_kw, "scr.action", "read", [[action], ["name"]])
    refused(police.call_kw, "scr.action", "write", [[action], {"progress": 100}])
    refused(police.call_kw, "scr.info.request", "read", [[request], ["description"]])
    refused(police.json2, "scr.action", "read", ids=[action], fields=["name"])
    assert read(admin, "scr.action", action, ["progress"])["progress"] != 100


@pytest.mark.parametrize(("filename", "content"), EXECUTABLES, ids=[e[0] for e in EXECUTABLES])
def test_a_renamed_program_is_never_uploaded(session, admin, ref, filename, content):
    request = admin.call_kw(
        "scr.info.request",
        "create",
        [
            {
                "review_id": ref("odoo_scr.demo_review_child_q"),
                "agency_id": ref("odoo_scr.demo_agency_health"),
                "contact_id": ref("odoo_scr.demo_contact_health"),
                "request_type": "chronology",
                "description": f"Upload attack with {filename} (black-box tests).",
                "justification": "The tests.",
                "due_date": IN_TWO_MONTHS,
            }
        ],
    )
    response = session("health").post_form(
        f"/my/scr/requests/{request}/submit",
        files={"files": [(filename, content, "application/octet-stream")]},
    )
    assert response.status_code in (200, 400, 403, 413, 415)
    attachments = admin.call_kw(
        "ir.attachment",
        "search",
        [[("res_model", "=", "scr.info.request"), ("res_id", "=", request)]],
    )
    assert attachments == [], f"{filename} ({content[:4]!r}) was stored"
    assert read(admin, "scr.info.request", request, ["state"])["state"] == "requested"
