"""English (UK) (data/res_lang_data.xml, issue 16) is ``noupdate`` data, which only an
install loads: an existing partnership gets it here, from the same file.

The publish-by date of each existing review is computed now that the review_publication
timescale is loaded (pre-migration.py made its columns).

The reviewers' record rules read one field, ``scr_reviewer_user_ids``
(``scr.reviewer.scope.mixin``), instead of each spelling its own path to the review's
appointments: the same records. The rules are ``noupdate`` data, which an upgrade does not
rewrite, so their domains are rewritten here."""

from odoo import SUPERUSER_ID, api
from odoo.tools import convert_file

REVIEWER_RULES = (
    "rule_scr_review_reviewer",
    "rule_scr_review_appointment_reviewer",
    "rule_scr_review_extension_reviewer",
    "rule_scr_info_request_reviewer",
    "rule_scr_decision_reviewer",
    "rule_scr_review_contributor_reviewer",
    "rule_scr_publication_reviewer",
    "rule_scr_review_quality_reviewer",
    "rule_scr_learning_briefing_reviewer",
    "rule_scr_learning_dissemination_reviewer",
    "rule_scr_recommendation_reviewer",
    "rule_scr_action_reviewer",
    "rule_scr_action_update_reviewer",
)
DOMAIN = "[('scr_reviewer_user_ids', 'in', [user.id])]"
REGISTER_DOMAIN = "['|', ('user_id', '=', user.id), ('scr_reviewer_user_ids', 'in', [user.id])]"


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    convert_file(env, "odoo_scr", "data/res_lang_data.xml", {}, mode="init", noupdate=True)
    reviews = env["scr.review"].with_context(active_test=False).search([])
    reviews._compute_publication_due_date()
    env.flush_all()
    for names, domain in (
        (REVIEWER_RULES, DOMAIN),
        (("rule_scr_reviewer_reviewer",), REGISTER_DOMAIN),
    ):
        cr.execute(
            """
            UPDATE ir_rule r
               SET domain_force = %s
              FROM ir_model_data d
             WHERE d.model = 'ir.rule' AND d.res_id = r.id AND d.module = 'odoo_scr'
               AND d.name IN %s
            """,
            (domain, tuple(names)),
        )
