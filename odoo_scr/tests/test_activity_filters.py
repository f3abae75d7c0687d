from datetime import timedelta

from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from ..statutory_day import statutory_today
from .common_action import ScrActionCase

# The filters Odoo's activity menu (systray) switches on when it opens a model's records.
SYSTRAY_FILTERS = (
    "filter_activities_my",
    "activities_overdue",
    "activities_today",
    "activities_upcoming_all",
)


@tagged("post_install", "-at_install")
class TestActivityFilters(ScrActionCase):
    """From the activity menu, a coordinator lands on the records whose activities are
    theirs and late, not on every record of the partnership."""

    def _filters(self, Model):
        arch = Model.get_views([(False, "search")])["views"]["search"]["arch"]
        return {
            node.get("name"): node.get("domain")
            for node in etree.fromstring(arch).iterfind(".//filter")
            if node.get("name") in SYSTRAY_FILTERS
        }

    def test_systray_filters_find_late_activities(self):
        coordinator = self.users["coordinator"]
        yesterday = statutory_today() - timedelta(days=1)
        records = (self.incident, self.review, self.action_a, self.info_request)
        quiet = {
            "scr.incident": self.new_incident(child_alias="Child Q"),
            "scr.review": self.new_review(),
            "scr.action": self.action_b,
            "scr.info.request": self.new_info_request(),
        }
        for record in (*records, *quiet.values()):
            record.activity_ids.unlink()  # those the module scheduled itself
        for record in records:
            record.activity_schedule(
                "mail.mail_activity_data_todo", yesterday, user_id=coordinator.id
            )
        for record in records:
            Model = self.env[record._name].with_user(coordinator).with_company(self.company)
            filters = self._filters(Model)
            with self.subTest(model=record._name):
                self.assertEqual(set(filters), set(SYSTRAY_FILTERS))
                found = {
                    name: Model.search(safe_eval(domain, {"uid": coordinator.id}))
                    for name, domain in filters.items()
                }
                for name in ("filter_activities_my", "activities_overdue"):
                    self.assertIn(record, found[name], name)
                    self.assertNotIn(quiet[record._name], found[name], name)
                self.assertNotIn(
                    record, found["activities_today"] | found["activities_upcoming_all"]
                )

    def test_decisions_have_the_systray_filters(self):
        Decision = self.env["scr.decision"].with_user(self.users["chair"])
        self.assertEqual(set(self._filters(Decision)), set(SYSTRAY_FILTERS))
