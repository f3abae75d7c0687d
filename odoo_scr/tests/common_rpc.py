import json
from datetime import datetime, timedelta

from odoo.tests import HttpCase

from odoo.tests import new_test_user

from .common import ScrCase


class ScrRpcCase(HttpCase, ScrCase):
    """Call the server as a client does, as a given user: JSON-RPC on
    ``/web/dataset/call_kw`` with that user's session, and ``/json/2`` with that
    user's API key. Each call returns what the client would see, so a test of a
    refusal proves it through the path an attacker would take. ``other_coordinator``
    is the coordinator of another partnership, the outsider of every attack."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        other = cls.env["res.company"].create({"name": "Westshire SCP"})
        cls.users["other_coordinator"] = new_test_user(
            cls.env,
            login="westshire_coordinator",
            groups="odoo_scr.group_scr_coordinator",
            company_id=other.id,
            lang="en_GB",
            company_ids=[other.id],
        )

    def call_kw(self, user, model, method, args, kwargs=None):
        """``(result, error)`` of ``model.method(*args, **kwargs)`` sent by ``user``'s
        browser session; ``error`` is the JSON-RPC error's ``data`` (``name``,
        ``message``) or None. The server answers an error with HTTP 200, as Odoo does."""
        self.authenticate(user.login, user.login)
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "model": model,
                        "method": method,
                        "args": args,
                        "kwargs": kwargs or {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200, response.text[:500])
        body = response.json()
        return body.get("result"), body.get("error", {}).get("data")

    def json2(self, user, model, method, **params):
        """``(HTTP status, decoded body)`` of ``POST /json/2/<model>/<method>`` sent with
        ``user``'s API key (the external API of Odoo 19)."""
        self.authenticate(None, None)
        key = (
            self.env["res.users.apikeys"]
            .with_user(user)
            ._generate("rpc", "scr test", datetime.now() + timedelta(days=1))
        )
        response = self.url_open(
            f"/json/2/{model}/{method}",
            data=json.dumps(params),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"},
        )
        return response.status_code, response.json()

    def assertRefused(self, outcome, *words):
        """``outcome`` of ``call_kw`` is an Access, User or Validation error whose message
        holds each of ``words``."""
        _result, error = outcome
        self.assertTrue(error, f"the server accepted the call: {outcome!r}")
        self.assertIn(
            error["name"],
            (
                "odoo.exceptions.AccessError",
                "odoo.exceptions.UserError",
                "odoo.exceptions.ValidationError",
            ),
            error,
        )
        for word in words:
            self.assertIn(word, error["message"])

    def assertRefusedJson2(self, outcome, *words):
        """``outcome`` of ``json2`` is a 4xx refusal whose message holds each of ``words``."""
        status, body = outcome
        self.assertGreaterEqual(status, 400, body)
        self.assertLess(status, 500, body)
        for word in words:
            self.assertIn(word, body["message"])
