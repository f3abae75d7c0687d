import re
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.fields import Domain
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools.translate import LazyTranslate

from odoo.addons.portal.controllers.portal import CustomerPortal, pager as portal_pager

from ..models.scr_action import OPEN_STATES
from ..models.scr_incident import ALIAS_MAX_LENGTH, SUMMARY_MAX_LENGTH
from ..models.scr_portal_upload_mixin import MB, check_request_size, upload_limit
from ..statutory_day import statutory_today

_lt = LazyTranslate(__name__)

PAGE_SIZE = 20

# The forms of an action's or a request's page: (kind in the URL, step) -> (model, the
# controller's method that runs the step and returns the message to show).
POST_STEPS = {
    ("actions", "update"): ("scr.action", "_scr_action_update"),
    ("actions", "complete"): ("scr.action", "_scr_action_complete"),
    ("actions", "sign"): ("scr.action", "_scr_action_sign"),
    ("requests", "submit"): ("scr.info.request", "_scr_request_submit"),
}
# Information requests awaiting the agency's answer.
TO_ANSWER = [("state", "in", ("requested", "returned"))]
# How an agency reads the stage of a case it referred (scr.incident's states).
REFERRAL_STAGES = {
    "draft": _lt("Received"),
    "notified": _lt("Notified to the Panel"),
    "under_consideration": _lt("Under consideration"),
    "decided": _lt("Decided"),
    "closed": _lt("Closed"),
}

# What a referral may hold. The incident model is to enforce the same bounds for every
# other way in (RPC): until it does, the portal form is the one that checks them.
# The model's own bounds, so that the form and RPC refuse the same (scr.incident).
REFERRAL_ALIAS_MAX = ALIAS_MAX_LENGTH
REFERRAL_SUMMARY_MAX = SUMMARY_MAX_LENGTH
# How many referrals one user may send in a window of minutes (ir.config_parameter).
REFERRAL_RATE = {
    "count": ("odoo_scr.referral_limit", 10),
    "minutes": ("odoo_scr.referral_window_minutes", 60),
}
# Characters that cannot come from a person typing: control characters (tabs and line
# breaks aside), lone surrogates, and U+FFFD, which stands for bytes that were not UTF-8.
UNREADABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffd]")


def incident_date_bounds(today):
    """The earliest and the latest date a referral may give for the incident.

    The latest is today: an incident that has not happened cannot be referred.
    The earliest is 25 years ago: a review concerns a child or, since December 2023, a
    care leaver up to and including the age of 24 (docs/process.md 1.6), so the incident
    happened during the life of someone who is at most 24 when the partnership hears
    of it. An earlier date (year 1, 1900) is a typing error, never a case.
    """
    return today - relativedelta(years=25), today


class ScrPortal(CustomerPortal):
    """The partner-agency portal: an agency's actions, information requests and referrals.

    Every read goes through the portal user's own environment, so the record rules
    for ``base.group_portal`` decide what exists: an id of another agency's record is
    simply not found (404). Three reads go past them, each for a stated reason: the
    referral, which creates an incident the agency may never read back; the list of the
    agency's own referrals, their reference, alias, dates and stage only
    (``_scr_referrals``); and the names of the authors of an action's progress updates
    (``_scr_author_names``).
    """

    # ------------------------------------------------------------------
    # Home, page values, posting
    # ------------------------------------------------------------------
    def _prepare_home_portal_values(self, counters):
        """The home tiles count what the agency has to do (actions to sign, due or late;
        information requests awaiting its answer) and the referrals it sent."""
        values = super()._prepare_home_portal_values(counters)
        for counter, (model, domain) in self._scr_home_counters().items():
            if counter in counters:
                Model = request.env[model]
                values[counter] = Model.search_count(domain) if Model.has_access("read") else 0
        if "scr_referral_count" in counters:
            values["scr_referral_count"] = self._scr_referrals(count=True)
        return values

    def _scr_home_counters(self):
        return {
            "scr_action_count": ("scr.action", self._scr_action_filters()["todo"]["domain"]),
            "scr_info_request_count": ("scr.info.request", TO_ANSWER),
        }

    def _scr_page_values(self, page_name, title, **values):
        """The values of one of the portal's pages: its layout, the message or refusal
        of the last form sent, and a browser title that says where the user is."""
        page_values = self._prepare_portal_layout_values()
        page_values.update(
            page_name=page_name,
            title=f"{title} · {request.env.company.name}",
            **self._scr_flash(),
            **values,
        )
        return page_values

    def _scr_record(self, model, record_id):
        """The record if the user's record rules let them see it, else 404."""
        Model = request.env[model]
        if not Model.has_access("read"):
            raise NotFound()
        record = Model.search([("id", "=", record_id)])
        if not record:
            raise NotFound()
        return record

    def _scr_uploads(self):
        """The files of the form, once the request's size is known to be within the
        limit: an over-size request is refused in words before a file is read (Odoo
        itself answers 413 only beyond its own, much larger, limit)."""
        check_request_size(request.env, request.httprequest.content_length or 0)
        return [
            (upload.filename, upload.read())
            for upload in request.httprequest.files.getlist("files")
            if upload.filename
        ]

    def _scr_upload_limits(self):
        return {
            "file_mb": upload_limit(request.env, "file") // MB,
            "request_mb": upload_limit(request.env, "request") // MB,
        }

    def _scr_redirect(self, url, message=None, error=None):
        request.session["scr_portal_message"] = message
        request.session["scr_portal_error"] = error
        return request.redirect(url)

    def _scr_flash(self):
        return {
            "scr_message": request.session.pop("scr_portal_message", None),
            "scr_error": request.session.pop("scr_portal_error", None),
        }

    @http.route(
        "/my/scr/<any(actions,requests):kind>/<int:record_id>/<any(update,complete,sign,submit):step>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_scr_post(self, kind, record_id, step, **kw):
        """Every form of an action's or a request's page comes here (``POST_STEPS``): the
        record as the user's rules show it (404 otherwise), the step run in a savepoint,
        then back to the record's page with the step's message, or with its refusal in
        the user's words and nothing of the step kept. Odoo checks the CSRF token."""
        if (kind, step) not in POST_STEPS:
            raise NotFound()
        model, method = POST_STEPS[kind, step]
        record = self._scr_record(model, record_id)
        url = f"/my/scr/{kind}/{record.id}"
        try:
            with request.env.cr.savepoint():
                message = getattr(self, method)(record, **kw)
        except (UserError, ValidationError, AccessError) as error:
            return self._scr_redirect(url, error=error.args[0])
        except ValueError:
            return self._scr_redirect(
                url,
                error=request.env._("A date or a number could not be read: check what you typed."),
            )
        return self._scr_redirect(url, message=message)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _scr_action_filters(self):
        """The list's filters; the first, what the agency must do now, is the default:
        actions awaiting its senior officer's signature, and open actions late or due
        within the partnership's reminder period (``scr_action_reminder_days``)."""
        today = statutory_today()
        soon = today + timedelta(days=request.env.company.sudo().scr_action_reminder_days)
        to_sign = [("state", "=", "draft"), ("signed_by_id", "=", False)]
        due = [("state", "in", OPEN_STATES), ("due_date", "<=", soon)]
        return {
            "todo": {"label": request.env._("To do now"), "domain": Domain.OR([to_sign, due])},
            "sign_off": {"label": request.env._("To sign"), "domain": to_sign},
            "due": {
                "label": request.env._("Due soon"),
                "domain": [*due, ("due_date", ">=", today)],
            },
            "overdue": {"label": request.env._("Late"), "domain": [("is_overdue", "=", True)]},
            "open": {"label": request.env._("Open"), "domain": [("state", "in", OPEN_STATES)]},
            "done": {
                "label": request.env._("Completed"),
                "domain": [("state", "in", ("completed", "verified"))],
            },
            "all": {"label": request.env._("All"), "domain": []},
        }

    def _scr_action_sortings(self):
        return {
            "due_date": {"label": request.env._("Due date"), "order": "due_date, id"},
            "name": {"label": request.env._("Action"), "order": "name, id"},
            "state": {"label": request.env._("Status"), "order": "state, due_date, id"},
        }

    @http.route(
        ["/my/scr/actions", "/my/scr/actions/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_scr_actions(self, page=1, sortby="due_date", filterby="todo", **kw):
        Action = request.env["scr.action"]
        if not Action.has_access("read"):
            raise NotFound()
        filters = self._scr_action_filters()
        sortings = self._scr_action_sortings()
        filterby = filterby if filterby in filters else "todo"
        sortby = sortby if sortby in sortings else "due_date"
        domain = filters[filterby]["domain"]
        pager = portal_pager(
            url="/my/scr/actions",
            url_args={"sortby": sortby, "filterby": filterby},
            total=Action.search_count(domain),
            page=page,
            step=PAGE_SIZE,
        )
        actions = Action.search(
            domain, order=sortings[sortby]["order"], limit=PAGE_SIZE, offset=pager["offset"]
        )
        actions.fetch(
            [
                "name",
                "review_reference",
                "child_alias",
                "due_date",
                "state",
                "progress",
                "signed_by_id",
            ]
        )
        values = self._scr_page_values(
            "scr_actions",
            request.env._("Case review actions: %(view)s", view=filters[filterby]["label"]),
            actions=actions,
            pager=pager,
            default_url="/my/scr/actions",
            searchbar_sortings=sortings,
            searchbar_filters=filters,
            sortby=sortby,
            filterby=filterby,
            counts={
                key: Action.search_count(filters[key]["domain"])
                for key in ("sign_off", "due", "overdue")
            },
            today=statutory_today(),
        )
        return request.render("odoo_scr.portal_my_scr_actions", values)

    def _scr_author_names(self, updates):
        """{update id: its author's name}, for updates the portal user can already read.
        The author may be a member of the partnership's staff, or the system, whose
        contact record the agency cannot read: only the name is read past the rules."""
        return {update.id: update.author_id.name for update in updates.sudo()}

    def _scr_actions_to_sign(self, action):
        """The actions of ``action``'s review that the user's agency has still to sign."""
        return request.env["scr.action"].search(
            [
                ("review_id", "=", action.review_id.id),
                *self._scr_action_filters()["sign_off"]["domain"],
            ]
        )

    @http.route("/my/scr/actions/<int:action_id>", type="http", auth="user", website=True)
    def portal_my_scr_action(self, action_id, **kw):
        action = self._scr_record("scr.action", action_id)
        values = self._scr_page_values(
            "scr_action",
            action.name,
            action=action,
            author_names=self._scr_author_names(action.update_ids),
            is_senior_officer=request.env.user.partner_id.scr_senior_officer,
            to_sign=self._scr_actions_to_sign(action)
            if not action.signed_by_id
            else action.browse(),
            upload_limits=self._scr_upload_limits(),
        )
        return request.render("odoo_scr.portal_my_scr_action", values)

    def _scr_action_update(self, action, note="", progress="0", **kw):
        """A progress update, with evidence, or evidence alone."""
        action._check_state(OPEN_STATES, request.env._("report on it"))
        if (note or "").strip():
            request.env["scr.action.update"].create(
                {"action_id": action.id, "note": note, "progress": int(progress or 0)}
            )
        uploads = self._scr_uploads()
        if uploads:
            action.evidence_ids = [
                (4, attachment.id) for attachment in action._attach_uploads(uploads)
            ]
        if not (note or "").strip() and not uploads:
            raise UserError(request.env._("Write an update or attach evidence."))
        return request.env._("Your update has been saved.")

    def _scr_action_complete(self, action, **kw):
        action.action_complete()
        return request.env._("Marked completed: the partnership will verify it.")

    def _scr_action_sign(self, action, confirm=None, **kw):
        """The senior officer signs exactly the actions the page listed (``action_ids``)
        after confirming it: if the list changed meanwhile, nothing is signed."""
        to_sign = self._scr_actions_to_sign(action)
        listed = {int(value) for value in request.httprequest.form.getlist("action_ids")}
        if not confirm:
            raise UserError(
                request.env._("Tick the box to confirm that you sign off the actions listed.")
            )
        if not to_sign or listed != set(to_sign.ids):
            raise UserError(
                request.env._(
                    "The actions awaiting your organisation's sign-off have changed since the "
                    "page was shown: nothing was signed. Check the list and sign again."
                )
            )
        to_sign.action_sign_off()
        return request.env._(
            "You signed off %(count)s action(s) of your organisation.", count=len(to_sign)
        )

    # ------------------------------------------------------------------
    # Information requests
    # ------------------------------------------------------------------
    @http.route(
        ["/my/scr/requests", "/my/scr/requests/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_scr_requests(self, page=1, **kw):
        InfoRequest = request.env["scr.info.request"]
        if not InfoRequest.has_access("read"):
            raise NotFound()
        pager = portal_pager(
            url="/my/scr/requests", total=InfoRequest.search_count([]), page=page, step=PAGE_SIZE
        )
        values = self._scr_page_values(
            "scr_requests",
            request.env._("Information requests"),
            info_requests=InfoRequest.search([], limit=PAGE_SIZE, offset=pager["offset"]),
            pager=pager,
        )
        return request.render("odoo_scr.portal_my_scr_requests", values)

    @http.route("/my/scr/requests/<int:request_id>", type="http", auth="user", website=True)
    def portal_my_scr_request(self, request_id, **kw):
        info_request = self._scr_record("scr.info.request", request_id)
        values = self._scr_page_values(
            "scr_request",
            request.env._("Information request %(ref)s", ref=info_request.name),
            info_request=info_request,
            upload_limits=self._scr_upload_limits(),
        )
        return request.render("odoo_scr.portal_my_scr_request", values)

    def _scr_request_submit(self, info_request, **kw):
        """The agency's answer: its files, then the request submitted."""
        info_request._check_state(("requested", "returned"), request.env._("submit it"))
        uploads = self._scr_uploads()
        if uploads:
            info_request.attachment_ids = [
                (4, attachment.id) for attachment in info_request._attach_uploads(uploads)
            ]
        info_request.action_submit()
        return request.env._("Submitted to the partnership.")

    # ------------------------------------------------------------------
    # Referral
    # ------------------------------------------------------------------
    def _scr_agency(self):
        agency = request.env.user.partner_id.commercial_partner_id
        return agency if agency.is_scr_agency else agency.browse()

    def _scr_referral_page(self, referral=None, error=None):
        today = statutory_today()
        earliest, latest = incident_date_bounds(today)
        values = self._scr_page_values(
            "scr_referral",
            request.env._("Refer a case"),
            referral=referral or {},
            alias_max=REFERRAL_ALIAS_MAX,
            summary_max=REFERRAL_SUMMARY_MAX,
            summary_max_text=f"{REFERRAL_SUMMARY_MAX:,}",
            date_min=fields.Date.to_string(earliest),
            date_max=fields.Date.to_string(latest),
        )
        if error:
            values["scr_error"] = error
        return request.render("odoo_scr.portal_scr_referral", values)

    def _scr_referrals(self, count=False, offset=0, limit=None):
        """The referrals the user's agency sent, newest first (or their number), in ``sudo``.

        Partner agencies have no access to incidents: a case's record soon holds what
        only the partnership may read (the criteria, the notices, the child's identity).
        The agency's own referrals are read past the rules, for what it sent and the
        stage they are at, and nothing else of them reaches the page."""
        agency = self._scr_agency()
        Incident = request.env["scr.incident"].sudo()
        domain = [("source", "=", "agency_referral"), ("referring_agency_id", "=", agency.id)]
        if count:
            return Incident.search_count(domain) if agency else 0
        if not agency:
            return Incident.browse()
        return Incident.search(
            domain, order="create_date desc, id desc", offset=offset, limit=limit
        )

    @http.route(
        ["/my/scr/referrals", "/my/scr/referrals/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_scr_referrals(self, page=1, **kw):
        if not self._scr_agency():
            raise NotFound()
        pager = portal_pager(
            url="/my/scr/referrals",
            total=self._scr_referrals(count=True),
            page=page,
            step=PAGE_SIZE,
        )
        shown = self._scr_referrals(offset=pager["offset"], limit=PAGE_SIZE)
        values = self._scr_page_values(
            "scr_referrals",
            request.env._("My referrals"),
            referrals=[
                {
                    "name": referral.name,
                    "child_alias": referral.child_alias,
                    "incident_date": referral.incident_date,
                    "sent": fields.Datetime.context_timestamp(
                        request.env.user, referral.create_date
                    ).date(),
                    "stage": str(REFERRAL_STAGES[referral.state]),
                }
                for referral in shown
            ],
            pager=pager,
        )
        return request.render("odoo_scr.portal_my_scr_referrals", values)

    @http.route("/my/scr/referral", type="http", auth="user", website=True)
    def portal_scr_referral(self, **kw):
        if not self._scr_agency():
            raise NotFound()
        return self._scr_referral_page()

    def _scr_referral_text(self, value, what, maximum, multiline=False):
        """``value`` stripped, or a refusal saying what is wrong with it."""
        value = (value or "").strip()
        if multiline:
            value = value.replace("\r\n", "\n")
        unreadable = UNREADABLE.findall(value.replace("\t", " ").replace("\n", " "))
        if unreadable:
            raise UserError(
                request.env._(
                    "%(what)s holds %(count)d character(s) that could not be read (the text "
                    "was not sent as UTF-8, or holds control characters): they have been "
                    "taken out below, check the text and send it again.",
                    what=what,
                    count=len(unreadable),
                )
            )
        if len(value) > maximum:
            raise UserError(
                request.env._(
                    "%(what)s is %(length)s characters long: the limit is %(maximum)s.",
                    what=what,
                    length=f"{len(value):,}",
                    maximum=f"{maximum:,}",
                )
            )
        return value

    def _scr_referral_date(self, value):
        """The incident date, within :func:`incident_date_bounds`, or a refusal."""
        if not value:
            return None
        try:
            incident_date = fields.Date.to_date(value.strip())
        except ValueError:
            incident_date = None
        if not incident_date:
            raise UserError(
                request.env._(
                    "The date of the incident could not be read: pick it in the calendar "
                    "or type it as YYYY-MM-DD."
                )
            )
        earliest, latest = incident_date_bounds(statutory_today())
        if not earliest <= incident_date <= latest:
            raise UserError(
                request.env._(
                    "The date of the incident must be between %(earliest)s and today "
                    "(%(latest)s): %(date)s is not.",
                    earliest=earliest.strftime("%d/%m/%Y"),
                    latest=latest.strftime("%d/%m/%Y"),
                    date=incident_date.strftime("%d/%m/%Y"),
                )
            )
        return incident_date

    def _scr_check_referral_rate(self):
        """At most ``odoo_scr.referral_limit`` referrals per user in the last
        ``odoo_scr.referral_window_minutes`` minutes, counted in the database so that
        every worker sees the same count.

        The user's row is touched first: two referrals of the same user at the same
        moment then conflict in PostgreSQL, which has Odoo retry the later one, and the
        retry counts the first. Without it both could count the same past and pass."""
        ICP = request.env["ir.config_parameter"].sudo()
        limit, window = (
            int(value) if str(value := ICP.get_param(key, default)).strip().isdigit() else default
            for key, default in (REFERRAL_RATE["count"], REFERRAL_RATE["minutes"])
        )
        user = request.env.user
        request.env.cr.execute(
            "UPDATE res_users SET write_date = write_date WHERE id = %s", [user.id]
        )
        since = fields.Datetime.now() - timedelta(minutes=window)
        sent = (
            request.env["scr.incident"]
            .sudo()
            .with_context(active_test=False)
            .search_count(
                [
                    ("create_uid", "=", user.id),
                    ("source", "=", "agency_referral"),
                    ("create_date", ">=", since),
                ]
            )
        )
        if sent >= limit:
            raise UserError(
                request.env._(
                    "You have sent %(sent)s referrals in the last %(minutes)s minutes, the most "
                    "the partnership accepts: please try again later, or telephone the "
                    "partnership if the case is urgent.",
                    sent=sent,
                    minutes=window,
                )
            )

    @http.route("/my/scr/referral/submit", type="http", auth="user", methods=["POST"], website=True)
    def portal_scr_referral_submit(self, child_alias="", incident_date="", summary="", **kw):
        """Create a draft incident for the partnership to consider. The agency is forced
        from the user and no incident is ever shown back: hence the one ``sudo``.

        A refused referral shows the form again with what was typed (less any
        unreadable characters) and what is wrong; nothing is saved."""
        agency = self._scr_agency()
        if not agency:
            raise NotFound()
        typed = {
            "child_alias": UNREADABLE.sub("", child_alias or "")[: REFERRAL_ALIAS_MAX * 2],
            "incident_date": UNREADABLE.sub("", incident_date or "")[:10],
            "summary": UNREADABLE.sub("", summary or "")[: REFERRAL_SUMMARY_MAX * 2],
        }
        try:
            with request.env.cr.savepoint():
                alias = self._scr_referral_text(
                    child_alias, request.env._("The alias"), REFERRAL_ALIAS_MAX
                )
                text = self._scr_referral_text(
                    summary, request.env._("What happened"), REFERRAL_SUMMARY_MAX, True
                )
                when = self._scr_referral_date(incident_date)
                if not alias or not text or not when:
                    raise UserError(
                        request.env._("Give an alias for the child, the date and what happened.")
                    )
                self._scr_check_referral_rate()
                incident = (
                    request.env["scr.incident"]
                    .sudo()
                    .create(
                        {
                            "child_alias": alias,
                            "incident_date": when,
                            "summary": text,
                            "source": "agency_referral",
                            "referring_agency_id": agency.id,
                            "agency_ids": [(4, agency.id)],
                            "company_id": request.env.company.id,
                        }
                    )
                )
        except (UserError, ValidationError, AccessError) as error:
            return self._scr_referral_page(typed, error.args[0])
        return self._scr_redirect(
            "/my/scr/referrals",
            message=request.env._(
                "Thank you: referral %(ref)s has been sent to the partnership.", ref=incident.name
            ),
        )
