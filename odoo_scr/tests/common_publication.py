import base64
from datetime import timedelta

from ..statutory_day import statutory_today
from .common_review import ScrReviewCase


class ScrPublicationCase(ScrReviewCase):
    """A review with a final report awaiting publication; the child's identity on record
    (name, date of birth, family) so that the anonymity check has something to find."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.incident.write(
            {
                "child_name": "Jayden Okafor",
                "child_birthdate": "2014-03-05",
                "family_member_names": "Marcus Okafor\nLeanne Price",
            }
        )

    @classmethod
    def _to_awaiting_publication(cls, review, version="1.0"):
        """Scoping to awaiting publication, with an anonymous report of ``version``."""
        review.write(
            {
                "report_body": "<p>Child M lived with her mother. Agencies did not share what "
                "they knew.</p>",
                "final_report": base64.b64encode(b"%PDF-1.4 report"),
                "final_report_filename": "child_m_overview_report.pdf",
                "final_report_version": version,
            }
        )
        while review.state != "awaiting_publication":
            review.action_next_stage()
        review.write(
            {"publication_date": statutory_today(), "family_informed_date": statutory_today()}
        )
        return review

    def _confirm_contributors(self, review):
        review.contributor_ids.write(
            {"confirmed": True, "date_confirmed": statutory_today(), "confirmed_by": "Director"}
        )

    def _send_notices(self, review, day=None):
        """The report went to the Panel and the Secretary of State on ``day``; by default
        three weeks ago, more than the 7 working days before publishing today."""
        review.pre_publication_notice_ids.write(
            {"date_sent": day or statutory_today() - timedelta(days=21), "reference": "PANEL-1"}
        )

    def _sign_off(self, review):
        review.with_user(self.users["coordinator"]).action_request_publication_sign_off()
        review.with_user(self.users["chair"]).action_sign_publication()
