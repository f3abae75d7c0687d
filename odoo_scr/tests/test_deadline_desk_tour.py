from odoo.tests import tagged

from .common_tour import ScrTourCase


@tagged("post_install", "-at_install")
class TestDeadlineDeskTour(ScrTourCase):
    """In Chromium, on the demo partnership: the coordinator lands on the desk, late
    first, and walks incident -> decision -> review -> action plan by the smart buttons."""

    def test_coordinator_lands_on_the_desk_and_follows_the_case(self):
        coordinator = self.env.ref("odoo_scr.demo_user_coordinator")
        self.assertEqual(coordinator.action_id.id, self.env.ref("odoo_scr.scr_deadline_action").id)
        self.start_tour("/odoo", "scr_deadline_desk_tour", login=coordinator.login)


@tagged("post_install", "-at_install")
class TestRoleHomeTours(ScrTourCase):
    """In Chromium, on the demo partnership: where the chair, the reviewer and a partner
    agency land after login (pictured for the README with SCR_SCREENSHOTS set)."""

    def test_chair_lands_on_what_awaits_sign_off_and_what_is_late(self):
        self.start_tour("/odoo", "scr_chair_home_tour", login="chair")

    def test_reviewer_lands_on_their_reviews_milestones(self):
        self.start_tour("/odoo", "scr_reviewer_home_tour", login="reviewer")

    def test_agency_lands_on_its_portal_home(self):
        self.start_tour("/my", "scr_agency_home_tour", login="health")
