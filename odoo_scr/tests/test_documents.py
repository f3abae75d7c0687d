from odoo.tests import HttpCase, tagged

from .common_publication import ScrPublicationCase


@tagged("post_install", "-at_install")
class TestDocuments(ScrPublicationCase, HttpCase):
    """Every PDF renders with the real wkhtmltopdf; none names the child.

    An HttpCase: wkhtmltopdf fetches the report assets from the test server, which must
    share the test's cursor."""

    def _render(self, report, records, user="coordinator"):
        # Odoo renders HTML instead of PDF under test unless forced: force the real thing.
        Report = (
            self.env["ir.actions.report"]
            .with_user(self.users[user])
            .with_context(force_report_rendering=True)
        )
        html = Report._render_qweb_html(report, records.ids)[0].decode()
        pdf = Report._render_qweb_pdf(report, records.ids)[0]
        self.assertTrue(pdf.startswith(b"%PDF"), f"{report} did not render a PDF")
        self.assertNotIn("Secret Name", html)
        return html

    def test_incident_notification_summary_names_the_alias_only(self):
        self.incident.child_name = "Jayden Okafor"
        html = self._render("odoo_scr.action_report_scr_incident_summary", self.incident)
        self.assertIn("Child M", html)
        self.assertNotIn("Jayden", html)
        self.assertIn("Ofsted", html)

    def test_decision_record_with_rationale_and_sign_off(self):
        self.incident.notification_ids.write({"date_sent": "2026-01-07"})
        self.incident.action_start_consideration()
        decision = self.env["scr.decision"].create(
            {
                "incident_id": self.incident.id,
                "recommendation": "alternative_review",
                "decision": "alternative_review",
                "decision_date": "2026-01-20",
                "rationale": "A learning review will find out why the agencies did not share.",
            }
        )
        decision.with_user(self.users["coordinator"]).request_validation()
        decision.with_user(self.users["chair"]).validate_tier()
        html = self._render("odoo_scr.action_report_scr_decision", decision)
        self.assertIn("did not share", html)
        self.assertIn(self.users["chair"].name, html)

    def test_terms_of_reference_for_the_appointed_reviewer(self):
        self.review.write(
            {"methodology": "learning_together", "relevant_issues": "Information sharing"}
        )
        html = self._render("odoo_scr.action_report_scr_review_terms", self.review, "reviewer")
        self.assertIn("Rowan Lead", html)
        self.assertIn("Information sharing", html)
        self.assertIn("Testshire Police", html)

    def test_annual_report_figures(self):
        report = self.env["scr.annual.report"].create(
            {"date_from": "2026-01-01", "date_to": "2026-12-31", "company_ids": self.company.ids}
        )
        report.action_compute()
        html = self._render("odoo_scr.action_report_scr_annual_report", report)
        self.assertIn("Reviews started", html)
