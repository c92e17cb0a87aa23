"""Catalog facets: indexed as exact strings, counted right, labelled, shown on the page."""
from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from ckan.tests import helpers

from tests.catalog.factories import CatalogDataset, CatalogOrganization

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

FACETS = ["organization", "catalog_theme", "open_type", "sharing_type", "update_cycle",
          "vocab_format", "livelihood_priority"]

ENTRIES: list[dict[str, Any]] = [
    {"classification": "101001", "formats": ["CSV"], "open_type": "unconditional",
     "sharing_type": "unconditional", "update_cycle": "daily", "livelihood_priority": "true"},
    {"classification": "101002", "formats": ["CSV", "XLSX"], "open_type": "conditional",
     "open_condition": "实名申请", "open_reason": "含个人信息", "open_legal_basis": "《个人信息保护法》",
     "sharing_type": "unconditional", "update_cycle": "monthly", "livelihood_priority": "false"},
    {"classification": "205001", "formats": ["JSON"], "open_type": "not_open",
     "open_reason": "涉及安全", "open_legal_basis": "《数据安全法》",
     "sharing_type": "not_shared", "sharing_method": [], "sharing_reason": "涉及安全",
     "sharing_legal_basis": "《数据安全法》", "update_cycle": "monthly",
     "livelihood_priority": "true"},
    {"classification": "205002", "formats": ["XLSX", "API"], "open_type": "unconditional",
     "sharing_type": "conditional", "sharing_condition": "监管用途", "sharing_reason": "敏感",
     "sharing_legal_basis": "《环境保护法》", "update_cycle": "realtime",
     "livelihood_priority": "true"},
]


@pytest.fixture
def catalog() -> list[dict[str, Any]]:
    orgs = [CatalogOrganization(), CatalogOrganization()]
    made = [CatalogDataset(owner_org=orgs[i % 2]["id"], **entry)
            for i, entry in enumerate(ENTRIES)]
    # private entries are not counted for the public
    CatalogDataset(owner_org=orgs[0]["id"], private=True, update_cycle="annual")
    return made


def _expected(datasets: list[dict[str, Any]]) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = {f: Counter() for f in FACETS}
    for d in datasets:
        out["organization"][d["organization"]["name"]] += 1
        out["catalog_theme"][d["classification"][:3]] += 1
        for f in ("open_type", "sharing_type", "update_cycle", "livelihood_priority"):
            out[f][d[f]] += 1
        out["vocab_format"].update(d["formats"])
    return out


def _search(**params: Any) -> dict[str, Any]:
    return helpers.call_action("package_search", {"user": "", "ignore_auth": False},
                               **params)


def test_facet_counts_match_the_catalog(catalog: list[dict[str, Any]]) -> None:
    result = _search(rows=0, **{"facet.field": FACETS, "facet.limit": -1})
    assert result["count"] == len(ENTRIES)
    expected = _expected(catalog)
    for field in FACETS:
        got = {i["name"]: i["count"] for i in result["search_facets"][field]["items"]}
        assert got == dict(expected[field]), field


def test_facet_filters_find_exactly_the_matching_entries(catalog: list[dict[str, Any]]) -> None:
    names = {d["name"] for d in catalog if d["open_type"] == "conditional"}
    found = _search(fq='open_type:"conditional"')["results"]
    assert {d["name"] for d in found} == names
    xlsx = {d["name"] for d in catalog if "XLSX" in d["formats"]}
    assert {d["name"] for d in _search(fq='vocab_format:"XLSX"')["results"]} == xlsx
    base = {d["name"] for d in catalog if d["classification"].startswith("101")}
    assert {d["name"] for d in _search(fq='catalog_theme:"101"')["results"]} == base


def test_facet_items_carry_labels(catalog: list[dict[str, Any]]) -> None:
    facets = _search(rows=0, **{"facet.field": ["open_type", "catalog_theme"]})["search_facets"]
    labels = {i["name"]: i["display_name"] for i in facets["open_type"]["items"]}
    assert labels["conditional"] == "有条件开放"
    themes = {i["name"]: i["display_name"] for i in facets["catalog_theme"]["items"]}
    assert themes["101"] == "人口基础库"


def test_search_page_shows_catalog_facets_and_badges(app, catalog) -> None:  # type: ignore[no-untyped-def]
    page = app.get("/dataset/").body
    for title in ("资源提供方", "基础库/主题", "开放类型", "共享类型", "更新周期", "资源格式", "民生重点"):
        assert title in page
    assert "人口基础库" in page and "有条件开放" in page and "每月" in page
    filtered = app.get("/dataset/", query_string={"open_type": "conditional"}).body
    conditional = [d for d in catalog if d["open_type"] == "conditional"]
    assert conditional[0]["title"] in filtered
    others = [d for d in catalog if d["open_type"] != "conditional"]
    assert all(d["title"] not in filtered for d in others)
    assert 'class="badge bg-primary govopen-open-type" data-open-type="conditional"' in filtered


def test_english_facet_labels(app, catalog) -> None:  # type: ignore[no-untyped-def]
    page = app.get("/en/dataset/").body
    assert "Base library / theme" in page and "Population base library" in page
    assert "Shanxi Test Department" in page  # the providers' English names
