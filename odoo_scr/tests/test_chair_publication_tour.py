import base64

from odoo.tests import tagged

from .common_publication import ScrPublicationCase
from .common_tour import ScrTourCase


def one_page_pdf(text):
    """A valid one-page PDF showing ``text``, for the browser's PDF viewer to render."""
    stream = f"BT /F1 18 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return pdf


@tagged("post_install", "-at_install")
class TestChairPublicationTour(ScrPublicationCase, ScrTourCase):
    """In Chromium: the chair signs publication off with the report in view (and, with
    SCR_SCREENSHOTS set, takes docs/screenshots/chair-*.png at 1440 x 900)."""

    def test_chair_signs_publication_off_with_the_report_in_view(self):
        self.users["chair"].name = "Testshire Chair"
        review = self._to_awaiting_publication(self.review)
        review.final_report = base64.b64encode(one_page_pdf("Child M: overview report"))
        self._confirm_contributors(review)
        self._send_notices(review)
        review.with_user(self.users["coordinator"]).action_check_anonymity()
        review.with_user(self.users["coordinator"]).action_request_publication_sign_off()
        self.start_tour(
            "/odoo/action-odoo_scr.scr_publication_action_my_sign_off",
            "scr_chair_publication_tour",
            login=self.users["chair"].login,
        )
        publication = review.publication_ids
        self.assertEqual(publication.state, "signed")
        self.assertEqual(publication.signed_by_id, self.users["chair"])
        self.assertTrue(review.publication_signed)
