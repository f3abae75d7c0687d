"""Whether an incident is notifiable, to whom, and whether a review must (or may) be held.

Pure functions over plain values (no ORM), so the rules live in one place and are tested
as a truth table per regime (tests/pure/test_criteria.py). ``scr.incident`` calls
``evaluate`` from its computed fields; ``scr.decision`` reads the result through them.

WT2015 (records opened under it keep it): regulation 5 of the Local Safeguarding Children
Boards Regulations 2006 (serious case reviews) and Working Together 2015 chapter 4,
docs/process.md 1.1-1.2. These rules are unchanged.

WT2018/2023 (every new case): the Children Act 2004 s16C (notification), s16F with
regulation 11 of the Child Safeguarding Practice Review and Relevant Agency (England)
Regulations 2018 (local review criteria) and Working Together 2023 chapter 5 "Learning from
serious child safeguarding incidents" (Working Together 2018 chapter 4 before it),
docs/process.md 1.6. A serious incident requires a notification and a rapid review; a local child
safeguarding practice review is the safeguarding partners' decision, never automatic.
"""

from collections import namedtuple

Evaluation = namedtuple(
    "Evaluation",
    "is_notifiable review_requirement explanation rapid_review_required lcspr_reasons "
    "notification_grounds notifying_authority abuse_implied_reasons",
    defaults=(False, (), (), "", ()),
)

ABUSE_WORDS = {"known": "known", "suspected": "suspected"}


def _abuse(values):
    return values.get("abuse_neglect") in ABUSE_WORDS


def _harm_words(values):
    """'the child has died' / 'has been seriously harmed', as the facts say."""
    if values.get("child_died"):
        return "the child has died"
    return "the child has been seriously harmed"


def notifiable_reasons(values):
    """Sentences naming each notifiable-incident criterion (docs/process.md 1.1) that is met."""
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
    """The cases for which the partnership should consider a review (docs/process.md 1.2)."""
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


def _sentence(text):
    return text[0].upper() + text[1:] + "."


# ---------------------------------------------------------------------------------
# WT2015 (serious case reviews): unchanged rules.
# ---------------------------------------------------------------------------------
def _evaluate_wt2015(values):
    """Regulation 5 of the LSCB Regulations 2006 and Working Together 2015 chapter 4."""
    notifiable = notifiable_reasons(values)
    mandatory = wt2015_mandatory_reasons(values)
    consider = [] if mandatory else consider_reasons(values)
    review = "a serious case review"

    lines = []
    if notifiable:
        lines.append(_sentence("Notifiable incident: " + "; ".join(notifiable)))
    else:
        # Worded from the rule, not the facts: it never says that no child has died.
        lines.append(
            "Not a notifiable incident: neither a death or serious harm with abuse or neglect "
            "known or suspected, nor the death of a looked-after child or of a child in a "
            "regulated setting is recorded."
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
        _abuse(values)
        and values.get("seriously_harmed")
        and (values.get("interagency_concerns") == "definitive_no")
    ):
        lines.append(
            "Regulation 5(2)(b)(ii) does not apply: there is definitive evidence that there are no "
            "concerns about how organisations worked together."
        )
    return Evaluation(
        bool(notifiable),
        requirement,
        "\n".join(lines),
        rapid_review_required=False,
        lcspr_reasons=tuple(mandatory or consider),
        notification_grounds=("notifiable_incident",) if notifiable else (),
        notifying_authority="this" if notifiable else "",
    )


# ---------------------------------------------------------------------------------
# WT2018/2023 (child safeguarding practice reviews).
# ---------------------------------------------------------------------------------
# Where the death or serious harm happened, for s16C(1)(a) and (b).
HARM_IN_AREA = "in_area"
HARM_ELSEWHERE_IN_ENGLAND = "elsewhere_england"
HARM_OUTSIDE_ENGLAND = "outside_england"
# A care leaver's death is notified up to and including age 24 (WT2023 chapter 5).
CARE_LEAVER_MAX_AGE = 24
ADULT_AGE = 18


def is_child(values):
    """A child is under 18 at the time; an unborn child counts (Children Act 1989 s105(1)
    and the DfE's notification guidance: "a child is anyone under the age of 18 and can
    include unborn children"). An age not recorded reads as a child."""
    age = values.get("child_age")
    return bool(values.get("child_unborn")) or age is None or age is False or age < ADULT_AGE


def person_problem(age, unborn, care_leaver):
    """Why an age, unborn and care-leaver record cannot describe one person, or ``None``.

    A child is under 18 (unborn included); an older person comes into these rules only as a
    care leaver, whose death is notified up to and including age 24 (WT2023 chapter 5).
    """
    if age and age < 0:
        return "an age cannot be negative"
    if unborn and (age or care_leaver):
        return "an unborn child has no age yet and cannot be a care leaver"
    if age and age > CARE_LEAVER_MAX_AGE:
        return "these rules apply to children under 18 and to care leavers up to age 24"
    if age and age >= ADULT_AGE and not care_leaver:
        return (
            "a person aged 18 or over comes into these rules only as a care leaver: "
            "tick 'care leaver' or correct the age"
        )
    return None


def abuse_implied_reasons(values):
    """Facts that are abuse whatever the abuse box says.

    Killing a child is inflicting harm on them, which is how Working Together 2023 (glossary,
    "abuse" and "physical abuse") defines abuse; a killing by a parent or carer is abuse by
    the person caring for the child. Sexual abuse is a category of abuse in its own right
    (glossary, "sexual abuse"). Neither can be "abuse or neglect not known or suspected".
    """
    reasons = []
    if values.get("killed_by_parent") or values.get("killed_by_parent_mental_illness"):
        reasons.append("the child was killed by a parent or carer")
    if values.get("serious_sexual_abuse"):
        reasons.append("the child was subjected to particularly serious sexual abuse")
    return reasons


def _wt2018_died(values):
    """A death in custody or a killing is a death, whatever the 'died' box says."""
    return bool(
        values.get("child_died")
        or values.get("died_in_custody")
        or values.get("killed_by_parent")
        or values.get("killed_by_parent_mental_illness")
    )


def _abuse_words(values, implied):
    if values.get("abuse_neglect") in ABUSE_WORDS:
        return f"abuse or neglect is {values['abuse_neglect']}"
    return "abuse is implied (" + "; ".join(implied) + ")"


def _where_words(values):
    if values.get("harm_location") == HARM_OUTSIDE_ENGLAND:
        return "outside England, the child being normally resident in the area"
    return "in the area"


def have_regard_reasons(values):
    """The deaths the safeguarding partners have regard to when deciding on a local review
    (Working Together 2023 chapter 5; under WT2015 they were always reviewed)."""
    died = _wt2018_died(values)
    reasons = []
    if values.get("died_in_custody"):
        reasons.append("the child died in custody")
    if died and values.get("detained_mental_health"):
        reasons.append("the child died while detained under the Mental Health Act 1983")
    if died and values.get("dols_16_17"):
        reasons.append(
            "the child died aged 16 or 17 under a deprivation of liberty order "
            "(Mental Capacity Act 2005)"
        )
    if died and values.get("regulated_setting"):
        reasons.append("the child died in a regulated setting or service")
    return reasons


def lcspr_reasons(values):
    """What, among the recorded facts, points to a local child safeguarding practice review:
    regulation 11(c) of the 2018 Regulations, and the deaths to have regard to."""
    reasons = []
    if values.get("interagency_concerns") == "yes":
        reasons.append(
            "the case highlights concerns about two or more organisations working together "
            "(regulation 11(c) of the Child Safeguarding Practice Review and Relevant Agency "
            "(England) Regulations 2018)"
        )
    reasons.extend(have_regard_reasons(values))
    return reasons


def _wt2018_notification(values, implied):
    """(grounds, notifying authority, sentences) of the WT2018/2023 notifications.

    Grounds: ``serious_incident`` (s16C(1): the Panel, through the single national
    notification, which also reaches Ofsted and the DfE), ``looked_after_death`` and
    ``care_leaver_death`` (the Secretary of State and Ofsted). Whom each ground reaches is
    data: ``scr.notification.ground``.
    """
    died = _wt2018_died(values)
    harmed = values.get("seriously_harmed")
    abuse = _abuse(values) or bool(implied)
    child = is_child(values)
    where = values.get("harm_location") or HARM_IN_AREA
    grounds, sentences, notifier = [], [], ""
    if child and abuse and (died or harmed):
        harm = "the child has died" if died else "the child has been seriously harmed"
        if where == HARM_IN_AREA or (
            where == HARM_OUTSIDE_ENGLAND and values.get("normally_resident", True)
        ):
            grounds.append("serious_incident")
            notifier = "this"
            sentences.append(
                f"a serious incident (Children Act 2004 s16C(1)): {_abuse_words(values, implied)} "
                f"and {harm} {_where_words(values)}; the local authority notifies the Child "
                "Safeguarding Practice Review Panel within 5 working days, and the national "
                "notification reaches Ofsted and the Department for Education"
            )
        elif where == HARM_ELSEWHERE_IN_ENGLAND:
            notifier = "other"
            sentences.append(
                f"a serious incident in another local authority's area in England: "
                f"{_abuse_words(values, implied)} and {harm}; that authority notifies the Panel "
                "(Children Act 2004 s16C(1)(a)), and this partnership is told"
            )
    if died and values.get("looked_after") and child:
        grounds.append("looked_after_death")
        notifier = notifier or "this"
        sentences.append(
            "a looked-after child has died: the local authority notifies the Secretary of State "
            "and Ofsted whether or not abuse or neglect is known or suspected (Working Together "
            "2023 chapter 5); the Panel considers it only as a serious incident"
        )
    age = values.get("child_age")
    if died and values.get("care_leaver") and not (age and age > CARE_LEAVER_MAX_AGE):
        grounds.append("care_leaver_death")
        notifier = notifier or "this"
        sentences.append(
            "a care leaver has died, aged up to and including 24: the local authority notifies "
            "the Secretary of State and Ofsted (Working Together 2023 chapter 5, since "
            "December 2023)"
        )
    return tuple(grounds), notifier, sentences


def _evaluate_wt2018(values):
    """Children Act 2004 s16C and s16F, regulation 11 of the 2018 Regulations, Working
    Together 2023 chapter 5 (2018: chapter 4)."""
    implied = [] if values.get("abuse_neglect") in ABUSE_WORDS else abuse_implied_reasons(values)
    grounds, notifier, notified = _wt2018_notification(values, implied)
    rapid_review = "serious_incident" in grounds
    pointers = lcspr_reasons(values)
    review = "a local child safeguarding practice review"

    lines = []
    if grounds:
        lines.append(_sentence("Notifiable incident: " + "; ".join(notified)))
    elif notified:
        lines.append(
            _sentence("Not a notifiable incident for this local authority: " + "; ".join(notified))
        )
    elif not is_child(values) and not values.get("care_leaver"):
        lines.append(
            "Not a notifiable incident: the young person was 18 or over at the time and is not "
            "recorded as a care leaver, so neither s16C of the Children Act 2004 nor the "
            "notification of a care leaver's death applies."
        )
    else:
        lines.append(
            "Not a notifiable incident: neither a death or serious harm of a child with abuse or "
            "neglect known, suspected or implied (Children Act 2004 s16C(1)), nor the death of a "
            "looked-after child or a care leaver is recorded."
        )
    if implied and grounds:
        lines.append(
            _sentence(
                "Abuse is implied by the facts, whatever the abuse box says: " + "; ".join(implied)
            )
        )
    if rapid_review:
        requirement = "consider"
        pointing = (
            "what points to one: " + "; ".join(pointers)
            if pointers
            else "no recorded fact points to one yet"
        )
        lines.append(
            _sentence(
                "Rapid review required; local review to consider: the safeguarding partners "
                "complete a rapid review within 15 working days of becoming aware and send it to "
                f"the Panel (Working Together 2023 chapter 5); {review} is their decision, never "
                "automatic, guided by the criteria of regulation 11 of the 2018 Regulations "
                f"(improvements needed, recurrent themes, concerns about how organisations worked "
                f"together, the Panel's view); {pointing}"
            )
        )
    elif pointers:
        requirement = "consider"
        lines.append(
            _sentence(
                f"No rapid review is required; the safeguarding partners have regard to this "
                f"case in deciding whether to hold {review}: " + "; ".join(pointers)
            )
        )
    else:
        requirement = "not_required"
        lines.append(
            f"No rapid review is required and no recorded fact points to {review}; the "
            "safeguarding partners may still commission one or another learning review."
        )
    return Evaluation(
        bool(grounds),
        requirement,
        "\n".join(lines),
        rapid_review_required=rapid_review,
        lcspr_reasons=tuple(pointers),
        notification_grounds=grounds,
        notifying_authority=notifier,
        abuse_implied_reasons=tuple(implied),
    )


def evaluate(values, regime):
    """Evaluate the criteria of one incident.

    ``values`` maps the criteria field names of ``scr.incident`` to their values (a missing
    name reads as not met; for WT2018/2023 also ``harm_location``, ``normally_resident``,
    ``child_age``, ``child_unborn``, ``care_leaver``, ``killed_by_parent``); ``regime`` is
    ``wt2015`` or ``wt2018``. Returns an ``Evaluation``:

    - ``is_notifiable``: this local authority must notify someone of the incident;
    - ``review_requirement``: ``mandatory`` (WT2015 only: regulation 5(2) and the custody
      rule), ``consider`` or ``not_required``. Under WT2018/2023 a local review is never
      mandatory: a serious incident gives ``consider`` with ``rapid_review_required``;
    - ``explanation``: one sentence a line, naming each criterion that fired, in words a
      chair can sign;
    - ``rapid_review_required``: a serious incident this authority notifies (WT2018/2023);
    - ``lcspr_reasons``: what points to a review (WT2015: the rule that made it mandatory or
      the cases to consider; WT2018/2023: regulation 11(c) and the deaths to have regard to);
    - ``notification_grounds``: codes of ``scr.notification.ground`` (who is told is data);
    - ``notifying_authority``: ``this``, ``other`` (another English authority, where the
      harm happened) or empty;
    - ``abuse_implied_reasons``: facts that are abuse whatever the abuse box says.
    """
    return _evaluate_wt2015(values) if regime == "wt2015" else _evaluate_wt2018(values)
