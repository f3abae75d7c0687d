from odoo.tests import HttpCase, tagged

from .common_action import ScrActionCase


@tagged("post_install", "-at_install")
class TestActionPlanDocument(ScrActionCase, HttpCase):
    """The action plan PDF, by agency, with status, success criteria and sign-offs.

    An HttpCase: wkhtmltopdf fetches the report assets from the test server."""

    def test_action_plan_renders_by_agency_with_sign_offs(self):
        self.action_a._sign_off(self.contact_a)
        Report = (
            self.env["ir.actions.report"]
            .with_user(self.users["coordinator"])
            .with_context(force_report_rendering=True)
        )
        report = "odoo_scr.action_report_scr_action_plan"
        html = Report._render_qweb_html(report, self.review.ids)[0].decode()
        for words in (
            "Testshire Police",
            "Testshire Probation",
            "Police: flag missed appointments",
            "Audit shows it is done",
            self.contact_a.name,
            "Not signed",
            "Child M",
        ):
            self.assertIn(words, html)
        self.assertNotIn("Secret Name", html)
        pdf = Report._render_qweb_pdf(report, self.review.ids)[0]
        self.assertTrue(pdf.startswith(b"%PDF"))
