"""Finding 6: repeated wrong passwords lock the account and the address, saying nothing
about whether the account exists."""
from __future__ import annotations

import re

import pytest
from ckan.tests import factories

from tests.security.client import PASSWORD, logged_in_as, login_form, token

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_redis")

LOCKED = "登录失败次数过多"


def test_twenty_wrong_passwords_then_the_right_one_is_refused(app, ckan_config, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(ckan_config, "ckanext.govopen.login_max_failures", 5)
    user = factories.User(password=PASSWORD)
    client = app.test_client()
    statuses = [login_form(client, user["name"], "wrong-password").status_code
                for _ in range(20)]
    assert statuses[:5] == [401] * 5
    assert set(statuses[5:]) == {429}

    res = login_form(client, user["name"])
    assert res.status_code == 429
    assert LOCKED in res.body
    assert int(res.headers["Retry-After"]) > 0
    assert not logged_in_as(client, user["name"])


def test_an_unknown_account_locks_and_answers_exactly_like_a_real_one(app, ckan_config, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(ckan_config, "ckanext.govopen.login_max_failures", 3)
    user = factories.User(password=PASSWORD)
    real, ghost = app.test_client(), app.test_client()
    answers = []
    for name, client, address in ((user["name"], real, "10.2.0.1"), ("nobody-here", ghost, "10.2.0.2")):
        answers.append([(r.status_code, _message(r.body)) for r in
                        (login_form(client, name, "wrong", address=address) for _ in range(4))])
    assert answers[0] == answers[1]
    assert [status for status, _ in answers[0]] == [401, 401, 401, 429]


def test_one_address_trying_many_accounts_is_locked(app, ckan_config, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(ckan_config, "ckanext.govopen.login_max_failures_per_address", 4)
    user = factories.User(password=PASSWORD)
    client = app.test_client()
    for i in range(4):
        assert login_form(client, f"guess-{i}", "wrong", address="10.3.0.1").status_code == 401
    assert login_form(client, user["name"], address="10.3.0.1").status_code == 429
    # Another address is not affected, and the right password logs in there.
    assert login_form(client, user["name"], address="10.3.0.2").status_code == 302
    assert logged_in_as(client, user["name"])


def test_the_lock_message_in_english(app) -> None:  # type: ignore[no-untyped-def]
    client = app.test_client()
    for _ in range(6):
        page = client.get("/en/user/login", environ_base={"REMOTE_ADDR": "10.4.0.1"})
        res = client.post("/en/user/login", environ_base={"REMOTE_ADDR": "10.4.0.1"},
                          data={"login": "someone", "password": "x", "_csrf_token": token(page.body)})
    assert res.status_code == 429
    assert "Too many failed logins" in res.body


def test_a_bad_remember_value_is_a_400_not_a_500(app) -> None:  # type: ignore[no-untyped-def]
    user = factories.User(password=PASSWORD)
    client = app.test_client()
    res = login_form(client, user["name"], remember="forever")
    assert res.status_code == 400


def _message(body: str) -> str:
    match = re.search(r'class="alert[^"]*alert-error[^"]*"[^>]*>(.*?)</div>', body, re.DOTALL)
    return re.sub(r"<[^>]+>|\s+", " ", match.group(1)).strip() if match else ""


def test_behind_a_proxy_the_forwarded_address_is_counted(app, ckan_config, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(ckan_config, "ckanext.govopen.trusted_proxy_hops", 1)
    monkeypatch.setitem(ckan_config, "ckanext.govopen.login_max_failures_per_address", 2)
    user = factories.User(password=PASSWORD)
    client = app.test_client()

    def attempt(name: str, password: str, client_address: str) -> int:
        page = client.get("/user/login")
        # The client's own claim first, then what the proxy appended.
        forwarded = {"X-Forwarded-For": f"1.2.3.4, {client_address}"}
        return client.post("/user/login", headers=forwarded, follow_redirects=False, data={
            "login": name, "password": password, "_csrf_token": token(page.body)}).status_code

    assert [attempt(f"x{i}", "wrong", "203.0.113.7") for i in range(3)] == [401, 401, 429]
    # Another client behind the same proxy is not locked out by the first one.
    assert attempt(user["name"], PASSWORD, "203.0.113.8") == 302
