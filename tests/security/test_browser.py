"""The Content-Security-Policy leaves CKAN's own pages and JavaScript working."""
from __future__ import annotations

import pytest
from ckan.tests import factories

from tests.browser.session import PASSWORD, login
from tests.catalog.factories import CatalogDataset, CatalogOrganization

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("with_plugins", "clean_db",
                                                           "clean_index", "clean_redis")]


def test_pages_run_without_policy_violations(live_server: str, page) -> None:  # type: ignore[no-untyped-def]
    editor = factories.User(password=PASSWORD)
    org = CatalogOrganization(users=[{"name": editor["name"], "capacity": "editor"}])
    problems: list[str] = []
    # Organization images link to other hosts, which this closed network cannot reach:
    # failed loads are not the policy's doing, everything else logged as an error is.
    page.on("console", lambda m: problems.append(m.text)
            if m.type == "error" and "net::ERR_" not in m.text else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    login(page, live_server, editor)
    for path in ("/", "/dataset/", "/dataset/new", "/organization/", "/user/_security/totp"):
        response = page.goto(f"{live_server}{path}")
        assert response is not None and response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert "server" not in response.headers, "gunicorn's banner is dropped"
        page.wait_for_load_state("networkidle")
    # CKAN's modules started on the dataset form (they remove the data item template).
    page.goto(f"{live_server}/dataset/new")
    page.locator("div[name=repeating-template]").wait_for(state="detached")
    # The inline handlers of CKAN's resource form run (allowed by hash).
    dataset = CatalogDataset(owner_org=org["id"])
    page.goto(f"{live_server}/dataset/{dataset['name']}/resource/new")
    page.click("#resource-link-button")
    page.fill("#field-resource-url", "https://data.example.gov.cn/air.csv")
    assert problems == [], "\n".join(problems)
