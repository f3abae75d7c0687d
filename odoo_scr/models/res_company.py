from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .scr_timescale import REGIMES

# The three safeguarding partners of a local authority area (Children Act 2004 s16E):
# (key, label). Other organisations are relevant agencies (SI 2018/789 reg. 18, Schedule).
SAFEGUARDING_PARTNERS = (
    ("la", "Local authority"),
    ("icb", "Integrated care board"),
    ("police", "Chief officer of police"),
)
SIGN_OFF_ARRANGEMENTS = [
    ("chair", "The independent chair, on the safeguarding partners' behalf"),
    ("partners", "Each safeguarding partner"),
]


class ResCompany(models.Model):
    """A company is a safeguarding children partnership: it picks its regime and records
    its three safeguarding partners and who signs for each.

    Under WT2018/2023 the decision whether to hold a local review and the publication of
    its report belong to the safeguarding partners (Children Act 2004 s16E-16F; WT2023
    ch. 2, lead and delegated safeguarding partners; ch. 5, local reviews), who may agree
    in their published arrangements that an independent chair signs on their behalf.
    ``scr_sign_off_by`` says which: the shipped approval tiers follow it (one sign-off by
    the chair, or one per partner; see ``scr.sign.off.mixin``). WT2015 records keep the
    chair (the LSCB chair, WT2015 ch. 3-4).
    """

    _name = "res.company"
    _inherit = ["res.company", "scr.deadline.cache.mixin"]

    # Which calendar a partnership counts its working days on (scr.deadline.cache.mixin).
    _scr_deadline_fields = ("resource_calendar_id",)

    scr_regime = fields.Selection(
        REGIMES,
        string="Case review regime",
        default="wt2018",
        required=True,
        help="Statutory guidance under which this partnership opens new records. "
        "A record keeps the regime it was opened under.",
    )
    scr_coordinator_id = fields.Many2one(
        "res.users",
        string="Default coordinator",
        help="Responsible for incidents created without a coordinator, e.g. portal referrals.",
    )
    scr_chair_id = fields.Many2one(
        "res.users",
        string="Chair",
        help="Receives escalations of overdue statutory deadlines. Defaults to the first user "
        "of the partnership with the Chair role.",
    )
    scr_sign_off_by = fields.Selection(
        SIGN_OFF_ARRANGEMENTS,
        string="Decisions and publication signed off by",
        default="chair",
        required=True,
        help="Who signs off the decision whether to hold a local review and the publication "
        "of its report, as the partnership's published arrangements say (WT2023 ch. 2 and "
        "ch. 5). Records opened under Working Together 2015 are always signed by the chair.",
    )
    scr_la_partner_id = fields.Many2one("res.partner", string="Local authority")
    scr_la_lead_id = fields.Many2one(
        "res.users",
        string="Lead safeguarding partner (local authority)",
        help="The local authority's chief executive (WT2023 ch. 2).",
    )
    scr_la_delegate_ids = fields.Many2many(
        "res.users",
        "res_company_scr_la_delegate_rel",
        string="Delegated safeguarding partners (local authority)",
    )
    scr_icb_partner_id = fields.Many2one("res.partner", string="Integrated care board")
    scr_icb_lead_id = fields.Many2one(
        "res.users",
        string="Lead safeguarding partner (ICB)",
        help="The integrated care board's chief executive (WT2023 ch. 2).",
    )
    scr_icb_delegate_ids = fields.Many2many(
        "res.users",
        "res_company_scr_icb_delegate_rel",
        string="Delegated safeguarding partners (ICB)",
    )
    scr_police_partner_id = fields.Many2one("res.partner", string="Police force")
    scr_police_lead_id = fields.Many2one(
        "res.users",
        string="Lead safeguarding partner (police)",
        help="The chief officer of police (WT2023 ch. 2).",
    )
    scr_police_delegate_ids = fields.Many2many(
        "res.users",
        "res_company_scr_police_delegate_rel",
        string="Delegated safeguarding partners (police)",
    )
    scr_due_soon_days = fields.Integer(
        string="Due soon (days)",
        default=2,
        help="Deadlines within this many days are shown as due soon.",
    )
    scr_action_reminder_days = fields.Integer(
        string="Remind action owners (days before)",
        default=7,
        help="Owners of action plan actions are reminded this many days before the due date.",
    )

    @api.constrains("scr_due_soon_days", "scr_action_reminder_days")
    def _check_scr_days(self):
        if any(
            company.scr_due_soon_days < 0 or company.scr_action_reminder_days < 0
            for company in self
        ):
            raise ValidationError(
                self.env._("The days for 'due soon' and for reminders cannot be negative.")
            )

    @api.constrains(
        "scr_sign_off_by",
        *(
            f"scr_{key}_{suffix}"
            for key, _label in SAFEGUARDING_PARTNERS
            for suffix in ("lead_id", "delegate_ids")
        ),
    )
    def _check_scr_signatories(self):
        """Each partner signs through people of the partnership, and a partnership whose
        partners sign has someone to sign for each of them."""
        labels = dict(SAFEGUARDING_PARTNERS)
        for company in self:
            for key, signatories in company._scr_partner_signatories().items():
                # Signing reads the record: a signatory is a user of the partnership with
                # the Chair role, which signs decisions and publication off.
                outsiders = signatories.filtered(
                    lambda user, company=company: (
                        company not in user.company_ids
                        or not user.has_group("odoo_scr.group_scr_chair")
                    )
                )
                if outsiders:
                    raise ValidationError(
                        self.env._(
                            "%(who)s cannot sign for the %(partner)s of %(company)s: they are "
                            "not a user of this partnership with the Chair role.",
                            who=", ".join(outsiders.mapped("name")),
                            partner=labels[key].lower(),
                            company=company.name,
                        )
                    )
                if company.scr_sign_off_by == "partners" and not signatories:
                    raise ValidationError(
                        self.env._(
                            "%(company)s has each safeguarding partner sign off: name the lead "
                            "or a delegated safeguarding partner of the %(partner)s.",
                            company=company.name,
                            partner=labels[key].lower(),
                        )
                    )

    def _scr_partner_signatories(self):
        """{partner key: the users who sign for it (lead and delegates)} of this partnership."""
        self.ensure_one()
        return {
            key: self[f"scr_{key}_lead_id"] | self[f"scr_{key}_delegate_ids"]
            for key, _label in SAFEGUARDING_PARTNERS
        }

    def _scr_chairs(self):
        """{company id: chair user} for these partnerships, in two queries at most."""
        chairs = {company.id: company.scr_chair_id for company in self if company.scr_chair_id}
        missing = self.filtered(lambda company: company.id not in chairs)
        if missing:
            users = (
                self.env["res.users"]
                .sudo()
                .search(
                    [
                        ("group_ids", "in", self.env.ref("odoo_scr.group_scr_chair").ids),
                        ("company_id", "in", missing.ids),
                    ],
                    order="id",
                )
            )
            for user in users:
                chairs.setdefault(user.company_id.id, user)
        return chairs
