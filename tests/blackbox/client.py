"""A client of the odoo_scr server, as the web client, an integration or a browser is one.

``Client.call_kw`` posts JSON-RPC to ``/web/dataset/call_kw`` with the user's session
cookie and the context the web client sends; ``Client.json2`` posts to ``/json/2`` with
the user's API key; ``Client.get`` and ``Client.post_form`` are the portal pages and
their forms (with the CSRF token a browser sends). An error answered by the server is
raised as ``RpcError`` with the name of Odoo's exception (``odoo.exceptions.AccessError``).
"""

import json
import re
from itertools import count

import pytest
import requests

TIMEOUT = 120
REFUSALS = ("AccessError", "UserError", "ValidationError")
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"|csrf_token\s*:\s*"([^"]+)"')


class RpcError(Exception):
    """An error the server answered: ``name`` is Odoo's exception (module and class),
    ``status`` the HTTP status (200 for JSON-RPC, which reports errors in the body)."""

    def __init__(self, name, message, status=200):
        super().__init__(f"{name}: {message} (HTTP {status})")
        self.name, self.message, self.status = name, message, status

    @property
    def kind(self):
        return self.name.rsplit(".", 1)[-1]


class Client:
    def __init__(self, server, login=None, password=None):
        self.server = server
        self.login = login
        self.http = requests.Session()
        self.context = {}
        self.uid = None
        self._ids = count(1)
        self._csrf = None
        if login:
            info = self.jsonrpc(
                "/web/session/authenticate",
                {"db": server.db, "login": login, "password": password or login},
            )
            self.uid = info["uid"]
            company = info.get("user_companies", {}).get("current_company")
            self.context = dict(info.get("user_context", {}))
            if company:
                self.context["allowed_company_ids"] = [company]

    def __repr__(self):
        return f"<Client {self.login or 'anonymous'} of {self.server.url}>"

    # -- JSON-RPC, as the web client ------------------------------------------------
    def jsonrpc(self, path, params):
        response = self.http.post(
            self.server.url + path,
            json={"jsonrpc": "2.0", "method": "call", "id": next(self._ids), "params": params},
            timeout=TIMEOUT,
        )
        response.raise_for_status()
        body = response.json()
        if "error" in body:
            data = body["error"].get("data") or {}
            raise RpcError(
                data.get("name", body["error"].get("message", "?")),
                data.get("message", json.dumps(body["error"])),
            )
        return body.get("result")  # Odoo leaves it out when the method returned None

    def call_kw(self, model, method, args=(), kwargs=None, context=None):
        """``model.method(*args, **kwargs)`` as the web client calls it, with its context
        (``lang``, ``tz``, ``uid``, ``allowed_company_ids``) and ``context`` on top."""
        kwargs = dict(kwargs or {})
        kwargs["context"] = {**self.context, **kwargs.get("context", {}), **(context or {})}
        return self.jsonrpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    # -- /json/2, as an integration ---------------------------------------------------
    def json2(self, model, method, **params):
        """``POST /json/2/<model>/<method>`` with this user's API key; ``ids`` and
        ``context`` go in ``params`` as the endpoint wants them."""
        key = self.server.api_keys[self.login]
        response = requests.post(
            f"{self.server.url}/json/2/{model}/{method}",
            json=params,
            headers={"Authorization": f"bearer {key}", "X-Odoo-Database": self.server.db},
            timeout=TIMEOUT,
        )
        body = response.json() if response.content else None
        if response.status_code >= 400:
            body = body or {}
            raise RpcError(
                body.get("name", f"HTTP {response.status_code}"),
                body.get("message", response.text[:500]),
                response.status_code,
            )
        return body

    # -- pages and forms, as a browser -------------------------------------------------
    def get(self, path, **kwargs):
        kwargs.setdefault("timeout", TIMEOUT)
        return self.http.get(self.server.url + path, **kwargs)

    def csrf_token(self):
        if self._csrf is None:
            match = CSRF.search(self.get("/my").text)
            assert match, "no CSRF token on /my"
            self._csrf = match.group(1) or match.group(2)
        return self._csrf

    def post_form(self, path, data=None, files=None, **kwargs):
        """A form posted by the browser: its fields, ``files`` as ``{field: [(name,
        bytes, mimetype)]}``, and the CSRF token of the session."""
        kwargs.setdefault("timeout", TIMEOUT)
        upload = [
            (field, (name, content, mimetype))
            for field, items in (files or {}).items()
            for name, content, mimetype in items
        ]
        return self.http.post(
            self.server.url + path,
            data={**(data or {}), "csrf_token": self.csrf_token()},
            files=upload or None,
            **kwargs,
        )


def refused(call, *args, **kwargs):
    """Run ``call`` and return the refusal it must end in: an ``RpcError`` whose name is
    an AccessError, a UserError or a ValidationError (for /json/2, with a 4xx status)."""
    with pytest.raises(RpcError) as caught:
        result = call(*args, **kwargs)
        pytest.fail(f"the server accepted the call, answering {result!r}")
    error = caught.value
    assert error.kind in REFUSALS, f"not a refusal: {error}"
    assert error.status == 200 or 400 <= error.status < 500, f"not a refusal: {error}"
    return error
