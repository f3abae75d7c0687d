from odoo import fields, models


class ScrAnnualReportLine(models.TransientModel):
    """One figure of the annual report, for one partnership: on screen as a list, pivot
    and graph, and the rows of the PDF and XLSX exports."""

    _name = "scr.annual.report.line"
    _description = "Annual report figure"
    _order = "company_id, sequence, id"

    report_id = fields.Many2one("scr.annual.report", required=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", string="Partnership", required=True)
    sequence = fields.Integer()
    section = fields.Selection(
        [
            ("notifications", "Serious incident notifications"),
            ("decisions", "Rapid reviews and decisions"),
            ("reviews", "Reviews: commissioned, in progress, completed, published"),
            ("actions", "Actions and their impact"),
            ("themes", "Themes"),
        ],
        required=True,
    )
    figure = fields.Char(required=True)
    count = fields.Integer()
    # Not summed when the list is grouped: different figures do not add up.
    on_time = fields.Integer(
        aggregator=None, help="How many of them met their statutory date, where one applies."
    )
    has_deadline = fields.Boolean()
