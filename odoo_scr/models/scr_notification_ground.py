from odoo import fields, models

from .scr_timescale import REGIMES


class ScrNotificationGround(models.Model):
    """Why an incident is notified, and whom that reaches, in one regime.

    ``odoo_scr/criteria.py`` says which grounds an incident meets (its
    ``notification_grounds`` codes); this data says who is told on each ground, with the
    source of the rule, so that a change of guidance is an edit, not a release. An
    incident's notices are the union of the recipients of its grounds.
    """

    _name = "scr.notification.ground"
    _description = "Ground for notifying an incident"
    _order = "regime, sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="The ground as the criteria name it: notifiable_incident (WT2015), "
        "serious_incident, looked_after_death, care_leaver_death (WT2018/2023).",
    )
    regime = fields.Selection(REGIMES, required=True)
    recipient_ids = fields.Many2many(
        "scr.notification.recipient",
        string="Who is told",
        help="The bodies the local authority notifies on this ground.",
    )
    source = fields.Char(help="Where the rule is written: section, regulation or paragraph.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _code_regime_unique = models.Constraint(
        "UNIQUE(code, regime)", "This ground already exists in this regime."
    )
