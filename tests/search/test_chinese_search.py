"""Searching the demo catalog the way people in China type, through a real CKAN."""
from __future__ import annotations

import re
import time
from typing import Any

import pytest
from ckan.logic import NotAuthorized
from ckan.tests import factories, helpers

from tests.searchd.judged import ISSUE_EXAMPLES

seed_generate = pytest.importorskip("seed.generate")
seed_load = pytest.importorskip("seed.load")

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def _names(q: str) -> list[str]:
    result = helpers.call_action("package_search", {"user": ""}, q=q, rows=20)
    return [d["name"] for d in result["results"]]


def _csrf(html: str) -> str:
    found = re.search(r'name="_csrf_token" value="([^"]+)"', html)
    assert found, "the form carries CKAN's CSRF token"
    return found.group(1)


def test_the_demo_catalog_answers_traditional_pinyin_abbreviations_and_suggestions(
        app: Any) -> None:
    """One test, as loading the demo catalog takes a while."""
    root = factories.Sysadmin(name="admin")
    seed_load.load(seed_generate.build(), seed_load.Loader("admin", out=lambda _line: None))

    for query, full in ISSUE_EXAMPLES.items():
        expected, got = _names(full), _names(query)
        assert expected, full
        assert got[:1] == expected[:1], (query, got, expected)
        assert set(expected) <= set(got), query
    assert _names("发改委")[0] in {"major-projects", "credit-commitments",
                                  "administrative-licensing-publicity",
                                  "vegetable-retail-prices", "energy-consumption"}

    for typed in ("医疗机", "醫療", "yiliaoj", "yljg"):
        found = helpers.call_action("package_autocomplete", {"user": ""}, q=typed)
        assert "medical-institutions" in [f["name"] for f in found], typed

    page = app.get("/dataset/")
    assert 'data-module="autocomplete"' in page.text
    _synonyms_page(app, root)


def _synonyms_page(app: Any, root: dict[str, Any]) -> None:
    assert _names("检疫站") == []
    token = helpers.call_action("api_token_create", {"user": root["name"]},
                                user=root["name"], name="t")["token"]
    client = app.test_client()
    headers = {"Authorization": token}
    page = client.get("/ckan-admin/synonyms", headers=headers)
    assert page.status_code == 200 and "发改委, 发展和改革委员会" in page.text
    bad = client.post("/ckan-admin/synonyms", headers=headers,
                      data={"_csrf_token": _csrf(page.text), "text": "检疫站"})
    assert bad.status_code == 200 and "第 1 行" in bad.text
    client.post("/ckan-admin/synonyms", headers=headers,
                data={"_csrf_token": _csrf(page.text), "text": "检疫站 => 预防接种门诊\n"})
    try:
        # searchd notices the changed file within its recheck interval (2 s)
        deadline = time.monotonic() + 10
        while _names("检疫站") != ["vaccination-clinics"] and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _names("检疫站") == ["vaccination-clinics"]
    finally:  # the file outlives this test's database
        helpers.call_action("govopen_search_synonyms_update", {"user": root["name"]}, text="")

    user = factories.User()
    user_token = helpers.call_action("api_token_create", {"user": user["name"]},
                                     user=user["name"], name="t")["token"]
    assert client.get("/ckan-admin/synonyms",
                      headers={"Authorization": user_token}).status_code == 403
    with pytest.raises(NotAuthorized):
        helpers.call_action("govopen_search_synonyms_update",
                            {"user": user["name"], "ignore_auth": False}, text="a, b")
