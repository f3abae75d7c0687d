from datetime import date

from lxml import etree

from odoo.tests import TransactionCase, new_test_user


class ScrCase(TransactionCase):
    """A partnership of its own (company, Europe/London calendar, bank holidays)
    and one user per role, so that tests never depend on demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Testshire working week", "tz": "Europe/London"}
        )
        cls.company = cls.env["res.company"].create(
            {
                "name": "Testshire Safeguarding Children Partnership",
                "resource_calendar_id": cls.calendar.id,
                "scr_regime": "wt2018",
            }
        )
        cls.calendar.company_id = cls.company
        cls.calendar._scr_refresh_bank_holidays(range(2025, 2032))
        cls.Timescale = cls.env["scr.timescale"]
        cls.users = {
            role: cls._new_user(role, groups)
            for role, groups in {
                "coordinator": "odoo_scr.group_scr_coordinator",
                "chair": "odoo_scr.group_scr_chair",
                "reviewer": "odoo_scr.group_scr_reviewer",
                "manager": "odoo_scr.group_scr_manager",
                "internal": "base.group_user",
                "portal": "base.group_portal",
            }.items()
        }

    @classmethod
    def _new_user(cls, role, groups):
        return new_test_user(
            cls.env,
            login=f"testshire_{role}",
            groups=groups,
            lang="en_GB",
            tz="Europe/London",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )

    def deadline(self, code, start, regime="wt2018", company=None):
        """compute_deadline as the partnership's coordinator would call it."""
        return self.Timescale.compute_deadline(
            code, date.fromisoformat(start), regime=regime, company=company or self.company
        )


ACTIVITY_COLUMN_FIELDS = (
    "activity_exception_decoration",
    "activity_exception_icon",
    "activity_state",
    "activity_summary",
    "activity_type_icon",
    "activity_type_id",
)


def list_specification(Model):
    """The ``web_search_read`` specification the web client sends for ``Model``'s list
    view: every column the user's groups allow, optional ones hidden by default included
    (the client loads them so that showing one needs no reload), many2one and many2many
    with their display names unless always invisible, and what the activity column reads.
    Shared with bench/national.py, so the query budgets of the tests guard what the
    benchmark measures."""
    arch = Model.get_views([(False, "list")])["views"]["list"]["arch"]
    spec = {}
    for node in etree.fromstring(arch).iterfind("field"):
        name = node.get("name")
        invisible = {node.get("invisible"), node.get("column_invisible")} & {"True", "1"}
        if Model._fields[name].type in ("many2one", "many2many"):
            spec[name] = {"fields": {} if invisible else {"display_name": {}}}
        elif name == "activity_ids":
            spec[name] = {"fields": {}}
            spec.update(dict.fromkeys(ACTIVITY_COLUMN_FIELDS, {}))
        else:
            spec[name] = {}
    return spec
