from odoo.tests import tagged

from .common import list_specification
from .common_review import ScrReviewCase


@tagged("post_install", "-at_install")
class TestReviewListQueries(ScrReviewCase):
    """The reviewer's list of reviews costs the same queries for 1 review or 11."""

    def _list_queries(self, user):
        Review = self.env["scr.review"].with_user(user).with_company(self.company)
        specification = list_specification(Review)
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        result = Review.web_search_read([], specification, limit=80)
        return self.cr.sql_log_count - start, result["length"]

    def test_reviewer_list(self):
        reviewer = self.users["reviewer"]
        self._list_queries(reviewer)  # warm the registry caches
        few, length = self._list_queries(reviewer)
        for _n in range(10):
            review = self.new_review(agency_ids=[(6, 0, [self.agency_a.id])])
            self.env["scr.review.appointment"].create(
                {"review_id": review.id, "reviewer_id": self.reviewer.id, "role": "lead"}
            )
        self.new_review()  # not appointed: not listed
        many, more = self._list_queries(reviewer)
        self.assertEqual((length, more), (1, 11))
        self.assertEqual(few, many, f"reviewer's list: {few} queries for 1 review, {many} for 11")
        Review = self.env["scr.review"].with_user(reviewer).with_company(self.company)
        specification = list_specification(Review)
        with self.assertQueryCount(few):
            self.env.invalidate_all()
            Review.web_search_read([], specification, limit=80)
