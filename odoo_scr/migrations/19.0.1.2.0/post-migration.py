"""The reviewers' record rules read one field, ``scr_reviewer_user_ids``
(``scr.reviewer.scope.mixin``), instead of each spelling its own path to the review's
appointments: the same records. The rules are ``noupdate`` data, which an upgrade does not
rewrite, so their domains are rewritten here."""

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
