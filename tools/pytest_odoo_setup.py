"""The database and the configuration that pytest-odoo runs odoo_scr's tests against.

pytest-odoo runs tests in an existing database: it never installs nor updates a module,
so a database left from before a change to the addon gives wrong answers. ``prepare``
makes the database fit the checkout: it creates it with odoo_scr and its demo data the
first time, and updates odoo_scr whenever the addon's files (its tests aside: they are
imported afresh by each run) differ from those it was last installed or updated from.
The fingerprint of those files is kept as the comment of the database, so that a
database dropped, restored or updated by hand is never taken for up to date.
``write_config`` writes the Odoo configuration file that pytest-odoo reads.

Used by the root ``conftest.py`` (plain ``pytest``) and by ``tools/scr.sh`` (``make
pytest``, ``make test``); run it alone to prepare the database and write the file::

    python3 tools/pytest_odoo_setup.py [--db NAME] [--config PATH] [--no-prepare]
"""

import argparse
import hashlib
import importlib.metadata
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDON = ROOT / "odoo_scr"
LOCAL = ROOT / ".local"
DEFAULT_DB = "odoo_scr_pytest"
STAMP = "odoo_scr fingerprint "
# What the database depends on besides the addon's own files.
PACKAGES = ("odoo", "odoo-addon-base-tier-validation", "holidays")


def say(message):
    print(f"[odoo_scr] {message}", file=sys.stderr, flush=True)


def database_name():
    return os.environ.get("SCR_PYTEST_DB", DEFAULT_DB)


def config_path(db):
    """Where the configuration of pytest-odoo for ``db`` is written."""
    return LOCAL / f"pytest-odoo-{db}.conf"


def pg_settings():
    """Where PostgreSQL is: the environment tools/scr.sh uses, with its defaults."""
    return {
        "host": os.environ.get("PGHOST", "127.0.0.1"),
        "port": os.environ.get("PGPORT", "5432"),
        "user": os.environ.get("PGUSER", "odoo"),
    }


def odoo_command(db, *args):
    """``python3 -m odoo`` as tools/scr.sh's ``odoo_cmd`` runs it, for database ``db``."""
    pg = pg_settings()
    return [
        os.environ.get("PYTHON") or sys.executable,
        "-m",
        "odoo",
        "-d",
        db,
        *args,
        f"--db_host={pg['host']}",
        f"--db_port={pg['port']}",
        f"--db_user={pg['user']}",
        f"--addons-path={ROOT}",
        f"--data-dir={LOCAL / 'data'}",
        "--http-interface=127.0.0.1",
    ]


def fingerprint():
    """A digest of everything the installed addon is made of: its files but its tests,
    and the versions of the packages it is installed with."""
    digest = hashlib.sha256()
    for package in PACKAGES:
        try:
            version = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{package}={version}\n".encode())
    for path in sorted(ADDON.rglob("*")):
        relative = path.relative_to(ADDON)
        if (
            not path.is_file()
            or relative.parts[0] == "tests"
            or "__pycache__" in relative.parts
            or path.suffix == ".pyc"
        ):
            continue
        digest.update(str(relative).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def connect(dbname="postgres"):
    import psycopg2  # installed with Odoo; imported only when a database is needed

    connection = psycopg2.connect(dbname=dbname, **pg_settings())
    connection.autocommit = True
    return connection


def pg_answers():
    try:
        connect().close()
    except Exception:  # any failure means: not reachable
        return False
    return True


def database_stamp(cursor, db):
    """None when ``db`` does not exist, else its comment ('' when it has none)."""
    cursor.execute(
        "SELECT coalesce(shobj_description(oid, 'pg_database'), '') "
        "FROM pg_database WHERE datname = %s",
        (db,),
    )
    row = cursor.fetchone()
    return row[0] if row else None


def drop_database(db):
    """Drop ``db`` and its filestore (a throwaway database of a test run)."""
    connection = connect()
    try:
        cursor = connection.cursor()
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (db,),
        )
        cursor.execute(f'DROP DATABASE IF EXISTS "{db}"')
    finally:
        connection.close()
    filestore = LOCAL / "data" / "filestore" / db
    if filestore.is_dir():
        subprocess.run(["rm", "-rf", str(filestore)], check=False)


def prepare(db):
    """Create ``db`` with odoo_scr and demo data, or update odoo_scr in it when the addon
    changed since; return what was done: 'created', 'updated' or 'up to date'."""
    want = STAMP + fingerprint()
    connection = connect()
    try:
        cursor = connection.cursor()
        # Two runs preparing the same database at once would install it twice.
        cursor.execute("SELECT pg_advisory_lock(hashtext(%s))", (f"odoo_scr pytest {db}",))
        stamp = database_stamp(cursor, db)
        if stamp == want:
            return "up to date"
        started = time.monotonic()
        if stamp is None:
            say(f"creating the database {db} for pytest-odoo (odoo_scr with demo data)")
            done = subprocess.run(
                odoo_command(db, "-i", "odoo_scr", "--with-demo", "--stop-after-init")
                + ["--log-level=warn"],
                check=False,
            )
            if done.returncode:
                drop_database(db)
                raise RuntimeError(f"installing odoo_scr in {db} failed (see above)")
            outcome = "created"
        else:
            say(f"updating odoo_scr in the database {db}: the addon changed since it was prepared")
            done = subprocess.run(
                odoo_command(db, "-u", "odoo_scr", "--stop-after-init") + ["--log-level=warn"],
                check=False,
            )
            if done.returncode:
                raise RuntimeError(f"updating odoo_scr in {db} failed (see above)")
            outcome = "updated"
        cursor.execute(f'COMMENT ON DATABASE "{db}" IS %s', (want,))
        say(f"database {db} {outcome} in {time.monotonic() - started:.0f} s")
        return outcome
    finally:
        connection.close()


def write_config(db, path):
    """The Odoo configuration file pytest-odoo reads (``--odoo-config``) for ``db``."""
    pg = pg_settings()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "# Written by tools/pytest_odoo_setup.py for pytest-odoo: do not edit.\n"
        "[options]\n"
        f"db_name = {db}\n"
        f"dbfilter = ^{db}$\n"
        f"db_host = {pg['host']}\n"
        f"db_port = {pg['port']}\n"
        f"db_user = {pg['user']}\n"
        f"addons_path = {ROOT}\n"
        f"data_dir = {LOCAL / 'data'}\n"
        "http_interface = 127.0.0.1\n"
        "max_cron_threads = 0\n",
        encoding="utf-8",
    )
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=database_name())
    parser.add_argument("--config", help="where to write it (.local/pytest-odoo-<db>.conf)")
    parser.add_argument(
        "--no-prepare", action="store_true", help="only write the configuration file"
    )
    args = parser.parse_args()
    if not args.no_prepare:
        prepare(args.db)
    print(write_config(args.db, args.config or config_path(args.db)))


if __name__ == "__main__":
    main()
