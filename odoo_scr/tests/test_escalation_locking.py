from contextlib import contextmanager
from datetime import timedelta
from unittest.mock import patch

from odoo.tests import freeze_time, tagged

from ..statutory_day import statutory_today
from .common_review import ScrReviewCase


@tagged("post_install", "-at_install")
class TestEscalationLocking(ScrReviewCase):
    """Issue 14, item 17: a user editing a record while the escalation cron runs neither
    fails the cron's batch nor waits for it. The batch locks its rows with ``FOR UPDATE
    SKIP LOCKED``: a row another transaction holds is left for the next run.

    A row can be held by another transaction only if that transaction sees it: the rows
    are committed ones (the demo partnership's information requests, installed with the
    module), locked from a second connection as a user's open edit would hold them. The
    cron runs in the test's transaction under a lock timeout, its writes flushed within
    it, so that a batch which waits for the row (as it did) fails the test at once
    instead of hanging it."""

    def _user_cursor(self):
        """A second connection, as a user's request; rolled back and closed after the test
        whatever happens, so that its locks never outlive the test."""
        user_cr = self.registry.cursor()
        self.addCleanup(user_cr.close)
        self.addCleanup(user_cr.rollback)
        return user_cr

    def _hold(self, user_cr, limit=None):
        """Lock from ``user_cr`` committed requests the overdue domain can select, as a
        user editing them would; returns them with the latest of their due dates."""
        user_cr.execute(
            f"""SELECT id, due_date FROM scr_info_request
                 WHERE state IN ('requested', 'returned') AND escalated IS NOT TRUE
                 ORDER BY id {"LIMIT %s" % int(limit) if limit else ""} FOR UPDATE"""
        )
        rows = user_cr.fetchall()
        self.assertTrue(rows, "the demo partnership's information requests are installed")
        held = self.env["scr.info.request"].browse(row[0] for row in rows)
        return held, max(row[1] for row in rows)

    @contextmanager
    def _cron_run(self):
        """Run the cron's batch as ir.cron would (its progress patched), under a lock
        timeout, everything it writes flushed before the timeout is lifted."""
        with (
            patch.object(
                type(self.env["ir.cron"]), "_commit_progress", return_value=60.0
            ) as progress,
            self.cr.savepoint(),
        ):
            self.cr.execute("SET LOCAL lock_timeout = '3s'")
            yield progress
            self.env.flush_all()
            self.cr.execute("SET LOCAL lock_timeout TO DEFAULT")

    def test_the_batch_skips_the_row_a_user_holds(self):
        Request = self.env["scr.info.request"]
        user_cr = self._user_cursor()
        held, held_due = self._hold(user_cr, limit=1)
        today = max(held_due, statutory_today()) + timedelta(days=1)
        with freeze_time(today):
            ours = self.info_request | self.new_info_request(
                date_requested="2026-01-05", due_date="2026-01-20"
            )
            self.env.flush_all()
            overdue = Request.search(Request._overdue_domain())
            self.assertIn(held, overdue)
            self.assertLessEqual(ours, overdue)
            with self._cron_run() as progress:
                remaining = Request._cron_escalate_overdue()
        self.assertEqual(remaining, 0, "a batch short of its size says none remain")
        progress.assert_called_once_with(len(overdue) - 1, remaining=0)
        self.assertTrue(all((overdue - held).mapped("escalated")), "rows nobody holds escalate")
        self.assertFalse(held.escalated, "the held row is left for the next run")
        self.assertFalse(held.activity_ids, "nothing of the batch was written on the held row")
        # Released, the next run takes it.
        user_cr.rollback()
        with freeze_time(today), self._cron_run():
            Request._cron_escalate_overdue()
        self.assertTrue(held.escalated)

    def test_a_held_row_never_makes_the_cron_spin(self):
        """When the only rows left are held, the run takes none and says none remain:
        ir.cron stops instead of running the batch again at once."""
        Request = self.env["scr.info.request"]
        user_cr = self._user_cursor()
        held, due = self._hold(user_cr)
        self.info_request.state = "accepted"  # ours is not due: only held rows remain
        with freeze_time(max(due, statutory_today()) + timedelta(days=1)):
            with self._cron_run() as progress:
                self.assertEqual(Request._cron_escalate_overdue(batch_size=1), 0)
            progress.assert_called_once_with(0, remaining=0)
        self.assertFalse(any(held.mapped("escalated")))
