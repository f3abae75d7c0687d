import io
from collections import defaultdict
from datetime import date

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from ..statutory_day import statutory_today, statutory_today_default


class ScrAnnualReport(models.TransientModel):
    """The figures of a partnership's yearly report, for a date range and per partnership,
    counted in SQL (``_read_group``, one grouped query per figure) and shown on screen and
    exported as PDF and XLSX.

    What a yearly report says about reviews follows Working Together 2023 (ch. 2, the
    safeguarding partners' yearly report: what they did, including on child safeguarding
    practice reviews, how effective it was; ch. 5: the reviews commissioned, their progress,
    the actions and their impact). The notification figures are counted as the DfE's
    serious incident notifications statistics count them: one notification per incident
    (to the Panel, within 5 working days: Children Act 2004 s16C), by harm (death or
    serious harm), then rapid reviews and local reviews, each with its timeliness.
    """

    _name = "scr.annual.report"
    _description = "Annual report figures"

    date_from = fields.Date(required=True, default=lambda self: self._default_date_from())
    date_to = fields.Date(required=True, default=statutory_today_default)
    company_ids = fields.Many2many(
        "res.company",
        string="Partnerships",
        required=True,
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.companies.ids)],
    )
    line_ids = fields.One2many("scr.annual.report.line", "report_id", string="Figures")

    def _default_date_from(self):
        """The start of the reporting year (1 April), as the national statistics count a
        year (the year ending 31 March)."""
        today = statutory_today()
        return date(today.year if today.month >= 4 else today.year - 1, 4, 1)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for report in self:
            if report.date_to < report.date_from:
                raise ValidationError(
                    self.env._(
                        "The period ends (%(end)s) before it starts (%(start)s).",
                        end=format_date(self.env, report.date_to),
                        start=format_date(self.env, report.date_from),
                    )
                )

    def _figure_specs(self):
        """(section, figure, model, date field counted in the period or None for a figure
        at the end of the period, extra domain, on-time field or None)."""
        panel = self.env.ref("odoo_scr.recipient_national_panel")
        to_panel = [
            ("timescale_code", "=", "incident_notification"),
            ("recipient_id", "=", panel.id),
        ]
        return [
            (
                "notifications",
                self.env._("Serious incidents notified to the national Panel"),
                "scr.notification",
                "date_sent",
                to_panel,
                "is_late",
            ),
            (
                "notifications",
                self.env._("Notified: the child died"),
                "scr.notification",
                "date_sent",
                [*to_panel, ("incident_id.child_died", "=", True)],
                "is_late",
            ),
            (
                "notifications",
                self.env._("Notified: the child was seriously harmed"),
                "scr.notification",
                "date_sent",
                [*to_panel, ("incident_id.child_died", "=", False)],
                "is_late",
            ),
            (
                "decisions",
                self.env._("Rapid reviews sent to the national Panel"),
                "scr.decision",
                "panel_sent_date",
                [],
                None,
            ),
            (
                "decisions",
                self.env._("Decisions signed off"),
                "scr.decision",
                "decision_date",
                [("state", "=", "signed")],
                "decided_on_time",
            ),
            (
                "decisions",
                self.env._("Decisions to hold a local review"),
                "scr.decision",
                "decision_date",
                [("state", "=", "signed"), ("decision", "=", "initiate_review")],
                None,
            ),
            (
                "decisions",
                self.env._("National reviews held by the Panel"),
                "scr.decision",
                "panel_response_date",
                [("panel_response", "=", "national")],
                None,
            ),
            (
                "reviews",
                self.env._("Reviews commissioned"),
                "scr.review",
                "date_initiated",
                [],
                None,
            ),
            (
                "reviews",
                self.env._("Reviews in progress at the end of the period"),
                "scr.review",
                None,
                [
                    ("date_initiated", "<=", self.date_to),
                    "|",
                    ("date_completed", "=", False),
                    ("date_completed", ">", self.date_to),
                ],
                None,
            ),
            (
                "reviews",
                self.env._("Reviews completed"),
                "scr.review",
                "date_completed",
                [],
                "completed_on_time",
            ),
            (
                "reviews",
                self.env._("Reviews published (on time: within six months of the decision)"),
                "scr.review",
                "published_date",
                [],
                "published_in_time",
            ),
            (
                "reviews",
                self.env._(
                    "Reviews published (on time: report to the Panel and the Secretary of "
                    "State 7 working days before)"
                ),
                "scr.review",
                "published_date",
                [],
                "publication_on_time",
            ),
            (
                "actions",
                self.env._("Updates on actions taken and their impact published"),
                "scr.review",
                "update_published_date",
                [],
                None,
            ),
            (
                "themes",
                self.env._("Reviews with the toxic trio"),
                "scr.review",
                "date_initiated",
                [("toxic_trio", "=", True)],
                None,
            ),
        ]

    def _period_domain(self, date_field):
        """The partnerships reported on, and ``date_field`` within the period (if given)."""
        domain = [("company_id", "in", self.company_ids.ids)]
        if date_field:
            domain += [(date_field, ">=", self.date_from), (date_field, "<=", self.date_to)]
        return domain

    def _compute_figures(self):
        """[line values] for this report, one grouped query per figure."""
        self.ensure_one()
        lines = []
        for sequence, (section, figure, model, date_field, domain, on_time_field) in enumerate(
            self._figure_specs()
        ):
            groupby = ["company_id"] + ([on_time_field] if on_time_field else [])
            counts = defaultdict(lambda: [0, 0])
            for company, *flag, count in self.env[model]._read_group(
                self._period_domain(date_field) + domain, groupby, ["__count"]
            ):
                counts[company][0] += count
                # is_late counts the late ones; the other flags count those on time.
                if flag and flag[0] != (on_time_field == "is_late"):
                    counts[company][1] += count
            lines += [
                {
                    "company_id": company.id,
                    "sequence": sequence,
                    "section": section,
                    "figure": figure,
                    "count": counts[company][0],
                    "on_time": counts[company][1],
                    "has_deadline": bool(on_time_field),
                }
                for company in self.company_ids
            ]
        lines += self._age_band_figures()
        lines += self._action_figures()
        # Prevalence of each theme among the reviews started in the period.
        theme_counts = self.env["scr.review"]._read_group(
            self._period_domain("date_initiated"), ["company_id", "theme_ids"], ["__count"]
        )
        lines += [
            {
                "company_id": company.id,
                "sequence": 100 + theme.sequence,
                "section": "themes",
                "figure": theme.name,
                "count": count,
            }
            for company, theme, count in theme_counts
            if theme
        ]
        return lines

    def _age_band_figures(self):
        """Serious incidents notified to the Panel by the child's age band, as the DfE's
        statistics band them (unborn, under 1, 1 to 5, 6 to 10, 11 to 15, 16 and over): one
        grouped query for the incidents, one read of their ages."""
        panel = self.env.ref("odoo_scr.recipient_national_panel")
        groups = self.env["scr.notification"]._read_group(
            self._period_domain("date_sent")
            + [
                ("timescale_code", "=", "incident_notification"),
                ("recipient_id", "=", panel.id),
            ],
            ["company_id", "incident_id"],
        )
        bands = [
            self.env._("Notified: unborn"),
            self.env._("Notified: under 1"),
            self.env._("Notified: aged 1 to 5"),
            self.env._("Notified: aged 6 to 10"),
            self.env._("Notified: aged 11 to 15"),
            self.env._("Notified: aged 16 and over"),
        ]
        counts = defaultdict(int)
        for company, incident in groups:
            counts[company, self._age_band(incident)] += 1
        return [
            {
                "company_id": company.id,
                "sequence": 2,
                "section": "notifications",
                "figure": bands[band],
                "count": counts[company, band],
            }
            for company in self.company_ids
            for band in range(len(bands))
        ]

    @staticmethod
    def _age_band(incident):
        """Index of the incident's band: unborn, under 1, 1-5, 6-10, 11-15, 16 and over."""
        if incident.child_unborn:
            return 0
        return 1 + sum(incident.child_age >= lower for lower in (1, 6, 11, 16))

    def _action_figures(self):
        """Actions agreed, completed and overdue in the period, per partnership and agency:
        one grouped query per figure."""
        specs = [
            # Agreed once the whole plan is: an agency's signature alone leaves it a draft.
            (self.env._("Actions agreed"), "signed_date", [("state", "!=", "draft")]),
            (self.env._("Actions completed"), "date_completed", []),
            (self.env._("Actions overdue"), "due_date", [("is_overdue", "=", True)]),
        ]
        lines = []
        for sequence, (label, date_field, domain) in enumerate(specs, start=50):
            groups = self.env["scr.action"]._read_group(
                self._period_domain(date_field) + domain, ["company_id", "agency_id"], ["__count"]
            )
            lines += [
                {
                    "company_id": company.id,
                    "sequence": sequence,
                    "section": "actions",
                    "figure": f"{label}: {agency.name}",
                    "count": count,
                }
                for company, agency, count in groups
            ]
        return lines

    def action_compute(self):
        """(Re)compute the figures and show them as a list, pivot and graph."""
        self.ensure_one()
        self.line_ids.unlink()
        self.line_ids = [fields.Command.create(values) for values in self._compute_figures()]
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "odoo_scr.scr_annual_report_line_action"
        )
        action["domain"] = [("report_id", "=", self.id)]
        return action

    def action_print_pdf(self):
        self.ensure_one()
        if not self.line_ids:
            self.action_compute()
        return self.env.ref("odoo_scr.action_report_scr_annual_report").report_action(self)

    def action_export_xlsx(self):
        """Write the figures to an XLSX workbook (xlsxwriter) and download it."""
        self.ensure_one()
        if not self.line_ids:
            self.action_compute()
        attachment = self.env["ir.attachment"].create(
            {
                "name": self._xlsx_filename(),
                "raw": self._xlsx_content(),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def _xlsx_filename(self):
        return f"annual_report_figures_{self.date_from}_{self.date_to}.xlsx"

    def _xlsx_content(self):
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = workbook.add_worksheet(self.env._("Figures")[:31])
        bold = workbook.add_format({"bold": True})
        sheet.write_row(
            0,
            0,
            [
                self.env._("Partnership"),
                self.env._("Section"),
                self.env._("Figure"),
                self.env._("Count"),
                self.env._("On time"),
            ],
            bold,
        )
        sections = dict(self.env["scr.annual.report.line"]._fields["section"].selection)
        for row, line in enumerate(self.line_ids, start=1):
            sheet.write_row(
                row,
                0,
                [
                    line.company_id.name,
                    sections[line.section],
                    line.figure,
                    line.count,
                    line.on_time if line.has_deadline else "",
                ],
            )
        sheet.set_column(0, 2, 40)
        workbook.close()
        return buffer.getvalue()
