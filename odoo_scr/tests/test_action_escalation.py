from datetime import timedelta
from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..statutory_day import statutory_today
from .common_action import ScrActionCase

# One batch of reminders or escalations, whatever its size.
REMINDER_QUERIES = 16
ESCALATION_QUERIES = 9


@tagged("post_install", "-at_install")
class TestActionEscalation(ScrActionCase):
    """Reminders to owners before the due date, escalation to the coordinator after it."""

    def test_crons(self):
        today = statutory_today()
        soon = self.agreed_actions(2, today + timedelta(days=3))
        late = self.agreed_actions(2, today - timedelta(days=3))
        later = self.agreed_actions(1, today + timedelta(days=30))
        Action = self.env["scr.action"]
        with patch.object(type(self.env["ir.cron"]), "_commit_progress", return_value=60.0):
            Action._cron_remind_due()
            Action._cron_escalate_overdue()
        self.assertTrue(all((soon | late).mapped("reminded")))
        self.assertFalse(later.reminded)
        self.assertEqual(soon.activity_ids.user_id, self.users["portal_a"])
        self.assertEqual(soon.activity_ids.mapped("date_deadline"), [today + timedelta(days=3)] * 2)
        self.assertTrue(all(late.mapped("escalated")))
        self.assertFalse(any(soon.mapped("escalated")))
        escalations = late.activity_ids.filtered(
            lambda a: (
                a.activity_type_id == self.env.ref("odoo_scr.mail_activity_type_scr_escalation")
            )
        )
        self.assertEqual(escalations.user_id, self.review.user_id)
        self.assertIn("escalated to the review's coordinator", late[0].message_ids[0].body)
        # One e-mail to the owner lists the four actions of the batch.
        mails = self.env["mail.mail"].search([("subject", "ilike", "falling due")])
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.recipient_ids, self.contact_a)
        for action in soon | late:
            self.assertIn(action.name, mails.body_html)
            self.assertIn(f"/my/scr/actions/{action.id}", mails.body_html)
        self.assertNotIn("Secret Name", mails.body_html)
        self.assertFalse(Action.search(Action._overdue_domain()))

    def test_escalation_reads_back_as_odoos_own(self):
        """The crons write activities and notes set-based: the coordinator sees them as
        Odoo's own (systray, activity state, chatter) without following every action."""
        # The partnership's coordinator, in England, not the superuser who made the review
        # (Brussels in Odoo's demo data): Odoo shows an activity's state in its assignee's
        # zone, a day ahead of England's between 23:00 and midnight.
        coordinator = self.review.user_id = self.users["coordinator"]
        late = self.agreed_actions(2, statutory_today() - timedelta(days=2))
        late._escalate_overdue()
        mine = late.with_user(coordinator)
        self.assertEqual(mine.activity_ids.mapped("res_name"), late.mapped("display_name"))
        self.assertEqual(set(mine.mapped("activity_state")), {"today"})
        self.assertEqual(mine.activity_ids.user_id, coordinator)
        self.assertEqual(set(mine.activity_ids.mapped("automated")), {True})
        note = mine[0].message_ids[0]
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
        self.assertTrue(note.is_internal)
        self.assertEqual(note.author_id, self.env.user.partner_id)
        systray = coordinator.with_user(coordinator)._get_activity_groups()
        groups = {group["model"]: group for group in systray}
        self.assertEqual(groups["scr.action"]["today_count"], 2)
        self.assertNotIn(coordinator.partner_id, late.message_partner_ids)
        # Done through the ORM as usual: the activity closes with its feedback in the chatter.
        mine.activity_ids[0].action_feedback(feedback="Chased the agency")
        self.assertIn("Chased the agency", mine[0].message_ids[0].body)

    def test_cron_takes_one_batch_and_says_what_remains(self):
        """Each run escalates one batch, earliest deadline first, and tells ir.cron how
        many remain, so the scheduler runs it again until none is left."""
        today = statutory_today()
        oldest = self.agreed_actions(1, today - timedelta(days=9))
        newer = self.agreed_actions(2, today - timedelta(days=2))
        Action = self.env["scr.action"]
        with patch.object(type(self.env["ir.cron"]), "_commit_progress", return_value=60.0):
            self.assertEqual(Action._cron_escalate_overdue(batch_size=2), 1)
            self.assertTrue(oldest.escalated)
            self.assertEqual(newer.mapped("escalated").count(True), 1)
            self.assertEqual(Action._cron_escalate_overdue(batch_size=2), 0)
        self.assertTrue(all(newer.mapped("escalated")))

    def test_reminder_period_is_the_partnerships(self):
        """The reminder period is a setting of the partnership, not a number in the code."""
        today = statutory_today()
        soon = self.agreed_actions(1, today + timedelta(days=3))
        Action = self.env["scr.action"]
        self.company.scr_action_reminder_days = 1
        self.assertNotIn(soon, Action.search(Action._reminder_domain()))
        self.company.scr_action_reminder_days = 3
        self.assertIn(soon, Action.search(Action._reminder_domain()))
        with self.assertRaisesRegex(ValidationError, "cannot be negative"), self.cr.savepoint():
            self.company.scr_action_reminder_days = -1
            self.env.flush_all()

    def test_query_count_does_not_grow(self):
        today = statutory_today()
        self.agreed_actions(1, today - timedelta(days=1))._escalate_overdue()  # warm the caches
        self.agreed_actions(1, today + timedelta(days=1))._remind_due()
        for size in (3, 30):
            with self.subTest(size=size):
                late = self.agreed_actions(size, today - timedelta(days=1))
                with self.assertQueryCount(ESCALATION_QUERIES):
                    late._escalate_overdue()
                    self.env.flush_all()
                soon = self.agreed_actions(size, today + timedelta(days=1))
                with self.assertQueryCount(REMINDER_QUERIES):
                    soon._remind_due()
                    self.env.flush_all()
