"""Finding 5: forms need CKAN's CSRF token, extension routes and the login form included."""
from __future__ import annotations

import pytest
from ckan import model
from ckan.tests import factories

from tests.catalog.factories import CatalogOrganization
from tests.security.client import PASSWORD, logged_in_as, login_form, token

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_redis")


def test_login_without_token_is_refused_and_with_it_works(app) -> None:  # type: ignore[no-untyped-def]
    user = factories.User(password=PASSWORD)
    client = app.test_client()
    client.get("/user/login")
    forged = client.post("/user/login", data={"login": user["name"], "password": PASSWORD},
                         follow_redirects=False)
    assert forged.status_code == 400
    assert not logged_in_as(client, user["name"])

    assert login_form(client, user["name"]).status_code == 302
    assert logged_in_as(client, user["name"])


def test_dataset_form_from_another_origin_is_refused(app) -> None:  # type: ignore[no-untyped-def]
    editor = factories.User(password=PASSWORD)
    org = CatalogOrganization(users=[{"name": editor["name"], "capacity": "editor"}])
    client = app.test_client()
    assert login_form(client, editor["name"]).status_code == 302
    fields = {"name": "csrf-forged", "title": "伪造的数据集", "owner_org": org["id"],
              "save": ""}

    forged = client.post("/dataset/new", data=fields, follow_redirects=False)
    assert forged.status_code == 400
    assert model.Package.get("csrf-forged") is None

    # The same form with the token from the page gets past CSRF to the catalog validation.
    page = client.get("/dataset/new")
    res = client.post("/dataset/new", data={**fields, "_csrf_token": token(page.body)})
    assert res.status_code == 200
    assert "error-explanation" in res.body
