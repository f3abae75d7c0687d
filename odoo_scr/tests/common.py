from datetime import date

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
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )

    def deadline(self, code, start, regime="wt2018", company=None):
        """compute_deadline as the partnership's coordinator would call it."""
        return self.Timescale.compute_deadline(
            code, date.fromisoformat(start), regime=regime, company=company or self.company
        )
