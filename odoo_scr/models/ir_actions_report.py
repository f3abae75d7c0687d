import io

from reportlab.pdfgen import canvas

from odoo import models
from odoo.tools.misc import format_date
from odoo.tools.pdf import PdfReader, PdfWriter

from ..statutory_day import statutory_today

# The protective marking of every case review document: personal information about a
# child and their family, shared on a need-to-know basis, is OFFICIAL information with the
# SENSITIVE handling instruction (Cabinet Office, Government Security Classifications
# Policy, 2023), marked in capitals at the top and bottom of every page.
PROTECTIVE_MARKING = "OFFICIAL-SENSITIVE"
MM = 72 / 25.4  # PDF points per millimetre


class IrActionsReport(models.Model):
    """Case review documents carry, on every page, the protective marking, the partnership's
    name, the document's title and reference, the date it was printed and "Page X of Y".

    They are stamped on the PDF wkhtmltopdf made rather than drawn by its HTML header and
    footer: those need a wkhtmltopdf built on its patched Qt, which a server may lack (the
    Debian package does), and a document without its marking or page numbers must not
    leave the partnership. The stamp is the same whatever the build."""

    _inherit = "ir.actions.report"

    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        streams = super()._render_qweb_pdf_prepare_streams(report_ref, data, res_ids=res_ids)
        report = self._get_report(report_ref)
        if report.paperformat_id != self.env.ref(
            "odoo_scr.paperformat_scr_document", raise_if_not_found=False
        ):
            return streams
        records = self.env[report.model].browse(res_ids or [])
        for res_id, stream_data in streams.items():
            if stream_data["stream"] and not stream_data.get("attachment"):
                record = records.browse(res_id) if res_id else records[:1]
                stream_data["stream"] = report._scr_stamp(
                    stream_data["stream"], record, with_reference=bool(res_id)
                )
        return streams

    def _scr_stamp(self, stream, record, with_reference=True):
        """``stream`` with the marking, the partnership, title, reference, print date and
        page numbers drawn on each page, in the partnership's language."""
        company = self._scr_partnership(record)
        env = self.with_context(lang=company.partner_id.lang or self.env.lang).env
        title = self.with_env(env).name
        if with_reference and "name" in record._fields and record.name:
            title = f"{title} · {record.name}"
        printed = env._(
            "%(partnership)s · printed on %(date)s",
            partnership=company.name,
            date=format_date(env, statutory_today()),
        )
        document = PdfReader(stream, strict=False)
        pages = len(document.pages)
        packet = io.BytesIO()
        stamp = canvas.Canvas(packet)
        for number in range(1, pages + 1):
            box = document.pages[number - 1].mediabox
            width, height = float(abs(box.width)), float(abs(box.height))
            stamp.setPageSize((width, height))
            self._scr_draw_page(
                stamp,
                width,
                height,
                top=(company.name, title),
                bottom=(printed, env._("Page %(page)s of %(pages)s", page=number, pages=pages)),
            )
            stamp.showPage()
        stamp.save()
        stamps = PdfReader(packet)
        stamped = PdfWriter()
        for page, page_stamp in zip(document.pages, stamps.pages, strict=True):
            page.merge_page(page_stamp)
            stamped.add_page(page)
        output = io.BytesIO()
        stamped.write(output)
        return output

    def _scr_partnership(self, record):
        """The partnership a document is from: its record's, the one partnership of a
        report over partnerships, else the user's."""
        if "company_id" in record._fields and record.company_id:
            return record.company_id.sudo()
        if "company_ids" in record._fields and len(record.company_ids) == 1:
            return record.company_ids.sudo()
        return self.env.company

    def _scr_draw_page(self, stamp, width, height, top, bottom):
        """The marking centred at the top and bottom of the page; between them and the
        text, a ruled line of (left, right) words above and below."""
        left, right = 18 * MM, width - 18 * MM
        stamp.setFont("Helvetica-Bold", 10)
        stamp.drawCentredString(width / 2, height - 10 * MM, PROTECTIVE_MARKING)
        stamp.drawCentredString(width / 2, 8 * MM, PROTECTIVE_MARKING)
        stamp.setFont("Helvetica-Bold", 9)
        stamp.drawString(left, height - 17 * MM, top[0])
        stamp.setFont("Helvetica", 8.5)
        stamp.drawRightString(right, height - 17 * MM, top[1])
        stamp.drawString(left, 15 * MM, bottom[0])
        stamp.drawRightString(right, 15 * MM, bottom[1])
        stamp.setLineWidth(0.5)
        stamp.line(left, height - 19 * MM, right, height - 19 * MM)
        stamp.line(left, 19 * MM, right, 19 * MM)
