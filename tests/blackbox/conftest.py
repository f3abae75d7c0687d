"""A real odoo_scr server for the black-box tests, and its clients.

The session starts the server as ``make run`` does (``python3 -m odoo`` with this
repository's addons path, on 127.0.0.1), waits until it answers, and stops it at the end:

- ``SCR_BLACKBOX_DB=name`` serves that database: ``make test`` passes the one it has just
  installed with demo data (and drops it afterwards). Without it, a throwaway database
  ``odoo_scr_blackbox_<pid>`` is created with odoo_scr and its demo data (about a
  minute) and dropped at the end, filestore included.
- ``SCR_BLACKBOX_PORT`` is the port; without it, ``SCR_TEST_HTTP_PORT`` + 1 when that is
  set (``make test``), else a free port.

No cron runs (``--max-cron-threads=0``): what a test sees is what clients did. Before the
server starts, each demo user gets an API key for ``/json/2`` (make_api_keys.py).

``session("coordinator")`` is that demo user logged in (password = login): a
``client.Client`` with ``.call_kw``, ``.json2``, ``.get`` and ``.post_form``;
``anonymous`` is a visitor; ``ref("odoo_scr.demo_action_q_health_1")`` an id. A test
fails when the server logged an error (a crash, never a refusal: Odoo logs those as
warnings) while it ran; an error logged at start-up or shutdown fails the session.
"""

import importlib.util
import json
import os
import re
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

from .client import Client

ROOT = Path(__file__).resolve().parents[2]
LOCAL = ROOT / ".local"
START_TIMEOUT = 180
LOGGED_ERROR = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")


def _tools():
    spec = importlib.util.spec_from_file_location(
        "odoo_scr_pytest_odoo_setup", ROOT / "tools" / "pytest_odoo_setup.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _port():
    if os.environ.get("SCR_BLACKBOX_PORT"):
        return int(os.environ["SCR_BLACKBOX_PORT"])
    if os.environ.get("SCR_TEST_HTTP_PORT"):
        return int(os.environ["SCR_TEST_HTTP_PORT"]) + 1
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    url: str
    db: str
    log: Path
    api_keys: dict = field(default_factory=dict)

    def log_size(self):
        return self.log.stat().st_size

    def errors_since(self, offset):
        with self.log.open(encoding="utf-8", errors="replace") as handle:
            handle.seek(offset)
            text = handle.read()
        return [line for line in text.splitlines() if LOGGED_ERROR.match(line)]


def _wait_until_up(process, url, log):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.exit(f"the odoo_scr server stopped at start-up; see {log}", returncode=3)
        try:
            # The login page loads the registry: once it answers, so does the rest.
            if requests.get(f"{url}/web/login", timeout=30).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    pytest.exit(f"the odoo_scr server did not answer within {START_TIMEOUT} s; see {log}", 3)


def _stop(process):
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture(scope="session")
def server():
    tools = _tools()
    if not tools.pg_answers():
        pg = tools.pg_settings()
        pytest.exit(
            f"PostgreSQL at {pg['host']}:{pg['port']} does not answer: run `make setup` first.", 3
        )
    db = os.environ.get("SCR_BLACKBOX_DB")
    own = not db
    LOCAL.mkdir(exist_ok=True)
    if own:
        db = f"odoo_scr_blackbox_{os.getpid()}"
        installed = subprocess.run(
            tools.odoo_command(db, "-i", "odoo_scr", "--with-demo", "--stop-after-init")
            + ["--log-level=warn"],
            check=False,
        )
        if installed.returncode:
            tools.drop_database(db)
            pytest.exit(f"installing odoo_scr in the throwaway database {db} failed", 3)
    port = _port()
    log = LOCAL / f"blackbox-{os.getpid()}.log"
    process = None
    try:
        options = tools.odoo_command(db)[3:]  # without "python3 -m odoo"
        keys = subprocess.run(
            [tools.odoo_command(db)[0], str(Path(__file__).with_name("make_api_keys.py"))]
            + options
            + ["--log-level=warn"],
            check=True,
            capture_output=True,
            text=True,
        )
        with log.open("w") as output:
            process = subprocess.Popen(
                tools.odoo_command(db)
                + [
                    f"--db-filter=^{db}$",
                    f"--http-port={port}",
                    "--max-cron-threads=0",
                    "--log-level=info",
                ],
                stdout=output,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        url = f"http://127.0.0.1:{port}"
        _wait_until_up(process, url, log)
        instance = Server(url, db, log, json.loads(keys.stdout.strip().splitlines()[-1]))
        yield instance
        _stop(process)
        # Errors logged during a test failed that test; any other is outside every test.
        stray = [line for line in instance.errors_since(0) if line not in _TEST_ERRORS]
        assert not stray, "errors logged by the server outside any test:\n" + "\n".join(stray)
    finally:
        if process is not None:
            _stop(process)
        if own:
            tools.drop_database(db)


_TEST_ERRORS = set()


@pytest.fixture(autouse=True)
def no_server_error(server):
    """A test fails when the server logged an error while it ran: a refusal is a
    warning in Odoo's log, an error is a crash the client saw as a server error."""
    offset = server.log_size()
    yield
    errors = server.errors_since(offset)
    _TEST_ERRORS.update(errors)
    assert not errors, "the server logged errors during the test:\n" + "\n".join(errors)


@pytest.fixture
def session(server):
    """``session(login)``: that demo user logged in (password = login), one per test."""
    clients = {}

    def make(login, password=None):
        if login not in clients:
            clients[login] = Client(server, login, password)
        return clients[login]

    return make


@pytest.fixture
def anonymous(server):
    return Client(server)


@pytest.fixture(scope="session")
def admin(server):
    """The administrator, to arrange a case and to look behind a refusal."""
    return Client(server, "admin")


@pytest.fixture(scope="session")
def ref(admin):
    """``ref("odoo_scr.demo_action_q_health_1")``: the id of a record of the demo."""
    cache = {}

    def resolve(xmlid):
        if xmlid not in cache:
            module, name = xmlid.split(".", 1)
            rows = admin.call_kw(
                "ir.model.data",
                "search_read",
                [[("module", "=", module), ("name", "=", name)]],
                {"fields": ["res_id"]},
            )
            assert rows, f"no record {xmlid} in the demo data"
            cache[xmlid] = rows[0]["res_id"]
        return cache[xmlid]

    return resolve
