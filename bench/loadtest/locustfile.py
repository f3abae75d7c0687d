"""Locust users of a partnership, and Odoo's own project portal beside them.

Run by bench/loadtest/run.py (``make loadtest``), headless, against 127.0.0.1 only;
``SCR_LOAD_CONFIG`` names the JSON written by bench/loadtest/prepare.py and
``SCR_LOAD_STATS`` where the figures go at the end (JSON: per request name, the count,
failures, median, p95, p99 and throughput).

Request names: ``portal:`` the agencies' portal (/my/scr), ``web:`` the web client's
JSON-RPC of coordinators, chairs and reviewers, ``ref:`` Odoo's project portal and task
list (the reference). A name ending in ``(write)`` is a write. An intended refusal
(the referral rate limit) is counted under its own name ending in ``(refused)``, not
as a failure.

Think time: each user waits ``SCR_LOAD_WAIT`` seconds (default 5-15, uniform) between
two tasks, as a person reading a page does; the reference's users the same.

Warm-up: each user logs in and does each of its tasks once (no think time) in
``on_start``; once every one of the ``SCR_LOAD_USERS`` users is warm, the figures are
reset, ``SCR_LOAD_STARTED`` is written (run.py then releases the deadline crons) and
``SCR_LOAD_SECONDS`` are measured, after which Locust quits.
"""

import itertools
import json
import os
import random
import re
import threading
import time
from datetime import date

import gevent
from locust import HttpUser, between, events, task

CONFIG = json.loads(open(os.environ["SCR_LOAD_CONFIG"]).read())
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    + b"% evidence of the action's progress\n" * 500
    + b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
TODAY = date.today().isoformat()
WAIT = [float(x) for x in os.environ.get("SCR_LOAD_WAIT", "5,15").split(",")]
USERS = int(os.environ.get("SCR_LOAD_USERS", "50"))
SECONDS = int(os.environ.get("SCR_LOAD_SECONDS", "120"))
_lock = threading.Lock()
_counters = {}
_warm = {"users": 0, "measuring": False}


def _start_measure(environment):
    """Every user warm: figures reset, the measure starts, and ends SECONDS later."""
    if _warm["measuring"]:
        return
    _warm["measuring"] = True
    environment.stats.reset_all()
    with open(os.environ["SCR_LOAD_STARTED"], "w") as handle:
        handle.write(str(time.time()))
    gevent.spawn_later(SECONDS, environment.runner.quit)


def _warm_user(environment):
    with _lock:
        _warm["users"] += 1
        everyone = _warm["users"] >= USERS
    if everyone:
        _start_measure(environment)


@events.test_start.add_listener
def _warm_up_bound(environment, **_kwargs):
    # should a user's warm-up never end, measure anyway after 240 s
    gevent.spawn_later(240, _start_measure, environment)


def take(pool_name, pool):
    """The next item of a shared pool (each decision signed, each request answered
    once), or None when it is used up."""
    with _lock:
        position = _counters.get(pool_name, 0)
        _counters[pool_name] = position + 1
    return pool[position] if position < len(pool) else None


class OdooUser(HttpUser):
    abstract = True
    wait_time = between(*WAIT)
    people = ()

    def on_start(self):
        with _lock:
            cycle = _counters.setdefault(f"people-{type(self).__name__}", itertools.count())
            self.me = self.people[next(cycle) % len(self.people)]
        try:
            page = self.client.get("/web/login", name="login page").text
            response = self.client.post(
                "/web/login",
                data={
                    "login": self.me["login"],
                    "password": self.me["login"],
                    "csrf_token": CSRF.search(page).group(1),
                    "redirect": "/odoo",
                },
                name="login",
                allow_redirects=False,
            )
            if response.status_code not in (302, 303):
                raise RuntimeError(f"login of {self.me['login']} failed: {response.status_code}")
            # warm-up: each task once (counted, then reset with the figures); a task
            # that raises is reported and does not stop the user
            for function in dict.fromkeys(self.tasks):
                try:
                    function(self)
                except Exception as error:
                    events.user_error.fire(
                        user_instance=self, exception=error, tb=error.__traceback__
                    )
        finally:
            _warm_user(self.environment)

    # pages --------------------------------------------------------------------------
    def page(self, url, name, expect=None):
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif response.history:
                # a page the user may not see redirects (to /my or the login)
                response.failure(f"redirected to {response.url}")
            elif expect and expect not in response.text:
                response.failure(f"{expect!r} not on the page")
            else:
                response.success()
            return response.text if response.status_code == 200 else ""

    def post_form(self, url, name, data, files=None, redirect_to=None):
        with self.client.post(
            url, name=name, data=data, files=files, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code not in (302, 303):
                response.failure(f"HTTP {response.status_code}")
                return None
            response.success()
            return response.headers.get("Location", redirect_to)

    # JSON-RPC -----------------------------------------------------------------------
    def call(self, model, method, args, kwargs=None, name=None, refusal=None):
        context = {"lang": "en_US", "tz": "Europe/London", "uid": self.me["uid"]}
        if self.me.get("company"):
            context["allowed_company_ids"] = [self.me["company"]]
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": random.randint(1, 10**9),
            "params": {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": {"context": context, **(kwargs or {})},
            },
        }
        with self.client.post(
            f"/web/dataset/call_kw/{model}/{method}", json=payload, name=name, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return None
            body = response.json()
            if "error" in body:
                message = body["error"].get("data", {}).get("message", str(body["error"]))
                if refusal and re.search(refusal, message):
                    response.success()
                    events.request.fire(
                        request_type="RPC",
                        name=f"{name} (refused)",
                        response_time=0,
                        response_length=0,
                        exception=None,
                        context={},
                    )
                    return None
                response.failure(message[:200])
                return None
            response.success()
            return body.get("result")

    def search_read(self, model, spec_name, domain, name, limit=80):
        spec = CONFIG["specs"][spec_name]
        return self.call(
            model,
            "web_search_read",
            [],
            {"domain": domain, "specification": spec, "limit": limit, "count_limit": 10001},
            name=name,
        )


class AgencyOfficer(OdooUser):
    """A partner agency's officer on the portal."""

    weight = 20
    people = CONFIG["portal"]

    @task(4)
    def actions(self):
        self.page("/my/scr/actions", "portal: action list", "Case review actions")
        action = random.choice(self.me["actions"])
        self.page(f"/my/scr/actions/{action}", "portal: action page")

    @task(2)
    def update_with_evidence(self):
        action = random.choice(self.me["actions"])
        page = self.page(f"/my/scr/actions/{action}", "portal: action page")
        token = CSRF.search(page)
        if not token:
            return
        location = self.post_form(
            f"/my/scr/actions/{action}/update",
            "portal: update+evidence (write)",
            {
                "csrf_token": token.group(1),
                "note": "Audit done; evidence attached.",
                "progress": "60",
            },
            files={"files": ("evidence.pdf", PDF, "application/pdf")},
        )
        if location:
            self.page(
                f"/my/scr/actions/{action}",
                "portal: action page (after update)",
                "Your update has been saved",
            )

    @task(1)
    def answer_request(self):
        self.page("/my/scr/requests", "portal: request list")
        request_id = take(f"requests-{self.me['login']}", self.me["requests"])
        if not request_id:
            return
        page = self.page(f"/my/scr/requests/{request_id}", "portal: request page")
        token = CSRF.search(page)
        if token and self.post_form(
            f"/my/scr/requests/{request_id}/submit",
            "portal: request submit+file (write)",
            {"csrf_token": token.group(1)},
            files={"files": ("chronology.pdf", PDF, "application/pdf")},
        ):
            self.page(
                f"/my/scr/requests/{request_id}",
                "portal: request page (after submit)",
                "Submitted to the partnership",
            )

    @task(1)
    def referral(self):
        page = self.page("/my/scr/referral", "portal: referral form")
        token = CSRF.search(page)
        if not token:
            return
        with self.client.post(
            "/my/scr/referral/submit",
            name="portal: referral (write)",
            allow_redirects=False,
            data={
                "csrf_token": token.group(1),
                "child_alias": "Child L",
                "incident_date": TODAY,
                "summary": "Bruising seen at school; disclosed.",
            },
            catch_response=True,
        ) as response:
            if response.status_code in (302, 303):
                response.success()
            elif response.status_code == 200 and "referrals in the last" in response.text:
                response.success()
                events.request.fire(
                    request_type="POST",
                    name="portal: referral (refused)",
                    response_time=0,
                    response_length=0,
                    exception=None,
                    context={},
                )
            else:
                response.failure(f"HTTP {response.status_code} (form refused or error)")


class Coordinator(OdooUser):
    """The business unit, through the web client's own JSON-RPC calls."""

    weight = 8
    people = CONFIG["coordinators"]

    @task(3)
    def lists(self):
        self.search_read(
            "scr.incident", "incident_list", [("state", "!=", "closed")], "web: incident list"
        )
        self.search_read(
            "scr.review",
            "review_list",
            [("state", "not in", ("published", "closed"))],
            "web: review list",
        )
        self.search_read(
            "scr.action",
            "action_list",
            [("state", "in", ("agreed", "in_progress"))],
            "web: action list",
        )

    @task(2)
    def open_form(self):
        actions = self.search_read(
            "scr.action",
            "action_list",
            [("state", "in", ("agreed", "in_progress"))],
            "web: action list",
            limit=20,
        )
        if actions and actions["records"]:
            record = random.choice(actions["records"])
            self.call(
                "scr.action",
                "web_read",
                [[record["id"]]],
                {"specification": CONFIG["specs"]["action_form"]},
                name="web: action form",
            )

    @task(1)
    def record_notice(self):
        notice = take(f"notices-{self.me['login']}", self.me["notices"])
        if notice:
            self.call(
                "scr.notification",
                "write",
                [[notice], {"date_sent": TODAY, "reference": f"LOAD-{notice}"}],
                name="web: record a notice (write)",
            )


class Chair(OdooUser):
    weight = 3
    people = CONFIG["chairs"]

    @task
    def sign_off(self):
        self.search_read(
            "scr.decision", "decision_list", [("can_review", "=", True)], "web: sign-off queue"
        )
        decision = take(f"decisions-{self.me['login']}", self.me["decisions"])
        if decision:
            self.call("scr.decision", "validate_tier", [[decision]], name="web: sign (write)")


class Reviewer(OdooUser):
    weight = 4
    people = CONFIG["reviewers"]

    @task
    def my_work(self):
        self.search_read("scr.review", "reviewer_review_list", [], "web: reviewer reviews")
        self.search_read("scr.info.request", "reviewer_request_list", [], "web: reviewer requests")


class TaskPortalUser(OdooUser):
    """The reference: the same portal users on Odoo's own project portal."""

    weight = 10
    people = CONFIG["portal"]

    @task(4)
    def task_pages(self):
        self.page("/my/tasks", "ref: /my/tasks", "Load task")
        self.page(
            f"/my/tasks/{random.choice(CONFIG['tasks']['ids'])}", "ref: task page", "Load task"
        )

    @task(2)
    def message_with_attachment(self):
        task_id = random.choice(CONFIG["tasks"]["ids"])
        access_token = CONFIG["tasks"]["tokens"][str(task_id)]
        page = self.page(f"/my/tasks/{task_id}", "ref: task page", "Load task")
        token = CSRF.search(page) or re.search(r'csrf_token: "([^"]+)"', page)
        with self.client.post(
            "/mail/attachment/upload",
            name="ref: message+file (write)",
            data={
                "thread_id": task_id,
                "thread_model": "project.task",
                "is_pending": "true",
                "token": access_token,
                "csrf_token": token.group(1) if token else "",
            },
            files={"ufile": ("evidence.pdf", PDF, "application/pdf")},
            catch_response=True,
        ) as response:
            if response.status_code != 200 or "attachment_id" not in response.text:
                response.failure(f"upload: HTTP {response.status_code} {response.text[:120]}")
                return
            data = response.json()["data"]
            attachment_id = data["attachment_id"]
            store = data["store_data"].get("ir.attachment", [{}])
            ownership = next(
                (a.get("ownership_token") for a in store if a.get("id") == attachment_id), None
            )
            response.success()
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "thread_model": "project.task",
                "thread_id": task_id,
                "token": access_token,
                "post_data": {
                    "body": "Audit done; evidence attached.",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                    "attachment_ids": [attachment_id],
                    "attachment_tokens": [ownership] if ownership else [],
                },
            },
        }
        with self.client.post(
            "/mail/message/post",
            json=payload,
            name="ref: message+file (write)",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or "error" in response.json():
                response.failure(f"post: {response.text[:200]}")
            else:
                response.success()


class TaskListUser(OdooUser):
    """The reference for the coordinators' lists: Odoo's task list, same widgets."""

    weight = 3
    people = CONFIG["coordinators"]

    @task
    def task_list(self):
        self.search_read(
            "project.task",
            "task_list",
            [("user_ids", "in", [self.me["uid"]])],
            "ref: task list (web)",
        )


@events.quitting.add_listener
def write_stats(environment, **_kwargs):
    stats = {}
    for entry in environment.stats.entries.values():
        stats[entry.name] = {
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "median": entry.get_response_time_percentile(0.5),
            "p95": entry.get_response_time_percentile(0.95),
            "p99": entry.get_response_time_percentile(0.99),
            "rps": entry.total_rps,
        }
    errors = [
        {"name": error.name, "error": str(error.error)[:300], "count": error.occurrences}
        for error in environment.stats.errors.values()
    ]
    with open(os.environ["SCR_LOAD_STATS"], "w") as handle:
        json.dump(
            {"stats": stats, "errors": errors, "total_rps": environment.stats.total.total_rps},
            handle,
            indent=1,
        )
