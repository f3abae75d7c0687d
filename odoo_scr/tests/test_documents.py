from odoo.tests import HttpCase, tagged

from .common_documents import ScrDocumentMixin
from .common_publication import ScrPublicationCase


@tagged("post_install", "-at_install")
class TestDocuments(ScrDocumentMixin, ScrPublicationCase, HttpCase):
    """Every PDF renders with the real wkhtmltopdf, fit to send: the partnership's name,
    the marking and page numbers on each page, dates dd/mm/yyyy in the partnership's
    language whoever prints it, no empty section; none names the child."""

    def _render(self, report, records, user="coordinator"):
        html, pages = self.render_pdf(report, records, user)
        self.assertNotIn("Secret Name", html)
        self.assertFitToSend(pages, self.company.name)
        return " ".join(pages)

    def _signed_decision(self, **values):
        self.incident.notification_ids.write({"date_sent": "2026-01-07", "reference": "INC-1"})
        self.incident.action_start_consideration()
        decision = self.env["scr.decision"].create(
            {
                "incident_id": self.incident.id,
                "decision": "alternative_review",
                "decision_date": "2026-01-20",
                "rationale": "A learning review will find out why the agencies did not share.",
                **values,
            }
        )
        decision.with_user(self.users["coordinator"]).request_validation()
        decision.with_user(self.users["chair"]).validate_tier()
        return decision

    def test_incident_notification_summary_names_the_alias_only(self):
        self.incident.child_name = "Jayden Okafor"
        text = self._render("odoo_scr.action_report_scr_incident_summary", self.incident)
        self.assertIn("Child M", text)
        self.assertNotIn("Jayden", text)
        self.assertIn("Ofsted", text)
        # Incident on 5 January 2026, known on the 6th: day first.
        self.assertIn("05/01/2026", text)
        self.assertIn("06/01/2026", text)

    def test_dates_are_the_partnership_s_whoever_prints(self):
        self.users["coordinator"].lang = "en_US"
        text = self._render("odoo_scr.action_report_scr_incident_summary", self.incident)
        self.assertIn("06/01/2026", text)
        self.assertNotIn("01/06/2026", text)

    def test_incident_summary_groups_its_notices_by_stage(self):
        decision = self._signed_decision()
        decision.notification_ids.write({"date_sent": "2026-01-22", "reference": "DEC-1"})
        text = self._render("odoo_scr.action_report_scr_incident_summary", self.incident)
        stages = [
            text.index(words)
            for words in ("Notices of the incident", "INC-1", "Notices of the decision", "DEC-1")
        ]
        self.assertEqual(stages, sorted(stages), text)
        self.assertNotIn("Notices before publication", text)
        # The decision's record shows its own notices only.
        text = self._render("odoo_scr.action_report_scr_decision", decision)
        self.assertIn("DEC-1", text)
        self.assertNotIn("INC-1", text)

    def test_decision_record_with_rationale_and_sign_off(self):
        decision = self._signed_decision(
            recommendation="alternative_review", recommendation_date="2026-01-19"
        )
        text = self._render("odoo_scr.action_report_scr_decision", decision)
        self.assertIn("did not share", text)
        self.assertIn(self.users["chair"].name, text)
        self.assertIn("Subgroup recommendation Alternative learning review", text)
        self.assertIn("19/01/2026", text)
        self.assertIn("20/01/2026", text)

    def test_decision_record_without_recommendation_prints_no_empty_row(self):
        decision = self._signed_decision(rationale="Why. " * 2500)
        text = self._render("odoo_scr.action_report_scr_decision", decision)
        self.assertNotIn("Subgroup recommendation", text)
        self.assertNotIn("()", text)
        self.assertIn("Page 2 of", text, "a long rationale runs over pages, each numbered")

    def test_terms_of_reference_for_the_appointed_reviewer(self):
        self.review.write(
            {
                "methodology": "learning_together",
                "relevant_issues": "Information sharing",
                "period_start": "2025-06-15",
                "period_end": "2025-12-20",
            }
        )
        text = self._render("odoo_scr.action_report_scr_review_terms", self.review, "reviewer")
        self.assertIn("Rowan Lead", text)
        self.assertIn("Information sharing", text)
        self.assertIn("Testshire Police", text)
        self.assertIn("15/06/2025 – 20/12/2025", text)
        # Sections nobody wrote have no heading.
        self.assertIn("Issues to address", text)
        for heading in ("Family history to gather", "Other contributors", "Legal advice"):
            self.assertNotIn(heading, text)

    def test_annual_report_figures(self):
        report = self.env["scr.annual.report"].create(
            {"date_from": "2026-04-01", "date_to": "2026-12-01", "company_ids": self.company.ids}
        )
        report.action_compute()
        text = self._render("odoo_scr.action_report_scr_annual_report", report)
        self.assertIn(min(report.line_ids.mapped("figure"), key=len), text)
        self.assertIn("01/04/2026 – 01/12/2026", text)
