"""odoo-bin, for the load test's prefork server (bench/loadtest/run.py).

The prefork master starts its gevent (websocket) process as ``sys.argv[0] gevent ...``,
so the server has to be started through a script (``python -m odoo`` makes that
``odoo/__main__.py``, which fails on its relative import). On this machine gevent's
monkey-patching then loads gevent's own entry point through ``pkg_resources``, which
asks for its requirements' distributions and fails on ``zope.interface`` (installed, but
not found by that old resolver): the gevent process died at once and the master
respawned it every second, at a cost in CPU during the measures. Here the entry points
are loaded without that requirement check (``load(require=False)``); nothing else
differs from odoo-bin.
"""

import gevent.events


def _notify_and_call_entry_points(event):
    gevent.events.notify(event)
    for plugin in gevent.events.iter_entry_points(event.ENTRY_POINT_NAME):
        plugin.load(require=False)(event)


gevent.events.notify_and_call_entry_points = _notify_and_call_entry_points

import odoo.cli  # noqa: E402

if __name__ == "__main__":
    odoo.cli.main()
