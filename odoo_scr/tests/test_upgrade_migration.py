import importlib.util

from odoo.tests import tagged
from odoo.tools.misc import file_path

from .common_review import ScrReviewCase


def _migration(step):
    """The migration script ``step`` (pre/post) of 19.0.1.2.0, loaded as Odoo loads it."""
    path = file_path(f"odoo_scr/migrations/19.0.1.2.0/{step}-migration.py")
    spec = importlib.util.spec_from_file_location(f"scr_{step}_migration", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.migrate


@tagged("post_install", "-at_install")
class TestUpgradeMigration(ScrReviewCase):
    """An existing partnership upgrading to 19.0.1.2.0 gets each review's publish-by
    date (Odoo would compute the new stored field before the review_publication
    timescale is loaded, and the upgrade stopped on its UserError) and English (UK),
    which only an install loaded."""

    def test_publish_by_date_computed_after_upgrade(self):
        self.review.date_initiated = "2026-02-02"
        expected = self.review.publication_due_date
        self.assertTrue(expected, "a WT2018/2023 review has a publish-by date")
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE scr_review SET publication_due_date = NULL, published_in_time = NULL"
        )
        self.env.invalidate_all()
        _migration("pre")(self.env.cr, "19.0.1.1.0")
        _migration("post")(self.env.cr, "19.0.1.1.0")
        self.env.invalidate_all()
        self.assertEqual(self.review.publication_due_date, expected)
        self.env.cr.execute(
            "SELECT count(*) FROM scr_review WHERE regime != 'wt2015' "
            "AND publication_due_date IS NULL"
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0, "every current-regime review has one")

    def test_english_uk_after_upgrade(self):
        self.env["ir.default"].set("res.partner", "lang", "en_US")
        _migration("post")(self.env.cr, "19.0.1.1.0")
        self.assertEqual(self.env["ir.default"]._get("res.partner", "lang"), "en_GB")
        english_uk = self.env.ref("base.lang_en_GB")
        self.assertTrue(english_uk.active)
        self.assertEqual((english_uk.date_format, english_uk.week_start), ("%d/%m/%Y", "1"))
