"""What a user sees while PostgreSQL cannot be reached (issue 19, fault 3).

Odoo 19 answers a request whose database it cannot reach with its generic pages: a 404
"not found" (``Request._serve_db`` gives up on the registry, logs the session out and
serves the request as if no database existed) or a 500 when the connection is lost in the
middle of the request. A partnership's officer submitting an update would read that the
page does not exist, then find themselves logged out. Here both become one clear answer,
HTTP 503 "Service Unavailable" with ``Retry-After``, and the session is kept: when
PostgreSQL is back (seconds, for a restart or a fail-over) the same page works again. The
web client treats a 503 without JSON as a lost connection ("Connection lost. Trying to
reconnect...") and tells the user when it is restored.

No database is needed to build the answer, so it is plain HTML in the partnership's
language, English (UK).
"""

import logging

import psycopg2

from odoo import http

_logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
UNAVAILABLE_TITLE = "Case reviews are briefly unavailable"
UNAVAILABLE_TEXT = (
    "The case-review service cannot reach its database at the moment, usually for a "
    "restart that takes less than a minute. Please wait a moment and try again: you are "
    "still signed in. If you were saving something, check whether it was saved before "
    "sending it again."
)
UNAVAILABLE_HTML = f"""<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"/><meta name="viewport" content="width=device-width"/>
<title>{UNAVAILABLE_TITLE}</title></head>
<body style="font-family: sans-serif; max-width: 36em; margin: 3em auto; padding: 0 1em;">
<h1>{UNAVAILABLE_TITLE}</h1>
<p>{UNAVAILABLE_TEXT}</p>
<p>If it lasts more than a few minutes, tell your partnership's business unit.</p>
</body>
</html>
"""


def database_unreachable(error):
    """Whether ``error``, or the error it was raised from, is PostgreSQL refusing or
    losing the connection rather than an error of the request's own SQL. psycopg2 gives
    no SQLSTATE when it cannot connect or the connection drops; a server that is
    shutting down or starting says so with class 08 (connection exception) or 57P
    (operator intervention). A query cancelled (57014) or a serialization failure
    (40001) is the request's own."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, (psycopg2.OperationalError, psycopg2.InterfaceError)) and (
            error.pgcode is None or error.pgcode.startswith(("08", "57P"))
        ):
            return True
        error = error.__cause__ or error.__context__
    return False


def unavailable_response():
    """The 503 page: built without the database, never cached."""
    return http.Response(
        UNAVAILABLE_HTML,
        status=503,
        headers=[
            ("Content-Type", "text/html; charset=utf-8"),
            ("Retry-After", str(RETRY_AFTER_SECONDS)),
            ("Cache-Control", "no-store"),
        ],
    )


def _serve_db_or_unavailable(serve_db):
    """``Request._serve_db`` answering 503, with the session kept, when PostgreSQL cannot
    be reached: when the registry cannot get a cursor (Odoo would log the session out and
    answer 404), or when the connection drops where no error handler runs (the rollback
    that opens a read/write transaction, the commit). An error that already carries its
    answer (``ir.http._handle_error``) and any other failure are left to Odoo."""

    def _serve_db(self):
        try:
            return serve_db(self)
        except Exception as error:
            if hasattr(error, "error_response") or not database_unreachable(error):
                raise
            _logger.warning("PostgreSQL unreachable, answered 503: %s", error.__cause__ or error)
            return unavailable_response()

    _serve_db.scr_database_unavailable = True
    return _serve_db


def install():
    """Wrap Odoo's request dispatching once per process (the manifest's ``post_load``,
    which runs when the addon is imported: at start-up when it is a server-wide module,
    as README "Running a national host" says, or with the first registry that loads it)."""
    if not getattr(http.Request._serve_db, "scr_database_unavailable", False):
        http.Request._serve_db = _serve_db_or_unavailable(http.Request._serve_db)
