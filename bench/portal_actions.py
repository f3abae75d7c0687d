"""Benchmark: the partner-agency portal's action list with 2,000 actions for one agency.

Run with ``make bench`` or:  python3 bench/portal_actions.py -d DB [--db_host ...]
Serves the pages through Odoo's WSGI application (no network), as a logged-in portal
user, and prints server time and SQL queries per page, first, middle and last page.
For comparison, when the ``project`` module is available it is installed into this
benchmark database (odoo_scr does not depend on it) and Odoo's own ``/my/tasks`` page
is measured with the same number of tasks.
"""

import argparse
import re
import statistics
import time
from datetime import date, timedelta

from werkzeug.test import Client

import odoo
from odoo import SUPERUSER_ID, api, http, sql_db
from odoo.modules.module import get_module_path
from odoo.modules.registry import Registry
from odoo.tools import config

RECORDS = 2_000
RUNS = 5
LOGIN = "bench_portal_agency"
ENVIRON = {"REMOTE_ADDR": "127.0.0.1"}
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--records", type=int, default=RECORDS)
    args, odoo_args = parser.parse_known_args()
    config.parse_config(["-d", args.database, *odoo_args])
    return args


def prepare_actions(env, count):
    """An agency with a portal user and ``count`` actions on one review (made once)."""
    Partner = env["res.partner"]
    agency = Partner.search([("name", "=", "Bench Agency"), ("is_scr_agency", "=", True)])
    if not agency:
        agency = Partner.create({"name": "Bench Agency", "is_company": True, "is_scr_agency": True})
    user = portal_user(env, agency)
    recommendation = env["scr.recommendation"].search([("review_id.agency_ids", "in", agency.ids)])
    if not recommendation:
        incident = env["scr.incident"].create(
            {
                "child_alias": "Child Bench",
                "incident_date": "2026-01-05",
                "aware_date": "2026-01-06",
            }
        )
        review = env["scr.review"].create(
            {
                "incident_id": incident.id,
                "review_type": "lcspr",
                "date_initiated": "2026-02-02",
                "agency_ids": [(4, agency.id)],
            }
        )
        recommendation = env["scr.recommendation"].create(
            {"review_id": review.id, "number": 1, "recommendation": "Benchmark recommendation"}
        )
    missing = count - env["scr.action"].search_count([("agency_id", "=", agency.id)])
    env["scr.action"].create(
        [
            {
                "recommendation_id": recommendation.id,
                "agency_id": agency.id,
                "name": f"Bench action {n}",
                "success_criteria": "Done",
                "due_date": date(2026, 3, 1) + timedelta(days=n % 300),
                "state": "agreed",
            }
            for n in range(max(missing, 0))
        ]
    )
    return user


def portal_user(env, partner_parent):
    user = env["res.users"].search([("login", "=", LOGIN)])
    if not user:
        contact = env["res.partner"].create(
            {"name": "Bench Portal User", "parent_id": partner_parent.id}
        )
        user = env["res.users"].create(
            {
                "login": LOGIN,
                "password": LOGIN,
                "partner_id": contact.id,
                "group_ids": [(6, 0, [env.ref("base.group_portal").id])],
            }
        )
    return user


def prepare_tasks(env, user, count):
    """A portal project followed by the same user, with ``count`` tasks (made once)."""
    project = env["project.project"].search([("name", "=", "Bench Project")])
    if not project:
        project = env["project.project"].create(
            {"name": "Bench Project", "privacy_visibility": "portal"}
        )
        project.message_subscribe(partner_ids=user.partner_id.ids)
    missing = count - env["project.task"].search_count([("project_id", "=", project.id)])
    env["project.task"].create(
        [{"name": f"Bench task {n}", "project_id": project.id} for n in range(max(missing, 0))]
    )


def ensure_action_plans(database):
    """A benchmark database made before action plans existed gets odoo_scr upgraded."""
    with Registry(database).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if "scr.action" not in env:
            print("upgrading odoo_scr in the benchmark database (it predates action plans)")
            env["ir.module.module"].search([("name", "=", "odoo_scr")]).button_immediate_upgrade()


def ensure_project(database):
    """Install ``project`` into the benchmark database if Odoo ships it; True if there."""
    if not get_module_path("project", display_warning=False):
        return False
    with Registry(database).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        module = env["ir.module.module"].search([("name", "=", "project")])
        if module.state == "installed":
            return True
        print("installing project into the benchmark database for the /my/tasks comparison")
        module.button_immediate_install()
    return True


def login(client):
    page = client.get("/web/login", environ_base=ENVIRON).get_data(as_text=True)
    token = CSRF.search(page).group(1)
    response = client.post(
        "/web/login",
        data={"login": LOGIN, "password": LOGIN, "csrf_token": token, "redirect": "/my"},
        environ_base=ENVIRON,
    )
    assert response.status_code in (200, 303), response.status_code


def measure(client, url, expect):
    client.get(url, environ_base=ENVIRON)  # warm the caches
    timings, queries = [], []
    for _run in range(RUNS):
        before = sql_db.sql_counter
        started = time.perf_counter()
        response = client.get(url, environ_base=ENVIRON)
        timings.append((time.perf_counter() - started) * 1000)
        queries.append(sql_db.sql_counter - before)
        assert response.status_code == 200, (url, response.status_code)
        assert expect in response.get_data(as_text=True), (url, expect)
    return statistics.median(timings), max(queries)


def main():
    args = parse_args()
    odoo.modules.module.initialize_sys_path()
    ensure_action_plans(args.database)
    with_project = ensure_project(args.database)
    with Registry(args.database).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        user = prepare_actions(env, args.records)
        if with_project:
            prepare_tasks(env, user, args.records)
    client = Client(http.root)
    login(client)
    last = (args.records + 19) // 20
    pages = [
        ("odoo_scr /my/scr/actions", "/my/scr/actions?filterby=all", "Bench action"),
        ("odoo_scr /my/scr/actions p.50", "/my/scr/actions/page/50?filterby=all", "Bench action"),
        (
            f"odoo_scr /my/scr/actions p.{last}",
            f"/my/scr/actions/page/{last}?filterby=all",
            "Bench action",
        ),
    ]
    if with_project:
        pages += [
            ("project  /my/tasks", "/my/tasks", "Bench task"),
            ("project  /my/tasks p.50", "/my/tasks/page/50", "Bench task"),
        ]
    else:
        print("project is not available: no /my/tasks comparison")
    print(f"{args.records} records, median of {RUNS} warm requests")
    print(f"{'page':<34} {'ms':>8} {'queries':>8}")
    for name, url, expect in pages:
        millis, queries = measure(client, url, expect)
        print(f"{name:<34} {millis:>8.1f} {queries:>8}")


if __name__ == "__main__":
    main()
