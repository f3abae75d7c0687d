from email.message import EmailMessage

from odoo import models
from odoo.exceptions import AccessError

from .scr_portal_upload_mixin import as_bytes, check_uploads

PENDING_MODELS = ("mail.compose.message", "mail.scheduled.message")


class MailThread(models.AbstractModel):
    """The chatter of case review records, for partner agencies (portal users).

    Followers: whoever follows a record gets its messages by e-mail, so an agency
    never chooses them. A portal user may follow or stop following a record for
    themselves; adding or removing anyone else is refused (``message_subscribe``,
    ``message_unsubscribe``, hence also ``message_post`` asking to subscribe its
    recipients). Portal users have no access to ``mail.followers`` itself.

    Files posted in a message pass the upload rules (``check_uploads``) when the
    poster is not the superuser (the mail gateway, which files e-mails as superuser,
    is not refused a reply). A link's token or signature never opens a case review
    record to someone its rules do not: the agencies' portal asks them to log in.

    Only the addon's models change: Odoo's own threads behave as before.
    """

    _inherit = "mail.thread"

    def _scr_thread(self):
        return self._original_module == "odoo_scr"

    def _scr_refuses_followers(self, partner_ids):
        """Refuse a portal user's change to followers other than themselves."""
        if (
            self._scr_thread()
            and not self.env.su
            and not self.env.user._is_internal()
            and set(partner_ids or []) - {self.env.user.partner_id.id}
        ):
            raise AccessError(
                self.env._(
                    "Partner agencies cannot choose who follows %(record)s: ask the "
                    "partnership to add or remove a follower.",
                    record=self[:1].display_name or self._description,
                )
            )

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        self._scr_refuses_followers(partner_ids)
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    def message_unsubscribe(self, partner_ids=None):
        self._scr_refuses_followers(partner_ids)
        return super().message_unsubscribe(partner_ids=partner_ids)

    def _process_attachments_for_post(self, attachments, attachment_ids, message_values):
        if self._scr_thread() and not self.env.su:
            uploads = []
            for attachment in attachments or []:
                if len(attachment) not in (2, 3) or attachment[1] is None:
                    continue
                content = attachment[1]
                if isinstance(content, EmailMessage):
                    content = content.as_bytes()
                uploads.append((attachment[0], as_bytes(content)))
            if attachment_ids:
                # the files uploaded for this message (as mail.thread moves them)
                pending = (
                    self.env["ir.attachment"]
                    .sudo()
                    .browse(attachment_ids)
                    .filtered(
                        lambda a: a.res_model in PENDING_MODELS and a.create_uid.id == self.env.uid
                    )
                )
                uploads += [(a.name, a.raw) for a in pending if a.type == "binary"]
            if uploads:
                check_uploads(self.env, uploads)
        return super()._process_attachments_for_post(attachments, attachment_ids, message_values)

    def _get_thread_with_access(self, thread_id, *, mode="read", **kwargs):
        if self._scr_thread():
            # no token, hash or partner id: only the user's own access rules
            return super()._get_thread_with_access(thread_id, mode=mode)
        return super()._get_thread_with_access(thread_id, mode=mode, **kwargs)
