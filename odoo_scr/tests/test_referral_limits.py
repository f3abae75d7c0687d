import html
from datetime import timedelta

from odoo.tests import HttpCase, tagged

from ..statutory_day import statutory_today
from .common_action import ScrActionCase
from .test_portal_uploads import ScrPortalHttpMixin


@tagged("post_install", "-at_install")
class TestReferralLimits(ScrPortalHttpMixin, HttpCase, ScrActionCase):
    """Issue 14, item 13: the referral form has limits, says what is wrong in words,
    keeps what was typed when it refuses, and saves nothing then."""

    def refer(self, **values):
        data = {
            "child_alias": "Child R",
            "incident_date": "2026-03-01",
            "summary": "Head injury, three agencies involved",
            **values,
        }
        return self.post("/my/scr/referral/submit", data, "/my/scr/referral")

    def referrals(self):
        return self.env["scr.incident"].search(
            [("source", "=", "agency_referral"), ("referring_agency_id", "=", self.agency_a.id)]
        )

    def assertRefusedReferral(self, response, *words):
        self.assertEqual(response.status_code, 200)
        text = html.unescape(response.text)
        self.assertNotIn("has been sent to the partnership", text)
        self.assertNotIn("A date or a number could not be read", text)
        self.assertIn("o_scr_error", text)
        for word in words:
            self.assertIn(word, text)
        self.assertFalse(self.referrals(), "a refused referral saves nothing")
        return text

    def test_referrals_per_user_are_limited(self):
        """40 referrals in under two seconds went through: the partnership's limit per
        user and period holds, counted in the database."""
        self.env["ir.config_parameter"].set_param("odoo_scr.referral_limit", "3")
        self.login("portal_a")
        for n in range(3):
            response = self.refer(child_alias=f"Child {n}")
            self.assertIn("has been sent to the partnership", response.text)
        response = self.refer(child_alias="Child 4", summary="A fourth case")
        text = html.unescape(response.text)
        self.assertIn("You have sent 3 referrals in the last 60 minutes", text)
        self.assertIn('value="Child 4"', text, "what was typed is kept")
        self.assertIn("A fourth case", text)
        self.assertEqual(len(self.referrals()), 3)
        # another agency's user has a count of their own
        self.login("portal_b")
        self.assertIn("has been sent to the partnership", self.refer().text)
        # and the window passes
        self.env.cr.execute(
            "UPDATE scr_incident SET create_date = create_date - interval '2 hours' WHERE id IN %s",
            [tuple(self.referrals().ids)],
        )
        self.login("portal_a")
        self.assertIn("has been sent to the partnership", self.refer().text)

    def test_incident_dates_are_bounded(self):
        self.login("portal_a")
        tomorrow = statutory_today() + timedelta(days=1)
        for typed in ("0001-01-01", "1900-01-01", tomorrow.isoformat()):
            with self.subTest(date=typed):
                text = self.assertRefusedReferral(
                    self.refer(incident_date=typed, child_alias="Child D"),
                    "The date of the incident must be between",
                )
                self.assertIn(f'value="{typed}"', text)
                self.assertIn('value="Child D"', text)
        text = self.assertRefusedReferral(
            self.refer(incident_date="2026-02-30"), "The date of the incident could not be read"
        )
        self.assertIn("Head injury, three agencies involved", text)

    def test_lengths_are_bounded(self):
        self.login("portal_a")
        self.assertRefusedReferral(
            self.refer(child_alias="Q" * 100_000),
            "The alias is 100,000 characters long: the limit is 64.",
        )
        text = self.assertRefusedReferral(
            self.refer(summary="x" * 1_000_000, child_alias="Child L"),
            "What happened is 1,000,000 characters long: the limit is 20,000.",
        )
        self.assertIn('value="Child L"', text)
        self.assertIn('maxlength="64"', text, "the form says the limit too")

    def test_unreadable_text_is_named(self):
        """Text that is not UTF-8 (here Latin-1 bytes and a NUL) is refused by saying
        so, not as "A date or a number could not be read"."""
        self.login("portal_a")
        token = self.url_open("/my/scr/referral").text.split('name="csrf_token" value="')[1]
        token = token.split('"')[0]
        body = (
            b"csrf_token=" + token.encode() + b"&child_alias=Child%20%E9%FF"
            b"&incident_date=2026-03-01&summary=Seen%00at%20A%26E"
        )
        response = self.url_open(
            "/my/scr/referral/submit",
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        text = self.assertRefusedReferral(response, "could not be read", "UTF-8")
        self.assertIn('value="Child "', text)
