from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_rpc import ScrRpcCase


@tagged("post_install", "-at_install")
class TestPartnerAgencyMaintenance(ScrRpcCase):
    """The case review manager maintains the partner agencies (Configuration > Partner
    agencies), their units and contacts, and no other contact of the council's Odoo; only
    the manager names, removes or moves an agency's senior officer, who signs the agency's
    actions off. Refusals are proven through JSON-RPC and /json/2."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.police = Partner.create(
            {"name": "Testshire Police", "is_company": True, "is_scr_agency": True}
        )
        cls.health = Partner.create(
            {"name": "Testshire ICB", "is_company": True, "is_scr_agency": True}
        )
        cls.officer = Partner.create({"name": "DCI Ada Harper", "parent_id": cls.police.id})
        cls.unit = Partner.create(
            {"name": "Public Protection Unit", "is_company": True, "parent_id": cls.police.id}
        )
        cls.unit_contact = Partner.create({"name": "DS Ben Cole", "parent_id": cls.unit.id})
        cls.supplier = Partner.create({"name": "Acme Stationery Ltd", "is_company": True})
        cls.supplier_contact = Partner.create({"name": "Sam Seller", "parent_id": cls.supplier.id})
        # Users who may create contacts in the council's Odoo, but are no case review
        # managers: a coordinator and a plain internal user with Contact Creation.
        cls.users["contact_coordinator"] = cls._new_user(
            "contact_coordinator", "odoo_scr.group_scr_coordinator,base.group_partner_manager"
        )
        cls.users["contact_clerk"] = cls._new_user(
            "contact_clerk", "base.group_user,base.group_partner_manager"
        )

    def _create_as(self, user, vals):
        """The id of the partner ``user`` creates over JSON-RPC (no refusal)."""
        partner_id, error = self.call_kw(user, "res.partner", "create", [vals])
        self.assertIsNone(error)
        return partner_id

    def test_manager_has_no_contact_creation_of_their_own(self):
        """The premise of the tests below: the manager's rights are the addon's only."""
        self.assertFalse(self.users["manager"].has_group("base.group_partner_manager"))

    def test_manager_creates_an_agency_and_its_contacts_over_rpc(self):
        manager = self.users["manager"]
        agency_id = self._create_as(
            manager, {"name": "Testshire Probation", "is_company": True, "is_scr_agency": True}
        )
        contact_id = self._create_as(
            manager,
            {"name": "Chief Officer Kay", "parent_id": agency_id, "scr_senior_officer": True},
        )
        contact = self.env["res.partner"].browse(contact_id)
        self.assertTrue(contact.scr_senior_officer)
        self.assertEqual(contact.commercial_partner_id.id, agency_id)

    def test_manager_edits_agencies_their_units_and_contacts(self):
        manager = self.users["manager"]
        for partner in (self.police, self.officer, self.unit, self.unit_contact):
            _result, error = self.call_kw(
                manager, "res.partner", "write", [partner.ids, {"phone": "01632 960000"}]
            )
            self.assertIsNone(error, partner.name)
            self.assertEqual(partner.phone, "01632 960000")
        # The agency's form saves its contacts with it (one2many commands).
        self.police.with_user(manager).write(
            {"child_ids": [(0, 0, {"name": "PC Dee Lane", "email": "dee@police.example"})]}
        )
        self.assertIn("PC Dee Lane", self.police.child_ids.mapped("name"))

    def test_manager_cannot_touch_other_contacts_of_the_council(self):
        manager = self.users["manager"]
        self.assertRefused(
            self.call_kw(
                manager, "res.partner", "write", [self.supplier_contact.ids, {"name": "Renamed"}]
            )
        )
        self.assertRefused(
            self.call_kw(
                manager, "res.partner", "create", [{"name": "Bistro Ltd", "is_company": True}]
            )
        )
        self.assertRefused(
            self.call_kw(
                manager, "res.partner", "create", [{"name": "Pat", "parent_id": self.supplier.id}]
            )
        )
        status, _body = self.json2(
            manager, "res.partner", "write", ids=self.supplier.ids, vals={"name": "Renamed"}
        )
        self.assertEqual(status, 403)
        with self.assertRaises(AccessError):
            self.supplier.with_user(manager).write({"is_scr_agency": True})
        self.assertEqual(self.supplier_contact.name, "Sam Seller")
        self.assertFalse(self.supplier.is_scr_agency)

    def test_manager_archives_agencies_never_deletes_them(self):
        self.assertRefused(
            self.call_kw(self.users["manager"], "res.partner", "unlink", [self.officer.ids])
        )
        self.assertTrue(self.officer.exists())

    def test_contact_creation_keeps_every_contact_for_a_manager(self):
        """The managers' rule narrows only their own rights: a manager who may also create
        contacts (Contact Creation, as the administrator) still edits any contact."""
        self.users["manager"].group_ids += self.env.ref("base.group_partner_manager")
        self.supplier_contact.with_user(self.users["manager"]).write({"phone": "01632 960001"})
        self.assertEqual(self.supplier_contact.phone, "01632 960001")

    def test_only_a_manager_names_a_senior_officer(self):
        for login in ("coordinator", "chair", "contact_coordinator", "contact_clerk"):
            user = self.users[login]
            self.assertRefused(
                self.call_kw(
                    user, "res.partner", "write", [self.officer.ids, {"scr_senior_officer": True}]
                ),
                "case review manager",
            )
            self.assertRefused(
                self.call_kw(
                    user,
                    "res.partner",
                    "create",
                    [{"name": "Impostor", "parent_id": self.police.id, "scr_senior_officer": True}],
                ),
            )
        status, body = self.json2(
            self.users["contact_coordinator"],
            "res.partner",
            "write",
            ids=self.officer.ids,
            vals={"scr_senior_officer": True},
        )
        self.assertEqual(status, 403, body)
        self.assertIn("case review manager", body["message"])
        self.assertFalse(self.officer.scr_senior_officer)
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Impostor")]))

        _result, error = self.call_kw(
            self.users["manager"],
            "res.partner",
            "write",
            [self.officer.ids, {"scr_senior_officer": True}],
        )
        self.assertIsNone(error)
        self.assertTrue(self.officer.scr_senior_officer)
        self.officer.with_user(self.env.ref("base.user_admin")).scr_senior_officer = False
        self.assertFalse(self.officer.scr_senior_officer)

    def test_only_a_manager_removes_or_moves_a_senior_officer(self):
        self.officer.scr_senior_officer = True
        clerk = self.users["contact_coordinator"]
        self.assertRefused(
            self.call_kw(
                clerk, "res.partner", "write", [self.officer.ids, {"scr_senior_officer": False}]
            ),
            "case review manager",
        )
        # Moving them to another agency would make them that agency's senior officer.
        self.assertRefused(
            self.call_kw(
                clerk, "res.partner", "write", [self.officer.ids, {"parent_id": self.health.id}]
            ),
            "case review manager",
        )
        self.assertTrue(self.officer.scr_senior_officer)
        self.assertEqual(self.officer.parent_id, self.police)
        # Their other details are anyone's who may edit contacts.
        _result, error = self.call_kw(
            clerk, "res.partner", "write", [self.officer.ids, {"phone": "01632 960002"}]
        )
        self.assertIsNone(error)
        # A copy of a senior officer is nobody's senior officer.
        self.assertFalse(self.officer.with_user(clerk).copy().scr_senior_officer)

    def test_agency_form_gives_the_manager_the_senior_officer_box(self):
        """On the agency's form, its contacts carry the box: editable for the manager,
        read-only for a coordinator."""
        for login, editable in (("manager", True), ("coordinator", False)):
            arch = (
                self.env["res.partner"]
                .with_user(self.users[login])
                .get_views([(self.env.ref("base.view_partner_form").id, "form")])["views"]["form"][
                    "arch"
                ]
            )
            boxes = etree.fromstring(arch).xpath(
                "//field[@name='child_ids']/form//field[@name='scr_senior_officer']"
            )
            self.assertEqual(len(boxes), 1, login)
            self.assertEqual(boxes[0].get("readonly") in (None, "0", "False"), editable, login)

    def test_agency_membership_reaches_units_and_their_contacts(self):
        members = self.env["res.partner"].search([("scr_agency_member", "=", True)])
        self.assertLessEqual(
            self.police | self.officer | self.unit | self.unit_contact | self.health, members
        )
        self.assertFalse((self.supplier | self.supplier_contact) & members)
        self.assertEqual(
            (self.unit_contact | self.supplier_contact).mapped("scr_agency_member"), [True, False]
        )
        outsiders = self.env["res.partner"].search([("scr_agency_member", "=", False)])
        self.assertIn(self.supplier_contact, outsiders)
        self.assertNotIn(self.unit_contact, outsiders)
