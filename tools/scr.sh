#!/usr/bin/env bash
# odoo_scr developer entry point: `tools/scr.sh run|test|pytest|setup|bench|lint`
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
pg_reachable() { "$(find_pg_bin pg_isready)" -q -h "$PGHOST" -p "$PGPORT" >/dev/null 2>&1; }

pg_owner() {
    # PostgreSQL refuses to run as root: the private cluster belongs to a plain user.
    if [ "$(id -u)" != 0 ]; then id -un; return; fi
    id -u postgres >/dev/null 2>&1 && { echo postgres; return; }
    id -u odooscr >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin odooscr
    echo odooscr
}

as_pg_owner() {
    local owner="$1"; shift
    if [ "$owner" = "$(id -un)" ]; then "$@"; else runuser -u "$owner" -- "$@"; fi
}

ensure_postgres() {
    if pg_reachable; then
        say "using PostgreSQL at $PGHOST:$PGPORT (user $PGUSER)"
        return 0
    fi
    case "$PGHOST" in 127.0.0.1|localhost) ;; *) die "PostgreSQL at $PGHOST:$PGPORT does not answer.";; esac
    local owner data="$LOCAL/postgres" log="$LOCAL/postgres.log"
    owner="$(pg_owner)"
    mkdir -p "$LOCAL"
    if [ ! -f "$data/PG_VERSION" ]; then
        say "starting a private PostgreSQL cluster in $data (owner $owner, 127.0.0.1:$PGPORT)"
        mkdir -p "$data" && chown "$owner" "$data" && chmod 700 "$data"
        as_pg_owner "$owner" "$(find_pg_bin initdb)" -D "$data" -U "$PGUSER" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    touch "$log" && chown "$owner" "$log"
    as_pg_owner "$owner" "$(find_pg_bin pg_ctl)" -D "$data" -l "$log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
        || die "the private PostgreSQL cluster did not start; see $log."
    pg_reachable || die "PostgreSQL started but does not answer on $PGHOST:$PGPORT; see $log."
}

setup_all() {
    mkdir -p "$LOCAL"
    ensure_debian_packages
    ensure_odoo
    ensure_python_packages
    ensure_postgres
}

odoo_cmd() {
    "$PY" -m odoo "$@" --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER" \
        --addons-path="$ROOT" --data-dir="$LOCAL/data" --http-interface=127.0.0.1
}

# --- the two commands ----------------------------------------------------------------
cmd_run() {
    setup_all
    local db="${SCR_DB:-odoo_scr}" port="${SCR_HTTP_PORT:-8069}" mode
    if "$(find_pg_bin psql)" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -Atc \
        "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then mode=(-u odoo_scr); else mode=(-i odoo_scr --with-demo); fi
    say "preparing database $db (${mode[*]})"
    odoo_cmd -d "$db" "${mode[@]}" --stop-after-init --log-level=warn
    cat >&2 <<MSG

  odoo_scr is served on http://127.0.0.1:$port  (database $db)
  Demo logins (password = login):
    admin        administrator and SCR manager
    coordinator  business unit coordinator (Northshire)
    chair        partnership chair (signs decisions off)
    reviewer     independent reviewer
    manager      SCR configuration manager
    police       partner agency portal user (Northshire Police)

MSG
    exec "$PY" -m odoo -d "$db" --db-filter="^$db\$" --http-port="$port" --db_host="$PGHOST" --db_port="$PGPORT" \
        --db_user="$PGUSER" --addons-path="$ROOT" --data-dir="$LOCAL/data" --http-interface=127.0.0.1
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
    setup_all
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
    setup_all
    cd "$ROOT"
    exec "$PY" -m pytest "$@"
}

cmd_bench() {
    setup_all
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
    "$PY" "$ROOT/bench/national.py" -d "$db" --scale "${SCR_BENCH_SCALE:-1}" \
        --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER" --addons-path="$ROOT" \
        --data-dir="$LOCAL/data" --log-level=warn --http-interface=127.0.0.1
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
    setup) setup_all; say "ready: make run, make test, make pytest, pytest tests" ;;
    lint) setup_all >/dev/null; cmd_lint ;;
    *) echo "usage: $0 run|test|pytest [ARGS]|setup|bench|loadtest|faults|replica|lint" >&2; exit 2 ;;
esac
