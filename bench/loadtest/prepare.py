"""Prepare a benchmark database (bench/dataset.py) for the load test and the faults.

Run with Odoo's options, before the server starts (bench/loadtest/run.py does it):

    python3 bench/loadtest/prepare.py -d DB --out FILE.json [odoo options]

It gives logins to a sample of the data set's people (password = login): the
coordinator and chair of the first partnerships, their reviewers, a portal user per
agency of those partnerships (the data set has one portal user only), a second chair
for the concurrent sign-off fault; puts decisions on the chairs' sign-off queue; makes
Odoo's own reference (a portal project with 2,000 tasks followed by the portal users,
the coordinators as its project users); raises the referral limit
(``odoo_scr.referral_limit``, default 10 an hour) so that the load test's referrals are
not refused (a refusal would count as a failure); snapshots what each deadline cron has
due (table ``loadtest_due``) and makes the crons due now, so that they run their backlog
while the users work. Writes what the Locust users need as JSON.
"""

import argparse
import json
import sys
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, Command, api, fields
from odoo.modules.registry import Registry
from odoo.tools import config

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from national import CRONS

PARTNERSHIPS = 6
TASKS = 2_000
DECISIONS_PER_CHAIR = 30
NOTICES_PER_COORDINATOR = 20  # incidents whose notices the coordinator records
ACTIONS_PER_USER = 300
REFERRAL_LIMIT = "1000000"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--out", required=True)
    args, odoo_args = parser.parse_known_args()
    config.parse_config(["-d", args.database, *odoo_args])
    return args


def login(user):
    user.password = user.login
    return user.login


def main():
    args = parse_args()
    odoo.modules.module.initialize_sys_path()
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        out = prepare(env)
        cr.commit()
    Path(args.out).write_text(json.dumps(out, indent=1))
    print(
        f"prepared: {len(out['portal'])} portal users, {len(out['coordinators'])} coordinators, "
        f"{len(out['chairs'])} chairs, {len(out['reviewers'])} reviewers, "
        f"{sum(len(c['decisions']) for c in out['chairs'])} decisions to sign, "
        f"{sum(out['due'].values())} cron records due"
    )


def prepare(env):
    env["ir.config_parameter"].sudo().set_param("odoo_scr.referral_limit", REFERRAL_LIMIT)
    companies = env["res.company"].search([("scr_coordinator_id", "!=", False)], order="id")
    companies = companies[:PARTNERSHIPS]
    out = {"portal": [], "coordinators": [], "chairs": [], "reviewers": [], "tasks": []}
    portal_group = env.ref("base.group_portal")
    env.cr.execute(
        "SELECT agency_id, array_agg(DISTINCT company_id) FROM bench_agency_slot "
        "WHERE company_id = ANY(%s) GROUP BY agency_id ORDER BY agency_id",
        [companies.ids],
    )
    for agency_id, company_ids in env.cr.fetchall():
        agency = env["res.partner"].browse(agency_id)
        login_name = f"load_portal_{agency_id}"
        user = env["res.users"].search([("login", "=", login_name)])
        if not user:
            contact = env["res.partner"].create(
                {
                    "name": f"Officer of {agency.name}",
                    "parent_id": agency.id,
                    "email": f"{login_name}@example.org",
                }
            )
            user = (
                env["res.users"]
                .with_context(no_reset_password=True)
                .create(
                    {
                        "login": login_name,
                        "password": login_name,
                        "partner_id": contact.id,
                        "company_id": company_ids[0],
                        "company_ids": [Command.set(company_ids)],
                        "group_ids": [Command.set(portal_group.ids)],
                    }
                )
            )
        actions = env["scr.action"].search(
            [
                ("agency_id", "=", agency_id),
                ("company_id", "in", company_ids),
                ("state", "in", ("agreed", "in_progress")),
            ],
            limit=ACTIONS_PER_USER,
            order="id",
        )
        requests = env["scr.info.request"].search(
            [
                ("agency_id", "=", agency_id),
                ("company_id", "in", company_ids),
                ("state", "in", ("requested", "returned")),
            ],
            order="id",
        )
        if actions:
            out["portal"].append(
                {"login": login_name, "actions": actions.ids, "requests": requests.ids}
            )
    chair_group = env.ref("odoo_scr.group_scr_chair")
    project_user = env.ref("project.group_project_user")
    for company in companies:
        coordinator = company.scr_coordinator_id
        coordinator.group_ids = [Command.link(project_user.id)]
        out["coordinators"].append(
            {
                "login": login(coordinator),
                "uid": coordinator.id,
                "company": company.id,
                "notices": _unsent_notices(env, company, NOTICES_PER_COORDINATOR),
            }
        )
        out["chairs"].append(
            {
                "login": login(company.scr_chair_id),
                "uid": company.scr_chair_id.id,
                "company": company.id,
                "decisions": _decisions(env, company, DECISIONS_PER_CHAIR),
            }
        )
    # A second chair of the first partnership, for two chairs signing at once.
    first = companies[0]
    chair2 = env["res.users"].search([("login", "=", "load_chair2")])
    if not chair2:
        chair2 = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "Second chair",
                    "login": "load_chair2",
                    "company_id": first.id,
                    "company_ids": [Command.set(first.ids)],
                    "group_ids": [Command.link(chair_group.id)],
                }
            )
        )
    out["chair2"] = {"login": login(chair2), "uid": chair2.id, "company": first.id}
    out["fault_decisions"] = _decisions(env, first, 20)
    appointments = env["scr.review.appointment"].search(
        [("company_id", "in", companies.ids)], order="id"
    )
    for user in appointments.reviewer_user_id[:12]:
        out["reviewers"].append({"login": login(user), "uid": user.id})
    out["tasks"] = _reference_project(env, companies, out)
    out["specs"] = _specifications(env, out)
    out["due"] = _snapshot_due(env)
    return out


def _specifications(env, out):
    """The specifications the web client sends, read from the views as each role sees
    them (the list's: as the tests' query budgets and bench/national.py)."""
    from odoo.addons.odoo_scr.tests.common import list_specification

    users = env["res.users"].browse
    coordinator = users(out["coordinators"][0]["uid"])
    chair = users(out["chairs"][0]["uid"])
    reviewer = users(out["reviewers"][0]["uid"])

    def lst(model, user):
        return list_specification(env[model].with_user(user).with_context(lang="en_US"))

    return {
        "incident_list": lst("scr.incident", coordinator),
        "review_list": lst("scr.review", coordinator),
        "action_list": lst("scr.action", coordinator),
        "action_form": _form_specification(env["scr.action"].with_user(coordinator)),
        "decision_list": lst("scr.decision", chair),
        "reviewer_review_list": lst("scr.review", reviewer),
        "reviewer_request_list": lst("scr.info.request", reviewer),
        "task_list": lst("project.task", coordinator),
    }


def _form_specification(Model):
    """The fields of the form view (not those of its embedded lists), relations with
    their display names, one2many as ids."""
    from lxml import etree

    arch = etree.fromstring(Model.get_views([(False, "form")])["views"]["form"]["arch"])
    spec = {}
    for node in arch.iter("field"):
        if any(parent.tag == "field" for parent in node.iterancestors()):
            continue
        name = node.get("name")
        field = Model._fields.get(name)
        if not field:
            continue
        if field.type in ("many2one", "many2many"):
            spec[name] = {"fields": {"display_name": {}}}
        elif field.type == "one2many":
            spec[name] = {"fields": {}}
        else:
            spec[name] = {}
    return spec


def _incidents(env, company, count):
    """``count`` new notifiable incidents of ``company`` (a child died, abuse suspected),
    their notices not yet sent."""
    coordinator = company.scr_coordinator_id
    Incident = env["scr.incident"].with_company(company).with_context(tracking_disable=True)
    today = fields.Date.context_today(env.user)
    return Incident.create(
        [
            {
                "company_id": company.id,
                "child_alias": f"Load child {n}",
                "regime": company.scr_regime or "wt2018",
                "incident_date": today,
                "aware_date": today,
                "user_id": coordinator.id,
                "child_died": True,
                "abuse_neglect": "suspected",
                "interagency_concerns": "yes",
            }
            for n in range(count)
        ]
    )


def _unsent_notices(env, company, count):
    """The notices of ``count`` new incidents, for the coordinator to record as sent
    (the web client's write of ``date_sent``): the data set has sent all of its own."""
    return _incidents(env, company, count).notification_ids.ids


def _decisions(env, company, count):
    """Decisions of new incidents of ``company``, awaiting its chair's sign-off."""
    coordinator = company.scr_coordinator_id
    today = fields.Date.context_today(env.user)
    decisions = env["scr.decision"]
    for incident in _incidents(env, company, count):
        incident.notification_ids.write({"date_sent": today, "reference": "LOAD"})
        incident.action_start_consideration()
        decision = (
            env["scr.decision"]
            .with_user(coordinator)
            .with_company(company)
            .create(
                {
                    "incident_id": incident.id,
                    "recommendation": "initiate_review",
                    "decision": "initiate_review",
                    "decision_date": today,
                    "rationale": "The agencies did not share what they knew; a local review "
                    "will find out why.",
                }
            )
        )
        decision.request_validation()
        decisions |= decision
    return decisions.ids


def _reference_project(env, companies, out):
    """Odoo's own portal: a project with TASKS tasks, followed by every portal user, the
    first coordinators assigned to a share of them (their task list)."""
    project = env["project.project"].search([("name", "=", "Load reference project")])
    if not project:
        project = env["project.project"].create(
            {
                "name": "Load reference project",
                "privacy_visibility": "portal",
                # shared by the partnerships (no company): every portal user of the
                # load test sees it, as each sees its own partnerships' actions
                "company_id": False,
            }
        )
        env["project.task"].with_context(tracking_disable=True, mail_create_nolog=True).create(
            [{"name": f"Load task {n}", "project_id": project.id} for n in range(TASKS)]
        )
    portal_partners = (
        env["res.users"].search([("login", "in", [p["login"] for p in out["portal"]])]).partner_id
    )
    project.message_subscribe(partner_ids=portal_partners.ids)
    # shared with them as Odoo shares a project with portal users (its "Share" wizard):
    # collaborators, who read every task of it (following the project is not enough)
    known = project.collaborator_ids.partner_id
    env["project.collaborator"].create(
        [{"project_id": project.id, "partner_id": p.id} for p in portal_partners - known]
    )
    tasks = project.task_ids.sorted("id")
    coordinators = env["res.users"].browse([c["uid"] for c in out["coordinators"]])
    for coordinator in coordinators:
        coordinator.company_ids = [Command.link(companies[0].id)]
    tasks[:200].user_ids = [Command.set(coordinators.ids)]
    env.cr.execute("ANALYZE project_task, project_task_user_rel")
    # The portal's chatter posts with the task's access token (as the task page's
    # chatter does with its token or hash): a portal follower cannot write a task.
    sample = tasks[:500]
    for task in sample:
        task._portal_ensure_token()
    return {
        "project": project.id,
        "ids": sample.ids,
        "tokens": {str(task.id): task.access_token for task in sample},
    }


def _snapshot_due(env):
    """What each deadline cron has due now, kept in ``loadtest_due`` for the checks,
    and the crons due now."""
    env.cr.execute("DROP TABLE IF EXISTS loadtest_due")
    env.cr.execute(
        "CREATE TABLE loadtest_due (cron text, model text, res_id int, "
        "activity_type_id int, taken timestamp DEFAULT (now() AT TIME ZONE 'UTC'))"
    )
    due = {}
    for spec in CRONS:
        Model = env[spec["model"]]
        records = Model.search(getattr(Model, spec["methods"][0])())
        activity_type = env.ref(spec["activity_type"]).id
        if records:
            env.cr.execute(
                "INSERT INTO loadtest_due (cron, model, res_id, activity_type_id) "
                "SELECT %s, %s, unnest(%s::int[]), %s",
                [spec["xmlid"], spec["model"], records.ids, activity_type],
            )
        due[spec["xmlid"]] = len(records)
        cron = env.ref(spec["xmlid"])
        cron.write({"active": True, "nextcall": fields.Datetime.now()})
    return due


if __name__ == "__main__":
    main()
