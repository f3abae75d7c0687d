import html
import re
from datetime import date, timedelta

from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from ..statutory_day import statutory_today
from .common_action import ScrActionCase
from .test_portal_uploads import ScrPortalHttpMixin, office, pdf

TITLE = re.compile(r"<title>([^<]*)</title>")
PAGES = {"scr.action": "/my/scr/actions/%s", "scr.info.request": "/my/scr/requests/%s"}


def uk(day):
    """A date as an English (UK) reader reads it."""
    return day.strftime("%d/%m/%Y")


class ScrPortalAgencyCase(ScrPortalHttpMixin, HttpCase, ScrActionCase):
    """The agencies' users read English (UK), as the demo's do."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_GB")
        (cls.users["portal_a"] | cls.users["portal_b"]).lang = "en_GB"
        cls.today = statutory_today()

    def post(self, url, data, page="/my/scr/referral", files=None):
        """POST as the browser's form would, with the session's CSRF token (read on the
        referral form, which every agency user has)."""
        return super().post(url, data, page, files=files)

    def page(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return html.unescape(response.text)

    def counters(self):
        return self.make_jsonrpc_request(
            "/my/counters",
            {"counters": ["scr_action_count", "scr_info_request_count", "scr_referral_count"]},
        )


@tagged("post_install", "-at_install")
class TestPortalLeadsTheAgency(ScrPortalAgencyCase):
    """Issue 16, items 10 to 13: the portal opens on what the agency must do, says where
    the user is, confirms what a senior officer signs, and shows what the agency sent."""

    def test_action_list_opens_on_what_to_do_now(self):
        later = self.new_action(
            self.agency_a, name="Police: audit in a year", due_date=self.today + timedelta(days=365)
        )
        self.login("portal_a")
        page = self.page("/my/scr/actions")
        self.assertIn(self.action_a.name, page, "a draft action awaits the signature")
        self.assertIn(later.name, page, "so does the later one, still a draft")
        self.assertIn("To sign", page)
        self.assertNotIn(self.action_b.name, page)
        self.assertEqual(self.counters()["scr_action_count"], 2)
        # signed by this agency, not yet by the other: nothing to do until the plan is agreed
        (self.action_a | later)._sign_off(self.contact_a)
        page = self.page("/my/scr/actions")
        self.assertIn("Nothing to do now", page)
        self.assertEqual(self.counters()["scr_action_count"], 0)
        # agreed: the late action is there, in red and dd/mm/yyyy; the one due in a year not
        self.action_b._sign_off(self.contact_b)
        self.assertEqual(self.action_a.state, "agreed")
        page = self.page("/my/scr/actions")
        self.assertRegex(page, rf'o_scr_late">\s*<span class="o_scr_due">{uk(date(2026, 9, 30))}')
        self.assertIn(self.action_a.name, page)
        self.assertNotIn(later.name, page)
        self.assertEqual(self.counters()["scr_action_count"], 1)
        self.assertIn(later.name, self.page("/my/scr/actions?filterby=all"))

    def test_pages_say_where_the_user_is(self):
        self.login("portal_a")
        home = self.page("/my/home")
        for icon in ("portal_actions", "portal_requests", "portal_referral", "portal_referrals"):
            self.assertIn(f"/odoo_scr/static/src/img/{icon}.svg", home)
            self.assertEqual(self.url_open(f"/odoo_scr/static/src/img/{icon}.svg").status_code, 200)
        company = self.company.name
        for url, title in (
            ("/my/home", f"My account · {company}"),
            ("/my/scr/actions", f"Case review actions: To do now · {company}"),
            ("/my/scr/actions?filterby=overdue", f"Case review actions: Late · {company}"),
            (f"/my/scr/actions/{self.action_a.id}", f"{self.action_a.name} · {company}"),
            ("/my/scr/requests", f"Information requests · {company}"),
            (
                f"/my/scr/requests/{self.info_request.id}",
                f"Information request {self.info_request.name} · {company}",
            ),
            ("/my/scr/referral", f"Refer a case · {company}"),
            ("/my/scr/referrals", f"My referrals · {company}"),
        ):
            with self.subTest(url=url):
                self.assertEqual(TITLE.search(self.page(url)).group(1).strip(), title)

    def test_sign_off_lists_what_is_signed_and_asks_to_confirm(self):
        second = self.new_action(self.agency_a, name="Police: brief every response officer")
        self.login("portal_a")
        url = f"/my/scr/actions/{self.action_a.id}"
        page = self.page(url)
        listed = re.findall(r'name="action_ids" value="(\d+)"', page)
        self.assertEqual(sorted(map(int, listed)), sorted((self.action_a | second).ids))
        self.assertIn("Police: brief every response officer", page)
        self.assertNotIn(self.action_b.name, page)
        sign = f"{url}/sign"
        all_listed = {"action_ids": [str(i) for i in (self.action_a | second).ids]}
        for data, words in (
            (all_listed, "Tick the box to confirm"),
            ({"confirm": "1", "action_ids": [str(self.action_a.id)]}, "have changed since"),
            (
                {"confirm": "1", "action_ids": [*all_listed["action_ids"], str(self.action_b.id)]},
                "have changed since",
            ),
            ({"confirm": "1", "action_ids": "not a number"}, "could not be read"),
        ):
            with self.subTest(data=data):
                text = html.unescape(self.post(sign, data).text)
                self.assertIn(words, text)
                self.assertFalse((self.action_a | second).signed_by_id, "nothing is signed")
        text = html.unescape(self.post(sign, {**all_listed, "confirm": "1"}).text)
        self.assertIn("You signed off 2 action(s) of your organisation", text)
        self.assertEqual((self.action_a | second).signed_by_id, self.contact_a)
        self.assertIn("Signed off by", text)
        self.assertNotIn("o_scr_sign_off", text, "the button goes once signed")
        self.assertFalse(self.action_b.signed_by_id, "the other agency's action is its own")
        # signing again signs nothing more
        text = html.unescape(self.post(sign, {**all_listed, "confirm": "1"}).text)
        self.assertIn("have changed since", text)

    def test_sign_off_refusals_over_http(self):
        self.login("portal_b")
        data = {"confirm": "1", "action_ids": str(self.action_a.id)}
        response = self.post(f"/my/scr/actions/{self.action_a.id}/sign", data)
        self.assertEqual(response.status_code, 404, "another agency's action is not found")
        self.login("portal_a")
        response = self.url_open(f"/my/scr/actions/{self.action_a.id}/sign", data=data)
        self.assertEqual(response.status_code, 400, "no CSRF token, no signature")
        for url in (
            f"/my/scr/requests/{self.action_a.id}/sign",
            f"/my/scr/actions/{self.action_a.id}/submit",
        ):
            with self.subTest(url=url):
                response = self.post(url, data)
                self.assertEqual(response.status_code, 404, "no such step")
        self.contact_a.scr_senior_officer = False
        self.assertNotIn("o_scr_sign_off", self.page(f"/my/scr/actions/{self.action_a.id}"))
        text = html.unescape(self.post(f"/my/scr/actions/{self.action_a.id}/sign", data).text)
        self.assertIn("is not a senior officer", text)
        self.assertFalse(self.action_a.signed_by_id)

    def test_submitted_request_shows_what_was_sent(self):
        self.login("portal_a")
        url = f"/my/scr/requests/{self.info_request.id}"
        self.assertEqual(self.counters()["scr_info_request_count"], 1)
        response = self.post(
            f"{url}/submit",
            {},
            url,
            files={"files": ("chronology.docx", office("docx"), "application/octet-stream")},
        )
        text = html.unescape(response.text)
        self.assertIn("Submitted to the partnership", text)
        self.assertRegex(text, rf"What you sent</strong> on <span[^>]*>{uk(self.today)}</span>")
        self.assertIn("chronology.docx", text)
        self.assertNotIn("o_scr_request_form", text, "nothing more to submit")
        self.assertIn("Submitted", self.page("/my/scr/requests"))
        self.assertEqual(self.counters()["scr_info_request_count"], 0)
        sent = self.info_request.attachment_ids
        self.assertEqual(self.url_open(f"/web/content/{sent.id}?download=true").status_code, 200)
        # another agency neither sees the request nor fetches its file
        self.login("portal_b")
        self.assertEqual(self.url_open(url).status_code, 404)
        self.assertNotEqual(self.url_open(f"/web/content/{sent.id}?download=true").status_code, 200)

    def test_escalated_request_and_action_are_answered_on_the_portal(self):
        """What the cron escalated to the coordinator is still the agency's to answer,
        though the agency reads no review; answering marks the escalation done."""
        overdue = self.new_info_request(date_requested="2026-01-05", due_date="2026-01-20")
        late = self.agreed_actions(1, self.today - timedelta(days=3))
        overdue._escalate_overdue()
        late._escalate_overdue()
        escalation = self.env.ref("odoo_scr.mail_activity_type_scr_escalation")
        for record in (overdue, late):
            self.assertIn(escalation, record.activity_ids.activity_type_id)
        chronology = {"files": ("chronology.pdf", pdf("chronology"), "application/pdf")}
        evidence = {"files": ("evidence.pdf", pdf("audit"), "application/pdf")}
        self.login("portal_a")
        for url, step, data, files, said in (
            (f"/my/scr/requests/{overdue.id}", "submit", {}, chronology, "Submitted to the"),
            (f"/my/scr/actions/{late.id}", "update", {"note": "Audited."}, evidence, "saved"),
            (f"/my/scr/actions/{late.id}", "complete", {}, None, "Marked completed"),
        ):
            with self.subTest(step=step):
                text = html.unescape(self.post(f"{url}/{step}", data, url, files=files).text)
                self.assertNotIn("not allowed to access", text)
                self.assertIn(said, text)
        self.assertEqual((overdue.state, late.state), ("submitted", "completed"))
        for record in (overdue, late):
            self.assertNotIn(escalation, record.activity_ids.activity_type_id, "escalation done")

    def test_referrals_are_listed_with_their_stage_to_their_agency_only(self):
        self.login("portal_a")
        response = self.post(
            "/my/scr/referral/submit",
            {"child_alias": "Child R", "incident_date": "2026-03-01", "summary": "Head injury"},
            "/my/scr/referral",
        )
        text = html.unescape(response.text)
        self.assertTrue(response.url.endswith("/my/scr/referrals"), response.url)
        self.assertIn("has been sent to the partnership", text)
        self.assertRegex(text, r"Child R</td>\s*<td[^>]*>\s*(<span[^>]*>)?01/03/2026<")
        self.assertIn("Received", text)
        self.assertNotIn("Head injury", text, "only what identifies the referral and its stage")
        self.assertEqual(self.counters()["scr_referral_count"], 1)
        incident = self.env["scr.incident"].search([("child_alias", "=", "Child R")])
        incident._write_workflow({"state": "under_consideration"})
        self.assertIn("Under consideration", self.page("/my/scr/referrals"))
        self.login("portal_b")
        self.assertNotIn("Child R", self.page("/my/scr/referrals"))
        self.assertEqual(self.counters()["scr_referral_count"], 0)
        # the partnership's staff have no agency: the page is not theirs
        self.login("coordinator")
        self.assertEqual(self.url_open("/my/scr/referrals").status_code, 404)

    def test_referral_form_keeps_what_was_typed_when_it_refuses_a_date(self):
        self.login("portal_a")
        future = uk(self.today + timedelta(days=3))
        response = self.post(
            "/my/scr/referral/submit",
            {
                "child_alias": "Child F",
                "incident_date": str(self.today + timedelta(days=3)),
                "summary": "Seen at the walk-in centre",
            },
            "/my/scr/referral",
        )
        text = html.unescape(response.text)
        self.assertIn(f"{future} is not", text)
        self.assertIn('value="Child F"', text)
        self.assertIn(f'value="{self.today + timedelta(days=3)}"', text)
        self.assertIn("Seen at the walk-in centre</textarea>", text)
        self.assertFalse(self.env["scr.incident"].search([("child_alias", "=", "Child F")]))


@tagged("post_install", "-at_install")
class TestPortalConversation(ScrPortalAgencyCase):
    """Issue 16, item 14: actions and information requests have the portal's chatter.
    The agency and the partnership write to each other there; the partnership's
    internal notes, and their files, never reach the agency."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agree_plan()
        cls.coordinator = cls.users["coordinator"]

    def fetch(self, record):
        result = self.make_jsonrpc_request(
            "/mail/chatter_fetch", {"thread_model": record._name, "thread_id": record.id}
        )
        return result["data"]["mail.message"]

    def agency_post(self, record, body):
        return self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": record._name,
                "thread_id": record.id,
                # as the portal's composer sends a message
                "post_data": {
                    "body": body,
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                },
            },
        )

    def test_agency_and_partnership_write_to_each_other_never_internal_notes(self):
        for record in (self.action_a, self.info_request):
            with self.subTest(model=record._name):
                staff = record.with_user(self.coordinator)
                staff.message_post(
                    body="Please send the audit by Friday",
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )
                note = staff.message_post(
                    body="Strategy meeting: police escalation likely",
                    message_type="comment",
                    subtype_xmlid="mail.mt_note",
                    attachments=[("strategy-minutes.pdf", pdf("strategy-minutes.pdf"))],
                )
                self.login("portal_a")
                page = self.page(PAGES[record._name] % record.id)
                self.assertIn(f'data-res_model="{record._name}"', page)
                bodies = str(self.fetch(record))
                self.assertIn("Please send the audit by Friday", bodies)
                self.assertNotIn("Strategy meeting", bodies)
                self.assertNotIn("strategy-minutes", str(self.fetch(record)))
                file = note.attachment_ids
                self.assertNotEqual(self.url_open(f"/web/content/{file.id}").status_code, 200)
                self.agency_post(record, "The audit is attached to the action")
                message = record.message_ids.filtered(
                    lambda m: "The audit is attached" in (m.body or "")
                )
                self.assertEqual(message.author_id, self.users["portal_a"].partner_id)
                self.assertFalse(message.subtype_id.internal, "the partnership and agency see it")
                self.assertIn(message, staff.message_ids, "the coordinator reads it")

    def test_another_agency_can_neither_read_nor_write(self):
        self.action_a.with_user(self.coordinator).message_post(
            body="For the police only", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.login("portal_b")
        for record in (self.action_a, self.info_request):
            with self.subTest(model=record._name):
                with self.assertRaises(JsonRpcException):
                    self.fetch(record)
                with self.assertRaises(JsonRpcException):
                    self.agency_post(record, "Written by the wrong agency")
                self.assertFalse(
                    record.message_ids.filtered(lambda m: "wrong agency" in (m.body or ""))
                )

    def test_emails_to_agencies_link_to_the_portal(self):
        mail = self.env["mail.mail"].search(
            [("model", "=", "scr.info.request"), ("res_id", "=", self.info_request.id)]
        )
        self.assertIn(f"/my/scr/requests/{self.info_request.id}", mail.body_html)
        template = self.env.ref("odoo_scr.mail_template_scr_action_sign_off")
        body = template._render_field("body_html", self.action_a.ids)[self.action_a.id]
        self.assertIn("/my/scr/actions?filterby=sign_off", body)


@tagged("post_install", "-at_install")
class TestPortalAgencyTour(HttpCase):
    """Issue 16, done when: in Chromium, on the English (UK) demo, the ICB's senior
    officer (login ``health``) goes from the portal's home to signing her actions off
    and answering the partnership's information request."""

    def test_agency_tour_from_home_to_signing_and_answering(self):
        self.env["res.lang"]._activate_lang("en_GB")
        user = self.env.ref("odoo_scr.demo_user_health")
        user.lang = "en_GB"
        actions = self.env.ref("odoo_scr.demo_action_q_health_1") | self.env.ref(
            "odoo_scr.demo_action_q_health_2"
        )
        info_request = self.env.ref("odoo_scr.demo_info_request_health")
        self.env["ir.config_parameter"].set_param("odoo_scr.upload_file_max_mb", "1")
        self.start_tour("/my/home", "scr_portal_agency_tour", login="health")
        self.assertEqual(actions.signed_by_id, user.partner_id)
        self.assertEqual(info_request.state, "submitted")
        self.assertEqual(info_request.attachment_ids.mapped("name"), ["health-chronology.pdf"])
        self.assertTrue(
            info_request.message_ids.filtered(
                lambda m: (
                    "health visiting and GP contacts" in (m.body or "")
                    and m.author_id == user.partner_id
                    and not m.subtype_id.internal
                )
            )
        )
