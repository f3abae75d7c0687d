from datetime import date

from odoo.tests import Form, tagged

from .common_review import ScrReviewCase


@tagged("post_install", "-at_install")
class TestInfoRequestDueDate(ScrReviewCase):
    """An information request is due, unless the partnership says otherwise, after the
    ``info_request`` timescale of its review's regime, counted on the partnership's
    working calendar; a saved request's due date never moves by itself."""

    def _request(self, **values):
        """A request of 30 March 2026 whose due date is left to its default."""
        return self.new_info_request(**{"date_requested": "2026-03-30", "due_date": None, **values})

    def test_a_new_request_is_due_after_the_timescale_in_working_days(self):
        request = self._request()
        expected = self.deadline("info_request", "2026-03-30", regime=self.review.regime)
        self.assertEqual(request.due_date, expected)
        # 20 working days from Monday 30 March 2026 skip Good Friday and Easter Monday.
        self.assertEqual(expected, date(2026, 4, 29))

    def test_the_form_fills_the_due_date_and_follows_the_request_date(self):
        with Form(self.env["scr.info.request"].with_user(self.users["coordinator"])) as form:
            form.review_id = self.review
            form.agency_id = self.agency_a
            form.description = "Health visitor records"
            form.justification = "The family moved twice"
            form.date_requested = date(2026, 3, 30)
            self.assertEqual(form.due_date, date(2026, 4, 29))
            form.date_requested = date(2026, 4, 1)
            self.assertEqual(
                form.due_date,
                self.deadline("info_request", "2026-04-01", regime=self.review.regime),
            )

    def test_a_due_date_set_by_the_partnership_stays(self):
        self.assertEqual(self._request(due_date="2026-04-10").due_date, date(2026, 4, 10))

    def test_a_saved_request_keeps_its_due_date(self):
        request = self._request()
        request.date_requested = date(2026, 3, 31)
        self.assertEqual(request.due_date, date(2026, 4, 29))

    def test_no_default_where_the_partnership_archived_the_timescale(self):
        self.env["scr.timescale"].search([("code", "=", "info_request")]).active = False
        with Form(self.env["scr.info.request"]) as form:
            form.review_id = self.review
            form.date_requested = date(2026, 3, 30)
            self.assertFalse(form.due_date)
            form.agency_id = self.agency_a
            form.description = "Chronology"
            form.justification = "Needed"
            form.due_date = date(2026, 4, 20)
        self.assertEqual(form.record.due_date, date(2026, 4, 20))


@tagged("post_install", "-at_install")
class TestTimescaleList(ScrReviewCase):
    """The timescales list adds no amounts together in its group rows: 5 working days and
    6 months make no total."""

    def test_amount_has_no_group_total(self):
        description = self.env["scr.timescale"].fields_get(["amount"], ["aggregator"])
        self.assertFalse(description["amount"].get("aggregator"))
        arch = self.env["scr.timescale"].get_views([(False, "list")])["views"]["list"]["arch"]
        self.assertIn('name="amount"', arch)
