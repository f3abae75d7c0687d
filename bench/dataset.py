"""The national data set of the scale benchmark (see bench/national.py).

Every partnership in England in one database: 150 partnerships, 20,000 incidents,
5,000 reviews (each with its decision and lead reviewer), 40,000 recommendations,
200,000 actions and 50,000 information requests spread over ten years.

Partnerships, users and agencies are made through the ORM (a few hundred records,
with their groups, calendars and bank holidays). The bulk is written with one
``INSERT ... SELECT`` per table, then the stored computed fields of incidents,
decisions, notifications and reviews are recomputed through the ORM in batches, so
that criteria, statutory deadlines and flags are the module's own. Values are
deterministic: two builds give the same data.

History: what is older than ``open_window`` days is closed (incidents closed,
actions verified, requests accepted); the crons have never run, so every open record
whose deadline has passed is waiting for a reminder or an escalation.
"""

import time
from dataclasses import dataclass
from datetime import timedelta

from odoo import Command, fields

AGENCY_SLOTS = (
    ("police", "Police"),
    ("social_care", "Children's Services"),
    ("health", "Integrated Care Board"),
    ("health", "Hospital Trust"),
    ("education", "Schools"),
    ("probation", "Probation"),
)
# A police force covers several partnerships: force n serves partnerships
# n * PARTNERSHIPS_PER_FORCE onwards, so one agency has actions in several of them.
PARTNERSHIPS_PER_FORCE = 9
PORTAL_LOGIN = "bench_national_police"
COORDINATOR_LOGIN = "bench_coordinator_000"
MARKER = "odoo_scr.bench_national_volume"


@dataclass(frozen=True)
class Volume:
    partnerships: int = 150
    incidents: int = 20_000
    reviews: int = 5_000
    recommendations_per_review: int = 8
    actions_per_recommendation: int = 5
    requests_per_review: int = 10
    reviewers: int = 300
    years: int = 10
    open_window: int = 365

    def scaled(self, factor):
        """A smaller set of the same shape (for trying the suite quickly)."""
        return Volume(
            partnerships=max(PARTNERSHIPS_PER_FORCE, round(self.partnerships * factor)),
            incidents=round(self.incidents * factor),
            reviews=round(self.reviews * factor),
            reviewers=max(10, round(self.reviewers * factor)),
        )

    @property
    def actions(self):
        return self.reviews * self.recommendations_per_review * self.actions_per_recommendation

    @property
    def requests(self):
        return self.reviews * self.requests_per_review


def log(message, started):
    print(f"  {message:<58} {time.perf_counter() - started:7.1f} s", flush=True)


def build(env, volume):
    """Build the data set once; returns the seconds it took (0 if already built)."""
    if env["ir.config_parameter"].sudo().get_param(MARKER):
        return 0.0
    started = time.perf_counter()
    today = fields.Date.context_today(env["res.users"])
    companies = _partnerships(env, volume)
    log(f"{len(companies)} partnerships with calendars and bank holidays", started)
    agencies = _agencies(env, companies)
    log(f"{len(agencies)} agencies and their contacts", started)
    reviewers = _users(env, companies, volume)
    log(f"{2 * len(companies)} coordinators and chairs, {len(reviewers)} reviewers", started)
    env.flush_all()
    cr = env.cr
    params = {
        "companies": companies.ids,
        "today": today,
        "start": today - timedelta(days=365 * volume.years),
        "days": 365 * volume.years - 30,
        "incidents": volume.incidents,
        "reviews": volume.reviews,
        "reviewers": reviewers.ids,
        "recommendations": volume.recommendations_per_review,
        "actions": volume.actions_per_recommendation,
        "requests": volume.requests_per_review,
        "open_from": today - timedelta(days=volume.open_window),
        "uid": env.uid,
    }
    for label, sql in BULK_SQL:
        cr.execute(sql, params)
        log(f"{cr.rowcount:>7} {label}", started)
    _recompute(env, "scr.incident")
    _notices(env)
    _recompute(env, "scr.decision")
    # Signed off before the tier-validation records existed: keep them validated.
    cr.execute("UPDATE scr_decision SET validation_status = 'validated'")
    _recompute(env, "scr.review")
    log("stored computed fields of incidents, decisions, reviews", started)
    cr.execute("ANALYZE")
    env["ir.config_parameter"].sudo().set_param(MARKER, repr(volume))
    env.cr.commit()
    log("committed and analysed", started)
    return time.perf_counter() - started


def _partnerships(env, volume):
    companies = env["res.company"].create(
        [
            {"name": f"Partnership {n:03d}", "scr_regime": "wt2018", "scr_due_soon_days": 3}
            for n in range(volume.partnerships)
        ]
    )
    env["resource.calendar"]._cron_refresh_bank_holidays()
    return companies


def _agencies(env, companies):
    """Six agencies per partnership; slot 0 is a police force shared by several."""
    Partner = env["res.partner"]
    forces = Partner.create(
        [
            {
                "name": f"Police Force {n:02d}",
                "is_company": True,
                "is_scr_agency": True,
                "scr_agency_type": "police",
            }
            for n in range(0, len(companies), PARTNERSHIPS_PER_FORCE)
        ]
    )
    local = Partner.create(
        [
            {
                "name": f"{label} {company.name[-3:]}",
                "is_company": True,
                "is_scr_agency": True,
                "scr_agency_type": kind,
            }
            for company in companies
            for kind, label in AGENCY_SLOTS[1:]
        ]
    )
    agencies = forces | local
    Partner.create(
        [
            {
                "name": f"Lead officer, {agency.name}",
                "parent_id": agency.id,
                "scr_senior_officer": True,
            }
            for agency in agencies
        ]
    )
    # Slot table: (company, slot) -> agency, read by the bulk SQL.
    env.cr.execute(
        "CREATE TABLE IF NOT EXISTS bench_agency_slot (company_id int, slot int, agency_id int)"
    )
    rows = []
    for index, company in enumerate(companies):
        rows.append((company.id, 0, forces[index // PARTNERSHIPS_PER_FORCE].id))
        rows += [
            (company.id, slot, local[index * (len(AGENCY_SLOTS) - 1) + slot - 1].id)
            for slot in range(1, len(AGENCY_SLOTS))
        ]
    env.cr.execute("INSERT INTO bench_agency_slot VALUES " + ", ".join(["%s"] * len(rows)), rows)
    _portal_user(env, forces[0], companies[:PARTNERSHIPS_PER_FORCE])
    return agencies


def _portal_user(env, force, companies):
    """The force's portal user, working with every partnership the force serves."""
    contact = force.child_ids[:1] or env["res.partner"].create(
        {"name": "Portal officer", "parent_id": force.id, "scr_senior_officer": True}
    )
    env["res.users"].with_context(no_reset_password=True).create(
        {
            "login": PORTAL_LOGIN,
            "password": PORTAL_LOGIN,
            "partner_id": contact.id,
            "company_id": companies[0].id,
            "company_ids": [Command.set(companies.ids)],
            "group_ids": [Command.set([env.ref("base.group_portal").id])],
        }
    )


def _users(env, companies, volume):
    """A coordinator and a chair per partnership; independent reviewers with logins."""
    Users = env["res.users"].with_context(no_reset_password=True)
    coordinator = env.ref("odoo_scr.group_scr_coordinator")
    chair = env.ref("odoo_scr.group_scr_chair")
    reviewer = env.ref("odoo_scr.group_scr_reviewer")
    staff = Users.create(
        [
            {
                "name": f"{role.title()} {company.name}",
                "login": f"bench_{role}_{index:03d}",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "group_ids": [Command.link(group.id)],
            }
            for index, company in enumerate(companies)
            for role, group in (("coordinator", coordinator), ("chair", chair))
        ]
    )
    for company, (coordinator_user, chair_user) in zip(
        companies, zip(staff[0::2], staff[1::2], strict=True), strict=True
    ):
        company.write({"scr_coordinator_id": coordinator_user.id, "scr_chair_id": chair_user.id})
    reviewer_users = Users.create(
        [
            {
                "name": f"Independent Reviewer {n:03d}",
                "login": f"bench_reviewer_{n:03d}",
                "company_id": companies[n % len(companies)].id,
                "company_ids": [Command.set(companies.ids)],
                "group_ids": [Command.link(reviewer.id)],
            }
            for n in range(volume.reviewers)
        ]
    )
    return env["scr.reviewer"].create(
        # The national register: each reviewer shared with every partnership.
        [
            {"partner_id": user.partner_id.id, "user_id": user.id, "company_id": False}
            for user in reviewer_users
        ]
    )


def _recompute(env, model, chunk=5_000):
    """Recompute every stored computed field of ``model`` through the ORM, in chunks."""
    Model = env[model].with_context(active_test=False, tracking_disable=True)
    ids = Model.search([]).ids
    stored = [field for field in Model._fields.values() if field.store and field.compute]
    for start in range(0, len(ids), chunk):
        records = Model.browse(ids[start : start + chunk])
        for field in stored:
            env.add_to_compute(field, records)
        env.flush_all()
        env.invalidate_all()


def _notices(env):
    """Statutory notice lines of notifiable incidents, sent on time unless still draft."""
    incidents = (
        env["scr.incident"]
        .with_context(tracking_disable=True)
        .search([("is_notifiable", "=", True)])
    )
    for start in range(0, len(incidents), 2_000):
        env["scr.notification"]._create_missing_notices(
            "incident_notification",
            incidents[start : start + 2_000],
            "incident_id",
            lambda incident: incident.notification_ids.recipient_id,
            required=lambda incident: incident._notification_recipients(),
        )
        env.flush_all()
        env.invalidate_all()
    env.cr.execute(
        """
        UPDATE scr_notification n
           SET date_sent = i.aware_date + 1, is_sent = true, is_late = false,
               reference = 'BENCH-' || n.id
          FROM scr_incident i
         WHERE i.id = n.incident_id AND i.state <> 'draft'
        """
    )


# One statement per table; %(name)s are the parameters built in build().
BULK_SQL = [
    (
        "incidents",
        """
        INSERT INTO scr_incident (
            name, company_id, regime, state, user_id, child_alias, incident_date, aware_date,
            source, child_died, seriously_harmed, abuse_neglect, interagency_concerns,
            looked_after, active, escalated, create_uid, write_uid,
            create_date, write_date)
        SELECT 'NI/' || extract(year FROM d.incident_date) || '/' || lpad(n::text, 5, '0'),
               c.id, 'wt2018',
               CASE WHEN d.aware_date < %(today)s - 365 THEN 'closed'
                    WHEN d.aware_date < %(today)s - 60 THEN
                        CASE WHEN n %% 5 IN (0, 1) THEN 'decided' ELSE 'closed' END
                    ELSE (ARRAY['draft', 'notified', 'under_consideration'])[n %% 3 + 1] END,
               c.scr_coordinator_id, 'Child ' || n, d.incident_date, d.aware_date,
               (ARRAY['la_notification', 'cdop_referral', 'agency_referral'])[n %% 3 + 1],
               n %% 10 = 0, n %% 5 = 1,
               CASE WHEN n %% 5 IN (0, 1) THEN
                   CASE WHEN n %% 3 = 0 THEN 'known' ELSE 'suspected' END ELSE 'no' END,
               CASE WHEN n %% 7 = 0 THEN 'yes' ELSE 'unknown' END,
               n %% 11 = 0, true, false, %(uid)s, %(uid)s, now(), now()
          FROM generate_series(1, %(incidents)s) n
          JOIN LATERAL (
              SELECT %(companies)s::int[] AS ids) a ON true
          JOIN res_company c ON c.id = a.ids[(n %% array_length(a.ids, 1)) + 1]
          JOIN LATERAL (
              SELECT (%(start)s::date + ((n - 1) * %(days)s / %(incidents)s))::date
                         AS incident_date,
                     (%(start)s::date + ((n - 1) * %(days)s / %(incidents)s) + n %% 4)::date
                         AS aware_date) d ON true
        """,
    ),
    (
        "decisions (one per notifiable incident older than 40 days)",
        """
        INSERT INTO scr_decision (
            incident_id, company_id, user_id, state, decision, decision_date, rationale,
            recommendation, recommendation_date, validation_status, signed_by_id, signed_date,
            regime, active, create_uid, write_uid, create_date, write_date)
        SELECT i.id, i.company_id, i.user_id, 'signed',
               CASE WHEN floor(r.rn * %(reviews)s::numeric / r.total)
                         > floor((r.rn - 1) * %(reviews)s::numeric / r.total)
                    THEN 'initiate_review' ELSE 'no_review' END,
               i.aware_date + 20, 'The criteria are met; learning is likely.',
               'initiate_review', i.aware_date + 15, 'validated', c.scr_chair_id,
               i.aware_date + 20, i.regime, true, %(uid)s, %(uid)s, now(), now()
          FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn, count(*) OVER () AS total
                  FROM scr_incident
                 WHERE (seriously_harmed OR child_died) AND aware_date < %(today)s - 40) r
          JOIN scr_incident i ON i.id = r.id
          JOIN res_company c ON c.id = i.company_id
        """,
    ),
    (
        "reviews",
        """
        INSERT INTO scr_review (
            name, company_id, incident_id, decision_id, child_alias, regime, review_type, state,
            user_id, methodology, date_initiated, date_completed, published_date, active,
            create_uid, write_uid, create_date, write_date)
        SELECT 'LCSPR-' || extract(year FROM d.decision_date) || '-'
                   || lpad(row_number() OVER (ORDER BY d.id)::text, 5, '0'),
               d.company_id, d.incident_id, d.id, i.child_alias, i.regime, 'lcspr', s.state,
               d.user_id, 'systems',
               d.decision_date,
               CASE WHEN s.state IN ('final_report', 'awaiting_publication', 'published',
                                     'closed')
                    THEN d.decision_date + 170 + d.id %% 30 END,
               CASE WHEN s.state IN ('published', 'closed') THEN d.decision_date + 240 END,
               true, %(uid)s, %(uid)s, now(), now()
          FROM scr_decision d
          JOIN scr_incident i ON i.id = d.incident_id
          JOIN LATERAL (
              SELECT CASE WHEN d.decision_date < %(today)s - 900 THEN 'closed'
                          WHEN d.decision_date < %(today)s - 540 THEN 'published'
                          WHEN d.decision_date < %(today)s - 300 THEN 'awaiting_publication'
                          WHEN d.decision_date < %(today)s - 180 THEN 'final_report'
                          WHEN d.decision_date < %(today)s - 120 THEN 'draft_report'
                          WHEN d.decision_date < %(today)s - 30 THEN 'in_progress'
                          ELSE 'scoping' END AS state) s ON true
         WHERE d.decision = 'initiate_review'
        """,
    ),
    (
        "organisations involved in reviews",
        """
        INSERT INTO res_partner_scr_review_rel (scr_review_id, res_partner_id)
        SELECT r.id, s.agency_id
          FROM scr_review r JOIN bench_agency_slot s ON s.company_id = r.company_id
        """,
    ),
    (
        "lead reviewer appointments",
        """
        INSERT INTO scr_review_appointment (
            review_id, company_id, reviewer_id, reviewer_user_id, role, date_appointed,
            create_uid, write_uid, create_date, write_date)
        SELECT r.id, r.company_id, v.id, v.user_id, 'lead', r.date_initiated,
               %(uid)s, %(uid)s, now(), now()
          FROM scr_review r
          JOIN scr_reviewer v
            ON v.id = (%(reviewers)s::int[])[(r.id %% array_length(%(reviewers)s::int[], 1)) + 1]
        """,
    ),
    (
        "recommendations",
        """
        INSERT INTO scr_recommendation (
            review_id, company_id, number, recommendation, active,
            create_uid, write_uid, create_date, write_date)
        SELECT r.id, r.company_id, m,
               'Recommendation ' || m || ' of ' || r.name
                   || ': partners should assure the board that learning is embedded.',
               true, %(uid)s, %(uid)s, now(), now()
          FROM scr_review r, generate_series(1, %(recommendations)s) m
        """,
    ),
    (
        "actions",
        """
        INSERT INTO scr_action (
            name, review_id, recommendation_id, recommendation, company_id, child_alias,
            agency_id, owner_id, success_criteria, due_date, state, progress, signed_by_id,
            signed_date, date_completed, date_verified, verified_by_id, cancel_reason,
            reminded, escalated, active, create_uid, write_uid, create_date, write_date)
        SELECT 'Action ' || m.number || '.' || k || ' of ' || r.name, r.id, m.id,
               m.recommendation, r.company_id, r.child_alias, s.agency_id, o.id,
               'Audit shows the new practice in 9 cases out of 10.', a.due, a.state,
               CASE a.state WHEN 'verified' THEN 100 WHEN 'completed' THEN 100
                            WHEN 'in_progress' THEN 50 ELSE 0 END,
               CASE WHEN a.state <> 'draft' THEN o.id END,
               CASE WHEN a.state <> 'draft' THEN r.date_initiated + 190 END,
               CASE WHEN a.state IN ('completed', 'verified') THEN a.due - 10 END,
               CASE WHEN a.state = 'verified' THEN a.due END,
               CASE WHEN a.state = 'verified' THEN r.user_id END,
               CASE WHEN a.state = 'cancelled' THEN 'Superseded by a later review.' END,
               false, false, true, %(uid)s, %(uid)s, now(), now()
          FROM scr_recommendation m
          JOIN scr_review r ON r.id = m.review_id
          CROSS JOIN generate_series(0, %(actions)s - 1) k
          JOIN bench_agency_slot s
            ON s.company_id = r.company_id
           AND s.slot = (m.number * %(actions)s + k) %% 6
          JOIN LATERAL (
              SELECT id FROM res_partner WHERE parent_id = s.agency_id ORDER BY id LIMIT 1
          ) o ON true
          JOIN LATERAL (
              SELECT (r.date_initiated + 200 + (m.number * %(actions)s + k) * 12)::date AS due
          ) dd ON true
          JOIN LATERAL (
              SELECT dd.due,
                     CASE WHEN r.state IN ('scoping', 'in_progress', 'draft_report')
                              THEN 'draft'
                          WHEN dd.due < %(open_from)s THEN
                              CASE WHEN (m.id + k) %% 20 = 0 THEN 'cancelled' ELSE 'verified' END
                          WHEN dd.due < %(today)s - 60 AND (m.id + k) %% 2 = 0 THEN 'completed'
                          WHEN (m.id + k) %% 2 = 0 THEN 'agreed'
                          ELSE 'in_progress' END AS state
          ) a ON true
        """,
    ),
    (
        "information requests",
        """
        INSERT INTO scr_info_request (
            name, review_id, review_reference, child_alias, company_id, agency_id, agency_name,
            request_type, description, justification, date_requested, due_date, state,
            date_submitted, escalated, create_uid, write_uid, create_date, write_date)
        SELECT 'S14B-' || extract(year FROM r.date_initiated) || '-'
                   || lpad((r.id * 100 + j)::text, 7, '0'),
               r.id, r.name, r.child_alias, r.company_id, s.agency_id, ag.name,
               (ARRAY['chronology', 'agency_report', 'specific'])[j %% 3 + 1],
               'Chronology of contact with the child and family.',
               'Section 14B: needed to understand how agencies worked together.',
               r.date_initiated + 7 + j * 3, r.date_initiated + 35 + j * 3, q.state,
               CASE WHEN q.state IN ('submitted', 'accepted') THEN r.date_initiated + 30 + j * 3
               END,
               false, %(uid)s, %(uid)s, now(), now()
          FROM scr_review r
          CROSS JOIN generate_series(0, %(requests)s - 1) j
          JOIN bench_agency_slot s ON s.company_id = r.company_id AND s.slot = j %% 6
          JOIN res_partner ag ON ag.id = s.agency_id
          JOIN LATERAL (
              SELECT CASE WHEN r.state NOT IN ('scoping', 'in_progress', 'draft_report')
                              THEN 'accepted'
                          ELSE (ARRAY['requested', 'submitted', 'returned', 'accepted'])[j %% 4 + 1]
                     END AS state
          ) q ON true
        """,
    ),
]
