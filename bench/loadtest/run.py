"""The load test, the faults and the replica run of issue 19 (README, Scaling).

    python3 bench/loadtest/run.py load      # make loadtest
    python3 bench/loadtest/run.py replica   # make replica: primary only, then with a replica
    python3 bench/loadtest/run.py faults    # make faults (SCR_FAULTS=1,3 for some of them)

Everything runs on this machine and talks to 127.0.0.1 only: a PostgreSQL cluster of
its own (``.local/loadtest/pg-primary``, port 5440, fsync on; a streaming replica on
5441 for ``replica``), Odoo as in production (prefork workers, a cron worker, the
limits of README's "Running a national host") on port 8500, and Locust (installed in
``.local/locust-venv``: its pinned dependencies conflict with Odoo's) as the users.

The data set is bench/dataset.py's (``SCR_BENCH_SCALE``, default 1, the national
volume; 0.1 for a quick try), built once in a template database (fsync off while it is built,
then the cluster restarts with fsync on) and copied for each run, since every run
writes. The addon served is the committed one (``git archive HEAD``), not the working
tree, so that a run measures a known version.

Environment: SCR_BENCH_SCALE, SCR_LOAD_USERS (50), SCR_LOAD_SECONDS (120),
SCR_FAULTS (1,2,3,4,5), SCR_LOAD_REF (HEAD), SCR_LOAD_WORKERS (4),
SCR_LOAD_WAIT (think time, "5,15" s), SCR_LOAD_MAIL (queue, or send: mail_mode).
Locust runs as one process (its warm-up counts the users of one process); its own CPU
is printed. Exit status 1 when a target or a fault check misses.
"""

import collections
import contextlib
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg2
import requests

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "bench" / "loadtest"
WORK = ROOT / ".local" / "loadtest"
PG_BIN = Path(os.environ.get("SCR_PG_BIN", "/usr/lib/postgresql/15/bin"))
LOCUST = ROOT / ".local" / "locust-venv" / "bin" / "locust"
PRIMARY_PORT, REPLICA_PORT = 5440, 5441
HTTP_PORT = 8500
BASE = f"http://127.0.0.1:{HTTP_PORT}"
SCALE = float(os.environ.get("SCR_BENCH_SCALE", "1"))
USERS = int(os.environ.get("SCR_LOAD_USERS", "50"))
SECONDS = int(os.environ.get("SCR_LOAD_SECONDS", "120"))
DB = "scr_load"
# the commit whose addon is served: HEAD by default; pinned, a commit made meanwhile on
# a shared tree does not rebuild the data set between two runs
REF = os.environ.get("SCR_LOAD_REF", "HEAD")
TEMPLATE = f"scr_load_tpl_{str(SCALE).replace('.', '_')}"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
# README, "Running a national host" says 2 x cores + 1 HTTP workers for a host of its own;
# here Odoo shares the 2 cores with PostgreSQL and Locust, so 4 HTTP workers (the one
# more than the cores that keeps a core busy while a worker waits on PostgreSQL) and
# the cron worker.
WORKERS = int(os.environ.get("SCR_LOAD_WORKERS", "4"))
WAIT = os.environ.get("SCR_LOAD_WAIT", "5,15")
MAIL = os.environ.get("SCR_LOAD_MAIL", "queue")  # or "send" (mail_mode)
SERVER_LIMITS = [
    "--max-cron-threads=1",
    "--limit-memory-soft=1073741824",
    "--limit-memory-hard=1610612736",
    "--limit-time-real-cron=120",
    "--limit-time-cpu=60",
    "--limit-time-real=120",
    f"--db_maxconn={2 * WORKERS + 4}",
]
PAGE_P95_MS, WRITE_P95_MS = 300, 800
# The deadline crons' backlog, README "Running a national host": --limit-time-real-cron
# covers it many times over; bench/national.py's target for one cron is 60 s.
CRON_BACKLOG_SECONDS = 120
PG_SETTINGS = [
    "listen_addresses=127.0.0.1",
    "fsync=on",
    "synchronous_commit=on",
    "full_page_writes=on",
    "shared_buffers=2GB",
    "effective_cache_size=8GB",
    "work_mem=32MB",
    "random_page_cost=1.1",
    "max_connections=200",
    "wal_level=replica",
    "max_wal_senders=4",
    "hot_standby=on",
]


def say(message):
    print(f"[loadtest] {message}", flush=True)


# ----------------------------------------------------------------------------------
# PostgreSQL
# ----------------------------------------------------------------------------------
def pg_owner():
    if os.getuid() != 0:
        return None
    for name in ("postgres", "odooscr"):
        with contextlib.suppress(KeyError):
            import pwd

            pwd.getpwnam(name)
            return name
    subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "odooscr"],
        check=True,
    )
    return "odooscr"


def as_owner(command):
    owner = pg_owner()
    return ["runuser", "-u", owner, "--", *command] if owner else command


class Cluster:
    def __init__(self, name, port):
        self.data = WORK / f"pg-{name}"
        self.port = port
        self.log = WORK / f"pg-{name}.log"

    def options(self, extra=()):
        settings = [*PG_SETTINGS, *extra]
        return f"-p {self.port} -k /tmp " + " ".join(f"-c {s}" for s in settings)

    def pg_ctl(self, *args, check=True):
        return subprocess.run(
            as_owner([str(PG_BIN / "pg_ctl"), "-D", str(self.data), *args]),
            check=check,
            stdout=subprocess.DEVNULL,
        )

    def init(self):
        if (self.data / "PG_VERSION").exists():
            return
        self.data.mkdir(parents=True, exist_ok=True)
        self._own(self.data)
        self.data.chmod(0o700)
        subprocess.run(
            as_owner(
                [
                    str(PG_BIN / "initdb"),
                    "-D",
                    str(self.data),
                    "-U",
                    "odoo",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def _own(self, path):
        owner = pg_owner()
        if owner:
            shutil.chown(path, owner)

    def running(self):
        if not (self.data / "PG_VERSION").exists():
            return False
        return self.pg_ctl("status", check=False).returncode == 0

    def start(self, extra=()):
        if self.running():
            return
        self.log.touch()
        self._own(self.log)
        self.pg_ctl("-l", str(self.log), "-w", "-t", "120", "-o", self.options(extra), "start")

    def stop(self):
        if self.running():
            self.pg_ctl("-m", "fast", "-w", "-t", "120", "stop", check=False)

    def restart(self, extra=()):
        self.pg_ctl(
            "-l",
            str(self.log),
            "-m",
            "fast",
            "-w",
            "-t",
            "120",
            "-o",
            self.options(extra),
            "restart",
        )

    def connect(self, db="postgres"):
        connection = psycopg2.connect(host="127.0.0.1", port=self.port, user="odoo", dbname=db)
        connection.autocommit = True
        return connection

    def sql(self, query, params=None, db="postgres"):
        with contextlib.closing(self.connect(db)) as connection, connection.cursor() as cr:
            cr.execute(query, params)
            return cr.fetchall() if cr.description else None


PRIMARY = Cluster("primary", PRIMARY_PORT)
REPLICA = Cluster("replica", REPLICA_PORT)


# ----------------------------------------------------------------------------------
# The data set
# ----------------------------------------------------------------------------------
def addons_snapshot():
    """The committed addon (HEAD, or SCR_LOAD_REF), and the hash of its tree."""
    tree = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", f"{REF}:odoo_scr"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    target = WORK / "addons"
    stamp = target / ".tree"
    if not stamp.exists() or stamp.read_text() != tree:
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", REF, "odoo_scr"], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
        stamp.write_text(tree)
    return target, tree


def odoo_bin():
    """The server's script: odoo-bin with one fix for this machine's gevent
    (bench/loadtest/odoo_server.py says which), so that the prefork master's gevent
    process starts instead of being respawned every second."""
    return str(HERE / "odoo_server.py")


def odoo_args(db, data_dir=None):
    addons, _tree = addons_snapshot()
    return [
        "-d",
        db,
        "--db_host=127.0.0.1",
        f"--db_port={PRIMARY_PORT}",
        "--db_user=odoo",
        f"--addons-path={addons}",
        f"--data-dir={data_dir or WORK / 'data'}",
        "--http-interface=127.0.0.1",
    ]


def odoo(*args, timeout=3600):
    subprocess.run([sys.executable, "-m", "odoo", *args], check=True, timeout=timeout)


def databases():
    return {row[0] for row in PRIMARY.sql("SELECT datname FROM pg_database")}


def drop_database(db):
    if db in databases():
        PRIMARY.sql(f'ALTER DATABASE "{db}" IS_TEMPLATE false')
        PRIMARY.sql(f'DROP DATABASE "{db}" WITH (FORCE)')


def mark_template(db):
    """A source database marked as a template: Odoo's database list (``list_dbs``, what
    the cron worker runs on when the server has no ``-d``) leaves it out."""
    PRIMARY.sql(f'ALTER DATABASE "{db}" IS_TEMPLATE true')


def ensure_template():
    """The data set, built once per scale and addon version in a template database."""
    _addons, tree = addons_snapshot()
    PRIMARY.init()
    if TEMPLATE in databases():
        built = PRIMARY.sql(
            "SELECT value FROM ir_config_parameter WHERE key = 'odoo_scr.loadtest_tree'",
            db=TEMPLATE,
        )
        PRIMARY.start()
        if built and built[0][0] == tree:
            return
        say(f"the addon changed since {TEMPLATE} was built: updating it")
        drop_database(f"{TEMPLATE}_prepared")
        odoo(*odoo_args(TEMPLATE), "-u", "odoo_scr", "--stop-after-init", "--log-level=warn")
    else:
        say(f"building {TEMPLATE} (scale {SCALE}; fsync off while it is built)")
        PRIMARY.stop()
        PRIMARY.start(["fsync=off", "synchronous_commit=off"])
        odoo(
            *odoo_args(TEMPLATE), "-i", "odoo_scr,project", "--stop-after-init", "--log-level=warn"
        )
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "national.py"),
                "--build-only",
                "--scale",
                str(SCALE),
                *odoo_args(TEMPLATE),
                "--log-level=warn",
            ],
            check=True,
            timeout=3600,
        )
        PRIMARY.sql("CHECKPOINT")
        PRIMARY.stop()
    PRIMARY.start()
    PRIMARY.sql(
        "INSERT INTO ir_config_parameter (key, value) VALUES "
        "('odoo_scr.loadtest_tree', %s) ON CONFLICT (key) DO UPDATE SET value = %s",
        [tree, tree],
        db=TEMPLATE,
    )
    mark_template(TEMPLATE)


def copy_database(source, db, data_dir=None):
    data_dir = Path(data_dir or WORK / "data")
    drop_database(db)
    PRIMARY.sql(f'CREATE DATABASE "{db}" TEMPLATE "{source}" STRATEGY FILE_COPY')
    filestore = data_dir / "filestore" / db
    if filestore.is_mount():
        for child in filestore.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    else:
        shutil.rmtree(filestore, ignore_errors=True)
    origin = WORK / "data" / "filestore" / source
    if origin.exists():
        shutil.copytree(origin, filestore, dirs_exist_ok=True)


def fresh_copy(db=DB, data_dir=None):
    """A fresh copy of the prepared data set (bench/loadtest/prepare.py, run once per
    template on a copy of it), with its filestore."""
    ensure_template()
    prepared = f"{TEMPLATE}_prepared"
    config = WORK / f"{prepared}.json"
    if prepared not in databases() or not config.exists():
        say(f"preparing {prepared} for the users (once)")
        copy_database(TEMPLATE, prepared)
        subprocess.run(
            [
                sys.executable,
                str(HERE / "prepare.py"),
                "--out",
                str(config),
                *odoo_args(prepared),
                "--log-level=warn",
            ],
            check=True,
            timeout=1800,
        )
    mark_template(TEMPLATE)
    mark_template(prepared)
    copy_database(prepared, db, data_dir)
    mail_mode(db)
    return json.loads(config.read_text()), config


def mail_mode(db):
    """How the copy sends e-mails. ``queue`` (the default), as README "Running a national
    host" advises: ``mail.mail.force.send.limit`` 0, so that notifications wait for
    Odoo's mail queue cron instead of being sent to the SMTP server inside the user's
    request. ``send`` (``SCR_LOAD_MAIL=send``) keeps Odoo's default: under 100 e-mails,
    sent after the commit and before the answer (here, with no SMTP server, each
    attempt fails fast and leaves its e-mail in exception)."""
    if MAIL == "queue":
        PRIMARY.sql(
            "INSERT INTO ir_config_parameter (key, value) VALUES "
            "('mail.mail.force.send.limit', '0') ON CONFLICT (key) DO UPDATE SET value = '0'",
            db=db,
        )


# ----------------------------------------------------------------------------------
# Odoo, as in production
# ----------------------------------------------------------------------------------
class Server:
    def __init__(self, db=DB, workers=WORKERS, replica=False, data_dir=None, name="odoo"):
        self.log = WORK / f"{name}.log"
        command = [
            sys.executable,
            odoo_bin(),
            # No -d: given -d, the prefork master preloads the registry and then connects
            # to PostgreSQL each time it respawns a worker; if PostgreSQL is down at that
            # moment the master exits ("Stopping forcefully": fault 3). The database is
            # chosen by --db-filter, as on a host serving its databases.
            *odoo_args(db, data_dir)[2:],
            f"--db-filter=^{db}$",
            f"--http-port={HTTP_PORT}",
            f"--gevent-port={HTTP_PORT + 1}",
            f"--workers={workers}",
            # odoo_scr server-wide, as README "Running a national host" says: its
            # post_load wraps Odoo's dispatch in every worker from the start, so that
            # a request meeting PostgreSQL down gets the clear 503 (fault 3).
            "--load=base,rpc,web,odoo_scr",
            *SERVER_LIMITS,
            "--log-level=info",
            f"--logfile={self.log}",
        ]
        if replica:
            command += ["--db_replica_host=127.0.0.1", f"--db_replica_port={REPLICA_PORT}"]
        self.log.unlink(missing_ok=True)
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{BASE}/web/login", timeout=10).status_code == 200:
                    return
            if self.process.poll() is not None:
                break
            time.sleep(1)
        self.stop()
        raise RuntimeError(f"Odoo did not answer on {BASE}; see {self.log}")

    def workers(self, kind):
        """Live pids of the workers of ``kind`` (WorkerHTTP, WorkerCron), from the log."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        pids = [int(pid) for pid in re.findall(rf"Worker {kind} \((\d+)\) alive", text)]
        return [
            pid
            for pid in dict.fromkeys(pids)
            if Path(f"/proc/{pid}").exists()
            and Path(f"/proc/{pid}/status").read_text().find("State:\tZ") < 0
        ]

    def errors(self, since=""):
        """ERROR and CRITICAL lines of the log, but for the serialization conflicts
        (a "bad query" whose error is "could not serialize access"): Odoo retries
        those (up to five times); one that still failed would reach the user as a
        failed request. They are counted by ``retried()``."""
        lines = self.log.read_text(errors="replace").splitlines() if self.log.exists() else []
        return [
            line
            for n, line in enumerate(lines)
            if (" ERROR " in line or " CRITICAL " in line)
            and line[:23] >= since
            and not (
                " odoo.sql_db: bad query" in line
                and any("could not serialize access" in x for x in lines[n + 1 : n + 4])
            )
        ]

    def retried(self):
        """Serialization conflicts that Odoo retried (``odoo.service.model``)."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return text.count("SERIALIZATION_FAILURE")

    def stop(self):
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)


def session(login):
    client = requests.Session()
    page = client.get(f"{BASE}/web/login", timeout=30).text
    response = client.post(
        f"{BASE}/web/login",
        timeout=30,
        allow_redirects=False,
        data={
            "login": login,
            "password": login,
            "redirect": "/odoo",
            "csrf_token": CSRF.search(page).group(1),
        },
    )
    assert response.status_code in (302, 303), (login, response.status_code)
    return client


def call_kw(client, model, method, args, kwargs=None, company=None):
    """The web client's JSON-RPC call, its HTTP response as it came."""
    context = {"lang": "en_US", "tz": "Europe/London"}
    if company:
        context["allowed_company_ids"] = [company]
    return client.post(
        f"{BASE}/web/dataset/call_kw/{model}/{method}",
        timeout=60,
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": {"context": context, **(kwargs or {})},
            },
        },
    )


def rpc(client, model, method, args, kwargs=None, company=None):
    """A JSON-RPC call's HTTP status and, when 200, its decoded answer."""
    response = call_kw(client, model, method, args, kwargs, company)
    return response.status_code, (response.json() if response.status_code == 200 else None)


# ----------------------------------------------------------------------------------
# Crons
# ----------------------------------------------------------------------------------
def deadline_cron_ids(db=DB):
    sys.path.insert(0, str(ROOT / "bench"))
    from national import CRONS

    names = [spec["xmlid"].split(".", 1)[1] for spec in CRONS]
    return [
        row[0]
        for row in PRIMARY.sql(
            "SELECT res_id FROM ir_model_data WHERE module = 'odoo_scr' "
            "AND model = 'ir.cron' AND name = ANY(%s)",
            [names],
            db=db,
        )
    ]


def hold_crons(db=DB):
    """The deadline crons not due until released (the backlog starts when measured)."""
    PRIMARY.sql(
        "UPDATE ir_cron SET nextcall = now() AT TIME ZONE 'UTC' + interval '1 day' "
        "WHERE id = ANY(%s)",
        [deadline_cron_ids(db)],
        db=db,
    )


def release_crons(db=DB):
    """The deadline crons due now, and the cron worker woken (as ``ir.cron._trigger``
    does: otherwise it looks again only after its 60-70 s sleep)."""
    PRIMARY.sql(
        "UPDATE ir_cron SET nextcall = now() AT TIME ZONE 'UTC' - interval '1 minute', "
        "active = true WHERE id = ANY(%s)",
        [deadline_cron_ids(db)],
        db=db,
    )
    # the cron worker listens on the "postgres" database, as ir.cron._notifydb notifies
    PRIMARY.sql("SELECT pg_notify('cron_trigger', %s)", [db])


def cron_remaining(cluster, db=DB):
    """What the deadline crons still have to do (bench/national.py's definitions)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from national import CRONS

    import datetime

    today = datetime.date.today()
    return sum(
        cluster.sql(f"SELECT count(*) FROM ({spec['due']}) d", {"today": today}, db=db)[0][0]
        for spec in CRONS
    )


class CronWatch(threading.Thread):
    """Polls the crons' backlog every second until it is done (or ``limit`` s)."""

    def __init__(self, started, limit=600):
        super().__init__(daemon=True)
        self.started, self.limit, self.finished_after, self.last = started, limit, None, None
        self.stop_event = threading.Event()

    def run(self):
        while not self.stop_event.is_set() and time.monotonic() - self.started < self.limit:
            with contextlib.suppress(psycopg2.Error):
                self.last = cron_remaining(PRIMARY)
                if self.last == 0:
                    self.finished_after = time.monotonic() - self.started
                    return
            time.sleep(1)


def due_checks(db=DB):
    """Each record the crons had due got exactly one activity of its cron's type, one
    chatter note per cron, and the e-mails list each reminded action once."""
    rows = PRIMARY.sql(
        """
        SELECT d.cron, count(*),
               count(*) FILTER (WHERE n = 0), count(*) FILTER (WHERE n > 1)
          FROM (SELECT d.cron, (SELECT count(*) FROM mail_activity a
                                 WHERE a.res_model = d.model AND a.res_id = d.res_id
                                   AND a.activity_type_id = d.activity_type_id
                                   AND a.create_date >= d.taken) AS n
                  FROM loadtest_due d) d
         GROUP BY d.cron ORDER BY d.cron""",
        db=db,
    )
    checks = []
    for cron, due, missing, duplicated in rows:
        checks.append(
            (
                missing == 0 and duplicated == 0,
                f"{cron.split('.')[-1]}: {due} due, {missing} activities missing, "
                f"{duplicated} duplicated",
            )
        )
    notes = PRIMARY.sql(
        """
        SELECT count(*) FILTER (WHERE m.n < d.crons), count(*) FILTER (WHERE m.n > d.crons)
          FROM (SELECT model, res_id, count(*) AS crons, min(taken) AS taken
                  FROM loadtest_due GROUP BY model, res_id) d
          JOIN LATERAL (SELECT count(*) AS n FROM mail_message m
                         WHERE m.model = d.model AND m.res_id = d.res_id
                           AND m.message_type = 'notification'
                           AND m.create_date >= d.taken) m ON true""",
        db=db,
    )[0]
    checks.append(
        (
            notes == (0, 0),
            f"chatter notes: {notes[0]} records missing one, {notes[1]} with one too many",
        )
    )
    reminded = PRIMARY.sql("SELECT count(*) FROM loadtest_due WHERE cron LIKE '%remind%'", db=db)[
        0
    ][0]
    listed = PRIMARY.sql(
        r"""SELECT coalesce(sum(substring(subject FROM ': (\d+) case review action')::int), 0),
                   count(*)
              FROM mail_message WHERE subject LIKE '%%case review action(s) falling due'
               AND create_date >= (SELECT min(taken) FROM loadtest_due)""",
        db=db,
    )[0]
    checks.append(
        (
            listed[0] == reminded,
            f"e-mails: {listed[1]} queued listing {listed[0]} "
            f"actions, {reminded} were due a reminder",
        )
    )
    return checks


# ----------------------------------------------------------------------------------
# The load test
# ----------------------------------------------------------------------------------
def run_locust(config_path, label, seconds=SECONDS, users=USERS, on_measure=None):
    """Locust, headless: each user logs in and does each of its tasks once (the warm-up:
    the logins, the workers' first renderings), then, once every user is warm, the
    figures are reset and ``seconds`` are measured (locustfile.py). ``on_measure`` is
    called when the measure starts. Returns the figures, with Locust's own CPU time
    and the load average during the measure."""
    stats_path = WORK / f"locust-{label}.json"
    started_path = WORK / f"locust-{label}.started"
    stats_path.unlink(missing_ok=True)
    started_path.unlink(missing_ok=True)
    if not LOCUST.exists():
        raise RuntimeError(f"{LOCUST} is missing: tools/scr.sh loadtest installs it")
    env = {
        **os.environ,
        "SCR_LOAD_CONFIG": str(config_path),
        "SCR_LOAD_STATS": str(stats_path),
        "SCR_LOAD_STARTED": str(started_path),
        "SCR_LOAD_SECONDS": str(seconds),
        "SCR_LOAD_USERS": str(users),
        "SCR_LOAD_WAIT": WAIT,
    }
    say(
        f"Locust: {users} users, think time {WAIT.replace(',', '-')} s, warm-up then "
        f"{seconds} s measured against {BASE} ({label})"
    )
    command = [
        str(LOCUST),
        "-f",
        str(HERE / "locustfile.py"),
        "--headless",
        "-u",
        str(users),
        "-r",
        str(max(1, users // 10)),
        # a bound only: the locustfile quits once the measure is over
        "-t",
        f"{seconds + 300}s",
        "--host",
        BASE,
        "--stop-timeout",
        "30",
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    log = (WORK / f"locust-{label}.log").open("w")
    before = os.times()
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    loads, measure_started = [], None
    deadline = time.monotonic() + seconds + 420
    while process.poll() is None and time.monotonic() < deadline:
        if measure_started is None and started_path.exists():
            measure_started = time.monotonic()
            say("every user warm: measuring")
            if on_measure:
                on_measure()
        if measure_started is not None:
            loads.append(os.getloadavg()[0])
        time.sleep(1)
    if process.poll() is None:
        process.kill()
    process.wait()
    after = os.times()
    log.close()
    result = json.loads(stats_path.read_text())
    result["locust_cpu_s"] = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    result["measured_s"] = (time.monotonic() - measure_started) if measure_started else None
    result["load"] = (min(loads), max(loads), sum(loads) / len(loads)) if loads else None
    result["load_after"] = os.getloadavg()
    return result


def is_write(name):
    return name.endswith("(write)")


def report(result, label, cron_seconds=None, server_errors=(), retried=0):
    stats = {k: v for k, v in result["stats"].items() if not k.startswith("login")}
    print()
    print(f"== {label} ==")
    print(
        f"{'request':<40} {'reqs':>6} {'fail':>5} {'med ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
        f"{'req/s':>6}  target"
    )
    misses = []
    # The targets judge the addon. Odoo's own project portal and task list run beside it
    # under the same load as the yardstick: shown against the same limits, a slow
    # reference page is reported, not counted as the addon's miss (a failed one is).
    over_reference = []
    for name in sorted(stats):
        row = stats[name]
        refused = name.endswith("(refused)")
        reference = name.startswith("ref:")
        limit = WRITE_P95_MS if is_write(name) else PAGE_P95_MS
        target = "refusal, apart" if refused else f"p95<{limit}" + (" (ref)" if reference else "")
        print(
            f"{name:<40} {row['requests']:>6} {row['failures']:>5} {row['median']:>7.0f} "
            f"{row['p95']:>7.0f} {row['p99']:>7.0f} {row['rps']:>6.2f}  {target}"
        )
        if refused:
            continue
        if row["failures"]:
            misses.append(f"{name}: {row['failures']} failed")
        if row["p95"] > limit:
            (over_reference if reference else misses).append(
                f"{name}: p95 {row['p95']:.0f} ms > {limit} ms"
            )
    groups = {
        "odoo_scr portal (/my/scr)": [n for n in stats if n.startswith("portal:")],
        "Odoo project portal (/my/tasks)": [
            n for n in stats if n.startswith("ref:") and "task list" not in n
        ],
    }
    rates = {g: sum(stats[n]["rps"] for n in names) for g, names in groups.items()}
    print()
    for group, rate in rates.items():
        print(f"throughput {group:<34} {rate:6.2f} req/s")
    pairs = [
        ("portal: action list", "ref: /my/tasks"),
        ("portal: action page", "ref: task page"),
        ("portal: update+evidence (write)", "ref: message+file (write)"),
        ("web: action list", "ref: task list (web)"),
    ]
    for ours, theirs in pairs:
        if ours in stats and theirs in stats and stats[theirs]["p95"]:
            print(
                f"ratio p95 {ours:<32} / {theirs:<26} "
                f"{stats[ours]['p95'] / stats[theirs]['p95']:.2f}x   "
                f"req/s {stats[ours]['rps']:.2f} vs {stats[theirs]['rps']:.2f}"
            )
    ours, theirs = rates["odoo_scr portal (/my/scr)"], rates["Odoo project portal (/my/tasks)"]
    if ours < theirs:
        misses.append(f"portal throughput {ours:.2f} req/s < /my/tasks {theirs:.2f} req/s")
    print(f"total {result['total_rps']:.1f} req/s; {len(result['errors'])} distinct errors")
    if result.get("load"):
        low, high, mean = result["load"]
        print(
            f"load average (1 min) during the measure: {mean:.2f} (from {low:.2f} to "
            f"{high:.2f}), measured {result['measured_s'] or 0:.0f} s"
        )
    wall = result.get("locust_wall_s") or 0
    if wall:
        print(
            f"Locust's own CPU: {result['locust_cpu_s']:.0f} s over its {wall:.0f} s "
            f"({100 * result['locust_cpu_s'] / wall:.0f}% of one core, one process)"
        )
    for error in result["errors"][:10]:
        print(f"  error x{error['count']} {error['name']}: {error['error'][:160]}")
    if cron_seconds is not None:
        done = cron_seconds[0]
        print(
            f"crons: backlog of {cron_seconds[1]} records done "
            + (f"after {done:.0f} s" if done is not None else "NOT done")
            + f" of the run (target {CRON_BACKLOG_SECONDS} s)"
        )
        if done is None or done > CRON_BACKLOG_SECONDS:
            misses.append("cron backlog not done in time")
    print(f"serialization conflicts retried by Odoo (not failures): {retried}")
    for line in list(server_errors)[:5]:
        print(f"  server: {line[:200]}")
    if server_errors:
        misses.append(f"{len(server_errors)} errors in the server's log")
    for line in over_reference:
        print(f"reference over its limit (Odoo's own page, not the addon's miss): {line}")
    return misses


def cmd_load(replica=False, label="primary only"):
    config, config_path = fresh_copy()
    due = sum(config["due"].values())
    hold_crons()
    server = Server(replica=replica)
    watch = None
    since = ""  # then the time the measure starts: the warm-up's errors apart

    def measure():
        nonlocal watch, since
        now = time.time()
        since = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(now))
        since += f",{int(now * 1000) % 1000:03d}"
        release_crons()
        watch = CronWatch(time.monotonic(), limit=max(CRON_BACKLOG_SECONDS, SECONDS) + 60)
        watch.start()

    try:
        started = time.monotonic()
        result = run_locust(config_path, label.replace(" ", "-"), on_measure=measure)
        result["locust_wall_s"] = time.monotonic() - started
        if watch:
            # the users are gone; the backlog gets until its target, no more
            watch.join(max(0.0, CRON_BACKLOG_SECONDS - (time.monotonic() - watch.started)) + 2)
            watch.stop_event.set()
        return result, report(
            result,
            f"{label}: {USERS} users, think time {WAIT.replace(',', '-')} s, {SECONDS} s, "
            f"scale {SCALE}, {WORKERS} HTTP workers + 1 cron, e-mails {MAIL}",
            (watch.finished_after if watch else None, due),
            server.errors(since),
            server.retried(),
        )
    finally:
        server.stop()


def load():
    PRIMARY.init()
    PRIMARY.start()
    _result, misses = cmd_load()
    return finish(misses)


def finish(misses):
    print()
    for miss in misses:
        print(f"MISSED  {miss}")
    print("all targets hold" if not misses else f"{len(misses)} target(s) missed")
    return 1 if misses else 0


# ----------------------------------------------------------------------------------
# The replica
# ----------------------------------------------------------------------------------
def start_replica():
    PRIMARY.start()
    if REPLICA.running():
        REPLICA.stop()
    shutil.rmtree(REPLICA.data, ignore_errors=True)
    REPLICA.data.mkdir(parents=True)
    REPLICA._own(REPLICA.data)
    REPLICA.data.chmod(0o700)
    say(
        "streaming replica: pg_basebackup of the primary, then hot standby on "
        f"127.0.0.1:{REPLICA_PORT}"
    )
    subprocess.run(
        as_owner(
            [
                str(PG_BIN / "pg_basebackup"),
                "-h",
                "127.0.0.1",
                "-p",
                str(PRIMARY_PORT),
                "-U",
                "odoo",
                "-D",
                str(REPLICA.data),
                "-R",
                "-X",
                "stream",
                "-c",
                "fast",
            ]
        ),
        check=True,
        timeout=3600,
    )
    REPLICA.start()
    lag_deadline = time.monotonic() + 120
    while time.monotonic() < lag_deadline:
        rows = PRIMARY.sql("SELECT state FROM pg_stat_replication")
        if rows and rows[0][0] == "streaming":
            return
        time.sleep(1)
    raise RuntimeError("the replica does not stream")


def replica():
    PRIMARY.init()
    PRIMARY.start()
    misses = []
    _first, first_misses = cmd_load(label="primary only")
    misses += [f"primary only: {m}" for m in first_misses]
    start_replica()
    try:
        before = (
            REPLICA.sql(
                "SELECT sum(xact_commit + xact_rollback) FROM pg_stat_database WHERE datname = %s",
                [DB],
            )[0][0]
            or 0
        )
        _second, second_misses = cmd_load(replica=True, label="primary + replica")
        served = (
            REPLICA.sql(
                "SELECT sum(xact_commit + xact_rollback) FROM pg_stat_database WHERE datname = %s",
                [DB],
            )[0][0]
            or 0
        ) - before
        print(f"transactions served by the replica during the run: {served}")
        if not served:
            misses.append("the replica served nothing")
        misses += [f"primary + replica: {m}" for m in second_misses]
    finally:
        REPLICA.stop()
    return finish(misses)


# ----------------------------------------------------------------------------------
# The faults
# ----------------------------------------------------------------------------------
def pdf(marker, size=20_000):
    body = f"% {marker}\n".encode() * (size // (len(marker) + 3))
    return b"%PDF-1.4\n" + body + b"trailer<</Root 1 0 R>>\n%%EOF\n"


def unavailable(response):
    """The addon's answer while PostgreSQL cannot be reached
    (odoo_scr/database_unavailable.py): 503, Retry-After, and its words."""
    return (
        response.status_code == 503
        and response.headers.get("Retry-After")
        and "briefly unavailable" in response.text
    )


def portal_update(client, action, marker, content):
    """A progress update with its evidence; returns 'saved', 'refused: ...', or the
    error the user saw ('error: unavailable' for the clear 503)."""
    try:
        page = client.get(f"{BASE}/my/scr/actions/{action}", timeout=60)
        token = CSRF.search(page.text)
        if unavailable(page):
            return "error: unavailable"
        if "/web/login" in page.url:
            return "error: logged out"
        if page.status_code != 200 or not token:
            return f"error: page HTTP {page.status_code}"
        response = client.post(
            f"{BASE}/my/scr/actions/{action}/update",
            timeout=60,
            allow_redirects=False,
            data={"csrf_token": token.group(1), "note": marker, "progress": "50"},
            files={"files": (f"{marker}.pdf", content, "application/pdf")},
        )
        if unavailable(response):
            return "error: unavailable"
        if response.status_code not in (302, 303):
            return f"error: HTTP {response.status_code}"
        after = client.get(f"{BASE}/my/scr/actions/{action}", timeout=60)
        if unavailable(after):
            return "error: unavailable (after the update was sent)"
        after = after.text
        if "Your update has been saved" in after:
            return "saved"
        refusal = re.search(r"alert-danger[^>]*>\s*(.*?)\s*<", after, re.S)
        return f"refused: {refusal.group(1)[:160] if refusal else 'no message'}"
    except requests.RequestException as error:
        return f"error: {type(error).__name__}"


def update_consistency(markers, db=DB, data_dir=None):
    """Updates and files of the markers: each update with its file and each file with
    its update, every file whole on disk."""
    rows = PRIMARY.sql(
        """
        SELECT m.marker,
               (SELECT count(*) FROM scr_action_update u WHERE u.note::text LIKE
                    '%%' || m.marker || '%%'),
               (SELECT count(*) FROM ir_attachment a
                  JOIN scr_action_evidence_rel e ON e.attachment_id = a.id
                 WHERE a.name = m.marker || '.pdf'),
               (SELECT array_agg(a.store_fname || ':' || a.file_size) FROM ir_attachment a
                 WHERE a.name = m.marker || '.pdf')
          FROM unnest(%s::text[]) AS m(marker)""",
        [list(markers)],
        db=db,
    )
    filestore = Path(data_dir or WORK / "data") / "filestore" / db
    result = {}
    for marker, updates, files, stored in rows:
        whole = all(
            (filestore / item.rsplit(":", 1)[0]).exists()
            and (filestore / item.rsplit(":", 1)[0]).stat().st_size == int(item.rsplit(":", 1)[1])
            for item in stored or []
        )
        result[marker] = (updates, files, whole)
    return result


def fault_cron_kill(config):
    """1. kill -9 of the cron worker in the middle of its backlog."""
    checks = []
    due = sum(config["due"].values())
    connection = PRIMARY.connect(DB)
    hold_crons()
    server = Server(workers=2, name="fault-cron")
    killed = None
    try:
        release_crons()
        deadline = time.monotonic() + 180
        with connection.cursor() as cr:
            while time.monotonic() < deadline and not killed:
                cr.execute(
                    "SELECT (SELECT count(*) FROM scr_action WHERE reminded OR escalated)"
                    " + (SELECT count(*) FROM scr_info_request WHERE escalated)"
                    " + (SELECT count(*) FROM scr_incident WHERE escalated)"
                    " - (SELECT count(*) FROM scr_action WHERE reminded AND escalated)"
                )
                done = cr.fetchone()[0]
                pids = server.workers("WorkerCron")
                # once the first batch (1,000) of a cron with more than one has
                # committed, and the next one is in its transaction
                if done >= 1000 and pids:
                    cr.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND "
                        "application_name = ANY(%s) AND state <> 'idle'",
                        [DB, [f"odoo-{pid}" for pid in pids]],
                    )
                    if cr.fetchone()[0]:
                        os.kill(pids[0], signal.SIGKILL)
                        jobs = re.findall(
                            rf" {pids[0]} INFO .*ir_cron: Job '([^']+)' \(\d+\) starting",
                            server.log.read_text(errors="replace"),
                        )
                        killed = (pids[0], done, jobs[-1] if jobs else "?")
                        break
                time.sleep(0.01)
        checks.append(
            (
                bool(killed),
                "cron worker killed mid-batch: "
                + (
                    f"pid {killed[0]} in '{killed[2]}', {killed[1]} records committed before"
                    if killed
                    else "never"
                ),
            )
        )
        watch = CronWatch(time.monotonic(), limit=300)
        watch.run()
        checks.append(
            (
                watch.finished_after is not None,
                f"after the kill the respawned cron worker finished the backlog of {due} "
                f"records in {watch.finished_after or 0:.0f} s (remaining {watch.last})",
            )
        )
        checks.append((bool(server.workers("WorkerCron")), "a new cron worker is alive"))
        checks += due_checks()
    finally:
        server.stop()
        connection.close()
    return checks


def fault_http_kill(config):
    """2. kill -9 of HTTP workers while portal users submit updates with evidence."""
    hold_crons()
    server = Server(workers=3, name="fault-http")
    outcomes, markers = {}, []
    users = config["portal"][:6]
    stop = threading.Event()

    def login(user):
        # a login may itself meet a worker being killed: the user tries again
        for _attempt in range(10):
            with contextlib.suppress(requests.RequestException, AssertionError, AttributeError):
                return session(user["login"])
            time.sleep(0.5)
        raise RuntimeError(f"{user['login']} could not log in ten times")

    def submitter(index, user):
        client = login(user)
        for n in range(12):
            marker = f"F2-{index}-{n}-{int(time.time())}"
            markers.append(marker)
            action = user["actions"][n % len(user["actions"])]
            outcome = portal_update(client, action, marker, pdf(marker, 400_000))
            outcomes[marker] = outcome
            if outcome.startswith("error"):
                client = login(user)

    kills = []

    def busy_worker(cr, pids):
        """A worker in the middle of a request: its connection in a transaction."""
        cr.execute(
            "SELECT application_name FROM pg_stat_activity WHERE datname = %s "
            "AND application_name = ANY(%s) AND state <> 'idle'",
            [DB, [f"odoo-{pid}" for pid in pids]],
        )
        row = cr.fetchone()
        return int(row[0].split("-")[1]) if row else None

    busy_kills = []

    def killer():
        connection = PRIMARY.connect(DB)
        try:
            with connection.cursor() as cr:
                for _ in range(8):
                    if stop.wait(1.5):
                        return
                    pids = server.workers("WorkerHTTP")
                    if not pids:
                        continue
                    # preferably a worker in the middle of saving an update
                    pid, until = None, time.monotonic() + 2
                    while pid is None and time.monotonic() < until:
                        pid = busy_worker(cr, pids)
                        time.sleep(0.005)
                    if pid:
                        busy_kills.append(pid)
                    pid = pid or pids[len(kills) % len(pids)]
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
                        kills.append(pid)
        finally:
            connection.close()

    try:
        threads = [threading.Thread(target=submitter, args=(i, u)) for i, u in enumerate(users)]
        kill_thread = threading.Thread(target=killer)
        for thread in [*threads, kill_thread]:
            thread.start()
        for thread in threads:
            thread.join(600)
        stop.set()
        kill_thread.join(30)
        consistency = update_consistency(markers)
    finally:
        server.stop()
    saved = [m for m, o in outcomes.items() if o == "saved"]
    errors = [m for m, o in outcomes.items() if o.startswith("error")]
    refused = [m for m, o in outcomes.items() if o.startswith("refused")]
    half = [m for m, (u, f, whole) in consistency.items() if u != f or not whole]
    lost = [m for m in saved if consistency[m][0] != 1 or consistency[m][1] != 1]
    ghost = [m for m in errors + refused if consistency[m][0] or consistency[m][1]]
    server_errors = {o for o in outcomes.values() if "HTTP 500" in o}
    return [
        (
            len(kills) >= 5 and len(outcomes) == 12 * len(users),
            f"{len(kills)} HTTP workers killed with -9 ({len(busy_kills)} in a transaction) "
            "during "
            f"{len(outcomes)} updates with 400 kB of evidence by {len(users)} users",
        ),
        (
            True,
            f"the users saw: {len(saved)} saved, {len(errors)} errors (connection cut), "
            f"{len(refused)} refused",
        ),
        (
            not half,
            f"half-saved updates (an update without its file or a file without its "
            f"update, or a file cut short): {len(half)}",
        ),
        (not lost, f"saved updates missing: {len(lost)}"),
        (
            True,
            f"updates the user was told failed but were kept: {len(ghost)} "
            "(a request may commit just before its worker dies)",
        ),
        (not server_errors, f"server errors (HTTP 500) seen: {len(server_errors)}"),
    ]


OUTAGE_SECONDS = 5  # fault 3: a restart takes under a second; a fail-over, seconds


def fault_pg_restart(config):
    """3. PostgreSQL restarted while users work. Each user keeps one session throughout,
    as a browser keeps its cookie: what they see during the outage must be the clear
    503 (odoo_scr/database_unavailable.py), and afterwards they carry on, still signed
    in."""
    hold_crons()
    server = Server(workers=3, name="fault-pg")
    user = config["portal"][0]
    log = []  # (t, marker, outcome)
    stop = threading.Event()
    started = time.monotonic()
    clients = [session(user["login"]) for _index in range(4)]

    def worker(index):
        n = 0
        while not stop.is_set() and n < 400:
            n += 1
            marker = f"F3-{index}-{n}-{int(started)}"
            outcome = portal_update(
                clients[index],
                user["actions"][n % len(user["actions"])],
                marker,
                pdf(marker, 5_000),
            )
            log.append((time.monotonic() - started, marker, outcome))
            if outcome.startswith("error"):
                time.sleep(0.5)

    coordinator = config["coordinators"][0]
    web_client = session(coordinator["login"])

    def web_worker():
        """A coordinator's web client: JSON-RPC, which the web client reads as a lost
        connection when it gets the 503 (no JSON), and reconnects."""
        while not stop.is_set():
            try:
                response = call_kw(
                    web_client, "scr.incident", "search_count", [[]], company=coordinator["company"]
                )
                if unavailable(response):
                    outcome = "error: unavailable (web client)"
                elif response.status_code == 200 and "result" in response.json():
                    outcome = "read"
                else:
                    outcome = f"error: web client HTTP {response.status_code} {response.text[:80]}"
            except requests.RequestException as error:
                outcome = f"error: web client {type(error).__name__}"
            log.append((time.monotonic() - started, None, outcome))
            time.sleep(0.5)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(clients))]
    threads.append(threading.Thread(target=web_worker))
    try:
        for thread in threads:
            thread.start()
        time.sleep(10)
        down_at = time.monotonic() - started
        say(f"stopping PostgreSQL (pg_ctl stop -m fast) for {OUTAGE_SECONDS} s")
        PRIMARY.stop()
        time.sleep(OUTAGE_SECONDS)
        PRIMARY.start()
        up_at = time.monotonic() - started
        time.sleep(20)
        stop.set()
        for thread in threads:
            thread.join(120)
        statuses = PRIMARY.sql("SELECT 1")
        saved = [m for _t, m, o in log if o == "saved"]
        consistency = update_consistency(saved)
        server_alive = server.process.poll() is None
        failed = [(t, o) for t, _m, o in log if not o.startswith(("saved", "refused", "read"))]
        after = [o for t, m, o in log if t > up_at + 5 and m]
        web_after = [o for t, m, o in log if t > up_at + 5 and not m]
    finally:
        server.stop()
    recovered = after and all(o == "saved" for o in after[-10:])
    lost = [m for m in saved if consistency[m][:2] != (1, 1)]
    kinds = collections.Counter(o for _t, o in failed)
    unclear = sum(n for o, n in kinds.items() if not o.startswith("error: unavailable"))
    window = (
        f" between {min(t for t, _o in failed):.1f} s and {max(t for t, _o in failed):.1f} s"
        if failed
        else ""
    )
    return [
        (bool(statuses), f"PostgreSQL down at {down_at:.1f} s, up again at {up_at:.1f} s"),
        (
            bool(failed) and not unclear,
            f"{len(failed)} requests failed{window}, each with the clear 503 "
            f"(Retry-After, 'briefly unavailable'): {dict(kinds)}; other errors: {unclear}",
        ),
        (
            server_alive
            and bool(recovered)
            and not kinds.get("error: logged out")
            and web_after[-5:] == ["read"] * 5,
            f"the same Odoo server (not restarted) and the same {len(clients)} portal "
            f"sessions and web client (no new login) served {len(after)} updates and "
            f"{len(web_after)} web client reads after it; the last ten updates saved: "
            f"{bool(recovered)}; the last five reads answered: {web_after[-5:] == ['read'] * 5}",
        ),
        (
            not lost,
            f"{len(saved)} updates acknowledged as saved, {len(lost)} of them lost (fsync on)",
        ),
    ]


def fault_concurrent(config):
    """4. A coordinator editing actions the escalation cron escalates; two chairs
    signing the same decisions."""
    checks = []
    coordinator = config["coordinators"][0]
    due_actions = [
        row[0]
        for row in PRIMARY.sql(
            "SELECT d.res_id FROM loadtest_due d JOIN scr_action a ON a.id = d.res_id "
            "WHERE d.cron LIKE %s AND a.company_id = %s ORDER BY d.res_id LIMIT 400",
            ["%escalate_actions", coordinator["company"]],
            db=DB,
        )
    ]
    hold_crons()
    server = Server(workers=3, name="fault-concurrent")
    written, outcomes = {}, []
    try:
        release_crons()

        escalation = "Case Reviews: escalate overdue actions"

        def escalation_window():
            """(start, end) of the escalation cron's run, from the server's log."""
            text = server.log.read_text(errors="replace")
            times = {}
            for stamp, what in re.findall(
                rf"^(\S+ \S+) \d+ INFO .*Job '{escalation}' \(\d+\) (starting|fully done)",
                text,
                re.M,
            ):
                times.setdefault(what, stamp)
            return times.get("starting"), times.get("fully done")

        edit_times = []

        def editor(index):
            # pass after pass over its actions until the cron has escalated them all
            client = session(coordinator["login"])
            deadline = time.monotonic() + 180
            for n, action in enumerate(itertools.cycle(due_actions[index::3])):
                if escalation_window()[1] or time.monotonic() > deadline:
                    break
                text = f"Criteria edited while escalating {index}-{n}"
                now = time.time()
                edit_times.append(
                    time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(now))
                    + f",{int(now * 1000) % 1000:03d}"
                )
                status, body = rpc(
                    client,
                    "scr.action",
                    "write",
                    [[action], {"success_criteria": text}],
                    company=coordinator["company"],
                )
                outcomes.append(
                    (status, body and body.get("error", {}).get("data", {}).get("name"))
                )
                if status == 200 and body and "result" in body:
                    written[action] = text

        threads = [threading.Thread(target=editor, args=(i,)) for i in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(600)
        watch = CronWatch(time.monotonic(), limit=300)
        watch.run()
        stored = (
            dict(
                PRIMARY.sql(
                    "SELECT id, success_criteria FROM scr_action WHERE id = ANY(%s)",
                    [list(written)],
                    db=DB,
                )
            )
            if written
            else {}
        )
        lost = [a for a, text in written.items() if stored.get(a) != text]
        escalated = PRIMARY.sql(
            "SELECT count(*) FILTER (WHERE escalated), count(*) FROM scr_action WHERE id = ANY(%s)",
            [due_actions],
            db=DB,
        )[0]
        http_errors = [o for o in outcomes if o[0] != 200]
        refusals = [o for o in outcomes if o[0] == 200 and o[1]]
        begin, end = escalation_window()
        # the log's times are UTC here (the machine's time zone); to the millisecond
        overlap = sum(1 for t in edit_times if begin and end and begin <= t <= end)
        checks += [
            (
                not http_errors and overlap > 0,
                f"coordinator: {len(outcomes)} edits of {len(due_actions)} actions due "
                f"escalation, {overlap} of them while the cron ran ({begin} to {end}); "
                f"HTTP errors: "
                f"{len(http_errors)}; clean refusals: {len(refusals)} "
                f"{sorted({r[1] for r in refusals})}",
            ),
            (not lost, f"edits acknowledged and then lost: {len(lost)}"),
            (
                escalated[0] == escalated[1],
                f"escalated by the cron: {escalated[0]} of {escalated[1]}",
            ),
        ]
        checks += [c for c in due_checks() if "escalate_actions" in c[1]]
        # Two chairs sign the same decisions at the same moment.
        chairs = [config["chairs"][0], config["chair2"]]
        clients = [session(chair["login"]) for chair in chairs]
        results = []
        for decision in config["fault_decisions"]:
            barrier = threading.Barrier(2)
            pair = []

            def sign(client, chair, decision=decision, barrier=barrier, pair=pair):
                barrier.wait(30)
                status, body = rpc(
                    client, "scr.decision", "validate_tier", [[decision]], company=chair["company"]
                )
                error = body and body.get("error", {}).get("data", {})
                pair.append(
                    (status, error and error.get("name"), error and error.get("message", "")[:100])
                )

            threads = [
                threading.Thread(target=sign, args=(c, h))
                for c, h in zip(clients, chairs, strict=True)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(120)
            results.append(pair)
        rows = PRIMARY.sql(
            """SELECT d.id, d.validation_status,
                      (SELECT count(*) FROM tier_review t WHERE t.model = 'scr.decision'
                          AND t.res_id = d.id AND t.status = 'approved')
                 FROM scr_decision d WHERE d.id = ANY(%s)""",
            [config["fault_decisions"]],
            db=DB,
        )
        signed = sum(1 for pair in results for r in pair if r[0] == 200 and not r[1])
        refusals = [r for pair in results for r in pair if r[0] == 200 and r[1]]
        refused = f"{len(refusals)}" + (
            f" ({refusals[0][1].rsplit('.', 1)[-1]}: {refusals[0][2][:60]}...)" if refusals else ""
        )
        non200 = [r for pair in results for r in pair if r[0] != 200]
        bad = [r for r in rows if r[1] != "validated" or r[2] != 1]
        internal = [
            r
            for pair in results
            for r in pair
            if r[1] and ("psycopg2" in r[1] or "Serialization" in (r[2] or ""))
        ]
        checks += [
            (
                not non200 and not internal,
                f"two chairs signing {len(results)} decisions at once:"
                f" {signed} signatures accepted, refusals {refused}, HTTP errors {len(non200)}, "
                f"database errors shown {len(internal)}",
            ),
            (not bad, f"decisions signed exactly once: {len(rows) - len(bad)} of {len(rows)}"),
        ]
    finally:
        server.stop()
    return checks


def fault_full_disk(config):
    """5. The filestore's disk full during an upload."""
    data_dir = WORK / "data-fulldisk"
    db = "scr_load_fulldisk"
    mount = data_dir / "filestore" / db
    mount.mkdir(parents=True, exist_ok=True)
    checks = []
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)], check=True)
        fault_config, _path = fresh_copy(db, data_dir)
        free = shutil.disk_usage(mount).free
        ballast = mount / "ballast"
        subprocess.run(
            ["dd", "if=/dev/zero", f"of={ballast}", "bs=1M", f"count={max(0, free // 2**20 - 1)}"],
            check=False,
            stderr=subprocess.DEVNULL,
        )
        say(f"filestore on a tmpfs with {shutil.disk_usage(mount).free // 1024} kB free")
        hold_crons(db)
        server = Server(db=db, workers=2, data_dir=data_dir, name="fault-disk")
        try:
            user = fault_config["portal"][0]
            client = session(user["login"])
            marker = f"F5-{int(time.time())}"
            outcome = portal_update(client, user["actions"][0], marker, pdf(marker, 3_000_000))
            rows = update_consistency([marker], db=db, data_dir=data_dir)[marker]
            leftovers = [
                p
                for p in mount.rglob("*")
                if p.is_file() and p.name != "ballast" and p.stat().st_size > 2_500_000
            ]
            checks += [
                (
                    outcome.startswith("refused") and "could not be stored" in outcome,
                    f"a 3 MB upload on a full filestore: the user saw {outcome!r}",
                ),
                (rows[:2] == (0, 0), f"nothing kept: {rows[0]} update, {rows[1]} attachment rows"),
                (not leftovers, f"no partial file left in the filestore: {len(leftovers)}"),
            ]
            ballast.unlink()
            outcome = portal_update(client, user["actions"][0], marker, pdf(marker, 3_000_000))
            rows = update_consistency([marker], db=db, data_dir=data_dir)[marker]
            checks.append(
                (
                    outcome == "saved" and rows == (1, 1, True),
                    f"room again, the same upload: {outcome}, update and whole file {rows}",
                )
            )
        finally:
            server.stop()
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)
        with contextlib.suppress(psycopg2.Error):
            drop_database(db)
    return checks


FAULTS = {
    "1": ("kill -9 of the cron worker mid-batch", fault_cron_kill),
    "2": ("kill -9 of HTTP workers during uploads", fault_http_kill),
    "3": ("PostgreSQL down for 5 s and restarted under load", fault_pg_restart),
    "4": ("concurrent writers: coordinator vs cron, two chairs", fault_concurrent),
    "5": ("full disk for the filestore", fault_full_disk),
}


def faults():
    PRIMARY.init()
    PRIMARY.start()
    chosen = os.environ.get("SCR_FAULTS", ",".join(FAULTS)).split(",")
    failed = 0
    for key in chosen:
        title, function = FAULTS[key.strip()]
        print(f"\n== fault {key}: {title} ==", flush=True)
        try:
            config = fresh_copy()[0] if key.strip() != "5" else None
            checks = function(config)
        except Exception as error:
            checks = [(False, f"the fault script failed: {type(error).__name__}: {error}")]
        for ok, text in checks:
            print(f"  {'ok  ' if ok else 'FAIL'}  {text}", flush=True)
            failed += not ok
    print(f"\n{failed} fault check(s) failed" if failed else "\nevery fault check holds")
    return 1 if failed else 0


def main():
    WORK.mkdir(parents=True, exist_ok=True)
    command = sys.argv[1] if len(sys.argv) > 1 else "load"
    try:
        return {"load": load, "replica": replica, "faults": faults}[command]()
    finally:
        if os.environ.get("SCR_LOAD_KEEP_PG") != "1":
            REPLICA.stop()
            PRIMARY.stop()


if __name__ == "__main__":
    sys.exit(main())
