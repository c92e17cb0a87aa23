"""A browser-like test client: keeps cookies, reads CSRF tokens, logs in by the form."""
from __future__ import annotations

import re
from typing import Any

PASSWORD = "Correct-Horse-9"


def token(html: str) -> str:
    match = re.search(r'name="_csrf_token" value="([^"]+)"', html)
    assert match, "the page carries a CSRF token"
    return match.group(1)


def login_form(client: Any, login: str, password: str = PASSWORD, *, address: str = "10.1.0.1",
               **fields: str) -> Any:
    """Posts the login form as a browser would (token from the page just fetched)."""
    page = client.get("/user/login", environ_base={"REMOTE_ADDR": address})
    data = {"login": login, "password": password, "_csrf_token": token(page.body), **fields}
    return client.post("/user/login", data=data, environ_base={"REMOTE_ADDR": address},
                       follow_redirects=False)


def cookies(client: Any) -> dict[str, str]:
    return {c.key: c.value for c in client._cookies.values()}


def logged_in_as(client: Any, name: str, replay: dict[str, str] | None = None) -> bool:
    """Whether the client's cookies (or only the `replay` ones, sent by hand as another
    browser would) open `name`'s dashboard; anonymous gets a redirect."""
    headers = {}
    if replay is not None:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in replay.items())
    res = client.get("/dashboard/datasets", follow_redirects=False, headers=headers)
    return res.status_code == 200 and f"/user/{name}" in res.body
