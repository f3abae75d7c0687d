from odoo import models

from ..database_unavailable import database_unreachable, unavailable_response


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _handle_error(cls, exception):
        """A connection to PostgreSQL lost in the middle of a request gets the clear 503
        (database_unavailable.py), not Odoo's "Internal Server Error": the transaction
        was not committed, and the user may simply try again."""
        if database_unreachable(exception):
            return unavailable_response()
        return super()._handle_error(exception)
