from odoo import api, models

# Where each role lands after login, most senior role first: the chair on what awaits
# their sign-off and what is late, a coordinator (and a manager, who is one) on every
# statutory deadline of the partnership, a reviewer on their reviews' milestones.
HOME_ACTIONS = (
    ("odoo_scr.group_scr_chair", "odoo_scr.scr_deadline_action_chair"),
    ("odoo_scr.group_scr_coordinator", "odoo_scr.scr_deadline_action"),
    ("odoo_scr.group_scr_reviewer", "odoo_scr.scr_deadline_action_reviewer"),
)


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._scr_set_home_action()
        return users

    def write(self, vals):
        result = super().write(vals)
        if "group_ids" in vals:
            self._scr_set_home_action()
        return result

    def _scr_set_home_action(self):
        """Give a user who joins a case review role that role's home, without hand work.

        Only a user with no home action of their own gets one: a home chosen by the user
        or an administrator is kept, and so is this one when the user changes role later.
        """
        for user in self.filtered(lambda u: not u.action_id and not u.share):
            action = next(
                (
                    self.env.ref(action_xmlid, raise_if_not_found=False)
                    for group_xmlid, action_xmlid in HOME_ACTIONS
                    if user.has_group(group_xmlid)
                ),
                None,
            )
            if action:
                user.sudo().write({"action_id": action.id})
