"""The catalog directory: exactly the public entries, every column, CSV and XLSX."""
from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from ckan.tests import helpers
from ckanext.govopen.catalog import directory
from openpyxl import load_workbook

from tests.catalog.factories import CatalogDataset, CatalogOrganization

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


@pytest.fixture
def entries() -> dict[str, list[dict[str, Any]]]:
    org = CatalogOrganization()
    restricted = {
        "classification": "101001", "sharing_type": "conditional",
        "sharing_condition": "仅限户籍管理用途", "sharing_reason": "含个人信息",
        "sharing_legal_basis": "《个人信息保护法》", "open_type": "conditional",
        "open_condition": "实名申请并说明用途", "open_reason": "含个人信息",
        "open_legal_basis": "《山西省政务数据管理与应用办法》第十三条",
        "related_resource_codes": ["11140000MB0000001B-101001-0002"],
    }
    public = [CatalogDataset(owner_org=org["id"]),
              CatalogDataset(owner_org=org["id"], **restricted)]
    private = [CatalogDataset(owner_org=org["id"], private=True)]
    draft = [CatalogDataset(owner_org=org["id"], state="draft")]
    deleted = CatalogDataset(owner_org=org["id"])
    helpers.call_action("package_delete", {"user": helpers.call_action("get_site_user")["name"]},
                        id=deleted["id"])
    return {"public": public, "hidden": [*private, *draft, deleted]}


def test_action_lists_exactly_the_public_entries(entries: dict[str, list[dict[str, Any]]]) -> None:
    result = helpers.call_action("govopen_catalog_directory", {"user": ""}, lang="zh_Hans_CN")
    codes = [r["resource_code"] for r in result["rows"]]
    assert sorted(codes) == sorted(d["resource_code"] for d in entries["public"])
    assert result["count"] == 2
    assert [c["key"] for c in result["columns"]] == directory.KEYS
    assert result["columns"][0]["label"] == "信息资源代码"
    full = next(r for r in result["rows"] if r["classification_code"] == "101001")
    assert all(full.values()), [k for k, v in full.items() if not v]
    assert full["open_type"] == "有条件开放"
    assert full["provider"] == entries["public"][0]["organization"]["title"]


def test_api_users_get_it_over_http(app, entries) -> None:  # type: ignore[no-untyped-def]
    res = app.get("/api/3/action/govopen_catalog_directory", query_string={"lang": "en"})
    assert res.status_code == 200
    assert res.json["result"]["columns"][0]["label"] == "Resource code"
    assert res.json["result"]["count"] == 2


def test_csv_download(app, entries) -> None:  # type: ignore[no-untyped-def]
    res = app.get("/catalog/directory.csv")
    assert res.status_code == 200
    assert res.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in res.headers["Content-Disposition"]
    table = list(csv.reader(io.StringIO(res.data.decode("utf-8-sig"))))
    assert table[0] == directory.headers("zh_Hans_CN")
    assert len(table) == 3
    titles = {r[directory.KEYS.index("title")] for r in table[1:]}
    assert titles == {d["title"] for d in entries["public"]}


def test_xlsx_download(app, entries) -> None:  # type: ignore[no-untyped-def]
    res = app.get("/en/catalog/directory.xlsx")
    assert res.status_code == 200
    ws = load_workbook(io.BytesIO(res.data)).active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == directory.headers("en")
    assert len(rows) == 3


def test_unknown_format_is_not_found(app) -> None:  # type: ignore[no-untyped-def]
    assert app.get("/catalog/directory.pdf").status_code == 404


def test_search_page_links_the_directory(app) -> None:  # type: ignore[no-untyped-def]
    page = app.get("/dataset/").body
    assert "/catalog/directory.csv" in page and "/catalog/directory.xlsx" in page
