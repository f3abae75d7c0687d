"""Who sees what (README, "Who sees what"), as each demo user's client sees it: JSON-RPC
through ``/web/dataset/call_kw`` with a browser session, and ``/json/2`` with an API key."""

import pytest

from .client import Client, refused

LOGINS = ("admin", "coordinator", "chair", "reviewer", "manager", "police", "health")
HEALTH_ACTIONS = ("odoo_scr.demo_action_q_health_1", "odoo_scr.demo_action_q_health_2")


def ids(rows):
    return sorted(row["id"] for row in rows)


@pytest.mark.parametrize("login", LOGINS)
def test_every_demo_login_works(session, login):
    client = session(login)
    assert client.uid
    me = client.call_kw("res.users", "read", [[client.uid], ["login"]])
    assert me[0]["login"] == login


def test_a_wrong_password_is_refused(server):
    with pytest.raises(Exception, match="AccessDenied"):
        Client(server, "coordinator", "not the password")


@pytest.mark.parametrize("login", ("coordinator", "chair"))
def test_the_partnership_reads_incidents_and_the_child_s_identity(session, ref, login):
    incident = ref("odoo_scr.demo_incident_death_suspected")
    rows = session(login).call_kw(
        "scr.incident",
        "read",
        [[incident], ["child_alias", "child_name", "review_requirement", "rapid_review_required"]],
    )
    assert rows[0]["child_alias"] == "Child Q"
    assert rows[0]["child_name"] == "Demo Name 1"
    # A serious incident under WT2018/2023: a rapid review, and a local review to consider
    # (never mandatory: SI 2018/789 reg. 11).
    assert rows[0]["rapid_review_required"] is True
    assert rows[0]["review_requirement"] == "consider"
    count = session(login).call_kw("scr.incident", "search_count", [[]])
    assert count >= 13


def test_a_reviewer_sees_only_the_reviews_they_are_appointed_to(session, ref):
    reviewer = session("reviewer")
    reviews = reviewer.call_kw("scr.review", "search_read", [[]], {"fields": ["child_alias"]})
    assert ids(reviews) == [ref("odoo_scr.demo_review_child_q")]
    refused(reviewer.call_kw, "scr.incident", "search_read", [[]], {"fields": ["child_name"]})
    incident = ref("odoo_scr.demo_incident_death_suspected")
    refused(reviewer.call_kw, "scr.incident", "read", [[incident], ["child_alias"]])


def test_a_reviewer_never_reads_the_child_s_identity(session, ref):
    review = ref("odoo_scr.demo_review_child_q")
    reviewer = session("reviewer")
    fields = reviewer.call_kw("scr.review", "fields_get", [], {"attributes": ["type"]})
    assert not {"child_name", "child_birthdate", "family_member_names"} & set(fields)
    row = reviewer.call_kw("scr.review", "read", [[review], ["child_alias"]])[0]
    assert "Demo Name 1" not in str(row)


@pytest.mark.parametrize(
    ("login", "agency"),
    [("police", "odoo_scr.demo_agency_police"), ("health", "odoo_scr.demo_agency_health")],
)
def test_an_agency_sees_its_own_actions_and_requests_only(session, admin, ref, login, agency):
    client = session(login)
    own = [("agency_id", "=", ref(agency))]
    for model in ("scr.action", "scr.info.request"):
        seen = client.call_kw(model, "search", [[]])
        assert sorted(seen) == sorted(admin.call_kw(model, "search", [own])), model
    if login == "health":
        seen = client.call_kw("scr.action", "search", [[]])
        assert {ref(xmlid) for xmlid in HEALTH_ACTIONS} <= set(seen)
    refused(client.call_kw, "scr.incident", "search_read", [[]], {"fields": ["child_alias"]})
    refused(client.call_kw, "scr.review", "search_read", [[]], {"fields": ["name"]})


def test_a_plain_internal_user_sees_nothing_of_the_module(admin, session):
    login = "blackbox_plain_user"
    if not admin.call_kw("res.users", "search", [[("login", "=", login)]]):
        admin.call_kw(
            "res.users",
            "create",
            [{"name": "Plain Employee", "login": login, "password": login}],
        )
    plain = session(login)
    for model in ("scr.incident", "scr.decision", "scr.review", "scr.action", "scr.info.request"):
        refused(plain.call_kw, model, "search_read", [[]], {"fields": ["id"]})


def test_only_a_manager_changes_a_statutory_timescale(session, ref):
    timescale = ref("odoo_scr.timescale_wt2018_incident_notification")
    refused(session("coordinator").call_kw, "scr.timescale", "write", [[timescale], {"amount": 9}])
    refused(session("reviewer").call_kw, "scr.timescale", "write", [[timescale], {"amount": 9}])
    manager = session("manager")
    manager.call_kw("scr.timescale", "write", [[timescale], {"guidance": "Checked by the tests"}])
    row = manager.call_kw("scr.timescale", "read", [[timescale], ["guidance", "amount"]])[0]
    assert (row["guidance"], row["amount"]) == ("Checked by the tests", 5)


def test_json2_answers_as_call_kw_does(session):
    coordinator = session("coordinator")
    through_rpc = coordinator.call_kw("scr.incident", "search", [[("state", "!=", "closed")]])
    through_json2 = coordinator.json2(
        "scr.incident", "search", domain=[("state", "!=", "closed")], context=coordinator.context
    )
    assert sorted(through_json2) == sorted(through_rpc)
    assert through_rpc


def test_json2_refuses_what_the_role_may_not_read(session, ref):
    error = refused(
        session("reviewer").json2,
        "scr.incident",
        "read",
        ids=[ref("odoo_scr.demo_incident_death_suspected")],
        fields=["child_name"],
    )
    assert error.status == 403
    error = refused(session("police").json2, "scr.incident", "search", domain=[])
    assert error.status == 403
