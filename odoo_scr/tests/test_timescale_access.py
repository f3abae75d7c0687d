from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ScrCase


@tagged("post_install", "-at_install")
class TestTimescaleAccess(ScrCase):
    """Only managers edit timescales; the module's users read them; others see nothing."""

    def setUp(self):
        super().setUp()
        self.timescale = self.Timescale.search([("code", "=", "rapid_review")], limit=1)

    def test_module_users_read(self):
        for role in ("coordinator", "chair", "reviewer", "manager"):
            self.assertTrue(self.timescale.with_user(self.users[role]).read(["amount"]))

    def test_only_managers_write_and_create(self):
        self.timescale.with_user(self.users["manager"]).write({"amount": 16})
        self.assertEqual(self.timescale.amount, 16)
        self.Timescale.with_user(self.users["manager"]).create(
            {
                "name": "Local: strategy meeting",
                "code": "local_strategy",
                "regime": "wt2018",
                "amount": 3,
                "unit": "working_days",
            }
        )
        for role in ("coordinator", "chair", "reviewer"):
            with self.assertRaises(AccessError):
                self.timescale.with_user(self.users[role]).write({"amount": 1})
            with self.assertRaises(AccessError):
                self.Timescale.with_user(self.users[role]).create(
                    {"name": "x", "code": "x", "regime": "wt2018", "amount": 1}
                )
        self.assertEqual(self.timescale.amount, 16)

    def test_plain_internal_and_portal_users_see_nothing(self):
        for role in ("internal", "portal"):
            with self.assertRaises(AccessError):
                self.timescale.with_user(self.users[role]).read(["amount"])

    def test_changes_are_tracked(self):
        self.timescale.with_user(self.users["manager"]).write({"amount": 20})
        self.env.cr.flush()  # tracking values are written by the precommit hooks
        tracked = self.timescale.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "amount"
        )
        self.assertEqual((tracked.old_value_integer, tracked.new_value_integer), (15, 20))
