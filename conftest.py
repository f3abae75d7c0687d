"""pytest at the root of odoo_scr: the top-level tests/ and, through pytest-odoo, the addon's.

pytest-odoo (pinned in tools/requirements-pytest-odoo.txt) is installed apart, in
.local/pytest-odoo, so that it never loads itself into another pytest run of the machine:
installed in site-packages, its session fixture opens an Odoo registry in every run and
fails where no database is given. Here it engages only when the run collects the addon's
tests (``pytest``, ``pytest odoo_scr/tests/test_portal.py -k detail``) or names an Odoo
database or configuration itself; ``pytest tests`` never loads a registry. A copy installed
in site-packages is kept out by ``-p no:odoo`` (pytest.ini).

When it engages without a database named on the command line, the database
``$SCR_PYTEST_DB`` (default ``odoo_scr_pytest``) is created with demo data, or updated
when the addon changed, and the run uses it (tools/pytest_odoo_setup.py); a database
named with ``--odoo-database`` is used as it is. Unless ``--odoo-config`` is given, the
Odoo configuration (PostgreSQL as tools/scr.sh finds it, this repository's addons path)
is written to .local/pytest-odoo-<database>.conf. HTTP is always
on (``--odoo-http``): browser tours and HTTP tests run rather than skip. The test server
listens on ``$SCR_TEST_HTTP_PORT`` when it is set, else on a free port.

In every run of this repository a skipped test counts as failed, as in ``make test``:
a test that did not run proves nothing.
"""

import importlib.util
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
ADDON = ROOT / "odoo_scr"
PLUGIN_DIR = ROOT / ".local" / "pytest-odoo"
PLUGIN_NAME = "odoo_scr:pytest_odoo"
SETUP = ROOT / "tools" / "pytest_odoo_setup.py"


def _load_setup():
    spec = importlib.util.spec_from_file_location("odoo_scr_pytest_odoo_setup", SETUP)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _import_plugin():
    """The pinned pytest-odoo of .local/pytest-odoo (or one installed in site-packages)."""
    if PLUGIN_DIR.is_dir() and str(PLUGIN_DIR) not in sys.path:
        sys.path.insert(0, str(PLUGIN_DIR))
    try:
        import pytest_odoo
    except ImportError:
        return None
    return pytest_odoo


def _run_paths(config):
    """The paths this run collects, as pytest will decide them (arguments, else
    ``testpaths`` from the root directory, else the current directory)."""
    base = Path(config.invocation_params.dir)
    args = [arg for arg in config.known_args_namespace.file_or_dir if not arg.startswith("-")]
    if not args:
        args = config.getini("testpaths") if base == Path(config.rootpath) else ["."]
    return [(base / arg.split("::", 1)[0]).resolve() for arg in args]


def _database_named(config):
    """Whether the run names an Odoo database or configuration itself."""
    given = list(config.invocation_params.args) + os.environ.get("PYTEST_ADDOPTS", "").split()
    return any(
        str(arg).startswith(("--odoo-database", "--odoo-config", "--odoo-dev")) for arg in given
    ) or bool(os.environ.get("ODOO_RC") or os.environ.get("OPENERP_SERVER"))


def _engages(config):
    if _database_named(config):
        return True
    return any(
        path == ADDON or ADDON in path.parents or path in ADDON.parents
        for path in _run_paths(config)
    )


def pytest_addoption(parser, pluginmanager):
    """Register pytest-odoo where the run needs it: its options, hooks and fixtures (a
    plugin registered and then dropped would leave its fixtures behind)."""
    config = pluginmanager.get_plugin("pytestconfig")
    if pluginmanager.has_plugin(PLUGIN_NAME) or not _engages(config):
        return
    plugin = _import_plugin()
    if plugin is None:
        raise pytest.UsageError(
            "pytest-odoo is not installed: run `make setup` (it installs the pinned "
            "pytest-odoo into .local/pytest-odoo)."
        )
    pluginmanager.register(plugin, PLUGIN_NAME)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_cmdline_main(config):
    """Before pytest-odoo reads its options: the database and its configuration, HTTP on."""
    if config.pluginmanager.has_plugin(PLUGIN_NAME):
        option = config.option
        if not (option.odoo_config or os.environ.get("ODOO_RC")):
            setup = _load_setup()
            if not setup.pg_answers():
                pg = setup.pg_settings()
                raise pytest.UsageError(
                    f"PostgreSQL at {pg['host']}:{pg['port']} does not answer: run `make "
                    "setup` (it starts the private cluster of .local/ when none answers)."
                )
            # A database named on the command line is used as it is; else ours is made fit.
            db = option.odoo_database
            if not db:
                db = setup.database_name()
                setup.prepare(db)
            option.odoo_config = str(setup.write_config(db, setup.config_path(db)))
        option.odoo_http = True
        port = os.environ.get("SCR_TEST_HTTP_PORT")
        if port:
            # The port of the test servers, as for Odoo's runner in `make test`.
            config.pluginmanager.get_plugin(PLUGIN_NAME)._get_available_random_port = lambda: int(
                port
            )
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A skipped test counts as failed (the rule of ``make test``)."""
    report = yield
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped, which counts as failed in odoo_scr: {reason}"
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector):
    """A module skipped as a whole counts as failed too."""
    report = yield
    if report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped, which counts as failed in odoo_scr: {reason}"
    return report
