import io

import openpyxl
from dateutil.relativedelta import relativedelta

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..statutory_day import statutory_today
from .common_publication import ScrPublicationCase

PUBLISHED_SIX_MONTHS = "Reviews published (on time: within six months of the decision)"
PUBLISHED_NOTICES = (
    "Reviews published (on time: report to the Panel and the Secretary of State 7 working "
    "days before)"
)


@tagged("post_install", "-at_install")
class TestAnnualReport(ScrPublicationCase):
    """The annual figures of a hand-counted partnership, first half of 2026.

    - one serious incident, the death of a child of 12 (band 11 to 15), notified to the
      national Panel on Mon 12 Jan (aware Tue 6 Jan, due Tue 13 Jan: on time); its other
      notices went on 20 Jan;
    - one decision signed on 21 Jan (rapid review due 27 Jan): on time; one rapid review;
      an alternative learning review, so no local review decided;
    - reviews commissioned in the period: the fixture's (2 Feb) and "second" (1 Mar); "old"
      started in October 2025 and "later" in July do not count; in progress on 30 Jun: the
      fixture's only;
    - completed: "second" on 1 May (due 1 Sep, on time), "old" on 15 May (due 1 Apr, late);
    - published: "second" on 1 Jun (six months from 1 Mar: on time) with notices sent
      20 May (7 working days back over the spring bank holiday of 25 May: on time), "old"
      on 15 Jun (due 1 Apr: late) with notices of 12 Jun (late);
    - themes of the reviews started: domestic abuse 2, substance misuse 1, mental ill
      health 1, neglect 1; toxic trio 1.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        theme = {
            code: cls.env.ref(f"odoo_scr.scr_theme_{code}")
            for code in (
                "domestic_abuse",
                "parental_substance_misuse",
                "parental_mental_ill_health",
                "neglect",
            )
        }
        trio = theme["domestic_abuse"] | theme["parental_substance_misuse"]
        trio |= theme["parental_mental_ill_health"]
        cls.incident.child_age = 12
        notices = cls.incident.notification_ids
        panel = notices.filtered(
            lambda n: n.recipient_id == cls.env.ref("odoo_scr.recipient_national_panel")
        )
        panel.write({"date_sent": "2026-01-12"})
        (notices - panel).write({"date_sent": "2026-01-20"})
        cls.incident.action_start_consideration()
        decision = cls.env["scr.decision"].create(
            {
                "incident_id": cls.incident.id,
                "decision": "alternative_review",
                "decision_date": "2026-01-21",
                "panel_sent_date": "2026-01-21",
                "rationale": "A learning review is proportionate.",
            }
        )
        decision.with_user(cls.users["coordinator"]).request_validation()
        decision.with_user(cls.users["chair"]).validate_tier()
        cls.review.theme_ids = theme["domestic_abuse"]
        cls.second = cls.new_review(
            date_initiated="2026-03-01", theme_ids=[(6, 0, (trio | theme["neglect"]).ids)]
        )
        cls.old = cls.new_review(date_initiated="2025-10-01")
        cls.new_review(date_initiated="2026-07-15", theme_ids=[(6, 0, trio.ids)])
        cls._publish_fixture(cls.second, "2026-05-01", "2026-06-01", "2026-05-20")
        cls._publish_fixture(cls.old, "2026-05-15", "2026-06-15", "2026-06-12")

    @classmethod
    def _publish_fixture(cls, review, completed, published, notices_sent):
        """A review as it stands once published: the dates the annual report counts."""
        review.write(
            {
                "state": "awaiting_publication",
                "date_completed": completed,
                "publication_date": published,
            }
        )
        review._prepare_pre_publication_notices()
        review.pre_publication_notice_ids.write({"date_sent": notices_sent})
        review.published_date = published

    def _report(self):
        report = self.env["scr.annual.report"].with_user(self.users["coordinator"])
        report = report.create(
            {"date_from": "2026-01-01", "date_to": "2026-06-30", "company_ids": self.company.ids}
        )
        report.action_compute()
        return report

    def test_figures(self):
        report = self._report()
        figures = {line.figure: (line.count, line.on_time) for line in report.line_ids}
        self.assertEqual(figures["Serious incidents notified to the national Panel"], (1, 1))
        self.assertEqual(figures["Notified: the child died"], (1, 1))
        self.assertEqual(figures["Notified: the child was seriously harmed"], (0, 0))
        self.assertEqual(figures["Notified: aged 11 to 15"][0], 1)
        for band in ("unborn", "under 1", "aged 1 to 5", "aged 6 to 10", "aged 16 and over"):
            self.assertEqual(figures[f"Notified: {band}"][0], 0, band)
        self.assertEqual(figures["Decisions signed off"], (1, 1))
        self.assertEqual(figures["Rapid reviews sent to the national Panel"][0], 1)
        self.assertEqual(figures["Decisions to hold a local review"][0], 0)
        self.assertEqual(figures["National reviews held by the Panel"][0], 0)
        self.assertEqual(figures["Reviews commissioned"][0], 2)
        self.assertEqual(figures["Reviews in progress at the end of the period"][0], 1)
        self.assertEqual(figures["Reviews completed"], (2, 1))
        self.assertEqual(figures[PUBLISHED_SIX_MONTHS], (2, 1))
        self.assertEqual(figures[PUBLISHED_NOTICES], (2, 1))
        self.assertEqual(figures["Reviews with the toxic trio"][0], 1)
        self.assertEqual(figures["Domestic abuse"][0], 2)
        self.assertEqual(figures["Parental substance misuse"][0], 1)
        self.assertEqual(figures["Parental mental ill health"][0], 1)
        self.assertEqual(figures["Neglect"][0], 1)
        self.assertNotIn("Online harm", figures)
        self.assertEqual(report.line_ids.company_id, self.company)

    def test_figures_in_few_queries(self):
        report = self.env["scr.annual.report"].create(
            {"date_from": "2026-01-01", "date_to": "2026-06-30", "company_ids": self.company.ids}
        )
        report.flush_recordset()
        # One grouped query per figure: 14 figures, the themes and 3 of actions (the WT2023
        # yearly report and the national statistics' breakdown: was 11 before), plus 4; the
        # age bands group the incidents notified and read their ages (3).
        with self.assertQueryCount(25):
            report._compute_figures()

    def test_actions_by_agency(self):
        recommendation = self.env["scr.recommendation"].create(
            {"review_id": self.review.id, "number": 1, "recommendation": "Share risk."}
        )
        Action = self.env["scr.action"]
        values = {
            "recommendation_id": recommendation.id,
            "agency_id": self.agency_a.id,
            "success_criteria": "Audit",
            "due_date": "2026-04-30",
        }
        overdue = Action.create(dict(values, name="Flag missed appointments"))
        done = Action.create(dict(values, name="Train the front desk"))
        draft = Action.create(dict(values, name="Signed by the agency, plan not agreed"))
        signed = {"signed_by_id": self.agency_a.id, "signed_date": "2026-02-10 10:00:00"}
        draft.write(signed)
        overdue.write(dict(signed, state="agreed"))
        done.write(dict(signed, state="completed", date_completed="2026-05-10"))
        figures = {line.figure: line.count for line in self._report().line_ids}
        self.assertEqual(figures["Actions agreed: Testshire Police"], 2)
        self.assertEqual(figures["Actions completed: Testshire Police"], 1)
        self.assertEqual(figures["Actions overdue: Testshire Police"], 1)

    def test_xlsx_holds_the_figures(self):
        report = self._report()
        action = report.action_export_xlsx()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        workbook = openpyxl.load_workbook(io.BytesIO(attachment.raw))
        rows = list(workbook.active.iter_rows(values_only=True))
        self.assertEqual(rows[0], ("Partnership", "Section", "Figure", "Count", "On time"))
        by_figure = {row[2]: row[3:] for row in rows[1:]}
        self.assertEqual(by_figure[PUBLISHED_NOTICES], (2, 1))
        self.assertEqual(by_figure["Serious incidents notified to the national Panel"], (1, 1))
        self.assertEqual(by_figure["Domestic abuse"], (2, None))
        self.assertEqual(rows[1][0], self.company.name)

    def test_the_period_starts_with_the_reporting_year(self):
        """The national statistics count years ending 31 March: the report starts on the
        last 1 April, not empty."""
        report = self.env["scr.annual.report"].with_user(self.users["coordinator"]).new({})
        today = statutory_today()
        self.assertEqual((report.date_from.month, report.date_from.day), (4, 1))
        self.assertLessEqual(report.date_from, today)
        self.assertGreater(report.date_from, today - relativedelta(years=1))
        self.assertEqual(report.date_to, today)

    def test_reversed_range_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "ends .* before it starts"):
            self.env["scr.annual.report"].create(
                {"date_from": "2026-06-30", "date_to": "2026-01-01"}
            )

    def test_toxic_trio_needs_all_three(self):
        self.assertTrue(self.second.toxic_trio)
        self.second.theme_ids -= self.env.ref("odoo_scr.scr_theme_parental_mental_ill_health")
        self.assertFalse(self.second.toxic_trio)
