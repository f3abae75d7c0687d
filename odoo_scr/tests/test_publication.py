from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..statutory_day import statutory_today
from .common_publication import ScrPublicationCase


@tagged("post_install", "-at_install")
class TestPublicationDates(ScrPublicationCase):
    """The pre-publication and retention dates come from scr.timescale, in both regimes."""

    def test_pre_publication_wt2018_counts_working_days_back_over_easter(self):
        """Tue 14 Apr 2026: 7 working days back skip Easter Monday 6 Apr and Good Friday 3 Apr
        and the weekends: 13, 10, 9, 8, 7, 2, 1 April."""
        review = self.new_review(publication_date="2026-04-14")
        self.assertEqual(review.regime, "wt2018")
        self.assertEqual(review.pre_publication_due_date, date(2026, 4, 1))

    def test_pre_publication_wt2018_over_christmas(self):
        """Tue 5 Jan 2027: back over New Year's Day (Fri 1 Jan), Boxing Day substitute (Mon 28
        Dec 2026), Christmas (Fri 25 Dec): 4, 31, 30, 29, 24, 23, 22 December."""
        review = self.new_review(publication_date="2027-01-05")
        self.assertEqual(review.pre_publication_due_date, date(2026, 12, 22))

    def test_pre_publication_wt2015_counts_calendar_days_back(self):
        incident = self.incident.copy({"regime": "wt2015", "child_alias": "Child N"})
        review = self.new_review(incident_id=incident.id, publication_date="2026-04-14")
        self.assertEqual(review.regime, "wt2015")
        self.assertEqual(review.pre_publication_due_date, date(2026, 4, 7))

    def test_changing_the_timescale_changes_the_due_date(self):
        review = self.new_review(publication_date="2026-04-14")
        self.env.ref("odoo_scr.timescale_wt2018_pre_publication").amount = 2
        review._compute_pre_publication_due_date()
        self.assertEqual(review.pre_publication_due_date, date(2026, 4, 10))

    def test_publish_until_twelve_months_in_both_regimes(self):
        review = self.new_review()
        review.published_date = "2026-03-31"
        self.assertEqual(review.publish_until_date, date(2027, 3, 31))
        incident = self.incident.copy({"regime": "wt2015", "child_alias": "Child N"})
        review_2015 = self.new_review(incident_id=incident.id)
        review_2015.published_date = "2026-01-31"
        self.assertEqual(review_2015.publish_until_date, date(2027, 1, 31))

    def test_pre_publication_notices_per_regime(self):
        review = self._to_awaiting_publication(self.review)
        self.assertEqual(
            set(review.pre_publication_notice_ids.recipient_id.mapped("code")),
            {"national_panel", "secretary_of_state"},
        )
        self.assertEqual(
            review.pre_publication_notice_ids.mapped("due_date"),
            [review.pre_publication_due_date] * 2,
        )
        incident = self.incident.copy({"regime": "wt2015", "child_alias": "Child N"})
        review_2015 = self.new_review(incident_id=incident.id)
        review_2015.appointment_ids = [
            (0, 0, {"reviewer_id": self.reviewer.id, "role": "lead"}),
        ]
        self._to_awaiting_publication(review_2015)
        self.assertEqual(
            set(review_2015.pre_publication_notice_ids.recipient_id.mapped("code")),
            {"ofsted", "dfe", "national_panel"},
        )

    def test_publication_date_before_the_final_report_is_refused(self):
        self.review.final_report_date = "2026-06-01"
        with self.assertRaisesRegex(ValidationError, "before its final report"):
            self.review.publication_date = "2026-05-31"
        self.review.publication_date = "2026-06-01"
        self.assertEqual(self.review.publication_date, date(2026, 6, 1))


@tagged("post_install", "-at_install")
class TestPublicationGate(ScrPublicationCase):
    """Published only with notices sent, contributors' confirmation and the chair's
    sign-off of the current version; and never when the partnership decided otherwise."""

    def setUp(self):
        super().setUp()
        self.review_c = self._to_awaiting_publication(self.review).with_user(
            self.users["coordinator"]
        )

    def test_full_publication(self):
        review = self.review_c
        self.assertEqual(review.contributor_ids.agency_id, self.agency_a)
        self._confirm_contributors(review)
        self._send_notices(review)
        self._sign_off(review)
        self.assertTrue(review.publication_signed)
        self.assertEqual(review.publication_ids.signed_by_id, self.users["chair"])
        review.published_url = "https://testshire.example/reviews/child-m"
        review.action_publish()
        today = statutory_today()
        self.assertEqual(review.state, "published")
        self.assertEqual(review.published_date, today)
        self.assertEqual(review.publish_until_date, today + relativedelta(months=12))
        reminder = review.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("odoo_scr.mail_activity_type_scr_publication_retention")
            )
        )
        self.assertEqual(reminder.date_deadline, review.publish_until_date)
        self.assertEqual(reminder.user_id, review.user_id)

    def test_pre_publication_activity(self):
        """The coordinator has the notices to send by the pre-publication date; sending them
        all closes the activity."""
        activity_type = self.env.ref("odoo_scr.mail_activity_type_scr_pre_publication")
        review = self.review_c
        review.user_id = self.users["coordinator"]
        review.publication_date = statutory_today() + relativedelta(months=1)
        activity = review.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        self.assertEqual(activity.date_deadline, review.pre_publication_due_date)
        self.assertEqual(activity.user_id, self.users["coordinator"])
        self.assertIn("Secretary of State", activity.summary)
        self._send_notices(review)
        self.assertFalse(
            review.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        )
        self.assertEqual(review.pre_publication_notice_ids.mapped("is_late"), [False, False])

    def test_refused_without_notices(self):
        self._confirm_contributors(self.review_c)
        self._sign_off(self.review_c)
        with self.assertRaisesRegex(UserError, "pre-publication notices .* have not all been sent"):
            self.review_c.action_publish()
        self.assertEqual(self.review_c.state, "awaiting_publication")

    def test_refused_without_sign_off_even_through_next_stage(self):
        self._confirm_contributors(self.review_c)
        self._send_notices(self.review_c)
        with self.assertRaisesRegex(UserError, "chair has not signed off version 1.0"):
            self.review_c.action_publish()
        with self.assertRaisesRegex(UserError, "chair has not signed off"):
            self.review_c.action_next_stage()
        self.assertFalse(self.review_c.published_date)

    def test_only_the_chair_signs(self):
        self._confirm_contributors(self.review_c)
        self.review_c.action_request_publication_sign_off()
        with self.assertRaisesRegex(UserError, "Only .* can sign off"):
            self.review_c.action_sign_publication()
        self.assertFalse(self.review_c.publication_signed)

    def test_awaiting_the_chairs_sign_off(self):
        self._confirm_contributors(self.review_c)
        self.review_c.action_request_publication_sign_off()
        pending = self.review_c.publication_ids
        Publication = self.env["scr.publication"]
        domain = [("can_review", "=", True)]
        self.assertEqual(Publication.with_user(self.users["chair"]).search(domain), pending)
        self.assertFalse(Publication.with_user(self.users["coordinator"]).search(domain))
        with self.assertRaisesRegex(UserError, "already requested"):
            self.review_c.action_request_publication_sign_off()
        pending.with_user(self.users["chair"]).validate_tier()
        self.assertEqual(pending.state, "signed")
        self.assertTrue(self.review_c.publication_signed)

    def test_sign_off_needs_contributors_confirmation(self):
        with self.assertRaisesRegex(UserError, "Testshire Police have not confirmed"):
            self.review_c.action_request_publication_sign_off()

    def test_a_new_report_version_needs_a_new_sign_off(self):
        self._confirm_contributors(self.review_c)
        self._send_notices(self.review_c)
        self._sign_off(self.review_c)
        self.review_c.final_report_version = "1.1"
        self.assertFalse(self.review_c.publication_signed)
        with self.assertRaisesRegex(UserError, "chair has not signed off version 1.1"):
            self.review_c.action_publish()
        self._sign_off(self.review_c)
        self.review_c.action_publish()
        self.assertEqual(self.review_c.state, "published")
        self.assertEqual(
            self.review_c.publication_ids.sorted("id").mapped("report_version"), ["1.0", "1.1"]
        )

    def test_decision_not_to_publish(self):
        with self.assertRaisesRegex(UserError, "Record why"):
            self.review_c.with_user(self.users["chair"]).action_decide_not_to_publish()
        self.review_c.write(
            {
                "no_publication_reasons": "Criminal trial of the father still running.",
                "panel_advice": "The Panel agrees to defer publication.",
            }
        )
        # WT2018/2023: the report and the reasons go to the Panel and the Secretary of State.
        with self.assertRaisesRegex(UserError, "Send the report"):
            self.review_c.with_user(self.users["chair"]).action_decide_not_to_publish()
        self._send_notices(self.review_c)
        self.review_c.with_user(self.users["chair"]).action_decide_not_to_publish()
        self.assertEqual(self.review_c.state, "closed")
        self.assertTrue(self.review_c.no_publication)
        self.assertFalse(self.review_c.published_date)

    def test_late_notices_are_late_and_stop_publication(self):
        """Notices sent today for a publication today went later than 7 working days before:
        they are late, and publishing today is refused (SI 2018/789 reg. 16)."""
        self._confirm_contributors(self.review_c)
        self._send_notices(self.review_c, statutory_today())
        self._sign_off(self.review_c)
        self.assertTrue(all(self.review_c.pre_publication_notice_ids.mapped("is_late")))
        with self.assertRaisesRegex(UserError, "cannot be published today"):
            self.review_c.action_publish()
        self.assertFalse(self.review_c.published_date)


@tagged("post_install", "-at_install")
class TestAnonymity(ScrPublicationCase):
    """The report is checked for the child's real name, date of birth and family names."""

    def setUp(self):
        super().setUp()
        self.review_c = self._to_awaiting_publication(self.review).with_user(
            self.users["coordinator"]
        )

    def test_alias_is_no_false_alarm(self):
        self.review_c.report_body = (
            "<p>Child M was born in 2014. Child M's mother (Mother M) and her partner cared "
            "for her; on 5 March 2015 a health visitor called. Name withheld.</p>"
        )
        self.assertTrue(self.review_c.anonymity_clear)
        self.assertFalse(self.review_c.anonymity_issues)
        self.review_c.action_check_anonymity()

    def test_real_names_and_birthdates_are_found(self):
        self.review_c.write(
            {
                "report_body": "<p>JAYDEN was seen at school. Born 05/03/2014; Leanne Price "
                "attended. Health records of 5th March 2014.</p>",
                "written_response": "<p>The partnership thanks Mr Okafor.</p>",
                "final_report_filename": "okafor_final.pdf",
            }
        )
        self.env["ir.attachment"].create(
            {
                "name": "chronology 2014-03-05.docx",
                "res_model": "scr.review",
                "res_id": self.review_c.id,
                "raw": b"x",
            }
        )
        self.assertFalse(self.review_c.anonymity_clear)
        issues = self.review_c.anonymity_issues
        for expected in (
            "the child's name 'Jayden' in the report text",
            "the child's date of birth '05/03/2014' in the report text",
            "the child's date of birth '5th March 2014' in the report text",
            "a family member's name 'Leanne Price' in the report text",
            "'Okafor' in the written response",
            "'Okafor' in the report file name",
            "the child's date of birth '2014-03-05' in attachment 'chronology 2014-03-05.docx'",
        ):
            self.assertIn(expected, issues)
        result = self.review_c.action_check_anonymity()
        self.assertEqual(result["params"]["type"], "danger")
        self.assertIn("identifies the child", result["params"]["message"])
        self.assertIn("Jayden", result["params"]["message"], "the coordinator is told where")
        self.assertEqual(self.review_c.anonymity_state, "identifies")
        self._confirm_contributors(self.review_c)
        with self.assertRaisesRegex(UserError, "Jayden"):
            self.review_c.action_request_publication_sign_off()

    def test_a_hit_after_sign_off_blocks_publication(self):
        self._confirm_contributors(self.review_c)
        self._send_notices(self.review_c)
        self._sign_off(self.review_c)
        self.review_c.report_body = "<p>Marcus Okafor was arrested.</p>"
        with self.assertRaisesRegex(UserError, "Marcus Okafor"):
            self.review_c.action_publish()
        self.assertEqual(self.review_c.state, "awaiting_publication")

    def test_no_date_of_birth_inside_a_longer_number(self):
        self.review_c.report_body = "<p>Case 105/03/20145 and 15 March 2014.</p>"
        self.assertTrue(self.review_c.anonymity_clear)
