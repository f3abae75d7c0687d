from odoo import fields, models, tools
from odoo.tools import SQL

from ..statutory_day import ENGLAND_TZ

KINDS = [
    ("incident_notification", "Notify the incident"),
    ("decision", "Decision"),
    ("rapid_review", "Rapid review"),
    ("decision_notification", "Notify the decision"),
    ("review_completion", "Complete the review"),
    ("pre_publication", "Pre-publication notices"),
    ("publication", "Publication"),
    ("publication_due", "Publish by (six months)"),
    ("info_request", "Information requested"),
    ("action", "Action due"),
]
# Each row's id is its source record's id times ID_STRIDE plus the rank of its kind in
# KINDS: stable across reads (the web client keeps ids in the URL), unique over the union.
ID_STRIDE = 16
KIND_RANK = {kind: rank for rank, (kind, _label) in enumerate(KINDS, start=1)}

# One SELECT per kind of statutory deadline, all with the same columns, in the same order.
# The dates are those the source records compute from scr.timescale (each timescale
# names its statute or paragraph of Working Together in data/scr_timescale_data.xml):
# incident_notification (Children Act 2004 s16C), decision (WT2015) or rapid_review
# (WT2018/2023), decision_notification, review_completion, pre_publication and
# review_publication (docs/process.md 1.3-1.6); the planned publication date is the
# partnership's, as are the dates of information requests (Children Act 2004 s14B) and
# actions. Nothing here names the child: references only (docs/process.md 2).
_ROWS = """
    SELECT i.id * {stride} + {rank[incident_notification]} AS id,
           'incident_notification' AS kind, 'scr.incident' AS res_model, i.id AS res_id,
           i.name AS name, i.id AS incident_id, NULL::integer AS review_id,
           i.notification_due_date AS due_date, i.state = 'draft' AS is_open,
           FALSE AS awaiting_sign_off, i.company_id, i.user_id, NULL::integer AS reviewer_id
      FROM scr_incident i
     WHERE i.active AND i.is_notifiable AND i.notification_due_date IS NOT NULL
    UNION ALL
    SELECT d.id * {stride} + CASE WHEN d.regime = 'wt2015' THEN {rank[decision]}
                                  ELSE {rank[rapid_review]} END,
           CASE WHEN d.regime = 'wt2015' THEN 'decision' ELSE 'rapid_review' END,
           'scr.decision', d.id, d.name, d.incident_id, NULL, d.decision_due_date,
           d.state = 'draft',
           d.state = 'draft' AND EXISTS (
               SELECT 1 FROM tier_review t
                WHERE t.model = 'scr.decision' AND t.res_id = d.id AND t.status = 'pending'),
           d.company_id, d.user_id, NULL
      FROM scr_decision d
     WHERE d.active AND d.decision_due_date IS NOT NULL
    UNION ALL
    SELECT d.id * {stride} + {rank[decision_notification]}, 'decision_notification',
           'scr.decision', d.id, d.name, d.incident_id, NULL, d.notify_due_date,
           EXISTS (SELECT 1 FROM scr_notification n
                    WHERE n.decision_id = d.id AND NOT n.is_sent AND n.corrected_id IS NULL),
           FALSE, d.company_id, d.user_id, NULL
      FROM scr_decision d
     WHERE d.active AND d.state = 'signed' AND d.notify_due_date IS NOT NULL
    UNION ALL
    SELECT r.id * {stride} + m.rank, m.kind, 'scr.review', r.id, r.name, r.incident_id, r.id,
           m.due_date, m.is_open, m.awaiting_sign_off, r.company_id, r.user_id, lead.reviewer_id
      FROM scr_review r
      LEFT JOIN LATERAL ({lead}) lead ON TRUE
     CROSS JOIN LATERAL (VALUES
           ({rank[review_completion]}, 'review_completion', r.completion_due_date,
            r.date_completed IS NULL AND r.state IN ('scoping', 'in_progress', 'draft_report'),
            FALSE),
           ({rank[pre_publication]}, 'pre_publication', r.pre_publication_due_date,
            r.published_date IS NULL AND NOT COALESCE(r.no_publication, FALSE) AND (
                NOT EXISTS (SELECT 1 FROM scr_notification n
                             WHERE n.review_id = r.id AND n.is_sent)
                OR EXISTS (SELECT 1 FROM scr_notification n
                            WHERE n.review_id = r.id AND NOT n.is_sent
                              AND n.corrected_id IS NULL)),
            FALSE),
           ({rank[publication]}, 'publication', r.publication_date,
            r.published_date IS NULL AND NOT COALESCE(r.no_publication, FALSE),
            EXISTS (SELECT 1 FROM scr_publication p
                      JOIN tier_review t ON t.model = 'scr.publication' AND t.res_id = p.id
                     WHERE p.review_id = r.id AND p.state = 'draft' AND t.status = 'pending')),
           ({rank[publication_due]}, 'publication_due', r.publication_due_date,
            r.published_date IS NULL AND NOT COALESCE(r.no_publication, FALSE), FALSE)
     ) AS m (rank, kind, due_date, is_open, awaiting_sign_off)
     WHERE r.active AND m.due_date IS NOT NULL
    UNION ALL
    SELECT q.id * {stride} + {rank[info_request]}, 'info_request', 'scr.info.request',
           q.id, q.name, r.incident_id, r.id, q.due_date, q.state IN ('requested', 'returned'),
           FALSE, q.company_id, r.user_id, lead.reviewer_id
      FROM scr_info_request q
      JOIN scr_review r ON r.id = q.review_id
      LEFT JOIN LATERAL ({lead}) lead ON TRUE
    UNION ALL
    SELECT a.id * {stride} + {rank[action]}, 'action', 'scr.action', a.id,
           r.name || ' / ' || a.name, r.incident_id, r.id, a.due_date,
           a.state IN ('agreed', 'in_progress'), FALSE, a.company_id, r.user_id, lead.reviewer_id
      FROM scr_action a
      JOIN scr_review r ON r.id = a.review_id
      LEFT JOIN LATERAL ({lead}) lead ON TRUE
     WHERE a.active AND a.state NOT IN ('draft', 'cancelled')
"""
# The review's lead reviewer (the first appointed), where there is one.
_LEAD = """
    SELECT ap.reviewer_id FROM scr_review_appointment ap
     WHERE ap.review_id = r.id AND ap.role = 'lead'
     ORDER BY ap.date_appointed, ap.id LIMIT 1
"""


class ScrDeadline(models.Model):
    """Every statutory deadline of the partnership, in one list (the coordinator's desk).

    A read-only SQL view over the due dates the source records compute and store:
    nothing is copied, so the desk is never stale, and each row opens its source
    record. Lateness is reckoned against today when the row is read. Who sees a row
    follows who may read its source (security/scr_rules.xml): a coordinator or chair
    their partnership's deadlines, a reviewer only the milestones of the reviews they
    are appointed to, portal users nothing.
    """

    _name = "scr.deadline"
    _description = "Statutory deadline"
    _auto = False
    _order = "is_late desc, due_date, id"
    _rec_name = "name"
    # The source fields the view reads: pending changes to them are flushed before the
    # desk is searched or read (kept next to the SQL, which names the same columns).
    _depends = {
        "scr.incident": (
            "name active is_notifiable notification_due_date state company_id user_id".split()
        ),
        "scr.decision": (
            "name active regime decision_due_date notify_due_date state incident_id "
            "company_id user_id".split()
        ),
        "scr.review": (
            "name active incident_id completion_due_date date_completed state "
            "pre_publication_due_date published_date no_publication publication_date "
            "publication_due_date "
            "company_id user_id".split()
        ),
        "scr.review.appointment": "review_id reviewer_id role date_appointed".split(),
        "scr.notification": "decision_id review_id is_sent corrected_id".split(),
        "scr.publication": "review_id state".split(),
        "tier.review": "model res_id status".split(),
        "scr.info.request": "name review_id due_date state company_id".split(),
        "scr.action": "name active review_id due_date state company_id".split(),
    }

    name = fields.Char(string="Reference", readonly=True)
    kind = fields.Selection(KINDS, string="Deadline", readonly=True)
    res_model = fields.Char(string="Record model", readonly=True)
    res_id = fields.Many2oneReference(string="Record", model_field="res_model", readonly=True)
    incident_id = fields.Many2one("scr.incident", readonly=True)
    review_id = fields.Many2one("scr.review", readonly=True)
    due_date = fields.Date(readonly=True)
    state = fields.Selection([("open", "Open"), ("done", "Done")], readonly=True)
    is_late = fields.Boolean(string="Late", readonly=True)
    days_late = fields.Integer(readonly=True, aggregator="max")
    awaiting_sign_off = fields.Boolean(
        readonly=True, help="The chair's sign-off was requested and has not been given."
    )
    company_id = fields.Many2one("res.company", string="Partnership", readonly=True)
    user_id = fields.Many2one("res.users", string="Responsible", readonly=True)
    reviewer_id = fields.Many2one("scr.reviewer", string="Lead reviewer", readonly=True)

    def _view_query(self):
        """The union of the source records' due dates, with their lateness on today's date in
        England (``statutory_day``), whatever the server's or the session's time zone."""
        rows = _ROWS.format(stride=ID_STRIDE, rank=KIND_RANK, lead=_LEAD)
        return SQL(
            """
            SELECT rows.id, rows.kind, rows.res_model, rows.res_id, rows.name,
                   rows.incident_id, rows.review_id, rows.due_date,
                   CASE WHEN rows.is_open THEN 'open' ELSE 'done' END AS state,
                   rows.is_open AND rows.due_date < today.day AS is_late,
                   CASE WHEN rows.is_open AND rows.due_date < today.day
                        THEN today.day - rows.due_date ELSE 0 END AS days_late,
                   rows.awaiting_sign_off, rows.company_id, rows.user_id, rows.reviewer_id
              FROM (%s) rows,
                   -- the statutory day, England's (statutory_day.py), when the row is read
                   (SELECT (statement_timestamp() AT TIME ZONE %s)::date AS day) today
            """,
            SQL(rows),
            ENGLAND_TZ,
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._view_query()
            )
        )

    def action_open_record(self):
        """Open the record the deadline belongs to, where the work is done."""
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)._get_records_action()
