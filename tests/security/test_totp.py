"""Finding 6: optional TOTP two-factor login for organization staff and sysadmins."""
from __future__ import annotations

import re
import time

import pyotp
import pytest
from ckan import model
from ckan.tests import factories

from tests.catalog.factories import CatalogOrganization
from tests.security.client import PASSWORD, logged_in_as, login_form, token

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_redis")


def _enrol(client) -> str:  # type: ignore[no-untyped-def]
    page = client.get("/user/_security/totp")
    assert page.status_code == 200
    secret = re.search(r'id="govopen-totp-secret">([A-Z2-7]+)<', page.body).group(1)
    res = client.post("/user/_security/totp", data={
        "action": "enrol", "code": pyotp.TOTP(secret).now(), "_csrf_token": token(page.body)})
    assert res.status_code == 200
    assert "双因素认证已开启" in res.body
    return secret


def _editor() -> dict:  # type: ignore[type-arg]
    user = factories.User(password=PASSWORD)
    CatalogOrganization(users=[{"name": user["name"], "capacity": "editor"}])
    return user


def test_an_enrolled_editor_needs_the_code(app) -> None:  # type: ignore[no-untyped-def]
    user = _editor()
    client = app.test_client()
    login_form(client, user["name"])
    secret = _enrol(client)
    client.get("/user/_logout")

    stored = model.User.get(user["name"]).plugin_extras["govopen_totp"]["secret"]
    assert secret not in stored, "the secret is not stored in clear text"

    other = app.test_client()
    without = login_form(other, user["name"])
    assert without.status_code == 401
    assert "用户名、密码或验证码错误" in without.body
    assert login_form(other, user["name"], govopen_totp="000000").status_code == 401
    assert not logged_in_as(other, user["name"])

    # The enrolment used this period's code; the next period's is accepted (clock drift).
    code = pyotp.TOTP(secret).at(time.time() + 30)
    assert login_form(other, user["name"], govopen_totp=code).status_code == 302
    assert logged_in_as(other, user["name"])
    # The same code does not let a second login in (it was seen in use).
    assert login_form(app.test_client(), user["name"], govopen_totp=code,
                      address="10.9.0.2").status_code == 401


def test_a_wrong_code_on_enrolment_keeps_it_off(app) -> None:  # type: ignore[no-untyped-def]
    user = _editor()
    client = app.test_client()
    login_form(client, user["name"])
    page = client.get("/user/_security/totp")
    res = client.post("/user/_security/totp", data={
        "action": "enrol", "code": "12345x", "_csrf_token": token(page.body)})
    assert res.status_code == 400
    assert "验证码错误或已被使用" in res.body
    assert "govopen_totp" not in (model.User.get(user["name"]).plugin_extras or {})


def test_a_plain_account_cannot_enrol(app) -> None:  # type: ignore[no-untyped-def]
    user = factories.User(password=PASSWORD)
    client = app.test_client()
    login_form(client, user["name"])
    assert client.get("/user/_security/totp").status_code == 403


def test_sysadmins_are_sent_to_enrol_when_required(app, ckan_config, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(ckan_config, "ckanext.govopen.totp_required_for_sysadmins", True)
    admin = factories.Sysadmin(password=PASSWORD)
    client = app.test_client()
    assert login_form(client, admin["name"]).status_code == 302
    res = client.get("/dataset/", follow_redirects=False)
    assert res.status_code == 302 and res.headers["Location"].endswith("/user/_security/totp")
    _enrol(client)
    assert client.get("/dataset/", follow_redirects=False).status_code == 200
    # API tokens are not affected.
    token_ = factories.APIToken(user=factories.Sysadmin()["name"])["token"]
    assert app.get("/api/3/action/status_show", headers={"Authorization": token_}).status_code == 200
