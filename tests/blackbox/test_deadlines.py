"""Statutory deadlines as a client gets them: ``scr.timescale.compute_deadline`` over
JSON-RPC, on the demo partnership's calendar (Europe/London, bank holidays stored as its
leaves). The counting itself is tested without a database in tests/pure; here are the
timescales as data, each regime's codes, calendar months and counting back."""

import pytest

from .client import refused

# (code, start, regime, deadline): README "Regimes and statutory timescales".
CASES = [
    # 5 working days; the README's example over Christmas and New Year.
    ("incident_notification", "2025-12-23", "wt2018", "2026-01-02"),
    ("incident_notification", "2025-12-23", "wt2015", "2026-01-02"),
    # WT2018: the rapid review, 15 working days, over Easter 2026.
    ("rapid_review", "2026-03-27", "wt2018", "2026-04-21"),
    # WT2015: the decision, one calendar month, clamped to the month's end.
    ("decision", "2026-01-31", "wt2015", "2026-02-28"),
    ("decision", "2026-03-15", "wt2015", "2026-04-15"),
    ("decision_notification", "2026-05-22", "wt2018", "2026-06-01"),
    # Six months; 31 August to the end of February.
    ("review_completion", "2025-08-31", "wt2018", "2026-02-28"),
    ("review_completion", "2027-08-31", "wt2015", "2028-02-29"),
    # Counting back: 7 calendar days (WT2015), 7 working days over Easter (WT2018).
    ("pre_publication", "2026-03-10", "wt2015", "2026-03-03"),
    ("pre_publication", "2026-04-10", "wt2018", "2026-03-30"),
    # Twelve months from a 29 February.
    ("publication_retention", "2024-02-29", "wt2018", "2025-02-28"),
]


@pytest.mark.parametrize(("code", "start", "regime", "deadline"), CASES)
def test_deadline(session, code, start, regime, deadline):
    coordinator = session("coordinator")
    got = coordinator.call_kw(
        "scr.timescale", "compute_deadline", [code, start], {"regime": regime}
    )
    assert got == deadline


def test_the_partnership_s_regime_is_the_default(session):
    """The demo partnership runs WT2018/2023: a rapid review, no WT2015 decision."""
    coordinator = session("coordinator")
    got = coordinator.call_kw("scr.timescale", "compute_deadline", ["rapid_review", "2026-03-02"])
    assert got == "2026-03-23"


def test_a_code_the_regime_does_not_have_is_refused_in_words(session):
    error = refused(
        session("coordinator").call_kw,
        "scr.timescale",
        "compute_deadline",
        ["rapid_review", "2026-03-02"],
        {"regime": "wt2015"},
    )
    assert "no active statutory timescale" in error.message


def test_a_start_that_is_not_a_date_is_refused_in_words(session):
    error = refused(
        session("coordinator").call_kw,
        "scr.timescale",
        "compute_deadline",
        ["incident_notification", "the 5th of May"],
    )
    assert "is not a date" in error.message


def test_a_closure_day_of_the_partnership_moves_the_deadline(admin, session, ref):
    """A closure day is a leave of the partnership's calendar (manager's configuration)."""
    calendar = ref("odoo_scr.demo_calendar_northshire")
    coordinator = session("coordinator")
    before = coordinator.call_kw(
        "scr.timescale", "compute_deadline", ["incident_notification", "2027-06-07"]
    )
    assert before == "2027-06-14"
    leave = session("manager").call_kw(
        "resource.calendar.leaves",
        "create",
        [
            {
                "name": "Partnership closure (black-box test)",
                "calendar_id": calendar,
                "date_from": "2027-06-08 08:00:00",
                "date_to": "2027-06-08 16:00:00",
            }
        ],
    )
    try:
        after = coordinator.call_kw(
            "scr.timescale", "compute_deadline", ["incident_notification", "2027-06-07"]
        )
        assert after == "2027-06-15"
    finally:
        admin.call_kw("resource.calendar.leaves", "unlink", [[leave]])
