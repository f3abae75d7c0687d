from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from ..statutory_day import statutory_today
from .common_publication import ScrPublicationCase
from .common_rpc import ScrRpcCase


@tagged("post_install", "-at_install")
class TestPublicationRules(ScrRpcCase, ScrPublicationCase):
    """The WT2018/2023 publication rules, each refusal sent as a client sends it: the report
    to the Panel and the Secretary of State at least 7 working days before the actual
    publication date (SI 2018/789 reg. 16; WT2018 ch. 4 para 46; WT2023 ch. 5), the family
    told first, publication deferred for criminal proceedings or an inquest, a decision not
    to publish with its reasons sent to both, and six months from the decision to initiate
    to publication (WT2018 ch. 4 para 43)."""

    def _ready(self, review):
        """Awaiting publication today, contributors confirmed, the chair's sign-off given."""
        review = self._to_awaiting_publication(review)
        self._confirm_contributors(review)
        self._sign_off(review)
        return review

    def _publish(self, review):
        return self.call_kw(self.users["coordinator"], "scr.review", "action_publish", [review.ids])

    def test_notices_are_measured_seven_working_days_before_todays_publication(self):
        latest = self.Timescale._deadline_of(self.review, "pre_publication", statutory_today())
        other = self.new_review(agency_ids=[(6, 0, self.agency_a.ids)])
        self.env["scr.review.appointment"].create(
            {"review_id": other.id, "reviewer_id": self.reviewer.id, "role": "lead"}
        )
        late = self._ready(other)
        self._send_notices(late, latest + relativedelta(days=1))
        self.assertRefused(self._publish(late), "cannot be published today", "must have gone by")
        self.assertEqual(late.state, "awaiting_publication")
        self.assertFalse(late.published_date)

        in_time = self._ready(self.review)
        self._send_notices(in_time, latest)
        _result, error = self._publish(in_time)
        self.assertIsNone(error)
        self.assertEqual((in_time.state, in_time.published_date), ("published", statutory_today()))
        self.assertTrue(in_time.publication_on_time)

    def test_publication_waits_for_the_family_and_for_proceedings(self):
        review = self._ready(self.review)
        self._send_notices(review)
        review.family_informed_date = False
        self.assertRefused(self._publish(review), "Tell the child's family")
        self.assertRefused(
            self.call_kw(
                self.users["coordinator"],
                "scr.review",
                "write",
                [review.ids, {"publication_deferral": "criminal_proceedings"}],
            ),
            "Say why publication",
        )
        self.assertFalse(review.publication_deferral, "nothing half-saved")
        review.write(
            {
                "family_informed_date": statutory_today(),
                "publication_deferral": "inquest",
                "publication_deferral_reason": "The coroner's inquest opens next month.",
            }
        )
        self.assertRefused(self._publish(review), "deferred", "coroner's inquest")
        self.assertEqual(review.state, "awaiting_publication")
        review.publication_deferral = False
        _result, error = self._publish(review)
        self.assertIsNone(error)
        self.assertEqual(review.state, "published")

    def test_a_decision_not_to_publish_sends_the_report_and_reasons_to_the_panel_and_sos(self):
        review = self._to_awaiting_publication(self.review)
        review.no_publication_reasons = "Publishing would identify the child's siblings."
        refusal = self.call_kw(
            self.users["coordinator"], "scr.review", "action_decide_not_to_publish", [review.ids]
        )
        self.assertRefused(refusal, "Send the report", "reasons not to publish")
        self.assertEqual(review.state, "awaiting_publication")
        self.assertFalse(review.no_publication)
        self.assertTrue(review.pre_publication_notice_ids)
        self._send_notices(review)
        _result, error = self.call_kw(
            self.users["coordinator"], "scr.review", "action_decide_not_to_publish", [review.ids]
        )
        self.assertIsNone(error)
        self.assertEqual((review.state, review.no_publication), ("closed", True))

    def test_publication_is_due_six_months_from_the_decision_to_initiate(self):
        review = self._ready(self.review)
        self.assertEqual(review.publication_due_date, date(2026, 8, 2))
        self._send_notices(review)
        review.with_user(self.users["coordinator"]).action_publish()
        self.assertLess(date(2026, 8, 2), review.published_date)
        self.assertFalse(review.published_in_time, "published after the six months")
        incident = self.env["scr.incident"].create(
            {
                "child_alias": "Child S",
                "regime": "wt2015",
                "incident_date": "2026-01-05",
                "aware_date": "2026-01-06",
                "company_id": self.company.id,
                "child_died": True,
                "abuse_neglect": "suspected",
            }
        )
        wt2015 = self.new_review(incident_id=incident.id, review_type="scr")
        self.assertFalse(wt2015.publication_due_date, "Working Together 2015 sets no date")
