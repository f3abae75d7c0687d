from odoo.tests import TransactionCase, tagged

from ..criteria import evaluate

# (criteria, regime, is_notifiable, review_requirement, words the explanation must contain)
TRUTH_TABLE = [
    (
        {"child_died": True, "abuse_neglect": "suspected"},
        "wt2015",
        True,
        "mandatory",
        "regulation 5(2)(a) and (b)(i)",
    ),
    (
        {"child_died": True, "abuse_neglect": "known"},
        "wt2018",
        True,
        "mandatory",
        "serious child safeguarding case",
    ),
    (
        {"seriously_harmed": True, "abuse_neglect": "known", "interagency_concerns": "yes"},
        "wt2015",
        True,
        "mandatory",
        "regulation 5(2)(a) and (b)(ii)",
    ),
    (
        {"seriously_harmed": True, "abuse_neglect": "suspected", "interagency_concerns": "unknown"},
        "wt2015",
        True,
        "mandatory",
        "no definitive evidence",
    ),
    (
        {
            "seriously_harmed": True,
            "abuse_neglect": "known",
            "interagency_concerns": "definitive_no",
        },
        "wt2015",
        True,
        "consider",
        "Regulation 5(2)(b)(ii) does not apply",
    ),
    (
        {
            "seriously_harmed": True,
            "abuse_neglect": "known",
            "interagency_concerns": "definitive_no",
        },
        "wt2018",
        True,
        "mandatory",
        "a rapid review must be held",
    ),
    (
        {"child_died": True, "looked_after": True, "abuse_neglect": "no"},
        "wt2015",
        True,
        "not_required",
        "a looked-after child has died",
    ),
    (
        {"child_died": True, "regulated_setting": True},
        "wt2018",
        True,
        "not_required",
        "regulated setting or service has died",
    ),
    ({"died_in_custody": True}, "wt2015", False, "mandatory", "the child died in custody"),
    (
        {"child_died": True, "detained_mental_health": True},
        "wt2018",
        False,
        "mandatory",
        "Mental Health Act 1983",
    ),
    (
        {"child_died": True, "dols_16_17": True},
        "wt2015",
        False,
        "mandatory",
        "deprivation of liberty order",
    ),
    ({"dols_16_17": True}, "wt2015", False, "not_required", "may still commission"),
    (
        {"serious_sexual_abuse": True},
        "wt2015",
        False,
        "consider",
        "particularly serious sexual abuse",
    ),
    ({"parent_murdered_dhr": True}, "wt2018", False, "consider", "domestic homicide review"),
    (
        {"child_died": True, "killed_by_parent_mental_illness": True},
        "wt2015",
        False,
        "consider",
        "killed by a parent with a mental illness",
    ),
    ({"interagency_concerns": "yes"}, "wt2018", False, "consider", "inter-agency working"),
    (
        {},
        "wt2018",
        False,
        "not_required",
        "may still commission a local child safeguarding practice review",
    ),
    ({}, "wt2015", False, "not_required", "may still commission a serious case review"),
    (
        {"seriously_harmed": True, "abuse_neglect": "no"},
        "wt2015",
        False,
        "not_required",
        "Not a notifiable incident",
    ),
    (
        {"child_died": True, "abuse_neglect": "no"},
        "wt2018",
        False,
        "not_required",
        "Not a notifiable incident",
    ),
]


@tagged("post_install", "-at_install")
class TestIncidentCriteria(TransactionCase):
    """DESIGN.md 1.1-1.2 as a truth table, in both regimes."""

    def test_truth_table(self):
        for values, regime, notifiable, requirement, words in TRUTH_TABLE:
            with self.subTest(values=values, regime=regime):
                result = evaluate(values, regime)
                self.assertEqual(result.is_notifiable, notifiable)
                self.assertEqual(result.review_requirement, requirement)
                self.assertIn(words, result.explanation)

    def test_every_fired_criterion_is_named(self):
        result = evaluate(
            {
                "child_died": True,
                "seriously_harmed": True,
                "abuse_neglect": "known",
                "looked_after": True,
                "died_in_custody": True,
            },
            "wt2015",
        )
        for words in (
            "a child has died and abuse or neglect is known",
            "a looked-after child has died",
            "regulation 5(2)(a) and (b)(i)",
            "regulation 5(2)(a) and (b)(ii)",
            "the child died in custody",
        ):
            self.assertIn(words, result.explanation)

    def test_incident_fields_follow_the_criteria(self):
        company = self.env["res.company"].create({"name": "Criteria SCP", "scr_regime": "wt2015"})
        incident = self.env["scr.incident"].create(
            {
                "child_alias": "Child C",
                "incident_date": "2026-03-02",
                "aware_date": "2026-03-03",
                "company_id": company.id,
                "regime": "wt2015",
                "seriously_harmed": True,
                "abuse_neglect": "suspected",
                "interagency_concerns": "definitive_no",
            }
        )
        self.assertEqual((incident.is_notifiable, incident.review_requirement), (True, "consider"))
        incident.interagency_concerns = "yes"
        self.assertEqual(incident.review_requirement, "mandatory")
        self.assertIn("(b)(ii)", incident.criteria_explanation)
        incident.regime = "wt2018"
        self.assertIn("serious child safeguarding case", incident.criteria_explanation)
