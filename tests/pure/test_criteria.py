"""The criteria as complete truth tables, one per regime.

Every combination of the criteria fields of ``scr.incident`` is put to
``odoo_scr/criteria.py`` and checked against the rules written out again below from the
statutory text, independently of the addon's code: whether the incident is notifiable (and
to whom), whether a review is mandatory, to consider or not required, and that the
explanation names each criterion that fired and none that did not.

WT2015 (docs/process.md 1.1-1.2, regulation 5 of the LSCB Regulations 2006): 9,216 incidents.
WT2018/2023 (docs/process.md 1.6): Children Act 2004 s16C, regulation 11 of the Child Safeguarding
Practice Review and Relevant Agency (England) Regulations 2018, Working Together 2023
chapter 5; the same combinations, crossed with where the harm happened, the child's age
and care-leaver status.
"""

import itertools

import pytest

FLAGS = (
    "child_died",
    "seriously_harmed",
    "looked_after",
    "regulated_setting",
    "died_in_custody",
    "detained_mental_health",
    "dols_16_17",
    "serious_sexual_abuse",
    "parent_murdered_dhr",
    "killed_by_parent_mental_illness",
)
ABUSE = ("known", "suspected", "no")
INTERAGENCY = ("yes", "unknown", "definitive_no")
REGIMES = ("wt2015", "wt2018")


def every_incident():
    for flags in itertools.product((False, True), repeat=len(FLAGS)):
        for abuse, interagency in itertools.product(ABUSE, INTERAGENCY):
            values = dict(zip(FLAGS, flags))
            values.update(abuse_neglect=abuse, interagency_concerns=interagency)
            yield values


# ---------------------------------------------------------------------------------
# WT2015: the rules, from the design text (not from the addon's code). Unchanged.
# ---------------------------------------------------------------------------------
def expected_wt2015(values, regime="wt2015"):
    """WT2015: {phrase the explanation must hold: whether it must}, and the two outcomes."""
    v = values
    abuse = v["abuse_neglect"] in ("known", "suspected")
    died, harmed = v["child_died"], v["seriously_harmed"]
    interagency = v["interagency_concerns"]

    # 1.1 Notifiable incident.
    notifiable_criteria = {
        f"a child has died and abuse or neglect is {v['abuse_neglect']}": died and abuse,
        f"a child has been seriously harmed and abuse or neglect is {v['abuse_neglect']}": (
            harmed and abuse
        ),
        "a looked-after child has died": died and v["looked_after"],
        "a child in a regulated setting or service has died": died and v["regulated_setting"],
    }
    notifiable = any(notifiable_criteria.values())

    # 1.2 The deaths for which a review is always held (custody, Mental Health Act, DoLS).
    # A death in custody is a death: the flag alone fires.
    custody = {
        "the child died in custody": v["died_in_custody"],
        "the child died while detained under the Mental Health Act 1983": (
            died and v["detained_mental_health"]
        ),
        "the child died aged 16 or 17 under a deprivation of liberty order": (
            died and v["dols_16_17"]
        ),
    }
    # Regulation 5(2): abuse or neglect, and (a) death or (b) serious harm with cause
    # for concern about inter-agency working unless definitively none.
    regulation = {
        "regulation 5(2)(a) and (b)(i)": abuse and died,
        "regulation 5(2)(a) and (b)(ii)": abuse and harmed and interagency != "definitive_no",
    }
    mandatory = any(regulation.values()) or any(custody.values())

    # 1.2 The cases to consider, named only when no review is mandatory.
    consider_criteria = {
        "potentially life-threatening injury or serious and permanent impairment": (
            abuse and harmed
        ),
        "particularly serious sexual abuse": v["serious_sexual_abuse"],
        "a parent has been murdered and a domestic homicide review": v["parent_murdered_dhr"],
        "killed by a parent with a mental illness": v["killed_by_parent_mental_illness"],
        "concerns about inter-agency working": interagency == "yes",
    }
    consider = not mandatory and any(consider_criteria.values())

    phrases = dict(notifiable_criteria)
    phrases.update(regulation)
    phrases.update(custody)
    phrases.update({phrase: consider and fired for phrase, fired in consider_criteria.items()})
    phrases["Not a notifiable incident"] = not notifiable
    phrases["A review is mandatory"] = mandatory
    phrases["should consider"] = consider
    phrases["may still commission"] = not mandatory and not consider
    phrases["Regulation 5(2)(b)(ii) does not apply"] = (
        regime == "wt2015" and abuse and harmed and interagency == "definitive_no"
    )
    requirement = "mandatory" if mandatory else "consider" if consider else "not_required"
    return notifiable, requirement, phrases


def wrong_answers(criteria, regime, incidents, expected, outcome):
    """Where ``criteria.evaluate`` disagrees with the table: ``expected(values)`` gives the
    outcome wanted and {phrase: whether the explanation holds it}; ``outcome(result)`` the
    outcome given."""
    wrong = []
    for values in incidents:
        want, phrases = expected(values)
        result = criteria.evaluate(values, regime)
        got = outcome(result)
        if got != want:
            wrong.append(f"{values}: got {got}, want {want}")
            continue
        wrong += [
            f"{values}: '{phrase}' should{'' if present else ' not'} be in: {result.explanation!r}"
            for phrase, present in phrases.items()
            if (phrase in result.explanation) != present
        ]
    return wrong


def test_wt2015_regulation_5_truth_table(criteria):
    """LSCB Regulations 2006 reg. 5(2) and WT2015 chapter 4 (docs/process.md 1.1-1.2)."""

    def expected(values):
        notifiable, requirement, phrases = expected_wt2015(values)
        return (notifiable, requirement), phrases

    wrong = wrong_answers(
        criteria,
        "wt2015",
        every_incident(),
        expected,
        lambda result: (result.is_notifiable, result.review_requirement),
    )
    assert not wrong, f"{len(wrong)} wrong, first ones:\n" + "\n".join(wrong[:10])


def test_wt2015_explanation_is_sentences_a_chair_can_sign(criteria):
    """One sentence a line, capitalised and ended; the review named as WT2015 names it."""
    for values in every_incident():
        lines = criteria.evaluate(values, "wt2015").explanation.split("\n")
        assert 2 <= len(lines) <= 3, lines
        for line in lines:
            assert line[0].isupper() and line.endswith("."), line
        requirement = lines[1]
        if "mandatory" not in requirement:
            assert "serious case review" in requirement, requirement


def test_wt2015_wording_names_how_abuse_is_known(criteria):
    known = criteria.evaluate({"child_died": True, "abuse_neglect": "known"}, "wt2015")
    suspected = criteria.evaluate({"child_died": True, "abuse_neglect": "suspected"}, "wt2015")
    assert "abuse or neglect is known" in known.explanation
    assert "abuse or neglect is suspected" in suspected.explanation


# ---------------------------------------------------------------------------------
# WT2018/2023: the rules, from the statutory text (not from the addon's code).
# ---------------------------------------------------------------------------------
WT2018_FLAGS = (*FLAGS, "killed_by_parent")
LOCATIONS = ("in_area", "elsewhere_england", "outside_england")
# (child_age, unborn): not recorded, 17, unborn, 20, 24, 25.
AGES = ((None, False), (17, False), (None, True), (20, False), (24, False), (25, False))


def every_wt2018_incident():
    """Every combination of the criteria in the area, for a child of unrecorded age; then
    where it happened, residence, age and care-leaver status crossed with the facts that
    decide whom a notification reaches."""
    for flags in itertools.product((False, True), repeat=len(WT2018_FLAGS)):
        for abuse, interagency in itertools.product(ABUSE, INTERAGENCY):
            values = dict(zip(WT2018_FLAGS, flags))
            values.update(abuse_neglect=abuse, interagency_concerns=interagency)
            yield values
    facts = ("child_died", "seriously_harmed", "looked_after", "killed_by_parent")
    for flags in itertools.product((False, True), repeat=len(facts)):
        for abuse, where, resident, (age, unborn), care_leaver in itertools.product(
            ABUSE, LOCATIONS, (True, False), AGES, (False, True)
        ):
            values = dict.fromkeys(WT2018_FLAGS, False)
            values.update(zip(facts, flags))
            values.update(
                abuse_neglect=abuse,
                interagency_concerns="unknown",
                harm_location=where,
                normally_resident=resident,
                child_age=age,
                child_unborn=unborn,
                care_leaver=care_leaver,
            )
            yield values


def expected_wt2018(values):
    """{phrase: whether the explanation holds it}, and the outcomes, for WT2018/2023."""
    v = values
    killed = v["killed_by_parent"] or v["killed_by_parent_mental_illness"]
    abuse_box = v["abuse_neglect"] in ("known", "suspected")
    # Killing a child, or particularly serious sexual abuse, is abuse (WT2023 glossary).
    implied = not abuse_box and (killed or v["serious_sexual_abuse"])
    abuse = abuse_box or implied
    # A death in custody or a killing is a death.
    died = v["child_died"] or v["died_in_custody"] or killed
    age = v.get("child_age")
    child = v.get("child_unborn") or age is None or age < 18
    where = v.get("harm_location", "in_area")
    serious = child and abuse and (died or v["seriously_harmed"])
    # Children Act 2004 s16C(1)(a) in the area, (b) outside England while normally resident.
    ours = serious and (
        where == "in_area" or (where == "outside_england" and v.get("normally_resident", True))
    )
    theirs = serious and where == "elsewhere_england"
    # WT2023 chapter 5: a looked-after child's death, and a care leaver's to age 24,
    # go to the Secretary of State and Ofsted whatever is known of abuse or neglect.
    lac_death = died and v["looked_after"] and child
    care_leaver_death = died and v.get("care_leaver", False) and (age is None or age <= 24)
    grounds = tuple(
        code
        for code, fired in (
            ("serious_incident", ours),
            ("looked_after_death", lac_death),
            ("care_leaver_death", care_leaver_death),
        )
        if fired
    )
    notifiable = bool(grounds)
    # Regulation 11(c) and the deaths the partners have regard to (WT2023 chapter 5).
    have_regard = {
        "the child died in custody": v["died_in_custody"],
        "the child died while detained under the Mental Health Act 1983": (
            died and v["detained_mental_health"]
        ),
        "the child died aged 16 or 17 under a deprivation of liberty order": (
            died and v["dols_16_17"]
        ),
        "the child died in a regulated setting or service": died and v["regulated_setting"],
    }
    reg_11c = v["interagency_concerns"] == "yes"
    pointers = reg_11c or any(have_regard.values())
    requirement = "consider" if ours or pointers else "not_required"
    phrases = dict(have_regard)
    phrases.update(
        {
            "a serious incident (Children Act 2004 s16C(1))": ours,
            "outside England, the child being normally resident": ours and where != "in_area",
            "another local authority's area in England": theirs,
            "a looked-after child has died": lac_death,
            "a care leaver has died": care_leaver_death,
            "Secretary of State": lac_death or care_leaver_death,
            "Abuse is implied by the facts": implied and notifiable,
            "Rapid review required; local review to consider": ours,
            "never automatic": ours,
            "regulation 11(c)": reg_11c,
            "have regard to this case": not ours and pointers,
            "Not a notifiable incident": not notifiable,
            "18 or over at the time": not notifiable and not child and not v.get("care_leaver"),
            "may still commission": not ours and not pointers,
            # Never under WT2018/2023 (docs/process.md 1.6; the custody rule is WT2015 only).
            "mandatory": False,
            "serious case review": False,
            "regulation 5": False,
        }
    )
    return (notifiable, requirement, ours, grounds), phrases


def test_wt2018_s16c_regulation_11_truth_table(criteria):
    """Children Act 2004 s16C(1); 2018 Regulations reg. 11; WT2023 chapter 5 (docs/process.md 1.6):
    notification and its grounds, rapid review, a local review to consider and why."""
    wrong = wrong_answers(
        criteria,
        "wt2018",
        every_wt2018_incident(),
        expected_wt2018,
        lambda result: (
            result.is_notifiable,
            result.review_requirement,
            result.rapid_review_required,
            result.notification_grounds,
        ),
    )
    assert not wrong, f"{len(wrong)} wrong, first ones:\n" + "\n".join(wrong[:10])


def test_wt2018_explanation_is_sentences_a_chair_can_sign(criteria):
    """One sentence a line, capitalised and ended; the local review named as WT2023 names it."""
    for values in every_wt2018_incident():
        lines = criteria.evaluate(values, "wt2018").explanation.split("\n")
        assert 2 <= len(lines) <= 3, lines
        for line in lines:
            assert line[0].isupper() and line.endswith("."), line
        assert "local child safeguarding practice review" in lines[-1], lines[-1]


def test_wt2018_serious_incident_requires_a_rapid_review_never_a_local_review(criteria):
    """WT2023 chapter 5: a rapid review within 15 working days; the LCSPR is the partners'
    decision (s16F; regulation 11), so a serious incident is 'consider', never 'mandatory'."""
    for died, harmed in ((True, False), (False, True)):
        result = criteria.evaluate(
            {"child_died": died, "seriously_harmed": harmed, "abuse_neglect": "known"}, "wt2018"
        )
        assert result.rapid_review_required and result.review_requirement == "consider"
        assert "15 working days" in result.explanation


def test_wt2018_custody_death_without_abuse_is_a_case_to_have_regard_to(criteria):
    """WT2023 chapter 5: deaths in custody, under the Mental Health Act or a deprivation of
    liberty order are cases to have regard to; no notification, no rapid review."""
    result = criteria.evaluate({"died_in_custody": True}, "wt2018")
    assert (result.is_notifiable, result.review_requirement) == (False, "consider")
    assert not result.rapid_review_required
    assert "have regard" in result.explanation and "mandatory" not in result.explanation


@pytest.mark.parametrize("regime", REGIMES)
def test_death_in_custody_never_explained_as_no_death(criteria, regime):
    """The explanation never says both that no child has died and that the child died in
    custody (issue 15 item 2), in either regime, for every combination."""
    for values in every_incident():
        explanation = criteria.evaluate(values, regime).explanation
        assert "no child has died" not in explanation, explanation


def test_wt2018_child_killed_by_a_parent_is_abuse_whatever_the_box_says(criteria):
    """WT2023 glossary: abuse is inflicting harm; a child killed by a parent or carer, or
    subjected to particularly serious sexual abuse, is abused (demo Child AB)."""
    killed = criteria.evaluate(
        {"killed_by_parent_mental_illness": True, "abuse_neglect": "no"}, "wt2018"
    )
    assert killed.is_notifiable and killed.rapid_review_required
    assert killed.abuse_implied_reasons == ("the child was killed by a parent or carer",)
    sexual = criteria.evaluate(
        {"serious_sexual_abuse": True, "seriously_harmed": True, "abuse_neglect": "no"}, "wt2018"
    )
    assert sexual.notification_grounds == ("serious_incident",)


def test_wt2018_looked_after_death_goes_to_the_secretary_of_state_not_the_panel(criteria):
    """WT2023 chapter 5 and the DfE's notification guidance: a looked-after child's death is
    notified to the Secretary of State and Ofsted whether or not abuse or neglect is known
    or suspected; the Panel considers only serious incidents (s16C(1))."""
    result = criteria.evaluate({"child_died": True, "looked_after": True}, "wt2018")
    assert result.notification_grounds == ("looked_after_death",)
    assert not result.rapid_review_required
    with_abuse = criteria.evaluate(
        {"child_died": True, "looked_after": True, "abuse_neglect": "suspected"}, "wt2018"
    )
    assert with_abuse.notification_grounds == ("serious_incident", "looked_after_death")


def test_wt2018_care_leaver_death_to_age_24(criteria):
    """WT2023 chapter 5 (December 2023): a care leaver's death up to and including age 24."""
    for age, notified in ((19, True), (24, True), (25, False)):
        result = criteria.evaluate(
            {"child_died": True, "care_leaver": True, "child_age": age}, "wt2018"
        )
        assert (result.notification_grounds == ("care_leaver_death",)) is notified, age
        assert not result.rapid_review_required


def test_wt2018_harm_elsewhere_in_england_is_notified_by_that_authority(criteria):
    """s16C(1)(a): the authority of the area where it happened notifies; (b) the authority
    where the child normally lives notifies a death or serious harm outside England."""
    base = {"child_died": True, "abuse_neglect": "known"}
    elsewhere = criteria.evaluate({**base, "harm_location": "elsewhere_england"}, "wt2018")
    assert (elsewhere.is_notifiable, elsewhere.notifying_authority) == (False, "other")
    abroad = criteria.evaluate(
        {**base, "harm_location": "outside_england", "normally_resident": True}, "wt2018"
    )
    assert (abroad.is_notifiable, abroad.notifying_authority) == (True, "this")
    visitor = criteria.evaluate(
        {**base, "harm_location": "outside_england", "normally_resident": False}, "wt2018"
    )
    assert not visitor.is_notifiable


def test_missing_fields_read_as_not_met(criteria):
    """A new incident has most criteria unset: nothing fires, in either regime."""
    for regime in REGIMES:
        result = criteria.evaluate({}, regime)
        assert (result.is_notifiable, result.review_requirement) == (False, "not_required")


def test_a_person_is_a_child_under_18_or_a_care_leaver_to_24(criteria):
    """Children Act 1989 s105(1) (a child is under 18; unborn children included in the DfE's
    notification guidance); WT2023 chapter 5 (care leavers up to and including 24)."""
    assert criteria.person_problem(17, False, False) is None
    assert criteria.person_problem(0, True, False) is None
    assert criteria.person_problem(24, False, True) is None
    assert "care leaver" in criteria.person_problem(18, False, False)
    assert "up to age 24" in criteria.person_problem(25, False, True)
    assert "unborn" in criteria.person_problem(3, True, False)
