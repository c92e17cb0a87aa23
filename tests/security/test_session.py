"""Finding 7: logging out ends the session on the server; replayed cookies are anonymous."""
from __future__ import annotations

import pytest
from ckan.tests import factories

from tests.security.client import PASSWORD, cookies, logged_in_as, login_form

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_redis")


def _replay(app, name: str, stolen: dict[str, str]) -> bool:  # type: ignore[no-untyped-def]
    return logged_in_as(app.test_client(use_cookies=False), name, stolen)


@pytest.mark.parametrize("remember", [None, "63072000"])
def test_cookies_copied_before_logout_are_anonymous_after_it(app, remember) -> None:  # type: ignore[no-untyped-def]
    user = factories.User(password=PASSWORD)
    client = app.test_client()
    extra = {"remember": remember} if remember else {}
    assert login_form(client, user["name"], **extra).status_code == 302
    stolen = cookies(client)
    assert "ckan" in stolen
    assert ("remember_token" in stolen) == bool(remember)
    assert _replay(app, user["name"], stolen), "a copy works while logged in"

    client.get("/user/_logout")
    assert not logged_in_as(client, user["name"])
    assert not _replay(app, user["name"], stolen)


def test_the_remember_cookie_alone_logs_in_until_logout(app) -> None:  # type: ignore[no-untyped-def]
    user = factories.User(password=PASSWORD)
    client = app.test_client()
    login_form(client, user["name"], remember="63072000")
    stolen = {k: v for k, v in cookies(client).items() if k != "ckan"}
    assert _replay(app, user["name"], stolen), "remember me keeps working"
    client.get("/user/_logout")
    assert not _replay(app, user["name"], stolen)
    # Without our nonce the bare flask-login cookie is refused too.
    bare = {k: v for k, v in stolen.items() if k == "remember_token"}
    assert not _replay(app, user["name"], bare)
