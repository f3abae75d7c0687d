"""Whether an incident is notifiable and whether a review must be held.

Pure functions over plain values (no ORM), so the rules of DESIGN.md 1.1-1.2 live in
one place and are tested as a truth table. ``scr.incident`` calls ``evaluate`` from
its computed fields.

WT2015 follows regulation 5 of the LSCB Regulations 2006 (serious case reviews);
WT2018/2023 uses the definition of a serious child safeguarding case (abuse or neglect
known or suspected and the child has died or been seriously harmed), for which a
rapid review must be held.
"""

from collections import namedtuple

Evaluation = namedtuple("Evaluation", "is_notifiable review_requirement explanation")

ABUSE_WORDS = {"known": "known", "suspected": "suspected"}


def _abuse(values):
    return values.get("abuse_neglect") in ABUSE_WORDS


def _harm_words(values):
    """'the child has died' / 'has been seriously harmed', as the facts say."""
    if values.get("child_died"):
        return "the child has died"
    return "the child has been seriously harmed"


def notifiable_reasons(values):
    """Sentences naming each notifiable-incident criterion (DESIGN 1.1) that is met."""
    reasons = []
    abuse = _abuse(values)
    abuse_words = f"abuse or neglect is {ABUSE_WORDS.get(values.get('abuse_neglect'), '')}"
    if abuse and values.get("child_died"):
        reasons.append(f"a child has died and {abuse_words}")
    if abuse and values.get("seriously_harmed"):
        reasons.append(f"a child has been seriously harmed and {abuse_words}")
    if values.get("child_died") and values.get("looked_after"):
        reasons.append("a looked-after child has died")
    if values.get("child_died") and values.get("regulated_setting"):
        reasons.append("a child in a regulated setting or service has died")
    return reasons


def custody_reasons(values):
    """The deaths for which a review is always held, even if no other criterion is met."""
    reasons = []
    if values.get("died_in_custody"):
        reasons.append("the child died in custody")
    if values.get("child_died") and values.get("detained_mental_health"):
        reasons.append("the child died while detained under the Mental Health Act 1983")
    if values.get("child_died") and values.get("dols_16_17"):
        reasons.append(
            "the child died aged 16 or 17 under a deprivation of liberty order "
            "(Mental Capacity Act 2005)"
        )
    return reasons


def consider_reasons(values):
    """The cases for which the partnership should consider a review (DESIGN 1.2)."""
    reasons = []
    if _abuse(values) and values.get("seriously_harmed"):
        reasons.append(
            "the child sustained a potentially life-threatening injury or serious and "
            "permanent impairment through abuse or neglect"
        )
    if values.get("serious_sexual_abuse"):
        reasons.append("the child has been subjected to particularly serious sexual abuse")
    if values.get("parent_murdered_dhr"):
        reasons.append(
            "a parent has been murdered and a domestic homicide review is being initiated"
        )
    if values.get("killed_by_parent_mental_illness"):
        reasons.append("the child has been killed by a parent with a mental illness")
    if values.get("interagency_concerns") == "yes":
        reasons.append("the case gives rise to concerns about inter-agency working")
    return reasons


def _custody_rule(values, review):
    """The custody / Mental Health Act / DoLS rule, one sentence per death that fired it."""
    return [
        f"{reason} ({review} is always held when a child dies in custody, while detained under "
        "the Mental Health Act 1983, or aged 16 or 17 under a deprivation of liberty order)"
        for reason in custody_reasons(values)
    ]


def wt2015_mandatory_reasons(values):
    """Regulation 5(2) of the LSCB Regulations 2006, and the custody rule."""
    reasons = []
    if _abuse(values):
        abuse_words = f"abuse or neglect is {values['abuse_neglect']}"
        if values.get("child_died"):
            reasons.append(
                "regulation 5(2)(a) and (b)(i) of the LSCB Regulations 2006: "
                f"{abuse_words} and the child has died"
            )
        if values.get("seriously_harmed") and values.get("interagency_concerns") != "definitive_no":
            concern = (
                "there is cause for concern about how organisations worked together"
                if values.get("interagency_concerns") == "yes"
                else "there is no definitive evidence that organisations worked well together"
            )
            reasons.append(
                "regulation 5(2)(a) and (b)(ii) of the LSCB Regulations 2006: "
                f"{abuse_words}, the child has been seriously harmed and {concern}"
            )
    reasons.extend(_custody_rule(values, "a serious case review"))
    return reasons


def wt2018_mandatory_reasons(values):
    """A serious child safeguarding case (Working Together 2018/2023), and the custody rule."""
    reasons = []
    if _abuse(values) and (values.get("child_died") or values.get("seriously_harmed")):
        reasons.append(
            "this is a serious child safeguarding case (Working Together 2018/2023, chapter 4): "
            f"abuse or neglect is {values['abuse_neglect']} and {_harm_words(values)}; "
            "a rapid review must be held"
        )
    reasons.extend(_custody_rule(values, "a review"))
    return reasons


def _sentence(text):
    return text[0].upper() + text[1:] + "."


def evaluate(values, regime):
    """Evaluate the criteria of one incident.

    ``values`` maps the criteria field names of ``scr.incident`` to their values;
    ``regime`` is ``wt2015`` or ``wt2018``. Returns an ``Evaluation`` whose
    explanation names each criterion that fired, in words a chair can sign.
    """
    notifiable = notifiable_reasons(values)
    mandatory = (
        wt2015_mandatory_reasons(values) if regime == "wt2015" else wt2018_mandatory_reasons(values)
    )
    consider = [] if mandatory else consider_reasons(values)
    review = (
        "a serious case review"
        if regime == "wt2015"
        else "a local child safeguarding practice review"
    )

    lines = []
    if notifiable:
        lines.append(_sentence("Notifiable incident: " + "; ".join(notifiable)))
    else:
        lines.append(
            "Not a notifiable incident: no child has died or been seriously harmed with abuse or "
            "neglect known or suspected, and no looked-after child or child in a regulated setting "
            "has died."
        )
    if mandatory:
        requirement = "mandatory"
        lines.append(_sentence("A review is mandatory: " + "; ".join(mandatory)))
    elif consider:
        requirement = "consider"
        lines.append(_sentence(f"The partnership should consider {review}: " + "; ".join(consider)))
    else:
        requirement = "not_required"
        lines.append(
            "No criterion for a mandatory review is met and none of the cases to consider "
            f"applies; the partnership may still commission {review} or another learning review."
        )
    if (
        regime == "wt2015"
        and _abuse(values)
        and values.get("seriously_harmed")
        and values.get("interagency_concerns") == "definitive_no"
    ):
        lines.append(
            "Regulation 5(2)(b)(ii) does not apply: there is definitive evidence that there are no "
            "concerns about how organisations worked together."
        )
    return Evaluation(bool(notifiable), requirement, "\n".join(lines))
