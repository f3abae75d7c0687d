import socket
import time

import psycopg2

from odoo import http
from odoo.modules.module import Manifest
from odoo.sql_db import connection_info_for
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons import odoo_scr

from ..database_unavailable import (
    UNAVAILABLE_TITLE,
    _serve_db_or_unavailable,
    database_unreachable,
    install,
)


def _error_of(run):
    try:
        run()
    except psycopg2.Error as error:
        return error
    raise AssertionError("PostgreSQL raised no error")


@tagged("post_install", "-at_install")
class TestDatabaseUnavailable(TransactionCase):
    """While PostgreSQL cannot be reached, a user gets a clear 503 and keeps their
    session (issue 19, fault 3); an error of the request's own SQL is still Odoo's.
    Every error here is a real one from PostgreSQL or psycopg2; the whole path through a
    real restart is `make faults` (fault 3)."""

    def _connection_info(self):
        return connection_info_for(self.env.cr.dbname)[1]

    def _refused(self):
        """Connecting to a port nothing listens on."""
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        info = dict(self._connection_info(), host="127.0.0.1", port=port)
        return _error_of(lambda: psycopg2.connect(**info))

    def _terminated(self):
        """A connection the server ends (pg_terminate_backend, as a shutdown does)."""
        connection = psycopg2.connect(**self._connection_info())
        try:
            self.env.cr.execute("SELECT pg_terminate_backend(%s)", [connection.get_backend_pid()])
            for _attempt in range(50):
                try:
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT 1")
                except psycopg2.Error as error:
                    return error
                time.sleep(0.05)
            raise AssertionError("the terminated connection still answers")
        finally:
            connection.close()

    def _own_error(self, sql):
        """The error of a query of the request's own, rolled back to its savepoint."""

        def run():
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                self.env.cr.execute(sql)

        return _error_of(run)

    def test_connection_refused_or_ended_is_unreachable(self):
        self.assertTrue(database_unreachable(self._refused()))
        self.assertTrue(database_unreachable(self._terminated()))

    def test_errors_of_the_request_are_not(self):
        cancelled = self._own_error("SET LOCAL statement_timeout = 1; SELECT pg_sleep(1)")
        self.assertEqual(cancelled.pgcode, "57014")
        self.assertFalse(database_unreachable(cancelled))
        self.assertFalse(database_unreachable(self._own_error("SELECT 1/0")))
        self.assertFalse(database_unreachable(ValueError("not a database error")))

    def test_error_raised_from_a_lost_connection_is_unreachable(self):
        """Odoo's retry loop rolls back on the dead connection, which raises again: the
        error that reaches the handler was raised while handling the first."""
        lost = self._terminated()
        try:
            try:
                raise lost
            except psycopg2.Error:
                raise RuntimeError("rollback failed") from None
        except RuntimeError as error:
            self.assertTrue(database_unreachable(error))

    def test_handler_answers_503_in_words(self):
        response = self.env.registry["ir.http"]._handle_error(self._terminated())
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.headers["Retry-After"], "30")
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        body = response.get_data(as_text=True)
        self.assertIn(UNAVAILABLE_TITLE, body)
        self.assertIn("you are still signed in", body)
        self.assertNotIn("Traceback", body)

    def test_post_load_wraps_the_dispatcher_once(self):
        """The manifest's ``post_load`` wraps Odoo's dispatcher when Odoo imports the
        addon (pytest-odoo imports it first, so Odoo skips the hook there: installing
        again is harmless, and wraps once)."""
        self.assertEqual(Manifest.for_addon("odoo_scr")["post_load"], "post_load")
        self.assertIs(odoo_scr.post_load, install)
        install()
        wrapped = http.Request._serve_db
        self.assertTrue(wrapped.scr_database_unavailable)
        install()
        self.assertIs(http.Request._serve_db, wrapped)

    def test_registry_unreachable_keeps_the_session(self):
        """The wrapper answers 503 for an unreachable database instead of letting Odoo
        log the session out and answer 404, and leaves any other registry failure to
        Odoo."""
        refused = self._refused()

        def unreachable(_request):
            raise http.RegistryError("Cannot get registry") from refused

        response = _serve_db_or_unavailable(unreachable)(None)
        self.assertEqual(response.status_code, 503)

        missing = self._own_error("SELECT * FROM scr_no_such_table")

        def broken(_request):
            raise http.RegistryError("Cannot get registry") from missing

        with self.assertRaises(http.RegistryError):
            _serve_db_or_unavailable(broken)(None)

    def test_connection_lost_outside_the_handlers(self):
        """The connection dropped at the rollback that opens a read/write transaction,
        or at the commit: no error handler ran, and Odoo would answer 500. An error that
        already has its answer keeps it."""
        lost = self._terminated()

        def rollback_failed(_request):
            raise lost

        self.assertEqual(_serve_db_or_unavailable(rollback_failed)(None).status_code, 503)
        answered = self._terminated()
        answered.error_response = "the handler's answer"

        def handled(_request):
            raise answered

        with self.assertRaises(psycopg2.Error):
            _serve_db_or_unavailable(handled)(None)
