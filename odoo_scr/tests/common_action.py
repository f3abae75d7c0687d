from .common_review import ScrReviewCase


class ScrActionCase(ScrReviewCase):
    """The review of ScrReviewCase with both agencies involved, a senior officer in each,
    one recommendation and a draft action for each agency."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.review.agency_ids = [(4, cls.agency_b.id)]
        cls.contact_a = cls.users["portal_a"].partner_id
        cls.contact_b = cls.users["portal_b"].partner_id
        (cls.contact_a | cls.contact_b).scr_senior_officer = True
        cls.recommendation = cls.env["scr.recommendation"].create(
            {
                "review_id": cls.review.id,
                "number": 1,
                "recommendation": "Share concerns about missed appointments within a day.",
            }
        )
        cls.action_a = cls.new_action(cls.agency_a, name="Police: flag missed appointments")
        cls.action_b = cls.new_action(cls.agency_b, name="Probation: share risk assessments")

    @classmethod
    def new_action(cls, agency, **values):
        vals = {
            "recommendation_id": cls.recommendation.id,
            "agency_id": agency.id,
            "name": "An action",
            "success_criteria": "Audit shows it is done",
            "due_date": "2026-09-30",
        }
        vals.update(values)
        return cls.env["scr.action"].create(vals)

    @classmethod
    def agree_plan(cls):
        cls.action_a._sign_off(cls.contact_a)
        cls.action_b._sign_off(cls.contact_b)

    def agreed_actions(self, size, due):
        """``size`` agreed actions of agency A, owned by its contact, due on ``due``."""
        actions = self.env["scr.action"]
        for n in range(size):
            actions |= self.new_action(
                self.agency_a, name=f"Action {n}", due_date=due, owner_id=self.contact_a.id
            )
        actions._sign_off(self.contact_a)
        actions.write({"state": "agreed"})
        self.env.flush_all()
        self.env.invalidate_all()
        return actions
