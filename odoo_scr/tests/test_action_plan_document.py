from odoo.tests import HttpCase, tagged

from .common_action import ScrActionCase
from .common_documents import ScrDocumentMixin


@tagged("post_install", "-at_install")
class TestActionPlanDocument(ScrDocumentMixin, ScrActionCase, HttpCase):
    """The action plan PDF, by agency, with status, success criteria and sign-offs, fit
    to send (partnership, marking, page numbers) and dated dd/mm/yyyy."""

    def test_action_plan_renders_by_agency_with_sign_offs(self):
        self.action_a._sign_off(self.contact_a)
        html, pages = self.render_pdf("odoo_scr.action_report_scr_action_plan", self.review)
        self.assertNotIn("Secret Name", html)
        self.assertFitToSend(pages, self.company.name)
        # Long cells wrap, and their lines interleave in the PDF's text: read them in HTML.
        for words in (
            "Testshire Police",
            "Testshire Probation",
            "Police: flag missed appointments",
            "Audit shows it is done",
            self.contact_a.name,
            "Not signed",
        ):
            self.assertIn(words, html)
        text = " ".join(pages)
        self.assertIn("Child M", text)
        self.assertIn("30/09/2026", text)
