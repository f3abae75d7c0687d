from psycopg2 import IntegrityError

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_publication import ScrPublicationCase


@tagged("post_install", "-at_install")
class TestLearning(ScrPublicationCase):
    """Themes, the toxic trio, learning briefings and the quality markers self-assessment."""

    def test_the_eighteen_quality_markers(self):
        markers = self.env["scr.quality.marker"].search([("active", "=", True)])
        self.assertEqual(len(markers), 18)
        self.assertEqual(markers[0].name, "Referral")
        self.assertEqual(markers[-1].name, "Implementation and evaluation")
        self.assertIn("Board written response", markers.mapped("name"))

    def test_self_assessment_per_review(self):
        review = self.review.with_user(self.users["coordinator"])
        review.action_prepare_quality_assessment()
        self.assertEqual(len(review.quality_ids), 18)
        review.quality_ids[0].write({"rating": "partly", "evidence": "Referred on day 9."})
        review.action_prepare_quality_assessment()
        self.assertEqual(len(review.quality_ids), 18, "a second run adds no duplicate")
        self.assertEqual(review.quality_ids[0].rating, "partly")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["scr.review.quality"].create(
                {"review_id": review.id, "marker_id": review.quality_ids[0].marker_id.id}
            )

    def test_toxic_trio_follows_the_flagged_themes(self):
        Theme = self.env["scr.theme"]
        trio = Theme.search([("toxic_trio", "=", True)])
        self.assertEqual(
            set(trio.mapped("name")),
            {"Domestic abuse", "Parental substance misuse", "Parental mental ill health"},
        )
        self.review.theme_ids = trio[:2] | self.env.ref("odoo_scr.scr_theme_neglect")
        self.assertFalse(self.review.toxic_trio)
        self.review.theme_ids |= trio[2]
        self.assertTrue(self.review.toxic_trio)
        # The trio is data: a theme joining it or leaving it counts the reviews again.
        online = self.env.ref("odoo_scr.scr_theme_online_harm")
        online.write({"toxic_trio": True})
        self.assertFalse(self.review.toxic_trio)
        online.write({"toxic_trio": False})
        self.assertTrue(self.review.toxic_trio)
        online.with_user(self.users["manager"]).name = "Online harm and grooming"
        self.assertEqual(online.name, "Online harm and grooming")

    def test_briefing_and_its_dissemination(self):
        briefing = (
            self.env["scr.learning.briefing"]
            .with_user(self.users["coordinator"])
            .create(
                {
                    "name": "7-minute briefing: Child M",
                    "review_id": self.review.id,
                    "theme_ids": [(6, 0, self.env.ref("odoo_scr.scr_theme_neglect").ids)],
                    "dissemination_ids": [
                        (0, 0, {"audience": "Health visitors", "date": "2026-09-01"}),
                        (
                            0,
                            0,
                            {
                                "audience": "Police public protection unit",
                                "agency_id": self.agency_a.id,
                                "date": "2026-09-03",
                                "method": "training",
                                "reached": 40,
                            },
                        ),
                    ],
                }
            )
        )
        self.assertEqual(briefing.company_id, self.company)
        self.assertEqual(self.review.briefing_ids, briefing)
        self.assertEqual(sum(briefing.dissemination_ids.mapped("reached")), 40)
        self.assertEqual(briefing.dissemination_ids.company_id, self.company)
