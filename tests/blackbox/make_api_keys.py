"""Print, as JSON, an API key for each demo user of a database: ``{login: key}``.

Run before the black-box server starts, with the Odoo options of that database
(``python3 make_api_keys.py -d DB --db_host=... --addons-path=...``). Odoo makes no key
over RPC without the user typing their password again; here the keys are made through
the registry, as the user (valid one day, scope ``rpc``: what ``/json/2`` checks).
"""

import json
import sys
from datetime import datetime, timedelta

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

LOGINS = ("admin", "coordinator", "chair", "reviewer", "manager", "police", "health")


def main(argv):
    config.parse_config(argv)
    db = config["db_name"]
    db = db[0] if isinstance(db, list) else db
    keys = {}
    with Registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        for user in env["res.users"].search([("login", "in", LOGINS)]):
            keys[user.login] = (
                env["res.users.apikeys"]
                .with_user(user)
                .sudo()
                ._generate("rpc", "odoo_scr black-box tests", datetime.now() + timedelta(days=1))
            )
    print(json.dumps(keys))


if __name__ == "__main__":
    main(sys.argv[1:])
