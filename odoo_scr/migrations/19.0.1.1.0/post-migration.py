"""The reviewers' record rules now read the appointment's stored ``reviewer_user_id``
instead of going through the reviewer register: the same records, one join less in SQL
and one read less when read() checks the rules again. The rules are ``noupdate`` data,
which an upgrade does not rewrite, so their domains are rewritten here."""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE ir_rule r
           SET domain_force = replace(domain_force, 'appointment_ids.reviewer_id.user_id',
                                      'appointment_ids.reviewer_user_id')
          FROM ir_model_data d
         WHERE d.model = 'ir.rule' AND d.res_id = r.id AND d.module = 'odoo_scr'
        """
    )
