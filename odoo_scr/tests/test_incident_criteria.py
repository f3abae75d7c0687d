from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..criteria import evaluate
from .common_incident import ScrIncidentCase
from .common_publication import ScrPublicationCase
from .common_rpc import ScrRpcCase

# (criteria, regime, is_notifiable, review_requirement, words the explanation must contain)
TRUTH_TABLE = [
    # WT2015: regulation 5(2) of the LSCB Regulations 2006 and the custody rule (unchanged).
    (
        {"child_died": True, "abuse_neglect": "suspected"},
        "wt2015",
        True,
        "mandatory",
        "regulation 5(2)(a) and (b)(i)",
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
        {"child_died": True, "looked_after": True, "abuse_neglect": "no"},
        "wt2015",
        True,
        "not_required",
        "a looked-after child has died",
    ),
    (
        {"child_died": True, "died_in_custody": True},
        "wt2015",
        False,
        "mandatory",
        "the child died in custody",
    ),
    # WT2018/2023: Children Act 2004 s16C(1); 2018 Regulations reg. 11; WT2023 chapter 5.
    (
        {"child_died": True, "abuse_neglect": "known"},
        "wt2018",
        True,
        "consider",
        "Rapid review required; local review to consider",
    ),
    (
        {
            "seriously_harmed": True,
            "abuse_neglect": "known",
            "interagency_concerns": "yes",
        },
        "wt2018",
        True,
        "consider",
        "regulation 11(c)",
    ),
    (
        {"child_died": True, "looked_after": True, "abuse_neglect": "no"},
        "wt2018",
        True,
        "not_required",
        "the local authority notifies the Secretary of State and Ofsted",
    ),
    (
        {"child_died": True, "regulated_setting": True},
        "wt2018",
        False,
        "consider",
        "the child died in a regulated setting or service",
    ),
    (
        {"child_died": True, "died_in_custody": True},
        "wt2018",
        False,
        "consider",
        "have regard to this case",
    ),
    (
        {"child_died": True, "detained_mental_health": True},
        "wt2018",
        False,
        "consider",
        "Mental Health Act 1983",
    ),
    (
        {"child_died": True, "killed_by_parent": True, "abuse_neglect": "no"},
        "wt2018",
        True,
        "consider",
        "Abuse is implied by the facts",
    ),
]


@tagged("post_install", "-at_install")
class TestIncidentCriteria(ScrIncidentCase):
    """The criteria on the incident, per regime: WT2015 (docs/process.md 1.1-1.2) unchanged;
    WT2018/2023 (docs/process.md 1.6) after the Children Act 2004 s16C, regulation 11 of the 2018
    Regulations and Working Together 2023 chapter 5 (issue 15 items 1-5)."""

    def test_truth_table(self):
        for values, regime, notifiable, requirement, words in TRUTH_TABLE:
            with self.subTest(values=values, regime=regime):
                result = evaluate(values, regime)
                self.assertEqual(result.is_notifiable, notifiable)
                self.assertEqual(result.review_requirement, requirement)
                self.assertIn(words, result.explanation)

    def test_wt2015_every_fired_criterion_is_named(self):
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
        self.assertEqual(incident.review_requirement, "consider")
        self.assertTrue(incident.rapid_review_required)
        self.assertIn("regulation 11(c)", incident.criteria_explanation)

    def test_wt2018_serious_incident_is_a_rapid_review_and_a_local_review_to_consider(self):
        """Item 1 (WT2023 ch. 5; s16F with reg. 11): never 'Mandatory' for a current case."""
        incident = self.new_incident(seriously_harmed=True, interagency_concerns="yes")
        self.assertEqual(incident.regime, "wt2018", "new incidents follow the current regime")
        self.assertEqual(incident.review_requirement, "consider")
        self.assertTrue(incident.rapid_review_required)
        self.assertIn("never automatic", incident.criteria_explanation)
        self.assertNotIn("mandatory", incident.criteria_explanation.lower())

    def test_death_in_custody_is_a_death_on_record(self):
        """Item 2: 'died in custody' without 'the child has died' is refused, so no
        explanation says both that no child died and that the child died in custody."""
        with (
            self.assertRaisesRegex(ValidationError, "tick 'The child has died'"),
            self.cr.savepoint(),
        ):
            self.new_incident(child_died=False, died_in_custody=True)
        incident = self.new_incident(died_in_custody=True, abuse_neglect="no")
        self.assertEqual(incident.review_requirement, "consider")
        self.assertFalse(incident.rapid_review_required)
        self.assertIn("the child died in custody", incident.criteria_explanation)
        self.assertNotIn("no child has died", incident.criteria_explanation)

    def test_child_killed_by_a_parent_is_notifiable_whatever_the_abuse_box_says(self):
        """Item 4 (WT2023 glossary, 'abuse'): a killing by a parent or carer is abuse."""
        incident = self.new_incident(killed_by_parent=True, abuse_neglect="no")
        self.assertTrue(incident.is_notifiable)
        self.assertTrue(incident.rapid_review_required)
        self.assertIn("killed by a parent or carer", incident.criteria_explanation)

    def test_a_child_is_under_18_or_a_care_leaver_to_24(self):
        """Item 5 (Children Act 1989 s105(1); WT2023 ch. 5): an adult comes into the rules
        only as a care leaver; a looked-after child is under 18."""
        with self.assertRaisesRegex(ValidationError, "only as a care leaver"), self.cr.savepoint():
            self.new_incident(child_age=19)
        with (
            self.assertRaisesRegex(ValidationError, "looked-after child is under 18"),
            self.cr.savepoint(),
        ):
            self.new_incident(child_age=19, care_leaver=True, looked_after=True)
        unborn = self.new_incident(child_unborn=True, seriously_harmed=True, child_died=False)
        self.assertTrue(unborn.rapid_review_required)


@tagged("post_install", "-at_install")
class TestIncidentChildren(ScrRpcCase, ScrIncidentCase):
    """Several children in one incident (issue 15 item 5): up to four in one national
    notification, each a person with an age, their identity for coordinators only."""

    def _child(self, incident, alias, **values):
        return self.env["scr.incident.child"].create(
            {"incident_id": incident.id, "alias": alias, **values}
        )

    def test_one_notification_names_up_to_four_children(self):
        """gov.uk 'Report a serious child safeguarding incident': up to 4 children."""
        incident = self.new_incident(seriously_harmed=True)
        for n in range(3):
            self._child(incident, f"Sibling {n}", in_notification=True, child_age=n + 2)
        with self.assertRaisesRegex(ValidationError, "up to four children"), self.cr.savepoint():
            self._child(incident, "Sibling 4", in_notification=True)
        at_risk = self._child(incident, "Sibling 5", relationship="household")
        self.assertFalse(at_risk.in_notification)

    def test_each_child_is_under_18_unborn_or_a_care_leaver(self):
        incident = self.new_incident()
        with self.assertRaisesRegex(ValidationError, "only as a care leaver"), self.cr.savepoint():
            self._child(incident, "Sibling A", child_age=20)
        with self.assertRaisesRegex(ValidationError, "unborn"), self.cr.savepoint():
            self._child(incident, "Sibling B", child_unborn=True, child_age=1)

    def test_a_childs_identity_is_for_coordinators_only(self):
        """The identity fields of every child, like the incident child's: a reviewer, an
        internal user or an agency cannot read them, through RPC or the ORM."""
        incident = self.new_incident()
        child = self._child(incident, "Sibling C", child_name="Real Name")
        for role in ("reviewer", "internal", "portal"):
            user = self.users[role]
            self.assertRefused(
                self.call_kw(user, "scr.incident.child", "read", [child.ids, ["child_name"]])
            )
            self.assertRefused(
                self.call_kw(
                    user, "scr.incident.child", "write", [child.ids, {"child_name": "Other"}]
                )
            )
        reader = self.call_kw(
            self.users["coordinator"], "scr.incident.child", "read", [child.ids, ["child_name"]]
        )
        self.assertEqual(reader[0][0]["child_name"], "Real Name")
        self.assertEqual(child.with_user(self.users["chair"]).child_name, "Real Name")


@tagged("post_install", "-at_install")
class TestEveryChildAnonymity(ScrPublicationCase):
    """The report's anonymity check looks for every child of the incident, not only the
    first (issue 15 item 5): another child's name and date of birth are found; their
    aliases are no false alarm."""

    def test_another_childs_name_and_birthdate_are_found(self):
        self.env["scr.incident.child"].create(
            {
                "incident_id": self.review.incident_id.id,
                "alias": "Sibling Kai",
                "in_notification": True,
                "child_name": "Tayo Okafor",
                "child_birthdate": "2016-07-09",
            }
        )
        review = self.review.with_user(self.users["coordinator"])
        review.report_body = "<p>Sibling Kai was seen. Tayo attended; born 09/07/2016.</p>"
        issues = review.anonymity_issues
        self.assertIn("another child's name 'Tayo' in the report text", issues)
        self.assertIn("the child's date of birth '09/07/2016' in the report text", issues)
        self.assertNotIn("'Kai'", issues)
