from odoo import fields, models


class ScrNotificationRecipient(models.Model):
    """A body that must be told within a statutory timescale (Ofsted, DfE, the Panel...).

    Which bodies a timescale requires is data (``scr.timescale.recipient_ids``),
    so a change of guidance is an edit, not a release.
    """

    _name = "scr.notification.recipient"
    _description = "Statutory notification recipient"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Technical key, e.g. ofsted, dfe, national_panel.")
    email = fields.Char(help="Where notifications are sent, when by email.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", "A recipient with this code already exists.")
