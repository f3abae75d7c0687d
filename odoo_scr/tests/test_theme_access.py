from odoo.tests import tagged

from .common_rpc import ScrRpcCase


@tagged("post_install", "-at_install")
class TestThemeAccess(ScrRpcCase):
    """Issue 14, item 16: the learning themes are shared by every partnership of the
    database: managers keep them; a partnership's coordinator tags with them but neither
    renames, archives nor adds one."""

    def setUp(self):
        super().setUp()
        self.theme = self.env.ref("odoo_scr.scr_theme_online_harm")

    def test_a_coordinator_cannot_rename_archive_or_add_a_shared_theme(self):
        for role in ("coordinator", "chair"):
            user = self.users[role]
            for vals in ({"name": "Renamed by one partnership"}, {"active": False}):
                with self.subTest(role=role, vals=vals):
                    self.assertRefused(
                        self.call_kw(user, "scr.theme", "write", [self.theme.ids, vals])
                    )
            self.assertRefused(self.call_kw(user, "scr.theme", "create", [{"name": "Local theme"}]))
        self.theme.invalidate_recordset()
        self.assertEqual((self.theme.name, self.theme.active), ("Online harm", True))
        result, error = self.call_kw(
            self.users["coordinator"], "scr.theme", "search_read", [[]], {"fields": ["name"]}
        )
        self.assertIn("Online harm", [theme["name"] for theme in result], error)

    def test_managers_keep_the_themes(self):
        manager = self.users["manager"]
        result, error = self.call_kw(
            manager, "scr.theme", "write", [self.theme.ids, {"name": "Online harm and grooming"}]
        )
        self.assertTrue(result, error)
        theme_id, error = self.call_kw(manager, "scr.theme", "create", [{"name": "Exploitation"}])
        self.assertTrue(theme_id, error)
        result, error = self.call_kw(manager, "scr.theme", "write", [[theme_id], {"active": False}])
        self.assertTrue(result, error)
        self.assertRefused(self.call_kw(manager, "scr.theme", "unlink", [[theme_id]]))
