import gc
from datetime import timedelta

from odoo.tests import tagged

from ..statutory_day import statutory_today
from .common import list_specification
from .common_action import ScrActionCase

# Query budgets of the first page of each backend list, as bench/national.py calls it;
# they must hold when the partnership has more records. A page is one query for its rows
# (with the partnership and the review, which read() needs to check the record rules
# again), then a query or two per related model: the coordinator's name, the
# appointments behind a reviewer's rule. None grows with the number of rows.
LIST_BUDGETS = {
    ("scr.incident", "coordinator"): 2,
    ("scr.review", "coordinator"): 2,
    ("scr.review", "reviewer"): 4,
    ("scr.action", "coordinator"): 2,
    ("scr.action", "reviewer"): 2,
    ("scr.info.request", "coordinator"): 1,
    ("scr.info.request", "reviewer"): 3,
}
GROUPBY = {"scr.action": ["review_id", "agency_id"]}
DOMAINS = {
    "scr.incident": [("state", "!=", "closed")],
    "scr.review": [("state", "not in", ("published", "closed"))],
}


@tagged("post_install", "-at_install")
class TestHotPathQueries(ScrActionCase):
    """The hot paths of bench/national.py at small volume: each costs a fixed number of
    queries, the same for one record as for many, so CI catches a query per record."""

    def _first_page(self, model, role):
        user = self.users[role]
        # The context the web client sends with every call (an English partnership's): a
        # page that reads ``env.tz`` without ``tz`` in it would read the user's record, in
        # a query the real page never makes.
        Model = (
            self.env[model]
            .with_user(user)
            .with_company(self.company)
            .with_context(lang="en_US", tz="Europe/London", uid=user.id)
        )
        domain = DOMAINS.get(model, [])
        if model in GROUPBY:
            return Model.web_read_group(
                domain,
                GROUPBY[model],
                aggregates=["progress:avg"],
                limit=80,
                unfold_read_specification=list_specification(Model),
            )["length"]
        return Model.web_search_read(
            domain, list_specification(Model), limit=80, count_limit=10001
        )["length"]

    def _assert_budgets(self):
        lengths = {}
        for (model, role), budget in LIST_BUDGETS.items():
            # Warm the registry caches with a read from the database, as measured.
            self.env.invalidate_all()
            self._first_page(model, role)
            self.env.invalidate_all()
            # A request starts with new environments: drop the warm-up's now, rather than
            # whenever the garbage collector would (what an environment caches, such as
            # ``env.tz``, would otherwise be counted or not by chance).
            gc.collect()
            with self.subTest(model=model, role=role), self.assertQueryCount(budget):
                lengths[model, role] = self._first_page(model, role)
        return lengths

    def _more_of_everything(self, count):
        """``count`` more incidents and reviews, each review appointed to the reviewer
        with an action and an information request per agency."""
        for n in range(count):
            self.env["scr.incident"].create(
                {
                    "child_alias": f"Child {n}",
                    "incident_date": "2026-02-02",
                    "aware_date": "2026-02-03",
                    "company_id": self.company.id,
                    "user_id": self.incident.user_id.id,
                }
            )
            review = self.new_review(agency_ids=[(6, 0, (self.agency_a | self.agency_b).ids)])
            self.env["scr.review.appointment"].create(
                {"review_id": review.id, "reviewer_id": self.reviewer.id, "role": "lead"}
            )
            recommendation = self.env["scr.recommendation"].create(
                {"review_id": review.id, "number": 1, "recommendation": "Learn."}
            )
            for agency in self.agency_a | self.agency_b:
                self.new_action(agency, recommendation_id=recommendation.id)
                self.new_info_request(review_id=review.id, agency_id=agency.id)
        self.env.flush_all()

    def test_lists_cost_the_same_for_few_and_many(self):
        few = self._assert_budgets()
        self._more_of_everything(12)
        many = self._assert_budgets()
        for key, length in few.items():
            self.assertGreater(many[key], length, f"{key}: the list did not grow")

    def test_annual_report_figures(self):
        report = (
            self.env["scr.annual.report"]
            .with_user(self.users["coordinator"])
            .create(
                {
                    "date_from": statutory_today() - timedelta(days=365),
                    "date_to": statutory_today(),
                    "company_ids": [(6, 0, self.company.ids)],
                }
            )
        )
        report._compute_figures()
        gc.collect()
        # One grouped query per figure (18 since the WT2023 yearly report and the national
        # statistics' breakdown, was 11) and 3 for the age bands: as many for more records.
        with self.assertQueryCount(21):
            report._compute_figures()
        self._more_of_everything(5)
        gc.collect()
        with self.assertQueryCount(21):
            report._compute_figures()
