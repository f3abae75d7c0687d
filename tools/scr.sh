#!/usr/bin/env bash
# odoo_scr developer entry point: `tools/scr.sh run|test|pytest|setup|bench|lint|readme`
# (and loadtest|faults|replica: bench/loadtest/run.py).
# Each makes sure the machine has what the addon needs (Debian packages, Odoo 19.0,
# the pinned Python packages, a reachable PostgreSQL), then serves, tests or measures.
#
# Environment (all optional):
#   PGHOST / PGPORT / PGUSER  an existing PostgreSQL to use (default 127.0.0.1:5432, user odoo);
#                             when none answers there, a private cluster is started in .local/
#   SCR_DB                    database name for `run` (default odoo_scr)
#   SCR_HTTP_PORT             port for `run` (default 8069)
#   SCR_ODOO_SRC              where to unpack Odoo 19.0 when it has to be installed
#   SCR_TEST_TAGS             Odoo --test-tags for `test` (default /odoo_scr); when set, `test`
#                             runs only those addon tests (and the linters), not tests/
#   SCR_TEST_HTTP_PORT        port of the test servers of `test` (default 8169; the black-box
#                             server of tests/ takes the next one)
#   SCR_PYTEST_DB             database of `pytest` for pytest-odoo (default odoo_scr_pytest)
#   SCR_PG_OWNER              the plain user who owns a new private cluster when run as root
#                             (default: postgres, which Debian's postgresql package creates)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$ROOT/.local"
PY="${PYTHON:-python3}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-odoo}"
ODOO_ARCHIVE_URL="https://github.com/odoo/odoo/archive/refs/heads/19.0.tar.gz"
ODOO_REQUIREMENTS_URL="https://raw.githubusercontent.com/odoo/odoo/19.0/requirements.txt"

say() { printf '[odoo_scr] %s\n' "$*" >&2; }
die() { printf '[odoo_scr] ERROR: %s\n' "$*" >&2; exit 2; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
    else return 1; fi
}

# --- Debian packages -------------------------------------------------------------
ensure_debian_packages() {
    local missing=()
    find_pg_bin initdb >/dev/null || missing+=(postgresql)
    command -v psql >/dev/null || missing+=(postgresql-client)
    command -v chromium >/dev/null || missing+=(chromium)
    command -v wkhtmltopdf >/dev/null || missing+=(wkhtmltopdf)
    [ -e /usr/include/ldap.h ] || missing+=(libldap2-dev libsasl2-dev)
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing Debian packages: ${missing[*]}"
    { as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null; } \
        || die "could not install ${missing[*]}; install them with apt-get (as root) and run again."
}

find_pg_bin() {
    local name="$1" candidate
    for candidate in "$(command -v "$name" 2>/dev/null)" /usr/lib/postgresql/*/bin/"$name"; do
        [ -n "$candidate" ] && [ -x "$candidate" ] && { echo "$candidate"; return 0; }
    done
    return 1
}

# --- Odoo 19.0 and Python packages -----------------------------------------------
odoo_series() { "$PY" -c 'import odoo.release as r; print(r.series)' 2>/dev/null || true; }

ensure_odoo() {
    local series; series="$(odoo_series)"
    if [ "$series" = "19.0" ]; then return 0; fi
    [ -n "$series" ] && die "python3 imports Odoo $series; odoo_scr needs Odoo 19.0 (uninstall it or set PYTHON to an interpreter with 19.0)."
    local src="${SCR_ODOO_SRC:-$HOME/.cache/odoo_scr/odoo-19.0}"
    say "Odoo 19.0 is not installed: installing it from the official 19.0 source into $src"
    mkdir -p "$src"
    if [ ! -f "$src/setup.py" ]; then
        curl -fsSL "$ODOO_ARCHIVE_URL" | tar -xz -C "$src" --strip-components=1 \
            || die "could not download Odoo 19.0 from $ODOO_ARCHIVE_URL. Install Odoo 19.0 yourself so that 'python3 -c \"import odoo\"' works (pip install -e <odoo 19.0 checkout>), then run again."
    fi
    PIP_CONSTRAINT="$ROOT/tools/pip-constraints.txt" "$PY" -m pip install -q -r "$src/requirements.txt" \
        || die "could not install Odoo's requirements from $src/requirements.txt (see pip's message above)."
    PIP_CONSTRAINT="$ROOT/tools/pip-constraints.txt" "$PY" -m pip install -q --no-deps -e "$src" --config-settings editable_mode=compat \
        || die "could not install Odoo from $src."
    [ "$(odoo_series)" = "19.0" ] || die "Odoo was installed but python3 still cannot import Odoo 19.0."
}

ensure_python_packages() {
    local stamp="$LOCAL/requirements.sha256" want plugin="$LOCAL/pytest-odoo"
    want="$(cat "$ROOT/requirements.txt" "$ROOT/tools/requirements-pytest-odoo.txt" | sha256sum | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f "$plugin/pytest_odoo.py" ] \
        && "$PY" -c 'import holidays, websocket, pytest, requests, odoo.addons.base_tier_validation' 2>/dev/null; then
        return 0
    fi
    say "installing the pinned Python packages (requirements.txt)"
    PIP_CONSTRAINT="$ROOT/tools/pip-constraints.txt" "$PY" -m pip install -q -r "$ROOT/requirements.txt" \
        || die "pip could not install requirements.txt (see above)."
    # pytest-odoo goes apart, outside site-packages: installed there, it would load itself
    # into every pytest run of the machine (conftest.py engages it where it belongs).
    say "installing the pinned pytest-odoo into $plugin"
    rm -rf "$plugin"
    "$PY" -m pip install -q --no-deps --target "$plugin" -r "$ROOT/tools/requirements-pytest-odoo.txt" \
        || die "pip could not install tools/requirements-pytest-odoo.txt (see above)."
    echo "$want" > "$stamp"
}

# --- PostgreSQL --------------------------------------------------------------------
# The private cluster (.local/postgres) keeps its data safely, as PostgreSQL ships:
# `run` serves the database a developer works in. Only a start by `test`, `pytest` or
# `bench` trades durability for speed (fsync, synchronous_commit and full_page_writes off,
# given with -c, so for that start only): their databases are thrown away or rebuilt, and a
# crash costs a rerun. One data directory serves them all, so a cluster already running is
# used as it is, except by `run`, which restarts one started fast (if nobody else uses it)
# or stops with what to do.
PG_FAST_OPTIONS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"

pg_reachable() { "$(find_pg_bin pg_isready)" -q -h "$PGHOST" -p "$PGPORT" >/dev/null 2>&1; }

pg_owner() {
    # PostgreSQL refuses to run as root: the private cluster belongs to a plain user, the
    # owner of its data directory once it exists.
    local data="$LOCAL/postgres"
    if [ -f "$data/PG_VERSION" ]; then stat -c %U "$data"; return; fi
    if [ -n "${SCR_PG_OWNER:-}" ]; then
        id -u "$SCR_PG_OWNER" >/dev/null 2>&1 || die "SCR_PG_OWNER=$SCR_PG_OWNER is not a user of this machine."
        echo "$SCR_PG_OWNER"; return
    fi
    if [ "$(id -u)" != 0 ]; then id -un; return; fi
    id -u postgres >/dev/null 2>&1 && { echo postgres; return; }
    die "running as root, the private PostgreSQL cluster needs a plain user to own it, and this machine has no 'postgres' user. Create one (e.g. useradd --system --no-create-home --shell /usr/sbin/nologin odooscr) and run again with SCR_PG_OWNER=odooscr, or run as a plain user."
}

as_pg_owner() {
    local owner="$1"; shift
    if [ "$owner" = "$(id -un)" ]; then "$@"; else runuser -u "$owner" -- "$@"; fi
}

# ensure_postgres [safe|fast|any]: a PostgreSQL answering on $PGHOST:$PGPORT. A private
# cluster started here runs without fsync only for "fast" (`test`, `pytest`, `bench`); a
# running one is used as it is, except for "safe" (`run`, the default).
ensure_postgres() {
    local speed="${1:-safe}" data="$LOCAL/postgres" log="$LOCAL/postgres.log" owner options
    local psql; psql="$(find_pg_bin psql)"
    if pg_reachable; then
        local private=no
        case "$PGHOST" in 127.0.0.1|localhost)
            [ "$(sed -n 4p "$data/postmaster.pid" 2>/dev/null)" = "$PGPORT" ] && private=yes;;
        esac
        if [ "$speed" != safe ] || [ "$private" = no ] \
            || [ "$("$psql" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -Atc 'SHOW fsync')" != off ]; then
            say "using PostgreSQL at $PGHOST:$PGPORT (user $PGUSER)"
            return 0
        fi
        # The private cluster, started fast by a test or a benchmark: not for `run`'s data.
        local others
        others="$("$psql" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -Atc \
            "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")"
        [ "$others" = 0 ] || die "the private PostgreSQL cluster in $data was started by a test or benchmark without fsync, and $others other session(s) use it. A crash could lose the data of make run there: when they are done, stop it (as $(stat -c %U "$data"): pg_ctl -D $data stop) and run again; it then starts keeping data safely."
        say "restarting the private PostgreSQL cluster (started without fsync by a test or benchmark) with its safe settings"
        as_pg_owner "$(stat -c %U "$data")" "$(find_pg_bin pg_ctl)" -D "$data" -w -t 60 -m fast stop >/dev/null \
            || die "could not stop the private PostgreSQL cluster in $data; see $log."
    fi
    case "$PGHOST" in 127.0.0.1|localhost) ;; *) die "PostgreSQL at $PGHOST:$PGPORT does not answer.";; esac
    owner="$(pg_owner)"
    mkdir -p "$LOCAL"
    if [ ! -f "$data/PG_VERSION" ]; then
        say "creating a private PostgreSQL cluster in $data (owner $owner, 127.0.0.1:$PGPORT)"
        mkdir -p "$data" && chown "$owner" "$data" && chmod 700 "$data"
        as_pg_owner "$owner" "$(find_pg_bin initdb)" -D "$data" -U "$PGUSER" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    options="-c listen_addresses=127.0.0.1 -p $PGPORT -k /tmp"
    if [ "$speed" = fast ]; then
        options="$options $PG_FAST_OPTIONS"
        say "starting the private PostgreSQL cluster in $data without fsync, for tests and benchmarks (make run restarts it safely)"
    else
        say "starting the private PostgreSQL cluster in $data (fsync on)"
    fi
    touch "$log" && chown "$owner" "$log"
    as_pg_owner "$owner" "$(find_pg_bin pg_ctl)" -D "$data" -l "$log" -w -t 60 -o "$options" start >/dev/null \
        || die "the private PostgreSQL cluster did not start; see $log."
    pg_reachable || die "PostgreSQL started but does not answer on $PGHOST:$PGPORT; see $log."
}

# setup_all [safe|fast|any]: everything the commands need; PostgreSQL as ensure_postgres says.
setup_all() {
    mkdir -p "$LOCAL"
    ensure_debian_packages
    ensure_odoo
    ensure_python_packages
    ensure_postgres "${1:-safe}"
}

# What every Odoo started here shares: the database server, this repository as addons
# path, the data directory, and local connections only.
ODOO_FLAGS=(--db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER" --addons-path="$ROOT"
            --data-dir="$LOCAL/data" --http-interface=127.0.0.1)
odoo_cmd() { "$PY" -m odoo "$@" "${ODOO_FLAGS[@]}"; }

# The demo logins of database $1, read from it: the users the demo data ships (their
# password is their login), with their name and, for a portal user, their agency.
demo_logins() {
    "$(find_pg_bin psql)" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$1" -AtF $'\t' -c "
        SELECT u.login, p.name || COALESCE(', ' || agency.name, '')
          FROM res_users u
          JOIN res_partner p ON p.id = u.partner_id
          LEFT JOIN res_partner agency ON agency.id = p.parent_id
          JOIN ir_model_data d ON d.model = 'res.users' AND d.res_id = u.id
         WHERE (d.module = 'odoo_scr' AND d.name LIKE 'demo\_user\_%') OR (d.module = 'base' AND d.name = 'user_admin')
         ORDER BY u.share, u.id" | while IFS=$'\t' read -r login name; do
            printf '    %-12s %s\n' "$login" "$name"
        done
}

# --- the two commands ----------------------------------------------------------------
cmd_run() {
    setup_all
    local db="${SCR_DB:-odoo_scr}" port="${SCR_HTTP_PORT:-8069}" mode
    if "$(find_pg_bin psql)" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -Atc \
        "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then mode=(-u odoo_scr); else mode=(-i odoo_scr --with-demo); fi
    say "preparing database $db (${mode[*]}, English (UK))"
    odoo_cmd -d "$db" "${mode[@]}" --load-language=en_GB --stop-after-init --log-level=warn
    cat >&2 <<MSG

  odoo_scr is served on http://127.0.0.1:$port  (database $db)
  Demo logins (password = login):
$(demo_logins "$db")

MSG
    exec "$PY" -m odoo -d "$db" --db-filter="^$db\$" --http-port="$port" "${ODOO_FLAGS[@]}"
}

ruff_check() {
    "$PY" -m ruff check "$ROOT/odoo_scr" "$ROOT/bench" "$ROOT/tools" "$ROOT/tests" "$ROOT/conftest.py"
}
pylint_check() { "$PY" -m pylint --rcfile="$ROOT/.pylintrc" "$ROOT/odoo_scr"; }

cmd_lint() {
    say "ruff"
    ruff_check || return 1
    say "pylint-odoo"
    pylint_check || return 1
    say "odoo_scr/README.rst up to date with odoo_scr/readme/"
    "$PY" "$ROOT/tools/gen_addon_readme.py" --check || return 1
}

# Run "$@" and record how long it took under the name $1 of the part (for the summary).
timed() {
    local part="$1" start=$SECONDS rc=0; shift
    "$@" || rc=$?
    TIMES+=("$part=$((SECONDS - start))")
    return $rc
}

# Install odoo_scr in $db and run its tests with Odoo's runner, the log in $log (cmd_test's).
odoo_tests() {
    odoo_cmd -d "$db" -i odoo_scr --with-demo --test-enable --test-tags="${SCR_TEST_TAGS:-/odoo_scr}" \
        --stop-after-init --log-level=test --http-port="$port" 2>&1 | tee "$log" >&2
    return "${PIPESTATUS[0]}"
}

cmd_test() {
    setup_all fast
    local db="odoo_scr_test_$$" log="$LOCAL/test-$$.log" port="${SCR_TEST_HTTP_PORT:-8169}"
    local junit_pytest_odoo="$LOCAL/test-$$-pytest-odoo.xml" junit_tests="$LOCAL/test-$$-tests.xml"
    local ruff_rc=0 pylint_rc=0 rc=0 pytest_odoo_rc=0 tests_rc=0 start=$SECONDS
    local -a summary=()
    TIMES=()
    rm -f "$junit_pytest_odoo" "$junit_tests"
    say "ruff"
    timed ruff ruff_check || ruff_rc=$?
    say "pylint-odoo"
    timed pylint-odoo pylint_check || pylint_rc=$?
    say "installing odoo_scr in the throwaway database $db and running its tests (Odoo's runner)"
    set +e
    timed odoo-runner odoo_tests
    rc=$?
    set -e
    if [ -n "${SCR_TEST_TAGS:-}" ]; then
        say "SCR_TEST_TAGS is set: the addon's tests through pytest-odoo and tests/ are not run"
    else
        # The same tests through pytest-odoo, the runner the project's users chose, on the
        # database just installed (it never installs anything itself).
        say "the addon's tests again, through pytest-odoo (database $db)"
        timed pytest-odoo env -C "$ROOT" SCR_TEST_HTTP_PORT="$port" "$PY" -m pytest -p no:cacheprovider \
            --odoo-database="$db" --junitxml="$junit_pytest_odoo" -q odoo_scr/tests </dev/null \
            || pytest_odoo_rc=$?
        say "tests/: the pure rules and the server from outside (database $db, port $((port + 1)))"
        timed tests env -C "$ROOT" SCR_BLACKBOX_DB="$db" SCR_TEST_HTTP_PORT="$port" \
            "$PY" -m pytest -p no:cacheprovider --junitxml="$junit_tests" -q tests </dev/null \
            || tests_rc=$?
        summary+=(--pytest "odoo_scr tests (pytest-odoo)=$junit_pytest_odoo:$pytest_odoo_rc"
                  --pytest "tests/ (pytest)=$junit_tests:$tests_rc")
    fi
    "$(find_pg_bin dropdb)" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" --if-exists "$db" || true
    rm -rf "$LOCAL/data/filestore/$db" "$LOCAL/pytest-odoo-$db.conf"
    TIMES+=("total=$((SECONDS - start))")
    "$PY" "$ROOT/tools/test_summary.py" "$log" --odoo-exit "$rc" \
        --check "ruff=$ruff_rc" --check "pylint-odoo=$pylint_rc" "${summary[@]}" \
        --times "${TIMES[*]}"
}

# pytest from the repository root, after the set-up: the addon's tests through pytest-odoo
# (on $SCR_PYTEST_DB, created or updated by conftest.py) and tests/. Arguments go to pytest.
cmd_pytest() {
    setup_all fast
    cd "$ROOT"
    exec "$PY" -m pytest "$@"
}

cmd_bench() {
    setup_all fast
    local db="${SCR_BENCH_DB:-odoo_scr_national}"
    # The crons of the suite write, so each run starts from a fresh build unless
    # SCR_BENCH_KEEP=1 (then the crons find nothing left to do).
    if [ "${SCR_BENCH_KEEP:-0}" != 1 ]; then
        "$(find_pg_bin dropdb)" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" --if-exists "$db"
    fi
    if "$(find_pg_bin psql)" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -Atc \
        "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
        odoo_cmd -d "$db" -u odoo_scr --stop-after-init --log-level=warn
    else
        say "creating the benchmark database $db (odoo_scr, and project for /my/tasks)"
        odoo_cmd -d "$db" -i odoo_scr,project --stop-after-init --log-level=warn
    fi
    "$PY" "$ROOT/bench/national.py" -d "$db" --scale "${SCR_BENCH_SCALE:-1}" --log-level=warn \
        "${ODOO_FLAGS[@]}"
}

# Load test, faults and replica run (issue 19; bench/loadtest/run.py, README "Scaling").
# Locust goes into a venv of its own: its pinned dependencies (gevent, greenlet,
# Werkzeug, requests) conflict with those Odoo 19.0 pins in site-packages.
ensure_locust() {
    local venv="$LOCAL/locust-venv"
    [ -x "$venv/bin/locust" ] && "$venv/bin/locust" --version 2>/dev/null | grep -q "2.47.0" && return 0
    say "installing Locust 2.47.0 into $venv"
    "$PY" -m venv "$venv" && "$venv/bin/pip" install -q "locust==2.47.0" \
        || die "could not install Locust into $venv (see pip's message above)."
}

cmd_loadtest() {
    ensure_debian_packages
    ensure_odoo
    ensure_python_packages
    ensure_locust
    exec "$PY" "$ROOT/bench/loadtest/run.py" "$1"
}

case "${1:-}" in
    run) cmd_run ;;
    bench) cmd_bench ;;
    loadtest) cmd_loadtest load ;;
    faults) cmd_loadtest faults ;;
    replica) cmd_loadtest replica ;;
    test) cmd_test ;;
    pytest) shift; cmd_pytest "$@" ;;
    setup) setup_all any; say "ready: make run, make test, make pytest, pytest tests" ;;
    lint) setup_all any >/dev/null; cmd_lint ;;
    readme) exec "$PY" "$ROOT/tools/gen_addon_readme.py" ;;
    *) echo "usage: $0 run|test|pytest [ARGS]|setup|bench|loadtest|faults|replica|lint|readme" >&2; exit 2 ;;
esac
