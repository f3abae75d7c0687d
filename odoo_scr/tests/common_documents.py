import io

from odoo.tools.pdf import PdfFileReader


class ScrDocumentMixin:
    """Renders a report as its reader gets it, with the real wkhtmltopdf, and reads the
    text of the PDF back, page by page. For HttpCase tests: wkhtmltopdf fetches the report
    assets from the test server, which must share the test's cursor."""

    def render_pdf(self, report, records, user="coordinator"):
        """(HTML, words of each PDF page) of ``report`` on ``records`` printed by ``user``."""
        # Odoo renders HTML instead of PDF under test unless forced: force the real thing.
        Report = (
            self.env["ir.actions.report"]
            .with_user(self.users[user])
            .with_context(force_report_rendering=True)
        )
        html = Report._render_qweb_html(report, records.ids)[0].decode()
        pdf = Report._render_qweb_pdf(report, records.ids)[0]
        self.assertTrue(pdf.startswith(b"%PDF"), f"{report} did not render a PDF")
        # Words as lines of single spaces: wkhtmltopdf places words, not sentences.
        pages = [
            " ".join(page.extract_text().split()) for page in PdfFileReader(io.BytesIO(pdf)).pages
        ]
        return html, pages

    def assertFitToSend(self, pages, partnership):
        """Each page marked OFFICIAL-SENSITIVE at its top and bottom, with the
        partnership's name and its number out of the document's pages."""
        for number, text in enumerate(pages, start=1):
            self.assertEqual(text.count("OFFICIAL-SENSITIVE"), 2, f"page {number}: {text}")
            self.assertIn(partnership, text)
            self.assertIn(f"Page {number} of {len(pages)}", text)
