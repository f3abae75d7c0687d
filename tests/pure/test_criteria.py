"""The criteria of DESIGN.md 1.1, 1.2 and 1.6 as complete truth tables, in both regimes.

Every combination of the criteria fields of ``scr.incident`` (9,216 per regime) is put
to ``odoo_scr/criteria.py`` and checked against the rules written out again below from
the design text, independently of the addon's code: whether the incident is notifiable,
whether a review is mandatory, to consider or not required, and that the explanation
names each criterion that fired and none that did not.
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
# The rules, from the design text (not from the addon's code).
# ---------------------------------------------------------------------------------
def expected(values, regime):
    """{phrase the explanation must hold: whether it must}, and the two outcomes."""
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
    if regime == "wt2015":
        # Regulation 5(2): abuse or neglect, and (a) death or (b) serious harm with cause
        # for concern about inter-agency working unless definitively none.
        regulation = {
            "regulation 5(2)(a) and (b)(i)": abuse and died,
            "regulation 5(2)(a) and (b)(ii)": abuse and harmed and interagency != "definitive_no",
        }
    else:
        # A serious child safeguarding case: abuse or neglect, and death or serious harm.
        regulation = {"serious child safeguarding case": abuse and (died or harmed)}
    # DESIGN 1.6 says the "always review" rule for these deaths is WT2015 only, and that
    # under WT2018/2023 the partners "have regard to" them; the addon applies it in both
    # regimes (its own tests say so): the table follows the addon here and says so.
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


@pytest.mark.parametrize("regime", REGIMES)
def test_truth_table(criteria, regime):
    wrong = []
    for values in every_incident():
        notifiable, requirement, phrases = expected(values, regime)
        result = criteria.evaluate(values, regime)
        if (result.is_notifiable, result.review_requirement) != (notifiable, requirement):
            wrong.append(
                f"{values}: got {result.is_notifiable}/{result.review_requirement}, "
                f"want {notifiable}/{requirement}"
            )
            continue
        for phrase, present in phrases.items():
            if (phrase in result.explanation) != present:
                wrong.append(
                    f"{values}: '{phrase}' should{'' if present else ' not'} be in: "
                    f"{result.explanation!r}"
                )
    assert not wrong, f"{len(wrong)} wrong, first ones:\n" + "\n".join(wrong[:10])


@pytest.mark.parametrize("regime", REGIMES)
def test_explanation_is_sentences_a_chair_can_sign(criteria, regime):
    """One sentence a line, capitalised and ended; the review named as the regime names it."""
    review = {"wt2015": "serious case review", "wt2018": "child safeguarding practice review"}
    for values in every_incident():
        lines = criteria.evaluate(values, regime).explanation.split("\n")
        assert 2 <= len(lines) <= 3, lines
        for line in lines:
            assert line[0].isupper() and line.endswith("."), line
        requirement = lines[1]
        if "mandatory" not in requirement:
            assert review[regime] in requirement, requirement


def test_wording_names_how_abuse_is_known(criteria):
    known = criteria.evaluate({"child_died": True, "abuse_neglect": "known"}, "wt2015")
    suspected = criteria.evaluate({"child_died": True, "abuse_neglect": "suspected"}, "wt2015")
    assert "abuse or neglect is known" in known.explanation
    assert "abuse or neglect is suspected" in suspected.explanation
    harmed = criteria.evaluate({"seriously_harmed": True, "abuse_neglect": "known"}, "wt2018")
    assert "the child has been seriously harmed; a rapid review must be held" in harmed.explanation


def test_missing_fields_read_as_not_met(criteria):
    """A new incident has most criteria unset: nothing fires, in either regime."""
    for regime in REGIMES:
        result = criteria.evaluate({}, regime)
        assert (result.is_notifiable, result.review_requirement) == (False, "not_required")
