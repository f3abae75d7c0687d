from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common_decision import ScrDecisionCase
from .common_rpc import ScrRpcCase

PARTNERS = ("la", "icb", "police")


@tagged("post_install", "-at_install")
class TestPartnerSignOff(ScrRpcCase, ScrDecisionCase):
    """Who signs the decision whether to review follows the partnership's arrangements
    (Children Act 2004 s16E-16F; WT2023 ch. 5): one sign-off per safeguarding partner, by
    its lead or a delegated safeguarding partner named on the partnership, where the
    arrangements say so; the chair otherwise, and always for WT2015 records."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for key in PARTNERS:
            cls.users[key] = cls._new_user(f"{key}_partner", "odoo_scr.group_scr_chair")
        cls.company.write(
            {
                "scr_sign_off_by": "partners",
                "scr_la_lead_id": cls.users["la"].id,
                "scr_icb_delegate_ids": [(6, 0, cls.users["icb"].ids)],
                "scr_police_lead_id": cls.users["police"].id,
            }
        )

    def setUp(self):
        super().setUp()
        self.incident = self._incident(sent="2025-12-29")
        self.decision = self._decision(self.incident)
        self.as_user(self.decision, "coordinator").request_validation()

    def _sign_off_activity(self):
        return self.decision.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("odoo_scr.mail_activity_type_scr_sign_off")
        )

    def test_each_safeguarding_partner_signs_before_the_decision_is_signed(self):
        reviews = self.decision.review_ids
        self.assertEqual(len(reviews), 3)
        self.assertEqual(
            reviews.reviewer_ids, self.users["la"] | self.users["icb"] | self.users["police"]
        )
        with ScrDecisionCase.assertRefused(self, UserError, "Only .* can sign off"):
            self.as_user(self.decision, "chair").validate_tier()
        self.assertEqual(self._sign_off_activity().user_id, self.users["la"])
        for key, next_key in (("police", "la"), ("la", "icb")):
            self.as_user(self.decision, key).validate_tier()
            self.assertEqual(self.decision.state, "draft", f"signed after {key} only")
            self.assertFalse(self.decision.case_review_ids)
            self.assertEqual(self._sign_off_activity().user_id, self.users[next_key])
        with ScrDecisionCase.assertRefused(self, UserError, "Only .* can sign off"):
            self.as_user(self.decision, "la").validate_tier()
        self.as_user(self.decision, "icb").validate_tier()
        self.assertEqual(self.decision.state, "signed")
        self.assertFalse(self._sign_off_activity())
        self.assertEqual(self.decision.signed_by_id, self.users["icb"])
        self.assertEqual(set(reviews.mapped("done_by")), {self.users[key] for key in PARTNERS})
        self.assertEqual(self.incident.state, "decided")
        self.assertEqual(len(self.decision.case_review_ids), 1)

    def test_a_user_the_arrangements_do_not_name_cannot_sign_through_rpc(self):
        for role in ("chair", "coordinator", "other_coordinator"):
            with self.subTest(role=role):
                self.assertRefused(
                    self.call_kw(
                        self.users[role], "scr.decision", "validate_tier", [self.decision.ids]
                    )
                )
        self.assertRefusedJson2(
            self.json2(self.users["chair"], "scr.decision", "validate_tier", ids=self.decision.ids),
            "Only",
        )
        self.assertEqual(self.decision.review_ids.mapped("status"), ["pending"] * 3)
        for key in PARTNERS:
            _result, error = self.call_kw(
                self.users[key], "scr.decision", "validate_tier", [self.decision.ids]
            )
            self.assertIsNone(error)
        self.assertEqual(self.decision.state, "signed")

    def test_a_wt2015_record_keeps_the_chair_whatever_the_arrangements(self):
        incident = self._incident(regime="wt2015", sent="2025-12-29", child_alias="Child W")
        decision = self._decision(incident)
        self.assertEqual(decision.sign_off_by, "chair")
        self.as_user(decision, "coordinator").request_validation()
        self.assertEqual(
            decision.review_ids.definition_id,
            self.env.ref("odoo_scr.tier_definition_scr_decision_chair"),
        )
        with ScrDecisionCase.assertRefused(self, UserError, "Only .* can sign off"):
            self.as_user(decision, "coordinator").validate_tier()
        self.as_user(decision, "chair").validate_tier()
        self.assertEqual(decision.state, "signed")

    def test_the_arrangements_name_a_signatory_of_the_partnership_for_each_partner(self):
        with ScrDecisionCase.assertRefused(self, ValidationError, "chief officer of police"):
            self.company.scr_police_lead_id = False
        outsider = new_test_user(
            self.env,
            login="westshire_chair",
            groups="odoo_scr.group_scr_chair",
            company_id=self.users["other_coordinator"].company_id.id,
            company_ids=self.users["other_coordinator"].company_id.ids,
        )
        for user in (outsider, self.users["coordinator"]):
            with ScrDecisionCase.assertRefused(self, ValidationError, "with the Chair role"):
                self.company.scr_la_delegate_ids = user
        self.company.scr_sign_off_by = "chair"
        decision = self._decision(self._incident(sent="2025-12-29", child_alias="Child C"))
        self.assertEqual(decision.sign_off_by, "chair")
