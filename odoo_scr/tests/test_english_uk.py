from datetime import timedelta

from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from ..statutory_day import statutory_today
from .common_action import ScrActionCase


@tagged("post_install", "-at_install")
class TestEnglishUk(ScrActionCase):
    """English (UK) without hand work: dates dd/mm/yyyy and weeks from Monday for every
    new partnership, user and contact; e-mails in their reader's language."""

    def test_english_uk_is_active_with_day_first_dates_and_weeks_from_monday(self):
        lang = self.env["res.lang"]._lang_get("en_GB")
        self.assertTrue(lang.active)
        self.assertEqual(lang.date_format, "%d/%m/%Y")
        self.assertEqual(lang.week_start, "1")

    def test_a_new_partnership_its_users_and_contacts_speak_english_uk(self):
        company = self.env["res.company"].create({"name": "Eastshire SCP"})
        user = new_test_user(
            self.env,
            login="eastshire_coordinator",
            groups="odoo_scr.group_scr_coordinator",
            company_id=company.id,
            company_ids=[company.id],
        )
        agency = self.env["res.partner"].create({"name": "Eastshire Police", "is_company": True})
        contact = self.env["res.partner"].create({"name": "DS Lee", "parent_id": agency.id})
        self.assertEqual(company.partner_id.lang, "en_GB")
        self.assertEqual(user.lang, "en_GB")
        self.assertEqual((agency | contact).mapped("lang"), ["en_GB", "en_GB"])

    def _request_mail(self, request):
        return self.env["mail.mail"].search(
            [("model", "=", "scr.info.request"), ("res_id", "=", request.id)]
        )

    def test_information_request_email_gives_its_due_date_in_the_agency_language(self):
        # The fixture's request, due on 24 February 2026, to an agency in English (UK).
        self.assertIn("24/02/2026", self._request_mail(self.info_request).body_html)
        self.agency_a.lang = "en_US"
        request = self.new_info_request(due_date="2026-03-31")
        self.assertIn("03/31/2026", self._request_mail(request).body_html)

    def test_action_reminder_email_gives_due_dates_in_the_owner_language(self):
        due = statutory_today() + timedelta(days=3)
        action = self.new_action(self.agency_a, due_date=due, owner_id=self.contact_a.id)
        action._sign_off(self.contact_a)
        action.write({"state": "agreed"})
        action._remind_due()
        mail = self.env["mail.mail"].search(
            [("recipient_ids", "in", self.contact_a.ids), ("subject", "ilike", "falling due")]
        )
        self.assertIn(due.strftime("%d/%m/%Y"), mail.body_html)

    def test_errors_and_notes_give_dates_day_first(self):
        """A refusal names its dates as the user reads them, and the cron's escalation
        note as the coordinator it is escalated to reads them: dd/mm/yyyy, not ISO."""
        coordinator = self.review.user_id = self.users["coordinator"]
        request = self.info_request.with_user(coordinator)
        with (
            self.assertRaisesRegex(
                ValidationError, r"due \(01/01/2026\) before it was requested \(03/02/2026\)"
            ),
            self.cr.savepoint(),
        ):
            request.due_date = "2026-01-01"
        late = self.agreed_actions(1, statutory_today() - timedelta(days=2))
        late._escalate_overdue()
        due = late.due_date.strftime("%d/%m/%Y")
        self.assertIn(f"was due on {due}", late.message_ids[0].body)
